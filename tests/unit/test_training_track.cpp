// A track's length: the fast per-step arithmetic gives what the haversine gives in long
// double, steps of every size and at every latitude, and a broken fix is left out as a jump.

#include <runback/training/track.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

using namespace runback::training;

namespace {

// The haversine in long double, differences taken before the conversion to radians: the
// reference the double arithmetic is held to, at centimetre steps too.
double exact_length(const std::vector<TrackPoint>& points) {
    const long double radians = 3.14159265358979323846264338327950288L / 180;
    long double km = 0;
    for (std::size_t i = 1; i < points.size(); ++i) {
        const TrackPoint& a = points[i - 1];
        const TrackPoint& b = points[i];
        const long double s_lat = std::sin((static_cast<long double>(b.latitude) - a.latitude) * radians / 2);
        const long double s_lon = std::sin((static_cast<long double>(b.longitude) - a.longitude) * radians / 2);
        const long double h = s_lat * s_lat + std::cos(a.latitude * radians) * std::cos(b.latitude * radians) * s_lon * s_lon;
        km += 2 * 6371.0L * std::asin(std::sqrt(h));
    }
    return static_cast<double>(km);
}

}  // namespace

TEST_CASE("training::measure_track agrees with the haversine in long double, step by step") {
    std::mt19937_64 random(19);
    std::uniform_real_distribution<double> latitude(-89.0, 89.0), longitude(-180.0, 180.0);
    // Steps from a centimetre to tens of kilometres, so both of its ways of working are used.
    const double step_sizes_degrees[] = {1e-7, 1e-5, 1e-4, 5e-4, 0.01, 0.0286, 0.0287, 0.3};
    for (const double size : step_sizes_degrees) {
        std::uniform_real_distribution<double> step(-size, size);
        for (int track = 0; track < 50; ++track) {
            std::vector<TrackPoint> points;
            TrackPoint point{latitude(random), longitude(random), 0};
            for (int i = 0; i < 200; ++i) {
                points.push_back(point);
                point.latitude = std::fmax(-90.0, std::fmin(90.0, point.latitude + step(random)));
                // Every other step keeps its latitude, as tracks along a parallel do.
                if (i % 2 == 0) point.longitude = std::remainder(point.longitude + step(random), 360.0);
            }
            const double exact = exact_length(points);
            const TrackLength measured = measure_track(points);
            CHECK(measured.jumps == 0);
            CHECK(measured.km == doctest::Approx(exact).epsilon(1e-12));
        }
    }
}

TEST_CASE("training::measure_track leaves out a jump and counts it") {
    // Ten steps of 10 m a second apart along the equator, then a fix 5 km away a second later.
    std::vector<TrackPoint> points;
    const double ten_metres = 0.01 / (6371.0 * 3.14159265358979323846 / 180.0);
    for (int i = 0; i <= 10; ++i) points.push_back({0.0, i * ten_metres, 1000 + i});
    points.push_back({0.0, 10 * ten_metres + 5 * 100 * ten_metres, 1011});
    const TrackLength length = measure_track(points);
    CHECK(length.km == doctest::Approx(0.1).epsilon(1e-9));
    CHECK(length.jumps == 1);
    CHECK(length.jump_km == doctest::Approx(5.0).epsilon(1e-9));
    CHECK(measure_track({}).km == 0);
    CHECK(measure_track({points[0]}).km == 0);
}
