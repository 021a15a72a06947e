#pragma once
// A condition tree flattened into one array of nodes whose children sit side by side, with
// option tests as bit masks: evaluating is a walk over integers, with no strings and no
// pointer chasing through separately allocated vectors.

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

    Truth evaluate(int root, const Answers& answers) const;

    // Appends the questions whose answers make `root` hold (for a condition that holds): the
    // tests that are true, and under `not`, the tests that are false.
    void collect_support(int root, const Answers& answers, std::vector<int>& questions) const;

private:
    struct Node {
        rules::Condition::Kind kind;
        std::int32_t question;       // leaves
        std::uint32_t first_child;   // combinators: children at [first_child, first_child + count)
        std::uint32_t child_count;
        std::uint64_t option_mask;   // equals / one_of on options
        double number;               // numeric tests
    };

    void fill(std::uint32_t index, const rules::Condition& condition);
    Truth test(const Node& node, const Answer& answer) const;
    void support(std::uint32_t index, bool wanted, const Answers& answers,
                 std::vector<int>& questions) const;

    std::vector<Node> m_nodes;
};

}  // namespace runback::engine
