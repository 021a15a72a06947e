#pragma once
// What a training log says about the questions runback asks: weekly distance, its recent
// change, rest days, how long the runner has been running, and whether one recent run went
// well beyond the longest of the month before. Each definition is cited in docs/training-log.md.

#include <runback/training/run_list.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace runback::training {

// Weeks are the 7 days ending on the day assessed, and the 7 days before each.
struct WeekTotal {
    std::int64_t first_day = 0;
    std::int64_t last_day = 0;
    double km = 0;
    int runs = 0;
    int run_days = 0;
    bool covered = false;          // the log reaches back to this week's first day
};

// A run of the last 14 days against the longest of the 30 days before it: the one that went
// furthest beyond it (Frandsen 2025 compared every run so).
struct LongestRun {
    bool found = false;            // a run in the last 14 days
    double km = 0;
    std::int64_t day = 0;
    std::string origin;
    double previous_km = 0;        // 0 when there was no run in those 30 days
    std::int64_t previous_day = 0;
    bool previous_covered = false; // the log reaches back over the 30 days before it
    bool spike = false;            // more than 10% longer than the previous longest
};

// One answer the log gives: the question's id, the value as an answer file would write it,
// and how it was worked out, for people.
struct DerivedAnswer {
    std::string question;
    std::string value;
    std::string basis;
};

// A question the log could not answer, and why.
struct NotDerived {
    std::string question;
    std::string reason;
};

// A run counted without the jumps of its broken GPS track.
struct GpsJump {
    std::string origin;
    int jumps = 0;
    double jump_km = 0;
    double counted_km = 0;
};

struct TrainingSummary {
    std::int64_t as_of = 0;              // the day assessed, local
    std::int64_t first_day = 0;          // the log's first activity of any kind
    std::vector<WeekTotal> weeks;        // the last 12, oldest first
    LongestRun longest;
    std::vector<DerivedAnswer> answers;
    std::vector<NotDerived> not_derived;
    std::vector<GpsJump> gps_jumps;
    RunList list;
};

constexpr int k_chart_weeks = 12;

// Summarises the runs in `list` as of the local day `as_of`.
TrainingSummary summarise(RunList list, std::int64_t as_of);

}  // namespace runback::training
