#pragma once
// From everything a log holds to the runs that count: walks, rides and swims left out, the
// same run read twice (a Strava CSV row and its GPX file, or one watch synced to two services)
// counted once, and runs after the day being assessed left out. Each left-out activity says why.

#include <runback/training/activity.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace runback::training {

struct RunList {
    std::vector<Activity> runs;        // oldest first
    std::vector<Ignored> ignored;
    int not_runs = 0;                  // walks, rides, swims and others
    int duplicates = 0;
    int assumed_runs = 0;              // counted as runs though their files name no sport
    std::int64_t first_day = 0;        // the runner's local day of the log's first activity of any kind
};

// `as_of_day`: activities on later local days are left out.
RunList list_runs(const std::vector<Activity>& activities, std::int64_t as_of_day);

// The local day of the newest run in `activities`, or empty when there is none.
std::optional<std::int64_t> newest_run_day(const std::vector<Activity>& activities);

}  // namespace runback::training
