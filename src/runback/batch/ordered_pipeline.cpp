#include <runback/batch/ordered_pipeline.hpp>

namespace runback::batch {

OrderedPipeline::OrderedPipeline(unsigned jobs, Work work, Write write)
    : m_jobs(jobs < 1 ? 1 : jobs), m_work(std::move(work)), m_write(std::move(write)) {
    // Enough batches in flight to keep every worker busy while one is read and one written.
    const unsigned count = m_jobs == 1 ? 1 : 2 * m_jobs + 2;
    for (unsigned i = 0; i < count; ++i) {
        m_batches.push_back(std::make_unique<RecordBatch>());
        m_free.push_back(m_batches.back().get());
    }
    if (m_jobs == 1) return;
    // The caller's thread works too, whenever it has read ahead as far as the batches allow
    // (see acquire), so jobs - 1 workers keep `jobs` cores busy; one thread more than cores
    // cost CPU time in switching between them.
    for (unsigned i = 0; i + 1 < m_jobs; ++i) m_threads.emplace_back([this] { work_loop(); });
}

OrderedPipeline::~OrderedPipeline() {
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
        m_stopped = true;
    }
    wake_all();
    for (auto& thread : m_threads) thread.join();
}

void OrderedPipeline::wake_all() {
    m_free_ready.notify_all();
    m_work_ready.notify_all();
}

RecordBatch* OrderedPipeline::acquire() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_stopped || m_error) return nullptr;
        if (!m_free.empty()) break;
        if (m_pending.empty()) {
            m_free_ready.wait(lock);
            continue;
        }
        // Every batch is taken: rather than wait, work on one that is waiting for a worker.
        RecordBatch* pending = m_pending.front();
        m_pending.pop_front();
        lock.unlock();
        const bool worked = work_on(pending);
        lock.lock();
        if (!worked) return nullptr;
    }
    RecordBatch* batch = m_free.front();
    m_free.pop_front();
    batch->clear();
    return batch;
}

void OrderedPipeline::submit(RecordBatch* batch) {
    if (m_jobs == 1) {
        // One job: work and write right here, in order by construction.
        batch->sequence = m_next_sequence++;
        m_work(*batch);
        const bool go_on = m_write(*batch);
        std::lock_guard lock(m_mutex);
        m_free.push_back(batch);
        if (!go_on) m_stopped = true;
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        batch->sequence = m_next_sequence++;
        m_pending.push_back(batch);
    }
    m_work_ready.notify_one();
}

void OrderedPipeline::fail(std::exception_ptr error) {
    if (!m_error) m_error = error;
    m_stopped = true;
    wake_all();
}

void OrderedPipeline::work_loop() {
    for (;;) {
        RecordBatch* batch = nullptr;
        {
            std::unique_lock lock(m_mutex);
            m_work_ready.wait(lock, [&] { return !m_pending.empty() || m_closing || m_stopped; });
            if (m_stopped || m_pending.empty()) return;
            batch = m_pending.front();
            m_pending.pop_front();
        }
        if (!work_on(batch)) return;
    }
}

bool OrderedPipeline::work_on(RecordBatch* batch) {
    std::exception_ptr failure;
    try {
        m_work(*batch);
    } catch (...) {
        failure = std::current_exception();
    }
    std::unique_lock lock(m_mutex);
    if (failure) {
        fail(failure);
        return false;
    }
    m_done.emplace(batch->sequence, batch);
    return write_ready(lock);
}

bool OrderedPipeline::write_ready(std::unique_lock<std::mutex>& lock) {
    // The writing thread looks again after each batch, so a batch done meanwhile by another
    // thread (which saw m_writing and left it) is written too.
    while (!m_writing && !m_stopped) {
        const auto next = m_done.find(m_next_to_write);
        if (next == m_done.end()) break;
        RecordBatch* batch = next->second;
        m_done.erase(next);
        m_writing = true;
        lock.unlock();
        bool go_on = false;
        std::exception_ptr failure;
        try {
            go_on = m_write(*batch);
        } catch (...) {
            failure = std::current_exception();
        }
        lock.lock();
        m_writing = false;
        if (failure) {
            fail(failure);   // stopped before another thread can take up the writing
            return false;
        }
        ++m_next_to_write;
        m_free.push_back(batch);
        if (!go_on) {
            m_stopped = true;
            wake_all();
            break;
        }
        m_free_ready.notify_one();
    }
    return true;
}

void OrderedPipeline::finish() {
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    wake_all();
    for (auto& thread : m_threads) thread.join();
    m_threads.clear();
    std::lock_guard lock(m_mutex);
    if (m_error) std::rethrow_exception(m_error);
}

}  // namespace runback::batch
