#pragma once
// The rule base as a picture: questions to the rules that test them, rules to the causes they
// raise and the actions they recommend, causes to the actions that address them. Rules that set
// an urgency are coloured by it (and say it in their label, for black-and-white copies).

#include <runback/rules/model.hpp>

#include <string>

namespace runback::report {

// Graphviz's dot language (render with `dot -Tsvg`).
std::string rule_graph_dot(const rules::RuleBase& rule_base);
// A Mermaid flowchart (GitHub and many wikis draw it).
std::string rule_graph_mermaid(const rules::RuleBase& rule_base);

}  // namespace runback::report
