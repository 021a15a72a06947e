#pragma once
// GPX 1.1 and Garmin TCX files, read with pugixml: each <trk> of a GPX file and each
// <Activity> of a TCX file is one activity, with its start, duration, sport and distance.

#include <runback/training/activity.hpp>

#include <string>

namespace runback::training {

// Reads the GPX document in `text` (modified in place, as pugixml parses fastest that way),
// named `origin` in activities and problems, into `log`.
void read_gpx(std::string& text, const std::string& origin, TrainingLog& log);

// The same for a TCX document.
void read_tcx(std::string& text, const std::string& origin, TrainingLog& log);

}  // namespace runback::training
