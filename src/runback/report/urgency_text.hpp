#pragma once
// What each urgency level means to a person, in the contract's words. When and where to get
// help in detail is the rule base's seek-care actions' job.

#include <runback/rules/model.hpp>

#include <string_view>

namespace runback::report {

// The headline, e.g. "See a doctor within 24 hours".
std::string_view urgency_headline(rules::Urgency urgency);

// What to do about it, in a sentence or two; `emergency_number` is the number to call, or ""
// for the list that works anywhere.
std::string urgency_meaning(rules::Urgency urgency, std::string_view emergency_number = {});

// The short disclaimer every human-readable output carries.
std::string_view disclaimer();

}  // namespace runback::report
