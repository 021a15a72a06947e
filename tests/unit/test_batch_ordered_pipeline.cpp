// OrderedPipeline: batches worked on in any order by any number of jobs are written in the
// order they were submitted, each once, one write at a time; a write that says stop, and a
// failure in work or in writing, end the run with nothing written out of order after them.
// Assertions are made on the test's thread only (doctest's are not for other threads).

#include <runback/batch/ordered_pipeline.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace runback;

namespace {

// What a run wrote, in order, and the most writes that were under way at once.
struct Written {
    std::mutex mutex;
    std::vector<int> payloads;
    std::atomic<int> writing{0};
    std::atomic<int> most_at_once{0};
};

struct Plan {
    unsigned jobs = 2;
    int batches = 300;
    int stop_after = -1;    // the write of this payload returns false
    int work_throws = -1;   // work on this payload throws
    int write_throws = -1;  // writing this payload throws
    int abandon_at = -1;    // the caller throws instead of filling this one (a reading error),
                            // and the pipeline is destroyed without finish()
};

int payload_of(const batch::RecordBatch& batch) { return std::stoi(batch.arena); }

// Runs the plan; returns whether it failed (with one job, submit() throws what work or
// writing threw; with more, finish() does).
bool run(const Plan& plan, Written& written) {
    batch::OrderedPipeline pipeline(
        plan.jobs,
        [&](batch::RecordBatch& batch) {
            const int payload = payload_of(batch);
            if (payload == plan.work_throws) throw std::runtime_error("work failed");
            // Uneven work, so that batches finish out of order.
            std::this_thread::sleep_for(std::chrono::microseconds(payload % 7 * 40));
            batch.arena += ":worked";
        },
        [&](batch::RecordBatch& batch) {
            const int now = ++written.writing;
            int most = written.most_at_once.load();
            while (now > most && !written.most_at_once.compare_exchange_weak(most, now)) {}
            const int payload = payload_of(batch);
            const bool worked = batch.arena.ends_with(":worked");
            std::this_thread::sleep_for(std::chrono::microseconds(payload % 3 * 30));
            --written.writing;
            if (payload == plan.write_throws) throw std::runtime_error("write failed");
            std::lock_guard lock(written.mutex);
            written.payloads.push_back(worked ? payload : -1 - payload);
            return payload != plan.stop_after;
        });
    try {
        for (int k = 0; k < plan.batches; ++k) {
            batch::RecordBatch* batch = pipeline.acquire();
            if (batch == nullptr) break;
            if (k == plan.abandon_at) throw std::runtime_error("reading failed");
            batch->arena = std::to_string(k);
            pipeline.submit(batch);
        }
        pipeline.finish();
    } catch (const std::runtime_error&) {
        return true;
    }
    return false;
}

std::vector<int> first(int count) {
    std::vector<int> payloads;
    for (int k = 0; k < count; ++k) payloads.push_back(k);
    return payloads;
}

// After a run that ended before batch `limit` was written: what was written is the batches
// before some point no later than it, in order, one write at a time.
void check_ended_before(const Written& written, int limit) {
    REQUIRE(written.payloads.size() <= static_cast<std::size_t>(limit));
    CHECK(written.payloads == first(static_cast<int>(written.payloads.size())));
    CHECK(written.most_at_once.load() <= 1);
}

}  // namespace

TEST_CASE("batch::OrderedPipeline") {
    const unsigned k_jobs[] = {1, 2, 3, 5};
    SUBCASE("every batch worked on and written once, in order, one write at a time") {
        for (unsigned jobs : k_jobs) {
            CAPTURE(jobs);
            Written written;
            CHECK_FALSE(run({.jobs = jobs}, written));
            CHECK(written.payloads == first(300));
            CHECK(written.most_at_once.load() == 1);
        }
    }
    SUBCASE("a write that says stop is the last") {
        for (unsigned jobs : k_jobs) {
            CAPTURE(jobs);
            Written written;
            CHECK_FALSE(run({.jobs = jobs, .stop_after = 50}, written));
            CHECK(written.payloads == first(51));
        }
    }
    SUBCASE("a failure in work ends the run before that batch is written") {
        for (unsigned jobs : k_jobs) {
            CAPTURE(jobs);
            Written written;
            CHECK(run({.jobs = jobs, .work_throws = 77}, written));
            check_ended_before(written, 77);
        }
    }
    SUBCASE("a pipeline given up while batches are under way stops cleanly") {
        for (unsigned jobs : k_jobs) {
            CAPTURE(jobs);
            Written written;
            CHECK(run({.jobs = jobs, .abandon_at = 120}, written));
            check_ended_before(written, 120);
        }
    }
    SUBCASE("a failure in writing ends the run") {
        for (unsigned jobs : k_jobs) {
            CAPTURE(jobs);
            Written written;
            CHECK(run({.jobs = jobs, .write_throws = 30}, written));
            CHECK(written.payloads == first(30));
        }
    }
}
