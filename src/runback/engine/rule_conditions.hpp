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
#include <vector>

namespace runback::engine {

class RuleConditions {
public:
    // A term of a condition's yes formula: two words of the planes (the no plane's words
    // follow the yes plane's) that must have all of their mask's bits; an unused one has mask 0.
    struct Term {
        std::uint32_t word[2];
        std::uint64_t mask[2];
    };
    // Adds a condition and returns its handle; every add() comes before prepare().
    int add(const rules::Condition& condition);
    // Numbers the tests by question and compiles the conditions, for `rule_base`'s questions.
    void prepare(const rules::RuleBase& rule_base);

    // Decides every test for `answers` into `bits` (the two planes).
    void run_tests(const Answers& answers, std::vector<std::uint64_t>& bits) const;

    // Many conditions laid out to be tested in one pass (the rules'). A term fails when a bit
    // it needs is missing from the planes; which terms fail is looked up four bits of the
    // planes at a time, in a table per nibble that some term reads, and or-ed: a fixed number
    // of look-ups whatever the answers, rather than a compare per term. Terms are numbered so
    // that each condition's first term is at the condition's place in the set; its other
    // terms come after all of them and are or-ed into their condition's place. After prepare().
    struct CheckSet {
        struct Nibble {
            std::uint32_t word;      // of the planes
            std::uint32_t shift;     // the nibble's lowest bit in that word
            std::uint32_t first;     // its table: failing[first + value * term_words + k]
        };
        struct Extra {
            std::uint32_t term;
            std::uint32_t owner;     // the condition's place in the set
        };
        std::size_t size = 0;                    // conditions
        std::size_t term_words = 0;              // words of a set of terms
        std::vector<Nibble> nibbles;
        std::vector<std::uint64_t> failing;      // per nibble and value, the terms it fails
        std::vector<std::uint64_t> first_terms;  // the places whose condition has terms
        std::vector<Extra> extras;
        std::vector<std::uint32_t> walked;       // places of those whose tree is walked
        std::vector<int> walked_handles;
    };
    CheckSet check_set(const std::vector<int>& handles) const;
    // The places in `set` of the conditions that are yes, in order, into `places`; `held` is
    // working room.
    void select(const CheckSet& set, const std::vector<std::uint64_t>& bits, std::vector<std::uint64_t>& held,
                std::vector<int>& places) const;
    // The same as bits: `held` gets a bit per condition of `set`, set when it is yes.
    void select_bits(const CheckSet& set, const std::vector<std::uint64_t>& bits, std::vector<std::uint64_t>& held) const;

    // Whether a condition is yes, from run_tests()'s bits.
    bool holds(int handle, const std::vector<std::uint64_t>& bits) const {
        const Compiled& compiled = m_compiled[static_cast<std::size_t>(handle)];
        const Term* term = m_terms.data() + compiled.first_term;
        if (compiled.terms == 1) return passes(*term, bits.data());
        if (compiled.terms == k_by_tree)
            return truth(m_nodes[static_cast<std::size_t>(handle)], bits.data()) == Truth::yes;
        for (const Term* end = term + compiled.terms; term != end; ++term)
            if (passes(*term, bits.data())) return true;
        return false;
    }

    // As CompiledConditions::collect_support, for a condition that holds: appends the
    // questions of the tests that make it hold (possibly repeated).
    void collect_support(int handle, const std::vector<std::uint64_t>& bits,
                         std::vector<int>& questions) const;
    // For a condition made only of `all`s and tests, which every one of its tests supports
    // whenever it holds: true, with their questions (sorted, once each) in `questions`.
    bool fixed_support(int handle, std::vector<int>& questions) const;

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
    // The tests of one question: bits [first, first + count) of a plane (tests are numbered
    // by their bit), within one word when there are at most 64.
    struct QuestionTests {
        int question;
        std::uint32_t first;
        std::uint32_t count;
        std::uint32_t word;          // count <= 64: the word holding them
        std::uint64_t all;           // count <= 64: their bits in that word
        std::uint32_t options;       // when every test is on options: a mask per option,
        std::uint32_t masks;         // m_option_masks[masks + option], then 0 for unanswered;
                                     // else options is 0
    };
    // A condition's yes formula: terms (or-ed), or k_by_tree when it needs too many terms or
    // a term needs more than two words (then its node tree is walked).
    struct Compiled {
        std::uint32_t first_term;
        std::uint32_t terms;
    };
    static constexpr std::uint32_t k_by_tree = 0xffffffffU;
    static constexpr std::size_t k_max_terms = 16;
    using Literal = std::uint32_t;              // a test's bit in the yes plane, or the no plane
    using Terms = std::vector<std::vector<Literal>>;

    static bool is_test(Kind kind) { return kind >= Kind::equals; }
    static bool passes(const Term& term, const std::uint64_t* bits) {
        return ((bits[term.word[0]] & term.mask[0]) == term.mask[0]) &
               ((bits[term.word[1]] & term.mask[1]) == term.mask[1]);
    }
    static bool test_holds(const Test& test, const Answer& answer);
    // Sets the bits of the tests of `group` (up to 64) for `answer`, test by test.
    void add_tests(const QuestionTests& group, const Answer& answer, std::uint64_t* yes, std::uint64_t* no) const;

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
    std::vector<QuestionTests> m_option_questions;   // up to 64 tests, all on options
    std::vector<QuestionTests> m_questions;          // other questions with up to 64 tests
    std::vector<QuestionTests> m_wide_questions;     // and more
    std::vector<std::uint64_t> m_option_masks;
    std::vector<Compiled> m_compiled;             // per node; roots are compiled
    std::vector<Term> m_terms;
    // Per node; for roots that are only `all`s of tests, their tests' questions, which
    // support them whenever they hold: m_support[first, first + count).
    struct FixedSupport {
        bool fixed = false;
        std::uint32_t first = 0;
        std::uint32_t count = 0;
    };
    std::vector<FixedSupport> m_fixed_support;
    std::vector<int> m_support;
    std::uint32_t m_words = 0;                    // words per plane
};

}  // namespace runback::engine
