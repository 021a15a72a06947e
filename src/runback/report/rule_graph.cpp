#include <runback/report/rule_graph.hpp>

#include <fmt/format.h>

#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace runback::report {
namespace {

// The graph once, for both notations: nodes with a kind, edges between them.
enum class NodeKind { question, rule, urgency, cause, action };

struct Node {
    std::string id;      // unique across kinds: "q_fever", "r_red_flag_fever" ...
    std::string label;
    NodeKind kind;
    std::optional<rules::Urgency> urgency;   // rules that set one
};

struct Graph {
    std::vector<Node> nodes;
    std::vector<std::pair<std::string, std::string>> edges;
};

Graph build(const rules::RuleBase& rb) {
    Graph graph;
    std::set<int> used;
    for (const auto& rule : rb.rules)
        for (int q : rules::questions_tested(rule.when)) used.insert(q);
    for (int q : used) graph.nodes.push_back({"q_" + rb.questions[static_cast<std::size_t>(q)].id,
                                              rb.questions[static_cast<std::size_t>(q)].id, NodeKind::question, {}});
    for (const auto& rule : rb.rules) {
        const std::string label = rule.urgency ? fmt::format("{}\\n({})", rule.id, rules::to_id(*rule.urgency)) : rule.id;
        graph.nodes.push_back({"r_" + rule.id, label, NodeKind::rule, rule.urgency});
        for (int q : rules::questions_tested(rule.when)) graph.edges.emplace_back("q_" + rb.questions[static_cast<std::size_t>(q)].id, "r_" + rule.id);
        if (rule.cause >= 0) graph.edges.emplace_back("r_" + rule.id, "c_" + rb.causes[static_cast<std::size_t>(rule.cause)].id);
        for (int action : rule.recommend)
            graph.edges.emplace_back("r_" + rule.id, "a_" + rb.actions[static_cast<std::size_t>(action)].id);
        if (rule.urgency) graph.edges.emplace_back("r_" + rule.id, fmt::format("u_{}", rules::to_id(*rule.urgency)));
    }
    // An urgency level leads to the actions given for it.
    for (std::size_t level = 0; level < 4; ++level) {
        const auto urgency = static_cast<rules::Urgency>(level);
        const std::string id = fmt::format("u_{}", rules::to_id(urgency));
        graph.nodes.push_back({id, fmt::format("urgency\\n{}", rules::to_id(urgency)), NodeKind::urgency, urgency});
        for (const auto& action : rb.actions)
            for (auto level_of_action : action.for_urgency)
                if (level_of_action == urgency) graph.edges.emplace_back(id, "a_" + action.id);
    }
    for (const auto& cause : rb.causes) graph.nodes.push_back({"c_" + cause.id, cause.id, NodeKind::cause, {}});
    for (const auto& action : rb.actions) {
        graph.nodes.push_back({"a_" + action.id, action.id, NodeKind::action, {}});
        for (int cause : action.addresses)
            graph.edges.emplace_back("c_" + rb.causes[static_cast<std::size_t>(cause)].id, "a_" + action.id);
    }
    return graph;
}

std::string_view urgency_fill(rules::Urgency urgency) {
    switch (urgency) {
    case rules::Urgency::emergency: return "#d62828";
    case rules::Urgency::urgent: return "#ee7b1c";
    case rules::Urgency::see_clinician: return "#f2b705";
    case rules::Urgency::self_care: return "#2e9e4f";
    }
    return "#ffffff";
}

}  // namespace

std::string rule_graph_dot(const rules::RuleBase& rb) {
    const Graph graph = build(rb);
    std::string out = fmt::format("// {} {}: questions -> rules -> causes -> actions (runback rules graph)\n", rb.name, rb.version);
    out += "digraph rules {\n  rankdir=LR;\n  node [fontname=\"DejaVu Sans\", fontsize=10];\n"
           "  edge [color=\"#8c959f\", arrowsize=0.6];\n";
    for (const auto& node : graph.nodes) {
        std::string style;
        switch (node.kind) {
        case NodeKind::question: style = "shape=ellipse, style=filled, fillcolor=\"#ddf4ff\""; break;
        case NodeKind::rule:
            style = node.urgency ? fmt::format("shape=box, style=\"filled,bold\", fillcolor=\"{}\"", urgency_fill(*node.urgency))
                                 : "shape=box";
            break;
        case NodeKind::urgency:
            style = fmt::format("shape=octagon, style=\"filled,bold\", fillcolor=\"{}\"", urgency_fill(*node.urgency));
            break;
        case NodeKind::cause: style = "shape=hexagon, style=filled, fillcolor=\"#fff8c5\""; break;
        case NodeKind::action: style = "shape=note, style=filled, fillcolor=\"#dafbe1\""; break;
        }
        out += fmt::format("  \"{}\" [label=\"{}\", {}];\n", node.id, node.label, style);
    }
    for (const auto& [from, to] : graph.edges) out += fmt::format("  \"{}\" -> \"{}\";\n", from, to);
    return out + "}\n";
}

std::string rule_graph_mermaid(const rules::RuleBase& rb) {
    const Graph graph = build(rb);
    std::string out = fmt::format("%% {} {}: questions -> rules -> causes -> actions (runback rules graph)\n", rb.name, rb.version);
    out += "flowchart LR\n";
    for (const auto& node : graph.nodes) {
        std::string label = node.label;
        for (auto at = label.find("\\n"); at != std::string::npos; at = label.find("\\n")) label.replace(at, 2, "<br>");
        switch (node.kind) {
        case NodeKind::question: out += fmt::format("  {}([\"{}\"])\n", node.id, label); break;
        case NodeKind::rule: out += fmt::format("  {}[\"{}\"]\n", node.id, label); break;
        case NodeKind::urgency: out += fmt::format("  {}{{\"{}\"}}\n", node.id, label); break;
        case NodeKind::cause: out += fmt::format("  {}{{{{\"{}\"}}}}\n", node.id, label); break;
        case NodeKind::action: out += fmt::format("  {}>\"{}\"]\n", node.id, label); break;
        }
    }
    for (const auto& [from, to] : graph.edges) out += fmt::format("  {} --> {}\n", from, to);
    for (std::size_t level = 0; level < 4; ++level) {
        const auto urgency = static_cast<rules::Urgency>(level);
        out += fmt::format("  classDef {} fill:{},stroke:#1f2328,stroke-width:2px\n", rules::to_id(urgency), urgency_fill(urgency));
        std::string members;
        for (const auto& node : graph.nodes)
            if (node.urgency == urgency) members += (members.empty() ? "" : ",") + node.id;
        if (!members.empty()) out += fmt::format("  class {} {}\n", members, rules::to_id(urgency));
    }
    return out;
}

}  // namespace runback::report
