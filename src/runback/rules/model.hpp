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
    SourceLocation where;

    bool operator==(const Cause&) const = default;   // field by field
};

// A condition with the words shown when it holds: why an action is unsuitable, or a caution.
struct Guard {
    Condition when;
    std::string text;
    SourceLocation where;

    bool operator==(const Guard&) const = default;   // field by field
};

struct Action {
    std::string id;
    std::string title;
    ActionCategory category = ActionCategory::self_care;
    std::vector<std::string> steps;
    std::vector<int> addresses;            // causes it helps with, indices into RuleBase::causes
    std::vector<Urgency> for_urgency;      // recommended whenever the result has one of these
    std::vector<Guard> unsuitable;         // any true: the action moves to `avoid` with the text
    std::vector<Guard> cautions;           // any true: the action carries the text as a caution
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

struct RuleBase {
    std::string name;
    std::string version;
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

// One YAML file of a rule base: its name (used in error locations) and its text.
struct SourceFile {
    std::string name;
    std::string text;
};

}  // namespace runback::rules
