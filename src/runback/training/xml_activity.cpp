#include <runback/training/xml_activity.hpp>

#include <runback/training/log_time.hpp>
#include <runback/training/sport.hpp>
#include <runback/training/track.hpp>

#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace runback::training {
namespace {

// Whether an element is named `name`, with or without a namespace prefix: exports write
// <trkpt> and <gpx:trkpt> alike. Called for every node of every track, so it is two short
// loops, with no string built and no library call.
bool is_named(const pugi::xml_node& node, const char* name) {
    const char* local = node.name();
    for (const char* at = local; *at != '\0'; ++at)
        if (*at == ':') local = at + 1;
    while (*local != '\0' && *local == *name) {
        ++local;
        ++name;
    }
    return *local == *name;
}

std::string_view local_name(const pugi::xml_node& node) {
    std::string_view name = node.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& parent, const char* name) {
    for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling())
        if (node.type() == pugi::node_element && is_named(node, name)) return node;
    return {};
}

const char* text_of(const pugi::xml_node& node) { return node ? node.child_value() : ""; }

// A decimal such as "51.500063539" read as digits into an integer and divided once by a power
// of ten: when both are exact doubles (under 2^53 and 10^22) the quotient is correctly rounded,
// the same double std::from_chars gives, at a fraction of its cost. Anything else (exponents,
// long mantissas, "nan") goes to std::from_chars.
std::optional<double> number(const char* text) {
    while (*text == ' ' || *text == '\n' || *text == '\t' || *text == '\r') ++text;
    const char* at = text;
    const bool negative = *at == '-';
    if (negative || *at == '+') ++at;
    std::uint64_t mantissa = 0;
    int digits = 0, fraction_digits = 0;
    for (; *at >= '0' && *at <= '9'; ++at, ++digits) mantissa = mantissa * 10 + static_cast<unsigned>(*at - '0');
    if (*at == '.')
        for (++at; *at >= '0' && *at <= '9'; ++at, ++digits, ++fraction_digits)
            mantissa = mantissa * 10 + static_cast<unsigned>(*at - '0');
    const bool plain_end = *at == '\0' || *at == ' ' || *at == '\n' || *at == '\t' || *at == '\r' || *at == '<';
    if (digits > 0 && digits <= 15 && plain_end && *text != '+') {
        static constexpr double k_powers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                                              1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        const double value = static_cast<double>(mantissa) / k_powers[fraction_digits];
        return negative ? -value : value;
    }
    const char* end = text + std::strlen(text);
    double value = 0;
    const auto [stop, error] = std::from_chars(text, end, value);
    if (error != std::errc{} || stop == text) return std::nullopt;
    return value;
}

// Parses `text` in place; reports a document that is not XML, with its line.
bool parse(std::string& text, const std::string& origin, pugi::xml_document& document, TrainingLog& log) {
    // No entity or end-of-line conversion: numbers and times need neither, and it is twice as fast.
    const auto result = document.load_buffer_inplace(text.data(), text.size(), pugi::parse_minimal | pugi::parse_embed_pcdata);
    if (result) return true;
    const auto offset = static_cast<std::size_t>(result.offset);
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n');
    log.problems.push_back({fmt::format("{}:{}", origin, line), fmt::format("not readable as XML ({})", result.description())});
    return false;
}

// The document's root element when the text parses and its root is <expected>; an empty node,
// with the problem logged, otherwise. `format` names the format in the message.
pugi::xml_node root_named(std::string& text, const std::string& origin, pugi::xml_document& document,
                          std::string_view expected, std::string_view format, TrainingLog& log) {
    if (!parse(text, origin, document, log)) return {};
    const pugi::xml_node root = document.document_element();
    if (local_name(root) == expected) return root;
    log.problems.push_back({origin, fmt::format("not a {} file: its root element is <{}>, not <{}>", format, root.name(), expected)});
    return {};
}

// The activity a track describes: start and duration from its first and last time stamps,
// distance from the track without its jumps, or `recorded_km` where the file records one and
// the track has no jumps.
Activity from_track(const std::vector<TrackPoint>& points, std::optional<double> recorded_km) {
    Activity activity;
    const TrackLength length = measure_track(points);
    std::int64_t first = 0, last = 0;
    for (const auto& point : points) {
        if (point.time == 0) continue;
        if (first == 0) first = point.time;
        last = point.time;
    }
    activity.start = first;
    activity.duration_s = static_cast<double>(last - first);
    activity.has_track = points.size() > 1;
    activity.gps_jumps = length.jumps;
    activity.gps_jump_km = length.jump_km;
    activity.distance_km = recorded_km && length.jumps == 0 ? *recorded_km : length.km;
    return activity;
}

// A position on Earth: anything else ("nan", 1e300, a typo) is no fix at all.
bool on_earth(const TrackPoint& point) {
    return std::isfinite(point.latitude) && std::isfinite(point.longitude) && std::fabs(point.latitude) <= 90 &&
           std::fabs(point.longitude) <= 180;
}

// A recorded distance in metres that can be true: finite, not negative, under 1,000 km.
std::optional<double> plausible_metres(std::optional<double> metres) {
    if (!metres || !std::isfinite(*metres) || *metres < 0 || *metres > 1e6) return std::nullopt;
    return metres;
}

std::optional<TrackPoint> gpx_point(const pugi::xml_node& node, TrackTimeReader& read_time) {
    TrackPoint point;
    // The attributes walked once, rather than looked up by name twice (pugixml's look-up is
    // a strcmp for each name): this runs for every point of every track.
    std::optional<double> lat, lon;
    for (pugi::xml_attribute attribute = node.first_attribute(); attribute; attribute = attribute.next_attribute()) {
        const char* name = attribute.name();
        if (name[0] != 'l' || name[1] == '\0' || name[2] == '\0' || name[3] != '\0') continue;
        if (name[1] == 'a' && name[2] == 't' && !lat) lat = number(attribute.value());
        else if (name[1] == 'o' && name[2] == 'n' && !lon) lon = number(attribute.value());
    }
    if (!lat || !lon) return std::nullopt;
    point.latitude = *lat;
    point.longitude = *lon;
    if (!on_earth(point)) return std::nullopt;
    if (const auto time = read_time(text_of(child(node, "time")))) point.time = *time;
    return point;
}

}  // namespace

void read_gpx(std::string& text, const std::string& origin, TrainingLog& log) {
    pugi::xml_document document;
    const pugi::xml_node gpx = root_named(text, origin, document, "gpx", "GPX", log);
    if (!gpx) return;
    const auto metadata_time = parse_iso_time(text_of(child(child(gpx, "metadata"), "time")));
    int tracks = 0;
    std::vector<TrackPoint> points;
    TrackTimeReader read_time;
    for (pugi::xml_node trk = gpx.first_child(); trk; trk = trk.next_sibling()) {
        if (!is_named(trk, "trk")) continue;
        ++tracks;
        points.clear();
        for (pugi::xml_node segment = trk.first_child(); segment; segment = segment.next_sibling()) {
            if (!is_named(segment, "trkseg")) continue;
            for (pugi::xml_node point = segment.first_child(); point; point = point.next_sibling())
                if (is_named(point, "trkpt"))
                    if (const auto p = gpx_point(point, read_time)) points.push_back(*p);
        }
        const std::string where = tracks == 1 ? origin : fmt::format("{} (track {})", origin, tracks);
        Activity activity = from_track(points, std::nullopt);
        if (activity.start == 0) {
            if (!metadata_time) {
                log.problems.push_back({where, "has no time stamps, so when it was run cannot be told; it was left out"});
                continue;
            }
            activity.start = *metadata_time;
        }
        activity.sport_name = std::string(text_of(child(trk, "type")));
        activity.sport = sport_from_name(activity.sport_name);
        activity.origin = where;
        log.activities.push_back(std::move(activity));
    }
    if (tracks == 0) log.problems.push_back({origin, "holds no track (<trk>), so no activity"});
}

void read_tcx(std::string& text, const std::string& origin, TrainingLog& log) {
    pugi::xml_document document;
    const pugi::xml_node root = root_named(text, origin, document, "TrainingCenterDatabase", "TCX", log);
    if (!root) return;
    int count = 0;
    std::vector<TrackPoint> points;
    TrackTimeReader read_time;
    for (pugi::xml_node node = child(root, "Activities").first_child(); node; node = node.next_sibling()) {
        if (!is_named(node, "Activity")) continue;
        ++count;
        const std::string where = count == 1 ? origin : fmt::format("{} (activity {})", origin, count);
        points.clear();
        double recorded_m = 0;
        bool has_recorded = false;
        std::optional<std::int64_t> lap_start;
        double lap_seconds = 0;
        for (pugi::xml_node lap = node.first_child(); lap; lap = lap.next_sibling()) {
            if (!is_named(lap, "Lap")) continue;
            if (!lap_start) lap_start = parse_iso_time(lap.attribute("StartTime").value());
            if (const auto metres = plausible_metres(number(text_of(child(lap, "DistanceMeters"))))) {
                recorded_m += *metres;
                has_recorded = true;
            }
            if (const auto seconds = number(text_of(child(lap, "TotalTimeSeconds"))); seconds && std::isfinite(*seconds) && *seconds > 0)
                lap_seconds += *seconds;
            for (pugi::xml_node track = lap.first_child(); track; track = track.next_sibling()) {
                if (!is_named(track, "Track")) continue;
                for (pugi::xml_node point = track.first_child(); point; point = point.next_sibling()) {
                    if (!is_named(point, "Trackpoint")) continue;
                    const pugi::xml_node position = child(point, "Position");
                    if (!position) continue;   // a pause, or an indoor point: no fix to measure
                    TrackPoint p;
                    p.latitude = number(text_of(child(position, "LatitudeDegrees"))).value_or(0);
                    p.longitude = number(text_of(child(position, "LongitudeDegrees"))).value_or(0);
                    p.time = read_time(text_of(child(point, "Time"))).value_or(0);
                    if (on_earth(p)) points.push_back(p);
                }
            }
        }
        Activity activity = from_track(points, has_recorded ? std::optional<double>(recorded_m / 1000) : std::nullopt);
        if (const auto id = parse_iso_time(text_of(child(node, "Id")))) activity.start = *id;
        else if (lap_start) activity.start = *lap_start;
        if (activity.start == 0) {
            log.problems.push_back({where, "has no time stamps, so when it was run cannot be told; it was left out"});
            continue;
        }
        if (lap_seconds > 0) activity.duration_s = lap_seconds;
        activity.sport_name = node.attribute("Sport").value();
        activity.sport = sport_from_name(activity.sport_name);
        activity.origin = where;
        log.activities.push_back(std::move(activity));
    }
    if (count == 0) log.problems.push_back({origin, "holds no activity (<Activity>)"});
}

}  // namespace runback::training
