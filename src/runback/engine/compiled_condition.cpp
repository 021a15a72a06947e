#include <runback/engine/compiled_condition.hpp>

#include <cmath>
#include <limits>

namespace runback::engine {

int CompiledConditions::add(const rules::Condition& condition) {
    const auto root = static_cast<std::uint32_t>(m_nodes.size());
    m_nodes.emplace_back();
    fill(root, condition);
    return static_cast<int>(root);
}

void CompiledConditions::fill(std::uint32_t index, const rules::Condition& condition) {
    constexpr double k_infinity = std::numeric_limits<double>::infinity();
    const double n = condition.number;
    Node node{0, -k_infinity, k_infinity, condition.question, 0, 0, condition.kind, false};
    switch (condition.kind) {
    case Kind::equals:
    case Kind::one_of:
        node.on_options = true;
        node.low = node.high = n;
        break;
    // Past an infinite bound there is no double to step to: the interval is then empty, as
    // nothing is less than -inf or more than inf.
    case Kind::less_than:
        node.high = std::nextafter(n, -k_infinity);
        if (node.high == n) node.low = k_infinity;
        break;
    case Kind::at_most: node.high = n; break;
    case Kind::more_than:
        node.low = std::nextafter(n, k_infinity);
        if (node.low == n) node.high = -k_infinity;
        break;
    case Kind::at_least: node.low = n; break;
    default: break;
    }
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

Truth CompiledConditions::combine(const Node& node, const Answers& answers) const {
    // Every part is evaluated (conditions are pure and small), and the parts' truths are
    // combined through tables rather than by branching on them: a set of the truths seen
    // (bit 1 << Truth) picks the result.
    using enum Truth;
    static constexpr Truth k_all[8] = {yes, no, yes, no, unknown, no, unknown, no};
    static constexpr Truth k_any[8] = {no, no, yes, yes, unknown, unknown, yes, yes};
    static constexpr Truth k_not[3] = {yes, no, unknown};
    const Node* child = m_nodes.data() + node.first_child;
    if (node.kind == Kind::negation) return k_not[static_cast<int>(evaluate(*child, answers))];
    unsigned seen = 0;
    for (const Node* end = child + node.child_count; child != end; ++child)
        seen |= 1U << static_cast<int>(evaluate(*child, answers));
    return node.kind == Kind::all ? k_all[seen] : k_any[seen];
}

void CompiledConditions::collect_support(int root, const Answers& answers,
                                         std::vector<int>& questions) const {
    gather(static_cast<std::uint32_t>(root), true, answers, questions);
}

// Evaluates the node and appends its support, keeping it only when the node's truth is the
// wanted one (yes, or under an odd number of `not`s, no). The same questions as descending
// from the root and evaluating each subtree again, but with every node evaluated once.
Truth CompiledConditions::gather(std::uint32_t index, bool wanted, const Answers& answers,
                                 std::vector<int>& questions) const {
    const Node& node = m_nodes[index];
    const Truth want = wanted ? Truth::yes : Truth::no;
    switch (node.kind) {
    case Kind::all:
    case Kind::any: {
        const std::size_t mark = questions.size();
        const bool all = node.kind == Kind::all;
        Truth result = all ? Truth::yes : Truth::no;
        for (std::uint32_t i = 0; i < node.child_count; ++i) {
            const Truth part = gather(node.first_child + i, wanted, answers, questions);
            if (part == Truth::unknown && result != (all ? Truth::no : Truth::yes)) result = part;
            if (part == (all ? Truth::no : Truth::yes)) result = part;
        }
        if (result != want) questions.resize(mark);
        return result;
    }
    case Kind::negation: {
        // The child's support counts when the child is the opposite of what this node wants,
        // which is exactly when this node is what it wants.
        const Truth part = gather(node.first_child, !wanted, answers, questions);
        return part == Truth::unknown ? part : (part == Truth::yes ? Truth::no : Truth::yes);
    }
    default: {
        const Truth result = test(node, answers[static_cast<std::size_t>(node.question)]);
        if (result == want) questions.push_back(node.question);
        return result;
    }
    }
}

}  // namespace runback::engine
