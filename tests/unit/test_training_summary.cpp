// The training log's definitions on runs made up here: volume change's bands and its two
// windows, rest days, a break that makes a returning runner, the per-run spike, and what
// cannot be told from too short a log. Times are taken in UTC (TZ is set) so days are exact.

#include <runback/training/log_time.hpp>
#include <runback/training/run_list.hpp>
#include <runback/training/training_summary.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <map>
#include <string>
#include <vector>

using namespace runback::training;

namespace {

const std::int64_t k_as_of = days_from_civil(2026, 11, 29);

void use_utc() {
    setenv("TZ", "UTC", 1);
    tzset();
}

Activity run_on(std::int64_t day, double km) {
    Activity activity;
    activity.sport = Sport::run;
    activity.start = day * 86400 + 7 * 3600;
    activity.distance_km = km;
    activity.duration_s = km * 360;
    activity.origin = "day " + std::to_string(day - k_as_of);
    return activity;
}

// Weeks of running, oldest first, the last ending on k_as_of: `per_week` runs on days 0, 2, 4.
std::vector<Activity> weeks_of(const std::vector<double>& weeks, int per_week = 3) {
    std::vector<Activity> runs;
    for (std::size_t i = 0; i < weeks.size(); ++i) {
        const std::int64_t first = k_as_of - 6 - 7 * static_cast<std::int64_t>(weeks.size() - 1 - i);
        for (int j = 0; j < per_week && weeks[i] > 0; ++j) runs.push_back(run_on(first + 2 * j, weeks[i] / per_week));
    }
    return runs;
}

std::map<std::string, std::string> answers_of(const std::vector<Activity>& runs) {
    const TrainingSummary summary = summarise(list_runs(runs, k_as_of), k_as_of);
    std::map<std::string, std::string> answers;
    for (const auto& answer : summary.answers) answers[answer.question] = answer.value;
    return answers;
}

}  // namespace

TEST_CASE("training: dates and times as logs write them") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(day_text(days_from_civil(2024, 2, 29)) == "2024-02-29");
    CHECK(parse_iso_time("2026-11-03T06:12:34Z") == days_from_civil(2026, 11, 3) * 86400 + 6 * 3600 + 12 * 60 + 34);
    CHECK(parse_iso_time("2026-11-03T07:12:34.250+01:00") == parse_iso_time("2026-11-03T06:12:34Z"));
    CHECK(parse_iso_time("2026-11-03T01:12:34-05:00") == parse_iso_time("2026-11-03T06:12:34Z"));
    CHECK(parse_iso_time("2026-11-03T06:12:34") == parse_iso_time("2026-11-03T06:12:34Z"));   // GPX: UTC
    CHECK_FALSE(parse_iso_time("2026-02-30T06:12:34Z"));
    CHECK_FALSE(parse_iso_time("yesterday"));
    CHECK_FALSE(parse_iso_day("2026-13-01"));
}

TEST_CASE("training: volume change bands, the larger of the 2- and 4-week rises") {
    use_utc();
    const auto change = [](double before, double recent2, double recent4) {
        // 4 weeks at `before`, then 2 at recent4, then 2 at recent2.
        return answers_of(weeks_of({before, before, before, before, before, before, recent4, recent4, recent2, recent2}))["volume_change"];
    };
    CHECK(change(30, 30, 30) == "steady");
    CHECK(change(30, 31.5, 31.5) == "steady");           // +5%: still about the same
    CHECK(change(30, 32, 32) == "up_under_10pct");
    CHECK(change(30, 33, 33) == "up_10_to_30pct");       // exactly +10%
    CHECK(change(30, 39, 39) == "up_10_to_30pct");       // exactly +30%
    CHECK(change(30, 40, 40) == "up_over_30pct");
    CHECK(change(30, 20, 20) == "decreased");
    // The 2-week comparison catches a jump the 4-week mean smooths away.
    CHECK(change(30, 42, 30) == "up_over_30pct");
}

TEST_CASE("training: weekly distance, rest days and experience") {
    use_utc();
    auto answers = answers_of(weeks_of(std::vector<double>(20, 21), 3));
    CHECK(answers["weekly_distance_km"] == "21");
    CHECK(answers["rest_days_per_week"] == "4");
    CHECK(answers["running_experience"] == "3_to_12_months");
    CHECK(answers["longest_run_jump"] == "no");

    std::vector<double> long_history(60, 21);
    CHECK(answers_of(weeks_of(long_history))["running_experience"] == "over_1_year");

    std::vector<double> break_then_back(30, 21);
    for (int i = 0; i < 5; ++i) break_then_back.push_back(0);
    for (int i = 0; i < 4; ++i) break_then_back.push_back(12);
    CHECK(answers_of(weeks_of(break_then_back))["running_experience"] == "returning_after_break");
    // A break of under 4 weeks is a rest, not a return.
    std::vector<double> short_gap(30, 21);
    short_gap.push_back(0);
    short_gap.push_back(0);
    short_gap.push_back(21);
    CHECK(answers_of(weeks_of(short_gap))["running_experience"] == "3_to_12_months");
}

TEST_CASE("training: a run more than 10% past the longest of its 30 days before is a spike") {
    use_utc();
    auto runs = weeks_of(std::vector<double>(10, 30));   // 10 km runs
    CHECK(answers_of(runs)["longest_run_jump"] == "no");
    runs.push_back(run_on(k_as_of - 3, 11));                // exactly +10%: not more than 10%
    CHECK(answers_of(runs)["longest_run_jump"] == "no");
    runs.push_back(run_on(k_as_of - 1, 13));               // 18% past the 11 km two days before
    CHECK(answers_of(runs)["longest_run_jump"] == "yes");
    // Once one long run is in the month behind it, an equal one after it is no spike, but the
    // first still is: each run is compared with its own 30 days.
    runs.push_back(run_on(k_as_of, 13));
    const TrainingSummary summary = summarise(list_runs(runs, k_as_of), k_as_of);
    CHECK(summary.longest.spike);
    CHECK(summary.longest.day == k_as_of - 1);
}

TEST_CASE("training: too short a log says what it cannot tell") {
    use_utc();
    const TrainingSummary summary = summarise(list_runs(weeks_of({10, 10}), k_as_of), k_as_of);
    std::map<std::string, std::string> missing;
    for (const auto& item : summary.not_derived) missing[item.question] = item.reason;
    CHECK(missing.count("volume_change") == 1);
    CHECK(missing["volume_change"].find("covers 2 of the 6 weeks") != std::string::npos);
    CHECK(missing.count("longest_run_jump") == 1);
}

TEST_CASE("training: the same run from two sources counts once; walks and rides are left out") {
    use_utc();
    auto runs = weeks_of({20, 20});
    Activity copy = runs.back();
    copy.start += 60;
    copy.distance_km *= 1.03;
    copy.origin = "garmin.csv:2";
    runs.push_back(copy);
    Activity ride = run_on(k_as_of, 40);
    ride.sport = Sport::ride;
    runs.push_back(ride);
    Activity mystery = run_on(k_as_of - 1, 30);   // no sport, 30 km in 3 hours: a run? 10 km/h: yes
    mystery.sport = Sport::unknown;
    mystery.duration_s = 3 * 3600;
    runs.push_back(mystery);
    Activity fast = mystery;                        // 30 km in one hour: a ride
    fast.start -= 86400;
    fast.duration_s = 3600;
    runs.push_back(fast);
    const RunList list = list_runs(runs, k_as_of);
    CHECK(list.runs.size() == 7);
    CHECK(list.duplicates == 1);
    CHECK(list.not_runs == 2);
    CHECK(list.assumed_runs == 1);
}

TEST_CASE("training: a Strava CSV row and the file it names are one activity, named briefly or in full") {
    use_utc();
    std::vector<Activity> all;
    // Rows whose Filename names a file of the export, as Strava writes it and as a hand-made
    // export might ("7.gpx", shorter than the look-up's key); a row whose file is missing.
    const struct {
        const char* file_name;
        const char* origin;
        Sport csv_sport;
    } joined[] = {{"activities/123456789.gpx.gz", "export.zip: activities/123456789.gpx.gz", Sport::ride},
                  {"7.gpx", "/home/r/export/7.gpx", Sport::walk},
                  {"activities/555.fit.gz", "/home/r/export/activities/555.fit.gz", Sport::run}};
    for (std::size_t i = 0; i < std::size(joined); ++i) {
        Activity file = run_on(k_as_of - 10 * static_cast<std::int64_t>(i), 10);
        file.sport = Sport::unknown;
        file.origin = joined[i].origin;
        Activity row = file;
        row.distance_km = 30;   // so that only the join, not the duplicate check, can merge them
        row.sport = joined[i].csv_sport;
        row.file_name = joined[i].file_name;
        row.origin = "activities.csv:" + std::to_string(i + 2);
        all.push_back(file);
        all.push_back(row);
    }
    Activity orphan = run_on(k_as_of - 40, 8);
    orphan.file_name = "activities/999.gpx";   // not in the export: the row alone counts
    orphan.origin = "activities.csv:5";
    all.push_back(orphan);
    const RunList list = list_runs(all, k_as_of);
    // The ride and the walk are left out with the sport from the CSV; the run is its file's
    // (10 km, not the row's 30), and the orphan row counts; no pair is a duplicate.
    CHECK(list.not_runs == 2);
    CHECK(list.duplicates == 0);
    REQUIRE(list.runs.size() == 2);
    CHECK(list.runs[0].origin == "activities.csv:5");
    CHECK(list.runs[1].origin == "/home/r/export/activities/555.fit.gz");
    CHECK(list.runs[1].distance_km == 10);
    CHECK(list.runs[1].sport == Sport::run);
}
