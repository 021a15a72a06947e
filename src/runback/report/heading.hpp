#pragma once
// What the top of a text assessment or an advice sheet says, for every human-readable format:
// the level's headline and meaning, the reasons for it, and the warnings that must be read
// before anything else. A self_care result whose warning signs were not all answered does not
// promise self-care: its headline says what is missing and lists it (the JSON urgency stays
// self_care, as the contract defines it).

#include <runback/engine/assessment.hpp>
#include <runback/rules/model.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace runback::report {

struct Heading {
    std::string headline;                 // "URGENT: see a doctor within 24 hours"
    std::string meaning;                  // what it means for the person, a sentence or two
    std::vector<std::string> reasons;     // why this level: the deciding rules' words
    std::vector<std::string> missing;     // the unanswered warning signs' questions, when they
                                          // change the headline
    std::vector<std::string> alerts;      // warnings shown before the headline
    bool unchecked = false;               // self_care, but warning signs were left unanswered
};

Heading heading_for(const rules::RuleBase& rule_base, const engine::Assessment& assessment,
                    std::string_view emergency_number);

// Whether a warning is shown in the heading (as an alert, a reason, or as the missing warning
// signs), so that the notes at the end leave it out.
bool shown_in_heading(const Heading& heading, const engine::Warning& warning);

// A warning as one line for people: its message, then the questions it names, as asked.
std::string warning_text(const rules::RuleBase& rule_base, const engine::Warning& warning);

}  // namespace runback::report
