#pragma once
// Spreads work on batches over threads while keeping input order: the caller fills batches
// one after another, workers (and the caller, when it is ahead) process them in any order, and
// each batch is written in the order they were filled, by whichever thread has just finished
// the next one to write (one at a time). With one job nothing runs on another thread.
//
// No thread of its own writes: woken for every batch, it would take a core from a worker
// (a thread more than cores) and cost as much in switching as the writing itself.

#include <runback/batch/record_batch.hpp>

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace runback::batch {

class OrderedPipeline {
public:
    using Work = std::function<void(RecordBatch&)>;
    // Returns false to stop the run early (for example --max-errors reached, or output closed).
    // Called on whichever thread finished the batch (a worker, or the caller within acquire()
    // or submit()), never on two at once.
    using Write = std::function<bool(RecordBatch&)>;

    OrderedPipeline(unsigned jobs, Work work, Write write);
    ~OrderedPipeline();
    OrderedPipeline(const OrderedPipeline&) = delete;
    OrderedPipeline& operator=(const OrderedPipeline&) = delete;

    // A batch to fill, or nullptr when the run has stopped (write returned false, or failed).
    RecordBatch* acquire();
    // Hands a filled batch on.
    void submit(RecordBatch* batch);
    // Waits for everything submitted to be written; rethrows the first failure of work or of
    // writing. With one job those come out of submit() instead.
    void finish();

private:
    void work_loop();
    // Works on a batch and writes what is ready; false (with the failure kept) if it threw.
    bool work_on(RecordBatch* batch);
    // Writes the done batches that are next in order, unless another thread is writing (it
    // will write them); `lock` holds m_mutex, and is released while writing. False (with the
    // failure kept) if writing threw.
    bool write_ready(std::unique_lock<std::mutex>& lock);
    // Keeps the first failure and stops the run; m_mutex is held.
    void fail(std::exception_ptr error);
    // Wakes every waiter, for a change that concerns them all (an end or a failure).
    void wake_all();

    unsigned m_jobs;
    Work m_work;
    Write m_write;
    std::vector<std::unique_ptr<RecordBatch>> m_batches;
    std::mutex m_mutex;
    // One per kind of waiter, so that a change wakes only the thread it concerns (waking all
    // of them for every batch cost more CPU time than a worker's share of the work).
    std::condition_variable m_free_ready;        // acquire(): a free batch, or stop
    std::condition_variable m_work_ready;        // workers: a pending batch, closing, or stop
    std::deque<RecordBatch*> m_free;
    std::deque<RecordBatch*> m_pending;          // filled, not yet worked on
    std::map<std::size_t, RecordBatch*> m_done;  // worked on, by sequence, not yet written
    std::size_t m_next_sequence = 0;             // for the next submitted batch
    std::size_t m_next_to_write = 0;
    bool m_writing = false;                      // a thread is writing; it writes what is next
    bool m_closing = false;                      // no more batches will come
    bool m_stopped = false;                      // a write said stop, or something failed
    std::exception_ptr m_error;
    std::vector<std::thread> m_threads;
};

}  // namespace runback::batch
