#pragma once
// Times as training logs write them, and the calendar arithmetic the weekly totals need. Times
// are seconds since 1970-01-01T00:00:00Z; days are whole days since 1970-01-01 in the runner's
// own time zone (the TZ environment variable, else the system's), because a week of running is
// a week of the runner's calendar, not of UTC.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace runback::training {

// Days since 1970-01-01 of a calendar date (proleptic Gregorian); no range check.
std::int64_t days_from_civil(int year, int month, int day);

// An ISO 8601 date-time as GPX, TCX and FIT-derived text write it: "2026-11-03T06:12:34Z",
// with optional fractional seconds and a "Z" or "+01:00" zone; without a zone it is taken as
// UTC, as GPX 1.1 requires. Empty when the text is not one.
std::optional<std::int64_t> parse_iso_time(std::string_view text);

// parse_iso_time for the time stamps of one track, which share their dates: the date of the
// last one read is remembered, so that each point costs only its time of day (a Strava export
// holds some five million points). Same results as parse_iso_time.
class TrackTimeReader {
public:
    std::optional<std::int64_t> operator()(std::string_view text);

private:
    std::array<char, 10> m_date{};
    std::int64_t m_day = 0;
    bool m_has_date = false;
};

// "YYYY-MM-DD" as days since 1970-01-01; empty when it is not a real date.
std::optional<std::int64_t> parse_iso_day(std::string_view text);

// The runner's local calendar day of a moment.
std::int64_t local_day(std::int64_t time);

// The moment of a local wall-clock time (as a Garmin CSV writes it), in the runner's time zone.
std::int64_t from_local_time(int year, int month, int day, int hour, int minute, int second);

// A day as "YYYY-MM-DD".
std::string day_text(std::int64_t day);

}  // namespace runback::training
