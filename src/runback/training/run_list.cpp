#include <runback/training/run_list.hpp>

#include <runback/training/log_time.hpp>
#include <runback/training/sport.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

namespace runback::training {
namespace {

// Two records are the same activity when they start within 5 minutes of each other and their
// distances differ by under 10%: services round times and recompute distances differently.
constexpr std::int64_t k_same_start_s = 300;
constexpr double k_same_distance = 0.10;
// An average over 25 km/h is a ride: the marathon record is run at about 21 km/h.
constexpr double k_fastest_run_kmh = 25.0;

bool same_distance(const Activity& a, const Activity& b) {
    const double larger = std::max(a.distance_km, b.distance_km);
    return larger < 0.05 || std::fabs(a.distance_km - b.distance_km) <= k_same_distance * larger;
}

bool ends_with(const std::string& text, const std::string& end) {
    return !end.empty() && text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

// Which of two records of one activity to keep: one with a track (its GPS can be checked)
// over one without, then one that states its sport.
bool better(const Activity& a, const Activity& b) {
    if (a.has_track != b.has_track) return a.has_track;
    return a.sport != Sport::unknown && b.sport == Sport::unknown;
}

// A Strava CSV row and the file its Filename column names are one activity: the file's track
// and distance, with the sport Strava records for it. The files are found through the last
// characters of their names, so an export of thousands of activities takes a look-up a row,
// not a pass over every activity.
void join_strava_rows(std::vector<Activity>& all, std::vector<char>& dropped) {
    static constexpr std::size_t k_key = 12;
    const auto key_of = [](const std::string& name) { return name.substr(name.size() - k_key); };
    std::unordered_map<std::string, std::vector<std::size_t>> files_by_key;
    // A file named more briefly than a key can only end a row's name as brief: those rows
    // look at every file.
    for (std::size_t file = 0; file < all.size(); ++file)
        if (all[file].file_name.empty() && all[file].origin.size() >= k_key)
            files_by_key[key_of(all[file].origin)].push_back(file);
    for (std::size_t row = 0; row < all.size(); ++row) {
        const std::string& name = all[row].file_name;
        if (name.empty()) continue;
        std::vector<std::size_t> every;
        const std::vector<std::size_t>* candidates = nullptr;
        if (name.size() >= k_key) {
            const auto found = files_by_key.find(key_of(name));
            if (found != files_by_key.end()) candidates = &found->second;
        } else {
            for (std::size_t file = 0; file < all.size(); ++file)
                if (all[file].file_name.empty()) every.push_back(file);
            candidates = &every;
        }
        if (!candidates) continue;
        for (const std::size_t file : *candidates) {
            if (dropped[file] || !ends_with(all[file].origin, name)) continue;
            if (all[row].sport != Sport::unknown) {
                all[file].sport = all[row].sport;
                all[file].sport_name = all[row].sport_name;
            }
            // One activity told in two parts of the export, not a duplicate: not listed.
            dropped[row] = 1;
            break;
        }
    }
}

}  // namespace

std::optional<std::int64_t> newest_run_day(const std::vector<Activity>& activities) {
    std::optional<std::int64_t> newest;
    for (const auto& activity : activities)
        if (activity.sport == Sport::run || activity.sport == Sport::unknown)
            newest = std::max(newest.value_or(activity.start), activity.start);
    if (!newest) return std::nullopt;
    return local_day(*newest);
}

RunList list_runs(const std::vector<Activity>& activities, std::int64_t as_of_day) {
    RunList list;
    std::vector<Activity> all = activities;
    std::stable_sort(all.begin(), all.end(), [](const Activity& a, const Activity& b) { return a.start < b.start; });
    std::vector<char> dropped(all.size(), 0);
    join_strava_rows(all, dropped);
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (dropped[i]) continue;
        for (std::size_t j = i + 1; j < all.size() && all[j].start - all[i].start <= k_same_start_s; ++j) {
            if (dropped[j] || !same_distance(all[i], all[j])) continue;
            const std::size_t keep = better(all[j], all[i]) ? j : i;
            const std::size_t drop = keep == i ? j : i;
            if (all[keep].sport == Sport::unknown) all[keep].sport = all[drop].sport;
            dropped[drop] = 1;
            ++list.duplicates;
            list.ignored.push_back({all[drop].origin, "the same activity as " + all[keep].origin});
            if (drop == i) break;
        }
    }
    bool first = true;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (dropped[i]) continue;
        Activity& activity = all[i];
        const std::int64_t day = local_day(activity.start);
        if (day > as_of_day) {
            list.ignored.push_back({activity.origin, fmt::format("on {}, after the day assessed ({})", day_text(day), day_text(as_of_day))});
            continue;
        }
        if (first) list.first_day = day;
        first = false;
        // A file that does not say what it records counts as a run, unless it went faster
        // than running goes.
        if (activity.sport == Sport::unknown) {
            const double kmh = activity.duration_s > 0 ? activity.distance_km / activity.duration_s * 3600 : 0;
            if (kmh > k_fastest_run_kmh) {
                ++list.not_runs;
                list.ignored.push_back({activity.origin, fmt::format("of no stated kind, and at {:.0f} km/h too fast for a run", kmh)});
                continue;
            }
            ++list.assumed_runs;
        } else if (activity.sport != Sport::run) {
            ++list.not_runs;
            list.ignored.push_back({activity.origin, fmt::format("{} ({}), not a run", sport_noun(activity.sport),
                                                                 activity.sport_name.empty() ? "no name" : activity.sport_name)});
            continue;
        }
        list.runs.push_back(std::move(activity));
    }
    return list;
}

}  // namespace runback::training
