#pragma once
// A skipped answer never lowers the urgency (contract, version 2): the least urgency that any
// answers to the questions left open would give, given the answers that were. The urgency
// rules' questions each have a finite set of answers that behave differently (every option;
// for a number, each threshold the rules compare it with and a value between each two), so
// "every way of answering" is a finite space. It is searched for a way of answering that
// gives no more than the rules already give:
//   1. the answers most likely to be harmless (the value of each open question that rules
//      most of the urgency rules out) are tried at once; usually they give nothing more, and
//      the answer is known after one pass over the urgency rules. That pass reuses the
//      engine's planes of test results: an open question's tests have no bits there, so the
//      harmless answers' bits, prepared once per question, are or-ed in;
//   2. otherwise, level by level above the present one, a case split over the open questions
//      (three-valued logic: a rule already true under the answers so far covers every branch
//      below; every rule false is a way of answering that escapes the level) proves that every
//      way of answering reaches the level, or finds one that does not.
// docs/safety.md describes it and bench/README.md what it costs per record.

#include <runback/engine/answers.hpp>
#include <runback/engine/compiled_condition.hpp>
#include <runback/engine/rule_conditions.hpp>
#include <runback/rules/model.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace runback::engine {

class UrgencyBound {
public:
    // For the rules of `rule_base` that set an urgency, whose conditions are `rule_handles`
    // (one per rule, in rule order) in `conditions`, prepared. Both must outlive it.
    void prepare(const rules::RuleBase& rule_base, const RuleConditions& conditions,
                 const std::vector<int>& rule_handles);

    // Working room, reused from call to call so that a warm call allocates nothing.
    struct Work {
        Answers trial;                  // the answers with some open questions filled in
        std::vector<int> open;          // unanswered questions that urgency rules test
        std::vector<int> counts;        // per question, while choosing what to split on
        std::vector<int> unknown;       // per depth of the split, rules still unknown
        std::vector<int> splits;        // the questions split on, for the level being proved
        std::size_t steps_left = 0;     // of the case split, for the level being proved
        std::vector<std::uint64_t> planes;  // the first pass's test results
        std::vector<std::uint64_t> held;
        std::vector<int> fired;
    };

    // The least urgency that any answers to the unanswered questions give, where the answers
    // given (whose test results are `planes`, from the conditions' run_tests) already reach
    // `floor`; never below it. When it is above, `deciding` gets the open questions whose
    // answers the proof of that level had to consider (else it is cleared).
    rules::Urgency least_over_open(const Answers& answers, const std::vector<std::uint64_t>& planes,
                                   rules::Urgency floor, Work& work, std::vector<int>& deciding) const;

private:
    static constexpr std::size_t k_levels = 4;
    // The most steps of the case split for one level of one record. The default rule base
    // needed 77 at most over the property tests' 100,000 records; a rule base tangled enough
    // to need more is taken, past it, to reach the level: the safe side (docs/safety.md).
    static constexpr std::size_t k_max_steps = 100000;

    struct UrgencyRule {
        int root;                       // in m_tree
        rules::Urgency urgency;
        std::vector<int> questions;     // the questions it tests
    };

    // A word of the planes and the bits a harmless answer sets in it.
    struct PlaneBits {
        std::uint32_t word;
        std::uint64_t bits;
    };

    // True when every way of answering the questions unanswered in work.trial fires a rule
    // of at least `level` (work.trial is restored before it returns).
    bool covers(std::size_t level, Work& work) const;

    const RuleConditions* m_conditions = nullptr;
    RuleConditions::CheckSet m_checks;  // the urgency rules' conditions, in m_rules order
    std::vector<UrgencyRule> m_rules;
    std::array<std::vector<int>, k_levels> m_at_least;   // per level: rules setting it or more
    CompiledConditions m_tree;          // three-valued, for the search
    std::vector<int> m_relevant;        // questions the urgency rules test, in question order
    std::vector<std::vector<Answer>> m_choices;   // per question: its ways, harmless first
    std::vector<std::uint32_t> m_harmless_first;  // per question: its harmless answer's bits,
    std::vector<PlaneBits> m_harmless_bits;       // m_harmless_bits[first, next question's)
    std::vector<Answer> m_fixed;        // per question: the answer the case split fixes, or none
};

}  // namespace runback::engine
