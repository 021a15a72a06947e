#pragma once
// The result of assessing one set of answers: what every output format renders.

#include <runback/engine/urgency_bound.hpp>
#include <runback/rules/model.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace runback::engine {

struct CauseResult {
    int cause = -1;                 // index into RuleBase::causes
    double score = 0;
    std::vector<int> because;       // questions whose answers led to it, in rule-base order
};

struct ActionResult {
    int action = -1;                // index into RuleBase::actions
    std::string_view caution;       // a caution that applies to these answers, or empty
    int caution_index = -1;         // which of the action's cautions that is, or -1
};

struct AvoidResult {
    int action = -1;
    std::string_view reason;
    int reason_index = -1;          // which of the action's `unsuitable` guards gave it, or -1
};

struct Warning {
    std::string code;
    std::string message;
    std::vector<int> questions;     // the questions concerned, where the code needs them
    std::vector<std::string> keys;  // input keys concerned (unknown_question), where it needs them
};

struct Assessment {
    rules::Urgency urgency = rules::Urgency::self_care;
    std::vector<int> red_flags;     // red-flag questions answered yes, in rule-base order
    std::vector<CauseResult> causes;   // score above 0, highest first, ties in rule-base order
    std::vector<ActionResult> actions; // most important first
    std::vector<AvoidResult> avoid;
    std::vector<Warning> warnings;
    std::vector<int> fired_rules;   // indices into RuleBase::rules, in rule-base order

    // Room that Engine::evaluate_into reuses from one call to the next, so that once warm it
    // allocates nothing: causes and warnings no longer needed (kept for their vectors' and
    // strings' capacity) and the engine's working arrays. Not part of the result.
    struct Scratch {
        std::vector<CauseResult> causes;
        std::vector<Warning> warnings;
        std::vector<std::uint64_t> tests;    // the truth of every test of the rule base
        std::vector<std::uint64_t> held;     // which rules' conditions hold, as bits
        std::vector<double> scores;          // per cause, and a slot for rules without one
        std::vector<int> order;              // the causes ranked, then per cause its place
        std::vector<std::uint64_t> because;  // per ranked cause, its supporting questions' bits
        std::vector<int> support;            // one rule's supporting questions
        std::vector<int> candidates;         // actions to consider, in order
        std::vector<std::uint32_t> caution_of;   // per action, its caution's index
        std::vector<int> warning_rules;      // fired rules that raise a warning
        std::vector<unsigned char> taken;    // per action
        std::vector<unsigned char> raised;   // per warning code
        UrgencyBound::Work bound;            // the search over unanswered questions
        std::vector<int> deciding;           // the open questions that raised the urgency
    } scratch;
};

}  // namespace runback::engine
