#include <runback/training/sport.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace runback::training {
namespace {

bool contains(const std::string& text, std::string_view word) { return text.find(word) != std::string::npos; }

}  // namespace

Sport sport_from_name(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower.empty()) return Sport::unknown;
    // Order matters: "virtual ride" before "run" would not matter, but "run/walk" counts as a run.
    if (contains(lower, "run") || contains(lower, "jog") || lower == "9") return Sport::run;  // 9: Strava's GPX code
    if (contains(lower, "walk") || contains(lower, "hik")) return Sport::walk;
    if (contains(lower, "ride") || contains(lower, "bik") || contains(lower, "cycl") || lower == "1")
        return Sport::ride;
    if (contains(lower, "swim")) return Sport::swim;
    return Sport::other;
}

Sport sport_from_fit(unsigned sport) {
    switch (sport) {
    case 1: return Sport::run;                 // running
    case 2: return Sport::ride;                // cycling
    case 5: return Sport::swim;                // swimming
    case 11: case 17: return Sport::walk;      // walking, hiking
    case 0: return Sport::unknown;             // generic
    default: return Sport::other;
    }
}

std::string_view sport_noun(Sport sport) {
    switch (sport) {
    case Sport::run: return "a run";
    case Sport::walk: return "a walk";
    case Sport::ride: return "a ride";
    case Sport::swim: return "a swim";
    case Sport::other: return "not a run";
    case Sport::unknown: return "of no stated kind";
    }
    return "not a run";
}

}  // namespace runback::training
