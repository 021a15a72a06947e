#pragma once
// Which number to call in an emergency: one country's, or the list that works anywhere.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runback::report {

// The emergency number for an ISO 3166 country code ("GB", "us"), or nullopt when unknown.
std::optional<std::string> emergency_number(std::string_view country);

// Every country code emergency_number knows, for shell completion.
std::vector<std::string> known_countries();

// The country code from the locale (LC_ALL, then LC_MESSAGES, then LANG: "en_GB.UTF-8" is
// "GB"), or "" when the locale names none.
std::string country_from_locale();

// "call 999" for a known number, else "call 112 in Europe, 911 in North America, 999 in the
// UK or 000 in Australia".
std::string call_phrase(std::string_view number);

}  // namespace runback::report
