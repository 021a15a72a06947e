#pragma once
// Activities CSV files: a Strava bulk export's activities.csv (whose header repeats names such
// as "Distance" and "Elapsed Time": the first is the summary column, in the export's display
// units, the second the detailed one, in metres and seconds) and a Garmin Connect activities
// export (local times, distances in the account's units).

#include <runback/training/activity.hpp>

#include <string>

namespace runback::training {

// Which unit a CSV distance without a stated unit is in: Garmin Connect writes the account's
// units, and a Strava export with only its summary "Distance" column does too.
enum class CsvDistanceUnit { km, miles };

// True when `text` starts with a header a reader below understands.
bool is_activities_csv(const std::string& text);

// Reads a Strava or Garmin activities CSV in `text`, named `origin`, into `log`; a row that
// cannot be used becomes a problem naming its line and column.
void read_activities_csv(const std::string& text, const std::string& origin, CsvDistanceUnit unit, TrainingLog& log);

}  // namespace runback::training
