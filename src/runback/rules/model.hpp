#pragma once
// The rule base as plain data: what the loader builds from rules/*.yaml and the engine reads.
// Cross references are indices into RuleBase's vectors, resolved once by the loader, so the
// engine compares integers, never strings.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runback::rules {

// Where something was written: file, 1-based line and column (0 when not known).
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;

    // Field by field, so that tests can compare whole rule bases.
    bool operator==(const SourceLocation&) const = default;
};

enum class QuestionType : std::uint8_t { yes_no, choice, number };

// Most serious last, so that std::max picks the winner.
enum class Urgency : std::uint8_t { self_care, see_clinician, urgent, emergency };

enum class ActionCategory : std::uint8_t { self_care, prevention, seek_care };

// The contract's id for an urgency level ("self_care" ...).
std::string_view to_id(Urgency urgency);
// The contract's id for a question type ("yes_no", "choice", "number").
std::string_view to_id(QuestionType type);
// The id used in YAML for a category ("self_care", "prevention", "seek_care").
std::string_view to_id(ActionCategory category);
std::optional<Urgency> urgency_from_id(std::string_view id);
std::optional<QuestionType> question_type_from_id(std::string_view id);
std::optional<ActionCategory> category_from_id(std::string_view id);

// For yes_no questions the two implicit options have these indices.
inline constexpr int k_no = 0;
inline constexpr int k_yes = 1;

struct Option {
    std::string id;
    std::string label;
    bool neutral = false;          // changes nothing on purpose: `rules check` need not ask why

    bool operator==(const Option&) const = default;   // field by field
};

// A condition over answers: a leaf tests one question; all / any / not combine conditions.
struct Condition {
    enum class Kind : std::uint8_t {
        all, any, negation,                            // combinators over `children`
        equals, one_of,                                // choice or yes_no: `options`; number: `number`
        less_than, at_most, more_than, at_least        // number questions: `number`
    };
    Kind kind = Kind::all;
    int question = -1;             // leaves: index into RuleBase::questions
    std::vector<int> options;      // equals / one_of on choice and yes_no (k_no, k_yes)
    double number = 0;             // numeric tests, and equals on a number question
    std::vector<Condition> children;
    SourceLocation where;

    bool operator==(const Condition&) const = default;   // field by field

    bool is_test() const { return kind >= Kind::equals; }
};

// Calls `visit` with every test (leaf) of `condition`, however deep, in the order written.
template <typename Visit>
void for_each_test(const Condition& condition, Visit&& visit) {
    if (condition.is_test()) {
        visit(condition);
        return;
    }
    for (const Condition& child : condition.children) for_each_test(child, visit);
}

// The questions a condition tests, each once, in the order written (unresolved ones left out).
std::vector<int> questions_tested(const Condition& condition);

struct Section {
    std::string id;
    std::string title;
    std::string intro;             // optional
    // Asked as one checklist ("which of these apply?"), not question by question: for short
    // yes/no questions that most people answer no to, so that they cost one step, not many.
    bool checklist = false;
    SourceLocation where;

    bool operator==(const Section&) const = default;   // field by field
};

struct Question {
    std::string id;
    int section = -1;              // index into RuleBase::sections
    QuestionType type = QuestionType::yes_no;
    std::string text;
    std::string help;              // why it is asked, one line
    bool red_flag = false;
    // A red flag whose absence is always reported (red_flags_unanswered). False: only when the
    // record answers another red flag that says false too. The warning signs added in version 2
    // of the vocabulary say false: older exports never asked them, and they assess as before.
    bool warn_when_unanswered = true;
    std::vector<Option> options;   // choice: as written; yes_no: {no, yes} filled in by the loader
    double min = 0;                // number only
    double max = 0;
    std::string unit;              // number only
    std::optional<Condition> ask_if;   // when the questionnaire asks it; batch uses every answer
    SourceLocation where;

    bool operator==(const Question&) const = default;   // field by field
};

struct Cause {
    std::string id;
    std::string name;
    std::string explanation;
    std::vector<std::string> sources;
    bool serious = false;          // a feared pathology (possible_*): what an urgent result names
    bool fragile_bone = false;     // a bone may be injured or weak: no flexion or massage over it
    SourceLocation where;

    bool operator==(const Cause&) const = default;   // field by field
};

// A condition with the words shown when it holds: why an action is unsuitable, or a caution.
struct Guard {
    Condition when;
    std::string text;
    bool waits_for_check = false;  // the words say to wait for a check-up: never with self_care
    SourceLocation where;

    bool operator==(const Guard&) const = default;   // field by field
};

// What carrying out an action asks of the body (`involves:` in actions.yaml), as bits, so that
// the engine's safety principles can adjust advice whatever its words.
namespace activity {
inline constexpr int running = 1;
inline constexpr int exercise = 2;
inline constexpr int stretching = 4;
inline constexpr int massage = 8;
inline constexpr int spinal_flexion = 16;     // loaded or end-range forward bending of the spine
inline constexpr int count = 5;
// Given with an urgent result only with the caution to wait until checked.
inline constexpr int waits_when_urgent = running | exercise | stretching | massage;
// Ruled out with fragile bones, unless the action says how to do it safely.
inline constexpr int risky_for_fragile_bone = spinal_flexion | massage;
}  // namespace activity

// The YAML id of one activity bit ("running" ...), and back.
std::string_view activity_id(int bit);
std::optional<int> activity_from_id(std::string_view id);

struct Action {
    std::string id;
    std::string title;
    ActionCategory category = ActionCategory::self_care;
    std::vector<std::string> steps;
    std::vector<int> addresses;            // causes it helps with, indices into RuleBase::causes
    std::vector<Urgency> for_urgency;      // recommended whenever the result has one of these
    std::vector<Guard> unsuitable;         // any true: the action moves to `avoid` with the text
    std::vector<Guard> cautions;           // any true: the action carries the text as a caution
    int involves = 0;                      // activity bits
    bool waits_for_check = false;          // advice to wait for a check-up: never with self_care
    std::string until_checked;             // its caution with an urgent result ("": the default)
    std::string with_fragile_bone;         // its caution with fragile bones ("": avoided then)
    std::vector<std::string> sources;
    SourceLocation where;

    bool operator==(const Action&) const = default;   // field by field
};

struct Rule {
    std::string id;
    Condition when;
    int cause = -1;                        // index into RuleBase::causes, or -1
    double weight = 0;                     // added to the cause's score when the rule fires
    std::optional<Urgency> urgency;        // the least urgency the result has when it fires
    std::vector<int> recommend;            // actions recommended when it fires
    std::string warning;                   // a warning code raised when it fires ("" for none)
    std::string because;
    std::vector<std::string> sources;
    SourceLocation where;

    bool operator==(const Rule&) const = default;   // field by field
};

// The rule base's words for the engine's safety principles (docs/safety.md): the advice that
// an urgent result or fragile bones change, whatever the rules say.
struct Safety {
    std::string until_checked;             // caution on activity advice with an urgent result
    std::optional<Condition> fragile_bone; // answers that mean the bones are fragile
    std::string fragile_bone_reason;       // why flexion or massage is avoided with them
    std::vector<std::string> sources;
    SourceLocation where;

    bool operator==(const Safety&) const = default;   // field by field
};

struct RuleBase {
    std::string name;
    std::string version;
    Safety safety;
    std::vector<Section> sections;
    std::vector<Question> questions;
    std::vector<Cause> causes;
    std::vector<Action> actions;
    std::vector<Rule> rules;

    // Index of the item with this id, or -1.
    int find_question(std::string_view id) const;
    int find_cause(std::string_view id) const;
    int find_action(std::string_view id) const;
    int find_section(std::string_view id) const;

    bool operator==(const RuleBase&) const = default;   // field by field
};

// The cautions an action may carry in a result are numbered: its own (0 to n - 1), then the
// engine's safety cautions, "wait until checked" (n) and the fragile-bone one (n + 1). Its
// reasons to be avoided likewise: its `unsuitable` guards, then fragile bones.
inline int until_checked_caution(const Action& action) { return static_cast<int>(action.cautions.size()); }
inline int fragile_bone_caution(const Action& action) { return static_cast<int>(action.cautions.size()) + 1; }
inline int fragile_bone_reason(const Action& action) { return static_cast<int>(action.unsuitable.size()); }
// Their words: the action's own, else the rule base's safety block's.
std::string_view until_checked_text(const RuleBase& rule_base, const Action& action);
inline std::string_view fragile_bone_caution_text(const Action& action) { return action.with_fragile_bone; }
inline std::string_view fragile_bone_reason_text(const RuleBase& rule_base) { return rule_base.safety.fragile_bone_reason; }
// The words of the caution, or the reason to avoid, numbered `place` as above ("" past the end).
std::string_view caution_text_at(const RuleBase& rule_base, const Action& action, int place);
std::string_view reason_text_at(const RuleBase& rule_base, const Action& action, int place);

// How many red flags are warned about when unanswered (red_flags_unanswered's "N of the M").
inline std::size_t warned_red_flag_count(const RuleBase& rule_base) {
    std::size_t count = 0;
    for (const Question& question : rule_base.questions) count += question.red_flag && question.warn_when_unanswered ? 1 : 0;
    return count;
}

// One YAML file of a rule base: its name (used in error locations) and its text.
struct SourceFile {
    std::string name;
    std::string text;
};

}  // namespace runback::rules
