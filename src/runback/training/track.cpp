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

namespace {

// sin and asin of angles this small (about 3 km of arc) from their Taylor series: the first
// left-out term is under 1e-17 of the result, below a double's precision, so a step comes out
// as the exact formula gives it, without the cost of two sines and an arcsine per point.
constexpr double k_series_limit = 2.5e-4;

// (Multiplied by the reciprocals, not divided: a division costs several multiplications, and
// the rounding of these correction terms, some 1e-8 of the result, does not reach it.)
double small_sin(double x) {
    const double x2 = x * x;
    return x * (1 - x2 * (1.0 / 6) * (1 - x2 * (1.0 / 20)));
}

double small_asin(double y) {
    const double y2 = y * y;
    return y * (1 + y2 * (1.0 / 6 + y2 * (3.0 / 40)));
}

// The haversine step from a to b, given the cosines of their latitudes.
double step_km(const TrackPoint& a, const TrackPoint& b, double cos_lat_a, double cos_lat_b) {
    const double half_dlat = (b.latitude - a.latitude) * (k_radians / 2);
    const double half_dlon = (b.longitude - a.longitude) * (k_radians / 2);
    if (std::fabs(half_dlat) >= k_series_limit || std::fabs(half_dlon) >= k_series_limit) return distance_km(a, b);
    const double s_lat = small_sin(half_dlat);
    const double s_lon = small_sin(half_dlon);
    const double h = s_lat * s_lat + cos_lat_a * cos_lat_b * s_lon * s_lon;
    return 2 * k_earth_radius_km * small_asin(std::sqrt(h));
}

}  // namespace

TrackLength measure_track(const std::vector<TrackPoint>& points) {
    TrackLength length;
    if (points.empty()) return length;
    double cos_lat_before = std::cos(points[0].latitude * k_radians);
    for (std::size_t i = 1; i < points.size(); ++i) {
        // Most tracks are sampled every second or two, often at the same latitude.
        const double cos_lat = points[i].latitude == points[i - 1].latitude ? cos_lat_before
                                                                          : std::cos(points[i].latitude * k_radians);
        const double step = step_km(points[i - 1], points[i], cos_lat_before, cos_lat);
        cos_lat_before = cos_lat;
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
