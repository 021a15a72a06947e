#include <runback/training/track.hpp>

#include <cmath>

namespace runback::training {
namespace {

constexpr double k_earth_radius_km = 6371.0;
constexpr double k_radians = 3.14159265358979323846 / 180.0;
constexpr double k_jump_min_km = 0.2;
constexpr double k_jump_speed_kmh = 45.0;

}  // namespace

double distance_km(const TrackPoint& a, const TrackPoint& b) {
    const double lat1 = a.latitude * k_radians;
    const double lat2 = b.latitude * k_radians;
    const double half_dlat = (lat2 - lat1) / 2;
    const double half_dlon = (b.longitude - a.longitude) * k_radians / 2;
    const double h = std::sin(half_dlat) * std::sin(half_dlat) +
                     std::cos(lat1) * std::cos(lat2) * std::sin(half_dlon) * std::sin(half_dlon);
    return 2 * k_earth_radius_km * std::asin(std::sqrt(std::fmin(1.0, h)));
}

TrackLength measure_track(const std::vector<TrackPoint>& points) {
    TrackLength length;
    for (std::size_t i = 1; i < points.size(); ++i) {
        const double step = distance_km(points[i - 1], points[i]);
        const bool timed = points[i].time != 0 && points[i - 1].time != 0;
        const double hours = timed ? static_cast<double>(points[i].time - points[i - 1].time) / 3600.0 : 0;
        const bool jump = timed && step > k_jump_min_km && (hours <= 0 || step / hours > k_jump_speed_kmh);
        if (jump) {
            length.jump_km += step;
            ++length.jumps;
        } else {
            length.km += step;
        }
    }
    return length;
}

}  // namespace runback::training
