#pragma once
// A condition tree flattened into one array of nodes whose children sit side by side, with
// option tests as bit masks: evaluating is a walk over integers, with no strings and no
// pointer chasing through separately allocated vectors. Most conditions are one test, which
// evaluate() does inline.

#include <runback/engine/answers.hpp>
#include <runback/rules/model.hpp>

#include <cstdint>
#include <vector>

namespace runback::engine {

// Three-valued logic: an unanswered question makes a test unknown.
enum class Truth : std::uint8_t { no, yes, unknown };

class CompiledConditions {
public:
    // Adds a condition and returns its root's handle.
    int add(const rules::Condition& condition);

    Truth evaluate(int root, const Answers& answers) const {
        return evaluate(m_nodes[static_cast<std::size_t>(root)], answers);
    }

    // Appends the questions whose answers make `root` hold (for a condition that holds): the
    // tests that are true, and under `not`, the tests that are false. Each node is evaluated
    // once.
    void collect_support(int root, const Answers& answers, std::vector<int>& questions) const;

private:
    using Kind = rules::Condition::Kind;

    // A test holds when its option is in `option_mask` (equals / one_of on a choice or
    // yes_no answer), otherwise when the number lies in [low, high]: every numeric test is an
    // interval of doubles (less_than n is at most the double just below n).
    struct Node {
        std::uint64_t option_mask;
        double low;
        double high;
        std::int32_t question;       // tests
        std::uint32_t first_child;   // combinators: children at [first_child, first_child + count)
        std::uint32_t child_count;
        Kind kind;
        bool on_options;             // equals / one_of: an option answer tests the mask
    };

    static bool is_test(Kind kind) { return kind >= Kind::equals; }

    // Written without branches on the answer, which a branch predictor cannot guess.
    static Truth test(const Node& node, const Answer& answer) {
        const bool on_mask = node.on_options && answer.option >= 0;
        const bool in_mask = ((node.option_mask >> (answer.option & 63)) & 1U) != 0;
        const bool in_range = (answer.number >= node.low) & (answer.number <= node.high);
        const auto holds = static_cast<Truth>(on_mask ? in_mask : in_range);
        return answer.given ? holds : Truth::unknown;
    }

    Truth evaluate(const Node& node, const Answers& answers) const {
        if (is_test(node.kind)) return test(node, answers[static_cast<std::size_t>(node.question)]);
        return combine(node, answers);
    }

    void fill(std::uint32_t index, const rules::Condition& condition);
    Truth combine(const Node& node, const Answers& answers) const;
    Truth gather(std::uint32_t index, bool wanted, const Answers& answers,
                 std::vector<int>& questions) const;

    std::vector<Node> m_nodes;
};

}  // namespace runback::engine
