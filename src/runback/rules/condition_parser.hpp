#pragma once
// Reads conditions (a rule's `when`, a question's `ask_if`, an action's guards) and checks each
// test against the question it names: its type, its options and its range.

#include <runback/rules/passes.hpp>
#include <runback/rules/yaml_reader.hpp>

#include <string_view>

namespace runback::rules {

class ConditionParser {
public:
    // Questions must be declared (pass 1) before conditions are read.
    ConditionParser(const RuleBase& base, const Symbols& symbols)
        : m_base(base), m_symbols(symbols) {}

    // The condition that is `field`'s value. Problems are reported and reading goes on, so the
    // result may be partial; it is used only when the whole load has no problem.
    Condition parse(const Field& field, const FileScope& scope) const;

private:
    // `context` says where the condition is, for messages: "for 'when'", "in 'all'".
    Condition parse_node(const YAML::Node& node, const YAML::Mark& mark, const FileScope& scope,
                         std::string_view context) const;
    void parse_combination(const MapReader& reader, const Field& field,
                           Condition& condition) const;
    void parse_test(const MapReader& reader, Condition& condition) const;
    void read_number(const MapReader& reader, const Field& field, const Question& question,
                     const QuestionFacts& facts, Condition& condition) const;
    // The index of the option named by `node` (yes/no for yes_no questions), or -1.
    int read_option(const FileScope& scope, const YAML::Node& node, const YAML::Mark& mark,
                    const Question& question, const QuestionFacts& facts) const;

    const RuleBase& m_base;
    const Symbols& m_symbols;
};

}  // namespace runback::rules
