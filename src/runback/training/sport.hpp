#pragma once
// What the names that exports give activities mean: "Run", "running", "Trail Running",
// "Treadmill Running" and FIT's sport 1 are runs; walks, rides and swims are read and ignored.

#include <runback/training/activity.hpp>

#include <string_view>

namespace runback::training {

// The kind of activity a name from GPX <type>, TCX Sport, or a Strava or Garmin CSV says.
Sport sport_from_name(std::string_view name);

// The kind of activity of a FIT sport number (the FIT profile's `sport` type).
Sport sport_from_fit(unsigned sport);

// "a walk", "a ride": for the list of ignored activities.
std::string_view sport_noun(Sport sport);

}  // namespace runback::training
