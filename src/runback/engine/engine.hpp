#pragma once
// The compiled rule base and the one pure function that assesses answers against it.

#include <runback/engine/assessment.hpp>
#include <runback/engine/rule_conditions.hpp>
#include <runback/rules/model.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace runback::engine {

// The code of the warning that some red-flag questions were not answered.
inline constexpr std::string_view k_red_flags_unanswered = "red_flags_unanswered";

// That warning's message when `count` of the rule base's `total` red-flag questions are
// unanswered.
std::string red_flags_unanswered_message(std::size_t count, std::size_t total);

class Engine {
public:
    // Compiles the rule base once; it must outlive the engine.
    explicit Engine(const rules::RuleBase& rule_base);

    const rules::RuleBase& rule_base() const { return m_rule_base; }

    // Assesses one set of answers (one slot per question). Pure: no I/O, no shared state, so
    // threads may call it at once.
    Assessment evaluate(const Answers& answers) const;

    // The same assessment written into `out`, whose storage is reused: a caller that keeps one
    // Assessment per thread allocates nothing once it is warm. Whatever `out` held is replaced.
    void evaluate_into(const Answers& answers, Assessment& out) const;

private:
    struct CompiledRule {
        int condition;            // its handle in m_conditions
        int cause;
        std::size_t score_slot;   // the cause, or a spare slot past the causes
        double weight;
        rules::Urgency urgency;   // self_care when the rule sets none
        int warning_code;         // index into m_warning_codes, or -1
        bool fixed_support;       // its supporting questions are m_rule_support's bits
    };

    // A list of action indices, as a range of m_action_lists.
    struct ActionList {
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
    };

    static constexpr std::size_t k_urgencies = 4;

    ActionList add_action_list(const std::vector<int>& actions);
    void rank_causes(Assessment& result) const;
    void select_actions(Assessment& result) const;
    void add_warnings(const Answers& answers, Assessment& result) const;

    const rules::RuleBase& m_rule_base;
    RuleConditions m_conditions;
    std::vector<CompiledRule> m_rules;
    RuleConditions::CheckSet m_rule_checks;        // the rules' conditions, in rule order
    // Every action's unsuitable guards and cautions, in action order: their conditions, and
    // per guard its action, its text and its place among the action's own. m_caution_text
    // ends with an empty text, m_no_caution (its place -1).
    RuleConditions::CheckSet m_guard_checks;
    std::vector<int> m_guard_action;
    std::vector<std::string_view> m_guard_reason;
    std::vector<int> m_guard_place;
    RuleConditions::CheckSet m_caution_checks;
    std::vector<int> m_caution_action;
    std::vector<std::string_view> m_caution_text;
    std::vector<int> m_caution_place;
    std::uint32_t m_no_caution = 0;
    std::vector<int> m_red_flags;                 // question indices

    // Lookups built once so that selecting actions never scans every action per cause.
    std::vector<int> m_action_lists;                      // the lists below, end to end
    std::vector<ActionList> m_cause_actions;              // per cause: actions addressing it
    std::vector<ActionList> m_recommended;                // per rule: actions it recommends
    std::array<ActionList, k_urgencies> m_urgency_care;   // seek_care actions for the level
    std::array<ActionList, k_urgencies> m_urgency_actions;   // all actions for the level
    // Per action whether it may be taken: every action, then (in an emergency) seek-care ones.
    std::vector<unsigned char> m_allowed;
    std::uint64_t m_seek_care_bits = 0;   // the same for the first 64 actions, as bits

    // The questions supporting a cause as bits, m_question_words words per set: per rule
    // whose support does not depend on the answers, its questions.
    std::size_t m_question_words = 0;
    std::vector<std::uint64_t> m_rule_support;

    // Warning codes by index, red_flags_unanswered first; and its message per number of
    // unanswered red flags (index 0 unused).
    std::vector<std::string> m_warning_codes;
    std::vector<std::string> m_unanswered_messages;
};

}  // namespace runback::engine
