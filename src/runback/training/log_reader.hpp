#pragma once
// Reads training logs from the paths a runner gives: GPX, TCX and FIT files (each also
// gzipped), Strava and Garmin activities CSVs, folders of them (a Strava export unpacked), and
// zip archives (a Strava export as downloaded). What cannot be read is reported, file by file,
// and the rest is used.

#include <runback/training/activity.hpp>
#include <runback/training/activity_csv.hpp>

#include <string>
#include <vector>

namespace runback::training {

struct ReadOptions {
    CsvDistanceUnit csv_unit = CsvDistanceUnit::km;
};

// Every activity in `paths`, with a problem for each file, entry or row that could not be used.
// A path that does not exist, or names a file of no known kind, is a problem too.
TrainingLog read_training_log(const std::vector<std::string>& paths, const ReadOptions& options = {});

}  // namespace runback::training
