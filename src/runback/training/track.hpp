#pragma once
// A recorded track's length, without the jumps of a broken GPS fix: a step that would have
// been run faster than anyone runs is left out and reported, so that one bad fix does not add
// kilometres to a week.

#include <cstdint>
#include <vector>

namespace runback::training {

struct TrackPoint {
    double latitude = 0;     // degrees
    double longitude = 0;
    std::int64_t time = 0;   // seconds since 1970-01-01T00:00:00Z; 0 when the point has none
};

struct TrackLength {
    double km = 0;           // the steps that count
    double jump_km = 0;      // the steps left out
    int jumps = 0;
};

// Great-circle distance in km between two points (haversine, mean Earth radius 6371.0 km).
double distance_km(const TrackPoint& a, const TrackPoint& b);

// A step is a jump when it covers more than 200 m at over 45 km/h: faster than a sprinter's
// top speed, held over a distance no sprint lasts. Points without times are never jumps.
TrackLength measure_track(const std::vector<TrackPoint>& points);

}  // namespace runback::training
