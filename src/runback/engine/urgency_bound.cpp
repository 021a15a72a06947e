#include <runback/engine/urgency_bound.hpp>

#include <algorithm>
#include <set>

namespace runback::engine {

using rules::Urgency;

namespace {

// The numbers the tests of `condition` compare `question` with.
void thresholds(const rules::Condition& condition, int question, std::set<double>& out) {
    rules::for_each_test(condition, [&](const rules::Condition& test) {
        if (test.question == question && test.options.empty()) out.insert(test.number);
    });
}

// Every way of answering `question` that some test could tell apart: each option, or for a
// number its range's ends, each threshold within the range and a value between each two.
std::vector<Answer> ways_of_answering(const rules::Question& question, const std::set<double>& points) {
    std::vector<Answer> ways;
    if (question.type != rules::QuestionType::number) {
        for (std::size_t option = 0; option < question.options.size(); ++option)
            ways.push_back(Answer{true, static_cast<int>(option), 0});
        return ways;
    }
    std::set<double> marks{question.min, question.max};
    for (double point : points)
        if (point >= question.min && point <= question.max) marks.insert(point);
    double previous = question.min;
    bool first = true;
    for (double mark : marks) {
        if (!first && mark > previous) ways.push_back(Answer{true, -1, previous + (mark - previous) / 2});
        ways.push_back(Answer{true, -1, mark});
        previous = mark;
        first = false;
    }
    return ways;
}

// True when some test of `question` in `condition` lies under a `not`.
bool tested_under_not(const rules::Condition& condition, int question, bool negated = false) {
    if (condition.is_test()) return negated && condition.question == question;
    const bool below = negated || condition.kind == rules::Condition::Kind::negation;
    return std::any_of(condition.children.begin(), condition.children.end(),
                       [&](const rules::Condition& child) { return tested_under_not(child, question, below); });
}

}  // namespace

void UrgencyBound::prepare(const rules::RuleBase& rule_base, const RuleConditions& conditions,
                           const std::vector<int>& rule_handles) {
    m_conditions = &conditions;
    std::set<int> relevant;
    std::vector<int> handles;
    for (std::size_t r = 0; r < rule_base.rules.size(); ++r) {
        const auto& rule = rule_base.rules[r];
        if (!rule.urgency || *rule.urgency == Urgency::self_care) continue;
        UrgencyRule compiled{m_tree.add(rule.when), *rule.urgency, rules::questions_tested(rule.when)};
        relevant.insert(compiled.questions.begin(), compiled.questions.end());
        for (std::size_t level = 0; level <= static_cast<std::size_t>(compiled.urgency); ++level)
            m_at_least[level].push_back(static_cast<int>(m_rules.size()));
        handles.push_back(rule_handles[r]);
        m_rules.push_back(std::move(compiled));
    }
    m_checks = conditions.check_set(handles);
    m_relevant.assign(relevant.begin(), relevant.end());

    // Harmless first: the ways that leave the most urgency rules certainly false (weighted by
    // the level they set) are tried first, so the first pass usually finds a harmless filling.
    m_choices.resize(rule_base.questions.size());
    Answers alone(rule_base.questions.size());
    for (int q : m_relevant) {
        std::set<double> points;
        for (const auto& rule : rule_base.rules)
            if (rule.urgency) thresholds(rule.when, q, points);
        auto ways = ways_of_answering(rule_base.questions[static_cast<std::size_t>(q)], points);
        std::vector<std::pair<int, std::size_t>> ruled_out;   // (-weight, original place)
        for (std::size_t w = 0; w < ways.size(); ++w) {
            alone[static_cast<std::size_t>(q)] = ways[w];
            int weight = 0;
            for (const auto& rule : m_rules) {
                if (std::find(rule.questions.begin(), rule.questions.end(), q) == rule.questions.end()) continue;
                if (m_tree.evaluate(rule.root, alone) == Truth::no) weight += 1 << (2 * static_cast<int>(rule.urgency));
            }
            ruled_out.emplace_back(-weight, w);
        }
        alone[static_cast<std::size_t>(q)] = Answer{};
        std::stable_sort(ruled_out.begin(), ruled_out.end());
        auto& choices = m_choices[static_cast<std::size_t>(q)];
        for (const auto& [weight, place] : ruled_out) choices.push_back(ways[place]);
    }

    // Each question's harmless answer as bits of the planes: its tests' results alone.
    std::vector<std::uint64_t> planes;
    m_harmless_first.assign(rule_base.questions.size() + 1, 0);
    for (std::size_t q = 0; q < rule_base.questions.size(); ++q) {
        m_harmless_first[q] = static_cast<std::uint32_t>(m_harmless_bits.size());
        if (m_choices[q].empty()) continue;
        alone[q] = m_choices[q].front();
        conditions.run_tests(alone, planes);
        alone[q] = Answer{};
        for (std::size_t w = 0; w < planes.size(); ++w)
            if (planes[w] != 0) m_harmless_bits.push_back({static_cast<std::uint32_t>(w), planes[w]});
    }
    m_harmless_first.back() = static_cast<std::uint32_t>(m_harmless_bits.size());

    // A question whose harmless answer makes every test of it false, and which no urgency
    // rule tests under a `not`, is never worth splitting on: the rules are monotone in its
    // tests, so whatever every way of answering reaches, its harmless answer reaches too, and
    // a proof with it fixed there covers its other answers. The case split fixes it instead,
    // so that it neither costs steps nor is named among the questions that decide.
    m_fixed.assign(rule_base.questions.size(), Answer{});
    for (int q : m_relevant) {
        const auto qi = static_cast<std::size_t>(q);
        if (m_choices[qi].empty()) continue;
        bool monotone = true;
        CompiledConditions tests;
        alone[qi] = m_choices[qi].front();
        for (const auto& rule : rule_base.rules) {
            if (!rule.urgency || *rule.urgency == Urgency::self_care) continue;
            if (tested_under_not(rule.when, q)) monotone = false;
            rules::for_each_test(rule.when, [&](const rules::Condition& test) {
                if (test.question == q && tests.evaluate(tests.add(test), alone) != Truth::no) monotone = false;
            });
        }
        alone[qi] = Answer{};
        if (monotone) m_fixed[qi] = m_choices[qi].front();
    }
}

Urgency UrgencyBound::least_over_open(const Answers& answers, const std::vector<std::uint64_t>& planes,
                                      Urgency floor, Work& work, std::vector<int>& deciding) const {
    deciding.clear();
    if (floor == Urgency::emergency) return floor;
    work.open.clear();
    bool any_free = false;   // an open question that is not fixed (see prepare)
    for (int q : m_relevant) {
        if (answers[static_cast<std::size_t>(q)].given) continue;
        work.open.push_back(q);
        any_free = any_free || !m_fixed[static_cast<std::size_t>(q)].given;
    }
    // Open questions that are all fixed: their harmless answers make only tests false that no
    // rule reads under a `not`, and the rules are monotone in them, so they fire nothing that
    // the answers given do not already fire. (Records from before version 2 leave its
    // twenty questions open; this is their common case.)
    if (!any_free) return floor;

    // 1. The harmless filling: when it gives nothing above the floor, nothing can be forced.
    // Fixed questions add nothing to it: their harmless bits are "no" bits that only a `not`
    // would read.
    work.planes = planes;
    for (int q : work.open) {
        if (m_fixed[static_cast<std::size_t>(q)].given) continue;
        const auto end = m_harmless_first[static_cast<std::size_t>(q) + 1];
        for (auto i = m_harmless_first[static_cast<std::size_t>(q)]; i < end; ++i)
            work.planes[m_harmless_bits[i].word] |= m_harmless_bits[i].bits;
    }
    m_conditions->select(m_checks, work.planes, work.held, work.fired);
    Urgency filled = Urgency::self_care;
    for (int place : work.fired) filled = std::max(filled, m_rules[static_cast<std::size_t>(place)].urgency);
    if (filled <= floor) return floor;

    // 2. Level by level: each is reached by every way of answering, or the search stops.
    work.trial = answers;
    for (int q : work.open)
        if (m_fixed[static_cast<std::size_t>(q)].given) work.trial[static_cast<std::size_t>(q)] = m_fixed[static_cast<std::size_t>(q)];
    work.counts.assign(answers.size(), 0);
    Urgency reached = floor;
    for (auto level = static_cast<std::size_t>(floor) + 1; level <= static_cast<std::size_t>(filled); ++level) {
        work.splits.clear();
        work.steps_left = k_max_steps;
        if (!covers(level, work)) break;
        reached = static_cast<Urgency>(level);
        // The questions the proof split on are the ones whose answers it had to consider.
        deciding = work.splits;
    }
    std::sort(deciding.begin(), deciding.end());
    deciding.erase(std::unique(deciding.begin(), deciding.end()), deciding.end());
    return reached;
}

bool UrgencyBound::covers(std::size_t level, Work& work) const {
    if (work.steps_left == 0) return true;   // out of steps: the safe side
    --work.steps_left;
    // The rules of this level still unknown, kept per depth in one vector: [begin, end).
    const std::size_t begin = work.unknown.size();
    for (int r : m_at_least[level]) {
        const Truth truth = m_tree.evaluate(m_rules[static_cast<std::size_t>(r)].root, work.trial);
        if (truth == Truth::yes) {
            work.unknown.resize(begin);
            return true;
        }
        if (truth == Truth::unknown) work.unknown.push_back(r);
    }
    if (work.unknown.size() == begin) return false;   // every rule false: a way that escapes

    // Split on the open question that the most unknown rules test.
    int split = -1;
    int most = 0;
    for (std::size_t i = begin; i < work.unknown.size(); ++i)
        for (int q : m_rules[static_cast<std::size_t>(work.unknown[i])].questions)
            if (!work.trial[static_cast<std::size_t>(q)].given) ++work.counts[static_cast<std::size_t>(q)];
    for (std::size_t i = begin; i < work.unknown.size(); ++i) {
        for (int q : m_rules[static_cast<std::size_t>(work.unknown[i])].questions) {
            int& count = work.counts[static_cast<std::size_t>(q)];
            if (count > most || (count == most && count > 0 && q < split)) {
                most = count;
                split = q;
            }
        }
    }
    for (std::size_t i = begin; i < work.unknown.size(); ++i)
        for (int q : m_rules[static_cast<std::size_t>(work.unknown[i])].questions) work.counts[static_cast<std::size_t>(q)] = 0;
    work.unknown.resize(begin);

    work.splits.push_back(split);
    auto& slot = work.trial[static_cast<std::size_t>(split)];
    bool covered = true;
    for (const Answer& way : m_choices[static_cast<std::size_t>(split)]) {
        slot = way;
        if (!covers(level, work)) {
            covered = false;
            break;
        }
    }
    slot = Answer{};
    return covered;
}

}  // namespace runback::engine
