#include <runback/engine/compiled_condition.hpp>

namespace runback::engine {

using Kind = rules::Condition::Kind;

int CompiledConditions::add(const rules::Condition& condition) {
    const auto root = static_cast<std::uint32_t>(m_nodes.size());
    m_nodes.emplace_back();
    fill(root, condition);
    return static_cast<int>(root);
}

void CompiledConditions::fill(std::uint32_t index, const rules::Condition& condition) {
    Node node{condition.kind, condition.question, 0, 0, 0, condition.number};
    for (int option : condition.options) node.option_mask |= std::uint64_t{1} << option;
    if (!condition.children.empty()) {
        // Reserve the children's slots together first, then fill each one's own subtree.
        node.first_child = static_cast<std::uint32_t>(m_nodes.size());
        node.child_count = static_cast<std::uint32_t>(condition.children.size());
        m_nodes.resize(m_nodes.size() + condition.children.size());
        for (std::uint32_t i = 0; i < node.child_count; ++i)
            fill(node.first_child + i, condition.children[i]);
    }
    m_nodes[index] = node;
}

Truth CompiledConditions::test(const Node& node, const Answer& answer) const {
    if (!answer.given) return Truth::unknown;
    bool holds = false;
    switch (node.kind) {
    case Kind::equals:
    case Kind::one_of:
        holds = answer.option >= 0 ? (node.option_mask >> answer.option) & 1U
                                   : answer.number == node.number;
        break;
    case Kind::less_than: holds = answer.number < node.number; break;
    case Kind::at_most: holds = answer.number <= node.number; break;
    case Kind::more_than: holds = answer.number > node.number; break;
    case Kind::at_least: holds = answer.number >= node.number; break;
    default: break;
    }
    return holds ? Truth::yes : Truth::no;
}

Truth CompiledConditions::evaluate(int root, const Answers& answers) const {
    const Node& node = m_nodes[static_cast<std::size_t>(root)];
    switch (node.kind) {
    case Kind::all: {
        Truth result = Truth::yes;
        for (std::uint32_t i = 0; i < node.child_count; ++i) {
            const Truth part = evaluate(static_cast<int>(node.first_child + i), answers);
            if (part == Truth::no) return Truth::no;
            if (part == Truth::unknown) result = Truth::unknown;
        }
        return result;
    }
    case Kind::any: {
        Truth result = Truth::no;
        for (std::uint32_t i = 0; i < node.child_count; ++i) {
            const Truth part = evaluate(static_cast<int>(node.first_child + i), answers);
            if (part == Truth::yes) return Truth::yes;
            if (part == Truth::unknown) result = Truth::unknown;
        }
        return result;
    }
    case Kind::negation: {
        const Truth part = evaluate(static_cast<int>(node.first_child), answers);
        return part == Truth::unknown ? part : (part == Truth::yes ? Truth::no : Truth::yes);
    }
    default:
        return test(node, answers[static_cast<std::size_t>(node.question)]);
    }
}

void CompiledConditions::collect_support(int root, const Answers& answers,
                                         std::vector<int>& questions) const {
    support(static_cast<std::uint32_t>(root), true, answers, questions);
}

void CompiledConditions::support(std::uint32_t index, bool wanted, const Answers& answers,
                                 std::vector<int>& questions) const {
    const Node& node = m_nodes[index];
    const Truth want = wanted ? Truth::yes : Truth::no;
    if (evaluate(static_cast<int>(index), answers) != want) return;
    switch (node.kind) {
    case Kind::all:
    case Kind::any:
        for (std::uint32_t i = 0; i < node.child_count; ++i)
            support(node.first_child + i, wanted, answers, questions);
        return;
    case Kind::negation:
        support(node.first_child, !wanted, answers, questions);
        return;
    default:
        questions.push_back(node.question);
    }
}

}  // namespace runback::engine
