#pragma once
// The compiled rule base and the one pure function that assesses answers against it.

#include <runback/engine/assessment.hpp>
#include <runback/engine/rule_conditions.hpp>
#include <runback/engine/urgency_bound.hpp>
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

// The code of the warning on a record with a key that names no question yet is close to a
// red-flag question's id (contract, version 2): a misspelt warning sign must not pass quietly.
// The inputs raise it (input::AnswerMapper); every output shows it first.
inline constexpr std::string_view k_unknown_key_near_red_flag = "unknown_key_near_red_flag";

// The code of the warning that the urgency was raised because every possible answer to the
// questions left open would raise it (docs/safety.md), and its message for each level.
inline constexpr std::string_view k_urgency_raised_for_unanswered = "urgency_raised_for_unanswered";
std::string urgency_raised_message(rules::Urgency urgency);

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

    // The same, for answers from an export that asked the quiet red flags (a CSV with their
    // columns): those left open are unanswered, and warned about, even when none is answered.
    void evaluate_into(const Answers& answers, Assessment& out, bool quiet_flags_asked) const;

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

    // What the safety principles need of an action (docs/safety.md).
    struct ActionSafety {
        int involves = 0;                   // activity bits
        std::string_view until_checked;     // its caution with an urgent result
        std::string_view fragile_caution;   // its caution with fragile bones, or empty: avoided
        int until_checked_place = -1;       // those cautions' places (rules::until_checked_caution ...)
        int fragile_caution_place = -1;
        int fragile_reason_place = -1;
    };

    ActionList add_action_list(const std::vector<int>& actions);
    void rank_causes(Assessment& result) const;
    // Whether the answers or the causes found mean the bones may be fragile.
    bool bones_fragile(const Assessment& result) const;
    void select_actions(Assessment& result) const;
    // Applies the safety principles for an urgent result or fragile bones to an action about
    // to be taken: false when it moves to `avoid` instead, else `taken` has the caution they
    // call for, if any, in place of its own.
    bool apply_principles(ActionResult& taken, bool urgent, bool fragile, Assessment& result) const;
    void add_warnings(const Answers& answers, bool raised, bool quiet_flags_asked, Assessment& result) const;

    const rules::RuleBase& m_rule_base;
    RuleConditions m_conditions;
    UrgencyBound m_bound;
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
    std::vector<int> m_warned_flags;              // those whose absence is always warned about
    std::vector<int> m_quiet_flags;               // the others: once one of them is answered

    // The safety principles: per action its facts, the cautions that wait for a check-up (as
    // bits over the cautions, left out with self_care), the condition for fragile bones (a
    // handle, or -1) and which causes mean them.
    std::vector<ActionSafety> m_action_safety;
    std::vector<std::uint64_t> m_waiting_cautions;
    bool m_any_waiting_caution = false;
    int m_fragile_condition = -1;
    std::vector<unsigned char> m_fragile_cause;

    // Lookups built once so that selecting actions never scans every action per cause.
    std::vector<int> m_action_lists;                      // the lists below, end to end
    std::vector<ActionList> m_cause_actions;              // per cause: actions addressing it
    std::vector<ActionList> m_recommended;                // per rule: actions it recommends
    std::array<ActionList, k_urgencies> m_urgency_care;   // seek_care actions for the level
    std::array<ActionList, k_urgencies> m_urgency_actions;   // all actions for the level
    // Per action whether it may be taken: every action, then (in an emergency) seek-care ones,
    // then (with self-care) those that do not wait for a check-up.
    std::vector<unsigned char> m_allowed;
    std::uint64_t m_seek_care_bits = 0;   // the same for the first 64 actions, as bits
    std::uint64_t m_self_care_bits = ~std::uint64_t{0};

    // The questions supporting a cause as bits, m_question_words words per set: per rule
    // whose support does not depend on the answers, its questions.
    std::size_t m_question_words = 0;
    std::vector<std::uint64_t> m_rule_support;

    // Warning codes by index, red_flags_unanswered first; and its message per number of
    // unanswered red flags (index 0 unused).
    std::vector<std::string> m_warning_codes;
    std::vector<std::string> m_unanswered_messages;
    std::vector<std::string> m_unanswered_all_messages;   // the same, of all the red flags
    std::array<std::string, k_urgencies> m_raised_messages;
};

}  // namespace runback::engine
