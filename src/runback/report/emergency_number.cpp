#include <runback/report/emergency_number.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <utility>

namespace runback::report {
namespace {

// Countries whose number is not 112; 112 works across the EU and in many other countries.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> k_numbers{{
    {"GB", "999"}, {"UK", "999"}, {"US", "911"}, {"CA", "911"}, {"MX", "911"}, {"AU", "000"},
    {"NZ", "111"}, {"JP", "119"}, {"CN", "120"}, {"ZA", "112"}, {"BR", "192"}, {"AR", "107"},
    {"SG", "995"}, {"HK", "999"},
}};

// EU and EEA members, Switzerland, and others where 112 is the number to give.
constexpr std::array<std::string_view, 36> k_112{
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS",
    "LI", "NO", "CH", "TR", "IN", "IL", "UA", "RS"};

}  // namespace

std::optional<std::string> emergency_number(std::string_view country) {
    std::string code(country);
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const auto& [name, number] : k_numbers)
        if (name == code) return std::string(number);
    if (std::find(k_112.begin(), k_112.end(), code) != k_112.end()) return std::string("112");
    return std::nullopt;
}

std::vector<std::string> known_countries() {
    std::vector<std::string> codes;
    for (const auto& [code, number] : k_numbers) codes.emplace_back(code);
    for (const auto code : k_112) codes.emplace_back(code);
    std::sort(codes.begin(), codes.end());
    return codes;
}

std::string country_from_locale() {
    for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(variable);
        if (!value || !*value) continue;
        const std::string_view locale(value);
        const auto underscore = locale.find('_');
        if (underscore == std::string_view::npos || locale.size() < underscore + 3) return "";
        return std::string(locale.substr(underscore + 1, 2));
    }
    return "";
}

std::string call_phrase(std::string_view number) {
    if (!number.empty()) return "call " + std::string(number);
    return "call 112 in Europe, 911 in North America, 999 in the UK or 000 in Australia";
}

}  // namespace runback::report
