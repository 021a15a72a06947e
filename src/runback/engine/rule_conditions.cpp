#include <runback/engine/rule_conditions.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace runback::engine {

int RuleConditions::add(const rules::Condition& condition) {
    const auto root = static_cast<std::uint32_t>(m_nodes.size());
    m_nodes.emplace_back();
    fill(root, condition);
    m_roots.push_back(static_cast<int>(root));
    return static_cast<int>(root);
}

void RuleConditions::fill(std::uint32_t index, const rules::Condition& condition) {
    Node node{condition.kind, 0, 0};
    if (is_test(condition.kind)) {
        // Numeric tests as intervals of doubles: less_than n is at most the double below n;
        // past an infinite bound there is none, and the interval is empty.
        constexpr double k_infinity = std::numeric_limits<double>::infinity();
        const double n = condition.number;
        Test test{condition.question, false, 0, -k_infinity, k_infinity};
        switch (condition.kind) {
        case Kind::equals:
        case Kind::one_of:
            test.on_options = true;
            test.low = test.high = n;
            break;
        case Kind::less_than:
            test.high = std::nextafter(n, -k_infinity);
            if (test.high == n) test.low = k_infinity;
            break;
        case Kind::at_most: test.high = n; break;
        case Kind::more_than:
            test.low = std::nextafter(n, k_infinity);
            if (test.low == n) test.high = -k_infinity;
            break;
        case Kind::at_least: test.low = n; break;
        default: break;
        }
        for (int option : condition.options) test.option_mask |= std::uint64_t{1} << option;
        node.index = static_cast<std::uint32_t>(m_tests.size());
        m_tests.push_back(test);
    } else {
        // Reserve the children's slots together first, then fill each one's own subtree.
        node.index = static_cast<std::uint32_t>(m_nodes.size());
        node.child_count = static_cast<std::uint32_t>(condition.children.size());
        m_nodes.resize(m_nodes.size() + condition.children.size());
        for (std::uint32_t i = 0; i < node.child_count; ++i) fill(node.index + i, condition.children[i]);
    }
    m_nodes[index] = node;
}

void RuleConditions::prepare(const rules::RuleBase& rule_base) {
    place_tests(rule_base);
    m_compiled.resize(m_nodes.size());
    m_fixed_support.resize(m_nodes.size());
    for (int root : m_roots) compile(root);
}

// Numbers the tests by their bit: by question, each question's tests in one word when they
// fit, and prepares each question's masks.
void RuleConditions::place_tests(const rules::RuleBase& rule_base) {
    std::vector<std::uint32_t> order(m_tests.size());
    std::iota(order.begin(), order.end(), 0U);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return m_tests[a].question < m_tests[b].question;
    });
    std::vector<std::uint32_t> bit_of(m_tests.size());
    std::vector<Test> placed;
    std::uint32_t next = 0;
    for (std::size_t start = 0; start < order.size();) {
        const int question = m_tests[order[start]].question;
        std::size_t end = start;
        bool on_options = true;
        for (; end < order.size() && m_tests[order[end]].question == question; ++end)
            on_options = on_options && m_tests[order[end]].on_options;
        const auto count = static_cast<std::uint32_t>(end - start);
        if (count <= 64 && (next % 64) + count > 64) next = (next / 64 + 1) * 64;
        const auto options = rule_base.questions[static_cast<std::size_t>(question)].options.size();
        QuestionTests group{question, next, count, next / 64, 0, 0, 0};
        placed.resize(next + count);
        for (std::uint32_t i = 0; i < count; ++i) {
            bit_of[order[start + i]] = next + i;
            placed[next + i] = m_tests[order[start + i]];
            if (count <= 64) group.all |= std::uint64_t{1} << ((next + i) % 64);
        }
        if (count <= 64 && on_options && options > 0 && options <= 64) {
            group.masks = static_cast<std::uint32_t>(m_option_masks.size());
            group.options = static_cast<std::uint32_t>(options);
            for (std::size_t option = 0; option < options; ++option) {
                std::uint64_t mask = 0;
                for (std::uint32_t t = next; t < next + count; ++t)
                    if ((placed[t].option_mask >> option) & 1U) mask |= std::uint64_t{1} << (t % 64);
                m_option_masks.push_back(mask);
            }
            m_option_masks.push_back(0);   // unanswered: no test holds
        }
        (count > 64 ? m_wide_questions : group.options > 0 ? m_option_questions : m_questions).push_back(group);
        next += count;
        start = end;
    }
    m_tests = std::move(placed);
    m_words = std::max<std::uint32_t>(1, (next + 63) / 64);
    for (auto& node : m_nodes)
        if (is_test(node.kind)) node.index = bit_of[node.index];
}

// The terms (or-ed; each an and of literals) of a node's yes formula (`yes`) or no formula.
// False when there would be more than k_max_terms.
bool RuleConditions::formula(const Node& node, bool yes, Terms& terms) const {
    terms.clear();
    if (is_test(node.kind)) {
        terms.push_back({node.index + (yes ? 0 : m_words * 64)});
        return true;
    }
    const Node* child = m_nodes.data() + node.index;
    if (node.kind == Kind::negation) return formula(*child, !yes, terms);
    // Yes of all and no of any: every part; yes of any and no of all: some part.
    const bool every = (node.kind == Kind::all) == yes;
    if (every) terms.emplace_back();
    Terms part;
    for (const Node* end = child + node.child_count; child != end; ++child) {
        if (!formula(*child, yes, part)) return false;
        if (every) {
            Terms product;
            for (const auto& left : terms) {
                for (const auto& right : part) {
                    auto& term = product.emplace_back(left);
                    term.insert(term.end(), right.begin(), right.end());
                }
            }
            terms = std::move(product);
        } else {
            terms.insert(terms.end(), part.begin(), part.end());
        }
        if (terms.size() > k_max_terms) return false;
    }
    return true;
}

void RuleConditions::compile(int root) {
    const Node& node = m_nodes[static_cast<std::size_t>(root)];
    Compiled& compiled = m_compiled[static_cast<std::size_t>(root)];
    compiled = {static_cast<std::uint32_t>(m_terms.size()), 0};
    Terms terms;
    std::vector<Term> compiled_terms;
    bool fits = formula(node, true, terms);
    for (std::size_t i = 0; i < terms.size() && fits; ++i) {
        Term term{{0, 0}, {0, 0}};
        std::size_t used = 0;
        for (Literal literal : terms[i]) {
            const auto word = literal / 64;
            std::size_t slot = 0;
            while (slot < used && term.word[slot] != word) ++slot;
            if (slot == used && used == 2) fits = false;
            if (!fits) break;
            if (slot == used) term.word[used++] = word;
            term.mask[slot] |= std::uint64_t{1} << (literal % 64);
        }
        compiled_terms.push_back(term);
    }
    if (fits) {
        m_terms.insert(m_terms.end(), compiled_terms.begin(), compiled_terms.end());
        compiled.terms = static_cast<std::uint32_t>(compiled_terms.size());
    } else {
        compiled.terms = k_by_tree;
    }

    // A root of `all`s and tests holds only when every test is yes: all of them support it.
    std::vector<int> questions;
    std::vector<const Node*> pending{&node};
    bool conjunction = true;
    while (!pending.empty() && conjunction) {
        const Node* next = pending.back();
        pending.pop_back();
        if (is_test(next->kind)) {
            questions.push_back(m_tests[next->index].question);
        } else if (next->kind == Kind::all) {
            for (std::uint32_t i = 0; i < next->child_count; ++i)
                pending.push_back(&m_nodes[next->index + i]);
        } else {
            conjunction = false;
        }
    }
    if (!conjunction) return;
    std::sort(questions.begin(), questions.end());
    questions.erase(std::unique(questions.begin(), questions.end()), questions.end());
    m_fixed_support[static_cast<std::size_t>(root)] = {true, static_cast<std::uint32_t>(m_support.size()),
                                                       static_cast<std::uint32_t>(questions.size())};
    m_support.insert(m_support.end(), questions.begin(), questions.end());
}

bool RuleConditions::fixed_support(int handle, std::vector<int>& questions) const {
    const FixedSupport& support = m_fixed_support[static_cast<std::size_t>(handle)];
    const auto first = m_support.begin() + support.first;
    questions.assign(first, first + support.count);
    return support.fixed;
}

bool RuleConditions::test_holds(const Test& test, const Answer& answer) {
    if (test.on_options && answer.option >= 0) return ((test.option_mask >> (answer.option & 63)) & 1U) != 0;
    return (answer.number >= test.low) & (answer.number <= test.high);
}

void RuleConditions::add_tests(const QuestionTests& group, const Answer& answer, std::uint64_t* yes,
                               std::uint64_t* no) const {
    std::uint64_t holding = 0;
    for (std::uint32_t t = group.first; t < group.first + group.count; ++t)
        holding |= static_cast<std::uint64_t>(test_holds(m_tests[t], answer)) << (t % 64);
    const std::uint64_t given = 0 - std::uint64_t{answer.given};
    yes[group.word] |= holding & given;
    no[group.word] |= group.all & ~holding & given;
}

void RuleConditions::run_tests(const Answers& answers, std::vector<std::uint64_t>& bits) const {
    bits.assign(2 * std::size_t{m_words}, 0);
    std::uint64_t* yes = bits.data();
    std::uint64_t* no = yes + m_words;
    // Whether a question is unanswered is as unpredictable as its answer, so neither decides a
    // branch here: an unanswered question's tests are neither yes nor no through masks.
    // The bits of one word of each plane gather in registers (the groups come in word order):
    // or-ing each group's into memory would chain every step to the one before it.
    std::uint32_t word = m_option_questions.empty() ? 0 : m_option_questions.front().word;
    std::uint64_t yes_word = 0;
    std::uint64_t no_word = 0;
    for (const QuestionTests& group : m_option_questions) {
        if (group.word != word) {
            yes[word] |= yes_word;
            no[word] |= no_word;
            yes_word = no_word = 0;
            word = group.word;
        }
        const Answer& answer = answers[static_cast<std::size_t>(group.question)];
        // The option, or for an unanswered question the all-zero mask past the options: picked
        // with masks, as the compiler would otherwise branch.
        const std::uint64_t given = 0 - std::uint64_t{answer.given};
        const std::uint32_t pick =
            group.options ^ ((static_cast<std::uint32_t>(answer.option) ^ group.options) & static_cast<std::uint32_t>(given));
        if (pick > group.options) {   // not one of its options: cannot come from parse_answer
            add_tests(group, answer, yes, no);
            continue;
        }
        const std::uint64_t holding = m_option_masks[group.masks + pick];
        yes_word |= holding;
        no_word |= group.all & ~holding & given;
    }
    yes[word] |= yes_word;
    no[word] |= no_word;
    for (const QuestionTests& group : m_questions) {
        const Answer& answer = answers[static_cast<std::size_t>(group.question)];
        add_tests(group, answer, yes, no);
    }
    for (const QuestionTests& group : m_wide_questions) {
        const Answer& answer = answers[static_cast<std::size_t>(group.question)];
        if (!answer.given) continue;
        for (std::uint32_t t = group.first; t < group.first + group.count; ++t) {
            // Not (holds ? yes : no)[word] |= bit: g++ 12 with -fsanitize=undefined gets
            // that wrong.
            std::uint64_t* plane = test_holds(m_tests[t], answer) ? yes : no;
            plane[t / 64] |= std::uint64_t{1} << (t % 64);
        }
    }
}

Truth RuleConditions::truth(const Node& node, const std::uint64_t* bits) const {
    using enum Truth;
    if (is_test(node.kind)) {
        const std::uint32_t t = node.index;
        if ((bits[t / 64] >> (t % 64)) & 1U) return yes;
        return ((bits[m_words + t / 64] >> (t % 64)) & 1U) ? no : unknown;
    }
    // The set of the parts' truths (bit 1 << Truth) picks the result.
    static constexpr Truth k_all[8] = {yes, no, yes, no, unknown, no, unknown, no};
    static constexpr Truth k_any[8] = {no, no, yes, yes, unknown, unknown, yes, yes};
    static constexpr Truth k_not[3] = {yes, no, unknown};
    const Node* child = m_nodes.data() + node.index;
    if (node.kind == Kind::negation) return k_not[static_cast<int>(truth(*child, bits))];
    // A part that is no decides an `all`, one that is yes an `any`: the rest need no walk (a
    // tree is walked only for conditions too big for the terms, such as a list of pairs, whose
    // first parts rule most records out).
    const Truth decisive = node.kind == Kind::all ? no : yes;
    unsigned seen = 0;
    for (const Node* end = child + node.child_count; child != end; ++child) {
        const Truth part = truth(*child, bits);
        if (part == decisive) return decisive;
        seen |= 1U << static_cast<int>(part);
    }
    return node.kind == Kind::all ? k_all[seen] : k_any[seen];
}

void RuleConditions::collect_support(int handle, const std::vector<std::uint64_t>& bits,
                                     std::vector<int>& questions) const {
    const FixedSupport& support = m_fixed_support[static_cast<std::size_t>(handle)];
    if (support.fixed) {
        const auto first = m_support.begin() + support.first;
        questions.insert(questions.end(), first, first + support.count);
        return;
    }
    gather(m_nodes[static_cast<std::size_t>(handle)], true, bits.data(), questions);
}

// A node with the wanted truth (yes, or under an odd number of `not`s, no) supports the
// condition: a test with its question, a combinator through its parts that also do.
void RuleConditions::gather(const Node& node, bool wanted, const std::uint64_t* bits,
                            std::vector<int>& questions) const {
    if (truth(node, bits) != (wanted ? Truth::yes : Truth::no)) return;
    if (is_test(node.kind)) {
        questions.push_back(m_tests[node.index].question);
        return;
    }
    const Node* child = m_nodes.data() + node.index;
    const bool child_wanted = node.kind == Kind::negation ? !wanted : wanted;
    for (const Node* end = child + node.child_count; child != end; ++child)
        gather(*child, child_wanted, bits, questions);
}

}  // namespace runback::engine
