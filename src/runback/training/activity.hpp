#pragma once
// One activity read from a training log (a GPX, TCX or FIT file, or a row of a Strava or Garmin
// activities CSV), and what reading a log found: the activities, and each file or row it could
// not use.

#include <cstdint>
#include <string>
#include <vector>

namespace runback::training {

// What kind of activity a file or row says it is. Only runs count towards the answers.
enum class Sport { run, walk, ride, swim, other, unknown };

struct Activity {
    Sport sport = Sport::unknown;
    std::string sport_name;          // as the source wrote it ("Run", "running", "Trail Running")
    std::int64_t start = 0;          // seconds since 1970-01-01T00:00:00Z
    double distance_km = 0;          // what counts: a track's length without its GPS jumps
    double duration_s = 0;
    std::string origin;              // where it was read: "runs/a.gpx", "export.zip: activities/1.fit"
    std::string file_name;           // for a Strava CSV row, its Filename column ("activities/1.gpx.gz")
    bool has_track = false;          // read from a file with time-stamped positions
    double gps_jump_km = 0;          // length of the implausible jumps left out of distance_km
    int gps_jumps = 0;
};

// A file, entry or row that was not used, or used only in part, and why.
struct LogProblem {
    std::string where;               // "runs/a.gpx", "activities.csv:12", "x.fit: record 40"
    std::string message;
};

// An activity left out of the answers, and why (a walk, a ride, the same run twice).
struct Ignored {
    std::string where;
    std::string reason;
};

// Everything read from the paths given.
struct TrainingLog {
    std::vector<Activity> activities;     // every activity read, runs or not, before merging
    std::vector<LogProblem> problems;
    int files_read = 0;
};

}  // namespace runback::training
