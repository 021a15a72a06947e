#include <runback/rules/condition_parser.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace runback::rules {
namespace {

using Kind = Condition::Kind;

const std::vector<std::string> k_condition_keys{"question", "equals",    "one_of",   "less_than",
                                                "at_most",  "more_than", "at_least", "all",
                                                "any",      "not"};
const std::vector<std::string> k_test_keys{"equals",  "one_of",    "less_than",
                                           "at_most", "more_than", "at_least"};

struct KeyKind {
    std::string_view key;
    Kind kind;
};

constexpr std::array<KeyKind, 9> k_kinds{{
    {"equals", Kind::equals},
    {"one_of", Kind::one_of},
    {"less_than", Kind::less_than},
    {"at_most", Kind::at_most},
    {"more_than", Kind::more_than},
    {"at_least", Kind::at_least},
    {"all", Kind::all},
    {"any", Kind::any},
    {"not", Kind::negation},
}};

Kind kind_of(std::string_view key) {
    for (const KeyKind& entry : k_kinds) {
        if (entry.key == key) return entry.kind;
    }
    return Kind::equals;
}

// The fields of `reader` whose keys are in `keys`, in the order written.
std::vector<const Field*> fields_among(const MapReader& reader,
                                       const std::vector<std::string>& keys) {
    std::vector<const Field*> result;
    for (const std::string& key : keys) {
        if (const Field* field = reader.field(key)) result.push_back(field);
    }
    std::sort(result.begin(), result.end(), [](const Field* a, const Field* b) {
        return a->key_node.Mark().pos < b->key_node.Mark().pos;
    });
    return result;
}

}  // namespace

Condition ConditionParser::parse(const Field& field, const FileScope& scope) const {
    return parse_node(field.value, field.mark(), scope, fmt::format("for '{}'", field.key));
}

Condition ConditionParser::parse_node(const YAML::Node& node, const YAML::Mark& mark,
                                      const FileScope& scope, std::string_view context) const {
    Condition condition;
    condition.where = scope.where(mark);
    if (!node.IsMap()) {
        scope.error(mark, fmt::format("expected a condition {} (a map with 'question' and a "
                                      "test, or with 'all', 'any' or 'not'), got {}",
                                      context, describe(node)));
        return condition;
    }
    MapReader reader(node, scope, "condition");
    reader.check_keys(k_condition_keys);
    const auto combinators = fields_among(reader, {"all", "any", "not"});
    if (combinators.empty()) {
        parse_test(reader, condition);
        return condition;
    }
    if (combinators.size() > 1) {
        scope.error(combinators[1]->key_node,
                    fmt::format("a condition has both '{}' and '{}'; put one inside the other",
                                combinators[0]->key, combinators[1]->key));
    }
    const auto tests = fields_among(reader, k_test_keys);
    const Field* test = reader.has("question") ? reader.field("question")
                                               : (tests.empty() ? nullptr : tests.front());
    if (test != nullptr) {
        scope.error(combinators[0]->key_node,
                    fmt::format("a condition is either a test of one question or a combination "
                                "with 'all', 'any' or 'not'; this one has both '{}' and '{}'",
                                test->key, combinators[0]->key));
    }
    parse_combination(reader, *combinators[0], condition);
    return condition;
}

void ConditionParser::parse_combination(const MapReader& reader, const Field& field,
                                        Condition& condition) const {
    const FileScope& scope = reader.scope();
    condition.kind = kind_of(field.key);
    if (condition.kind == Kind::negation) {
        condition.children.push_back(
            parse_node(field.value, field.mark(), scope, fmt::format("for '{}'", field.key)));
        return;
    }
    if (!field.value.IsSequence()) {
        scope.error(field.mark(), fmt::format("expected a list of conditions for '{}', got {}",
                                              field.key, describe(field.value)));
        return;
    }
    if (field.value.size() == 0) {
        scope.error(field.mark(), fmt::format("'{}' needs at least one condition", field.key));
        return;
    }
    const std::string context = fmt::format("in '{}'", field.key);
    for (const YAML::Node& item : field.value) {
        condition.children.push_back(parse_node(item, item.Mark(), scope, context));
    }
}

void ConditionParser::parse_test(const MapReader& reader, Condition& condition) const {
    const FileScope& scope = reader.scope();
    const auto tests = fields_among(reader, k_test_keys);
    if (tests.empty() && !reader.has("question")) {
        scope.error(reader.node(), "expected a condition: a map with 'question' and a test, or "
                                   "with 'all', 'any' or 'not'");
        return;
    }
    const auto question_id = reader.reference("question", MapReader::Need::required);
    const std::string test_name =
        question_id ? fmt::format("test of question '{}'", *question_id) : "test";
    if (question_id) {
        condition.question =
            m_symbols.questions.resolve(*question_id, reader.field("question")->value, scope);
    }
    if (tests.empty()) {
        scope.error(reader.node(), fmt::format("{} needs one of: {}", test_name,
                                               join(k_test_keys)));
        return;
    }
    if (tests.size() > 1) {
        scope.error(tests[1]->key_node,
                    fmt::format("{} has both '{}' and '{}'; give exactly one, and combine "
                                "tests with 'all' or 'any'",
                                test_name, tests[0]->key, tests[1]->key));
    }
    const Field& test = *tests.front();
    condition.kind = kind_of(test.key);
    if (condition.question < 0) return;
    const auto index = static_cast<std::size_t>(condition.question);
    const Question& question = m_base.questions[index];
    const QuestionFacts& facts = m_symbols.facts[index];
    if (!facts.type_known) return;

    const bool numeric_test = condition.kind != Kind::equals && condition.kind != Kind::one_of;
    if (question.type == QuestionType::number) {
        if (condition.kind == Kind::one_of) {
            scope.error(test.key_node,
                        fmt::format("'one_of' is for choice and yes_no questions; question '{}' "
                                    "is a number question",
                                    question.id));
            return;
        }
        read_number(reader, test, question, facts, condition);
        return;
    }
    if (numeric_test) {
        scope.error(test.key_node,
                    fmt::format("'{}' is for number questions; question '{}' is a {} question",
                                test.key, question.id, to_id(question.type)));
        return;
    }
    if (condition.kind == Kind::equals) {
        const int option = read_option(scope, test.value, test.mark(), question, facts);
        if (option >= 0) condition.options.push_back(option);
        return;
    }
    if (!test.value.IsSequence()) {
        scope.error(test.mark(), fmt::format("expected a list of options for 'one_of', got {}",
                                             describe(test.value)));
        return;
    }
    if (test.value.size() == 0) {
        scope.error(test.mark(), "'one_of' needs at least one option");
        return;
    }
    for (const YAML::Node& item : test.value) {
        const int option = read_option(scope, item, item.Mark(), question, facts);
        if (option >= 0) condition.options.push_back(option);
    }
}

void ConditionParser::read_number(const MapReader& reader, const Field& field,
                                  const Question& question, const QuestionFacts& facts,
                                  Condition& condition) const {
    const auto value = field.value.IsScalar() ? parse_number(field.value.Scalar()) : std::nullopt;
    if (!value) {
        reader.scope().error(field.mark(),
                             fmt::format("expected a number for '{}' (question '{}' is a number "
                                         "question), got {}",
                                         field.key, question.id, describe(field.value)));
        return;
    }
    condition.number = *value;
    if (facts.range_known && (*value < question.min || *value > question.max)) {
        reader.scope().error(field.mark(),
                             fmt::format("{} is outside the range of question '{}' ({} to {})",
                                         field.value.Scalar(), question.id, question.min,
                                         question.max));
    }
}

int ConditionParser::read_option(const FileScope& scope, const YAML::Node& node,
                                 const YAML::Mark& mark, const Question& question,
                                 const QuestionFacts& facts) const {
    if (question.type == QuestionType::yes_no) {
        const auto yes = node.IsScalar() ? parse_yes_no(node.Scalar()) : std::nullopt;
        if (!yes) {
            scope.error(mark, fmt::format("expected yes or no for yes_no question '{}', got {}",
                                          question.id, describe(node)));
            return -1;
        }
        return *yes ? k_yes : k_no;
    }
    if (!node.IsScalar()) {
        scope.error(mark, fmt::format("expected an option of question '{}', got {}", question.id,
                                      describe(node)));
        return -1;
    }
    if (!facts.options_known) return -1;
    std::vector<std::string> ids;
    for (const Option& option : question.options) {
        if (option.id == node.Scalar()) return static_cast<int>(ids.size());
        ids.push_back(option.id);
    }
    scope.error(mark, fmt::format("unknown option '{}' of question '{}'{}; expected one of: {}",
                                  node.Scalar(), question.id, did_you_mean(node.Scalar(), ids),
                                  join(ids)));
    return -1;
}

}  // namespace runback::rules
