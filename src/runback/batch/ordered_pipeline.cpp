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
    for (unsigned i = 0; i < m_jobs; ++i) m_threads.emplace_back([this] { work_loop(); });
    m_threads.emplace_back([this] { write_loop(); });
}

OrderedPipeline::~OrderedPipeline() {
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
        m_stopped = true;
    }
    m_changed.notify_all();
    for (auto& thread : m_threads) thread.join();
}

RecordBatch* OrderedPipeline::acquire() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return !m_free.empty() || m_stopped || m_error; });
    if (m_stopped || m_error) return nullptr;
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
    m_changed.notify_all();
}

void OrderedPipeline::fail(std::exception_ptr error) {
    {
        std::lock_guard lock(m_mutex);
        if (!m_error) m_error = error;
        m_stopped = true;
    }
    m_changed.notify_all();
}

void OrderedPipeline::work_loop() {
    for (;;) {
        RecordBatch* batch = nullptr;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return !m_pending.empty() || m_closing || m_stopped; });
            if (m_stopped || m_pending.empty()) return;
            batch = m_pending.front();
            m_pending.pop_front();
        }
        try {
            m_work(*batch);
        } catch (...) {
            fail(std::current_exception());
            return;
        }
        {
            std::lock_guard lock(m_mutex);
            m_done.emplace(batch->sequence, batch);
        }
        m_changed.notify_all();
    }
}

void OrderedPipeline::write_loop() {
    for (;;) {
        RecordBatch* batch = nullptr;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] {
                return m_done.count(m_next_to_write) || m_stopped ||
                       (m_closing && m_next_to_write == m_next_sequence);
            });
            if (m_stopped || !m_done.count(m_next_to_write)) return;
            batch = m_done.at(m_next_to_write);
            m_done.erase(m_next_to_write);
        }
        bool go_on = false;
        try {
            go_on = m_write(*batch);
        } catch (...) {
            fail(std::current_exception());
            return;
        }
        {
            std::lock_guard lock(m_mutex);
            ++m_next_to_write;
            m_free.push_back(batch);
            if (!go_on) m_stopped = true;
        }
        m_changed.notify_all();
    }
}

void OrderedPipeline::finish() {
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    for (auto& thread : m_threads) thread.join();
    m_threads.clear();
    std::lock_guard lock(m_mutex);
    if (m_error) std::rethrow_exception(m_error);
}

}  // namespace runback::batch
