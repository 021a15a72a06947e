#include <runback/training/log_time.hpp>

#include <fmt/format.h>

#include <ctime>

namespace runback::training {
namespace {

// Howard Hinnant's algorithms (http://howardhinnant.github.io/date_algorithms.html): exact for
// every date, without the C library's time zone state, and fast enough to call per track point.
struct Civil {
    int year;
    int month;
    int day;
};

Civil civil_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto day_of_era = static_cast<unsigned>(days - era * 146097);
    const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const unsigned mp = (5 * day_of_year + 2) / 153;
    const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const auto year = static_cast<int>(static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2));
    return {year, month, day};
}

int days_in_month(int year, int month) {
    static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : lengths[month - 1];
}

// Reads exactly `count` digits at `at`, advancing it; false when they are not all digits.
bool digits(std::string_view text, std::size_t& at, std::size_t count, int& out) {
    if (at + count > text.size()) return false;
    out = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[at + i];
        if (c < '0' || c > '9') return false;
        out = out * 10 + (c - '0');
    }
    at += count;
    return true;
}

bool expect(std::string_view text, std::size_t& at, char wanted) {
    if (at >= text.size() || text[at] != wanted) return false;
    ++at;
    return true;
}

}  // namespace

std::int64_t days_from_civil(int year, int month, int day) {
    const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto year_of_era = static_cast<unsigned>(y - era * 400);
    const unsigned day_of_year = (153 * static_cast<unsigned>(month > 2 ? month - 3 : month + 9) + 2) / 5 +
                                 static_cast<unsigned>(day) - 1;
    const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

std::optional<std::int64_t> parse_iso_day(std::string_view text) {
    std::size_t at = 0;
    int year = 0, month = 0, day = 0;
    if (!digits(text, at, 4, year) || !expect(text, at, '-') || !digits(text, at, 2, month) ||
        !expect(text, at, '-') || !digits(text, at, 2, day) || at != text.size())
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
    return days_from_civil(year, month, day);
}

namespace {

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\t' || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

// The moment of a trimmed ISO date-time whose first 10 characters are the date `day`.
std::optional<std::int64_t> time_on_day(std::string_view text, std::int64_t day) {
    if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
    std::size_t at = 11;
    int hour = 0, minute = 0, second = 0;
    if (!digits(text, at, 2, hour) || !expect(text, at, ':') || !digits(text, at, 2, minute) ||
        !expect(text, at, ':') || !digits(text, at, 2, second) || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    if (at < text.size() && text[at] == '.') {
        ++at;
        const std::size_t start = at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
        if (at == start) return std::nullopt;
    }
    std::int64_t offset = 0;
    if (at < text.size()) {
        if (text[at] == 'Z' && at + 1 == text.size()) {
            ++at;
        } else if (text[at] == '+' || text[at] == '-') {
            const int sign = text[at] == '-' ? -1 : 1;
            ++at;
            int zone_hours = 0, zone_minutes = 0;
            if (!digits(text, at, 2, zone_hours)) return std::nullopt;
            if (at < text.size() && text[at] == ':') ++at;
            if (!digits(text, at, 2, zone_minutes) || zone_hours > 23 || zone_minutes > 59) return std::nullopt;
            offset = sign * (zone_hours * 3600 + zone_minutes * 60);
        }
        if (at != text.size()) return std::nullopt;
    }
    return day * 86400 + hour * 3600 + minute * 60 + second - offset;
}

}  // namespace

std::optional<std::int64_t> parse_iso_time(std::string_view text) {
    text = trimmed(text);
    if (text.size() < 19) return std::nullopt;
    const auto day = parse_iso_day(text.substr(0, 10));
    if (!day) return std::nullopt;
    return time_on_day(text, *day);
}

std::optional<std::int64_t> TrackTimeReader::operator()(std::string_view text) {
    text = trimmed(text);
    if (text.size() < 19) return std::nullopt;
    if (!m_has_date || text.compare(0, m_date.size(), m_date.data(), m_date.size()) != 0) {
        const auto day = parse_iso_day(text.substr(0, 10));
        if (!day) return std::nullopt;
        text.copy(m_date.data(), m_date.size());
        m_day = *day;
        m_has_date = true;
    }
    return time_on_day(text, m_day);
}

std::int64_t local_day(std::int64_t time) {
    const auto moment = static_cast<std::time_t>(time);
    std::tm local{};
    if (localtime_r(&moment, &local) == nullptr) return time / 86400;
    return days_from_civil(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

std::int64_t from_local_time(int year, int month, int day, int hour, int minute, int second) {
    std::tm local{};
    local.tm_year = year - 1900;
    local.tm_mon = month - 1;
    local.tm_mday = day;
    local.tm_hour = hour;
    local.tm_min = minute;
    local.tm_sec = second;
    local.tm_isdst = -1;   // the zone's rules say whether summer time applies
    return static_cast<std::int64_t>(std::mktime(&local));
}

std::string day_text(std::int64_t day) {
    const Civil civil = civil_from_days(day);
    return fmt::format("{:04}-{:02}-{:02}", civil.year, civil.month, civil.day);
}

}  // namespace runback::training
