#pragma once
// The engine's conditions, compiled for the hot path. Three-valued logic is kept as two
// planes of bits: for every test (a leaf: one question against options or a number), whether
// it is yes and whether it is no (neither: its question is unanswered). run_tests() fills both
// planes for a set of answers at once: tests are numbered by question, so an option answer
// sets its question's bits with a mask prepared per option, and a number is checked against
// its question's few intervals. A condition is yes when its "yes" formula over the planes is
// true (all: every part yes; any: some part yes; not: the part no ...), which is compiled to a
// short list of terms, each a few masked compares of whole words. The results are those of
// CompiledConditions.

#include <runback/engine/answers.hpp>
#include <runback/engine/compiled_condition.hpp>
#include <runback/rules/model.hpp>

#include <cstdint>
#include <utility>
#include <vector>

namespace runback::engine {

class RuleConditions {
public:
    // Adds a condition and returns its handle; every add() comes before prepare().
    int add(const rules::Condition& condition);
    // Numbers the tests by question and compiles the conditions, for `rule_base`'s questions.
    void prepare(const rules::RuleBase& rule_base);

    // Decides every test for `answers` into `bits` (the two planes).
    void run_tests(const Answers& answers, std::vector<std::uint64_t>& bits) const;

    // Whether a condition is yes, from run_tests()'s bits.
    bool holds(int handle, const std::vector<std::uint64_t>& bits) const {
        const Compiled& compiled = m_compiled[static_cast<std::size_t>(handle)];
        if (compiled.terms == k_by_tree)
            return truth(m_nodes[static_cast<std::size_t>(handle)], bits.data()) == Truth::yes;
        const Check* check = m_checks.data() + compiled.first_check;
        for (std::uint32_t term = 0; term < compiled.terms; ++term) {
            bool all = true;
            for (const Check* end = check + m_term_sizes[compiled.first_term + term]; check != end; ++check)
                all &= (bits[check->word] & check->mask) == check->mask;
            if (all) return true;
        }
        return false;
    }

    // As CompiledConditions::collect_support, for a condition that holds: the questions of the
    // tests that make it hold (appended, possibly repeated).
    void collect_support(int handle, const std::vector<std::uint64_t>& bits,
                         std::vector<int>& questions) const;

private:
    using Kind = rules::Condition::Kind;

    struct Node {
        Kind kind;
        std::uint32_t index;         // a test: its number; a combinator: its first child
        std::uint32_t child_count;
    };
    // A test as CompiledConditions has it: a mask for option answers (equals / one_of), an
    // interval of numbers otherwise.
    struct Test {
        int question = -1;
        bool on_options = false;
        std::uint64_t option_mask = 0;
        double low = 0;
        double high = 0;
    };
    // The tests of one question: bits [first, first + count) of a plane, within one word when
    // there are at most 64 (tests are numbered by their bit).
    struct QuestionTests {
        int question;
        std::uint32_t first;
        std::uint32_t count;
        std::uint64_t all;           // count <= 64: their bits in word first / 64
        bool by_option;              // every test is on options: a mask per option
        std::uint32_t masks;         // by_option: m_option_masks[masks + option]
        std::uint32_t options;
    };
    // One word of the planes (no-plane words follow the yes plane's) that must have `mask` set.
    struct Check {
        std::uint32_t word;
        std::uint64_t mask;
    };
    // A condition's yes formula as terms (or-ed) of checks (and-ed), or k_by_tree when the
    // terms would be too many (then its node tree is walked).
    struct Compiled {
        std::uint32_t first_term;
        std::uint32_t first_check;
        std::uint32_t terms;
    };
    static constexpr std::uint32_t k_by_tree = 0xffffffffU;
    static constexpr std::size_t k_max_terms = 16;
    using Literal = std::uint32_t;              // a test's bit in the yes plane, or the no plane
    using Terms = std::vector<std::vector<Literal>>;

    static bool is_test(Kind kind) { return kind >= Kind::equals; }
    static bool test_holds(const Test& test, const Answer& answer);

    void fill(std::uint32_t index, const rules::Condition& condition);
    void place_tests(const rules::RuleBase& rule_base);
    bool formula(const Node& node, bool yes, Terms& terms) const;
    void compile(int root);
    Truth truth(const Node& node, const std::uint64_t* bits) const;
    void gather(const Node& node, bool wanted, const std::uint64_t* bits,
                std::vector<int>& questions) const;

    std::vector<Node> m_nodes;
    std::vector<int> m_roots;                     // handles, in add() order
    std::vector<Test> m_tests;                    // by number: add() order, then by bit
    std::vector<QuestionTests> m_questions;       // questions that have tests
    std::vector<std::uint64_t> m_option_masks;
    std::vector<Compiled> m_compiled;             // per node; roots are compiled
    std::vector<std::uint32_t> m_term_sizes;      // checks per term
    std::vector<Check> m_checks;
    // Per node; roots that are only `all`s of tests: their tests' questions, which support
    // them whenever they hold (m_support[first, first + count)).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_fixed_support;
    std::vector<int> m_support;
    std::uint32_t m_words = 0;                    // words per plane
};

}  // namespace runback::engine
