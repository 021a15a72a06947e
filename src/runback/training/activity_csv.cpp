#include <runback/training/activity_csv.hpp>

#include <runback/batch/csv_reader.hpp>
#include <runback/engine/answers.hpp>
#include <runback/training/log_time.hpp>
#include <runback/training/sport.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string_view>

namespace runback::training {
namespace {

constexpr double k_km_per_mile = 1.609344;

enum class Layout { strava, garmin, unknown };

// Every position of each header name: Strava repeats some.
struct Header {
    std::vector<std::string> names;

    std::vector<std::size_t> positions(std::string_view name) const {
        std::vector<std::size_t> found;
        for (std::size_t i = 0; i < names.size(); ++i)
            if (names[i] == name) found.push_back(i);
        return found;
    }
    std::optional<std::size_t> first(std::string_view name) const {
        const auto all = positions(name);
        return all.empty() ? std::nullopt : std::optional<std::size_t>(all.front());
    }
    Layout layout() const {
        if (first("Activity ID") && first("Activity Date") && first("Activity Type")) return Layout::strava;
        if (first("Activity Type") && first("Date") && first("Distance")) return Layout::garmin;
        return Layout::unknown;
    }
};

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

// "12.5", "1,234.5" (a thousands comma, as Garmin writes swims); empty for "", "--" or text.
std::optional<double> csv_number(std::string_view text) {
    std::string plain;
    for (const char c : trimmed(text))
        if (c != ',') plain += c;
    double value = 0;
    if (plain.empty() || !engine::parse_decimal(plain, engine::DecimalMark::point, value)) return std::nullopt;
    return value;
}

// "00:45:12", "45:12" or a number of seconds.
std::optional<double> csv_duration(std::string_view text) {
    text = trimmed(text);
    if (const auto seconds = csv_number(text); seconds && text.find(':') == std::string_view::npos) return seconds;
    double total = 0;
    std::size_t parts = 0;
    while (!text.empty()) {
        const auto colon = text.find(':');
        const auto part = csv_number(text.substr(0, colon));
        if (!part) return std::nullopt;
        total = total * 60 + *part;
        ++parts;
        text = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
    }
    if (parts < 2 || parts > 3) return std::nullopt;
    return total;
}

// Strava's "Nov 3, 2026, 6:12:34 AM", in UTC.
std::optional<std::int64_t> strava_date(std::string_view text) {
    static constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    text = trimmed(text);
    if (const auto iso = parse_iso_time(text)) return iso;
    std::string copy(text);
    char month_name[4] = {};
    int day = 0, year = 0, hour = 0, minute = 0, second = 0;
    char meridiem[3] = {};
    if (std::sscanf(copy.c_str(), "%3s %d, %d, %d:%d:%d %2s", month_name, &day, &year, &hour, &minute, &second, meridiem) != 7)
        return std::nullopt;
    int month = 0;
    for (std::size_t i = 0; i < months.size(); ++i)
        if (months[i] == month_name) month = static_cast<int>(i) + 1;
    const std::string_view half(meridiem);
    if (month == 0 || day < 1 || day > 31 || hour < 1 || hour > 12 || minute > 59 || second > 60 ||
        (half != "AM" && half != "PM"))
        return std::nullopt;
    hour = hour % 12 + (half == "PM" ? 12 : 0);
    return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

// Garmin's "2026-11-03 07:12:34", the activity's local time.
std::optional<std::int64_t> garmin_date(std::string_view text) {
    text = trimmed(text);
    if (text.size() < 16 || !parse_iso_day(text.substr(0, 10))) return std::nullopt;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    const std::string copy(text);
    const int read = std::sscanf(copy.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &year, &month, &day, &hour, &minute, &second);
    if (read < 5 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    return from_local_time(year, month, day, hour, minute, second);
}

class RowReader {
public:
    RowReader(const Header& header, const std::string& origin, CsvDistanceUnit unit, TrainingLog& log)
        : m_header(header), m_origin(origin), m_unit(unit), m_log(log), m_layout(header.layout()) {}

    void read(const batch::CsvRecord& record) {
        m_where = fmt::format("{}:{}", m_origin, record.line);
        if (!record.ok()) return problem(record.error);
        Activity activity;
        activity.origin = m_where;
        activity.sport_name = field(record, "Activity Type");
        activity.sport = sport_from_name(activity.sport_name);
        const std::string_view date_column = m_layout == Layout::strava ? "Activity Date" : "Date";
        const std::string date = field(record, date_column);
        const auto start = m_layout == Layout::strava ? strava_date(date) : garmin_date(date);
        if (!start)
            return problem(fmt::format("{} '{}' is not a date (expected as {} writes it, such as {})", date_column, date,
                                       m_layout == Layout::strava ? "Strava" : "Garmin Connect",
                                       m_layout == Layout::strava ? "\"Nov 3, 2026, 6:12:34 AM\"" : "\"2026-11-03 07:12:34\""));
        activity.start = *start;
        const auto distance = distance_km(record);
        if (distance && *distance < 0)
            return problem(fmt::format("Distance '{}' is negative", field(record, "Distance")));
        if (distance) activity.distance_km = *distance;
        else if (activity.sport == Sport::run)
            return problem(fmt::format("Distance '{}' is not a number of {}", field(record, "Distance"),
                                       m_unit == CsvDistanceUnit::km ? "km" : "miles"));
        const auto elapsed = csv_duration(field(record, m_layout == Layout::strava ? "Elapsed Time" : "Time"));
        activity.duration_s = std::max(0.0, elapsed.value_or(0));
        if (m_layout == Layout::strava) activity.file_name = field(record, "Filename");
        m_log.activities.push_back(std::move(activity));
    }

private:
    void problem(const std::string& message) { m_log.problems.push_back({m_where, message + "; the row was left out"}); }

    std::string field(const batch::CsvRecord& record, std::string_view name, std::size_t nth = 0) const {
        const auto positions = m_header.positions(name);
        if (positions.size() <= nth || positions[nth] >= record.fields.size()) return "";
        return std::string(trimmed(record.fields[positions[nth]]));
    }

    std::optional<double> distance_km(const batch::CsvRecord& record) const {
        // Strava's second "Distance" is the detailed column, always in metres.
        if (m_layout == Layout::strava && m_header.positions("Distance").size() > 1)
            if (const auto metres = csv_number(field(record, "Distance", 1))) return *metres / 1000;
        const auto value = csv_number(field(record, "Distance"));
        if (!value) return std::nullopt;
        return m_unit == CsvDistanceUnit::miles ? *value * k_km_per_mile : *value;
    }

    const Header& m_header;
    const std::string& m_origin;
    CsvDistanceUnit m_unit;
    TrainingLog& m_log;
    Layout m_layout;
    std::string m_where;
};

Header read_header(batch::CsvReader& reader, batch::CsvRecord& record) {
    Header header;
    if (!reader.next(record)) return header;
    for (const auto field : record.fields) header.names.emplace_back(trimmed(field));
    return header;
}

}  // namespace

bool is_activities_csv(const std::string& text) {
    std::istringstream in(text.substr(0, std::min<std::size_t>(text.size(), 4096)));
    batch::CsvReader reader(in);
    batch::CsvRecord record;
    return read_header(reader, record).layout() != Layout::unknown;
}

void read_activities_csv(const std::string& text, const std::string& origin, CsvDistanceUnit unit, TrainingLog& log) {
    std::istringstream in(text);
    batch::CsvReader reader(in);
    batch::CsvRecord record;
    const Header header = read_header(reader, record);
    if (header.layout() == Layout::unknown) {
        log.problems.push_back({origin + ":1", "not a Strava or Garmin Connect activities export: its header has no "
                                               "\"Activity Type\" with \"Activity Date\" (Strava) or \"Date\" and \"Distance\" (Garmin)"});
        return;
    }
    RowReader rows(header, origin, unit, log);
    bool any_row = false;
    while (reader.next(record)) {
        any_row = true;
        rows.read(record);
    }
    if (!any_row) log.problems.push_back({origin, "holds a header but no activities"});
}

}  // namespace runback::training
