#include <runback/ruletest/rule_lint.hpp>

#include <runback/ruletest/advice_lint.hpp>
#include <runback/engine/compiled_condition.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace runback::ruletest {

using namespace rules;
namespace {

using Kind = Condition::Kind;
using engine::Truth;

// The options that the tests of a condition name, per question.
void options_named(const Condition& condition, std::map<int, std::set<int>>& options) {
    for_each_test(condition, [&](const Condition& test) {
        if (test.question >= 0) options[test.question].insert(test.options.begin(), test.options.end());
    });
}

// A condition as text without its place, so that two written alike compare equal.
std::string shape(const Condition& condition) {
    std::string text = fmt::format("{}:{}:{}:", static_cast<int>(condition.kind), condition.question, condition.number);
    std::vector<int> options = condition.options;
    std::sort(options.begin(), options.end());
    for (int option : options) text += fmt::format("{},", option);
    std::vector<std::string> children;
    for (const auto& child : condition.children) children.push_back(shape(child));
    // `all` and `any` do not depend on the order of their parts.
    if (condition.kind == Kind::all || condition.kind == Kind::any) std::sort(children.begin(), children.end());
    text += "(";
    for (const auto& child : children) text += child + ";";
    return text + ")";
}

// Answers worth trying for a question: every option, or numbers on both sides of every
// threshold the conditions use, and unanswered.
std::vector<engine::Answer> candidates(const Question& question, const std::vector<double>& thresholds) {
    std::vector<engine::Answer> answers{engine::Answer{}};
    if (question.type == QuestionType::number) {
        std::set<double> values{question.min, question.max};
        for (double t : thresholds)
            for (double v : {t - 0.5, t, t + 0.5})
                if (v >= question.min && v <= question.max) values.insert(v);
        for (double v : values) answers.push_back({true, -1, v});
    } else {
        const std::size_t count = question.type == QuestionType::yes_no ? 2 : question.options.size();
        for (std::size_t i = 0; i < count; ++i) answers.push_back({true, static_cast<int>(i), 0});
    }
    return answers;
}

// The numbers that the numeric tests of a condition compare with, per question.
void thresholds_of(const Condition& condition, std::map<int, std::vector<double>>& out) {
    for_each_test(condition, [&](const Condition& test) {
        if (test.question >= 0 && test.options.empty()) out[test.question].push_back(test.number);
    });
}

class Linter {
public:
    explicit Linter(const RuleBase& rb) : m_rb(rb) {}

    std::vector<Finding> run() {
        usage();
        duplicates();
        never_asked();
        sources();
        lint_advice(m_rb, m_findings);
        std::stable_sort(m_findings.begin(), m_findings.end(), [](const Finding& a, const Finding& b) {
            return std::tie(a.where.file, a.where.line, a.where.column) < std::tie(b.where.file, b.where.line, b.where.column);
        });
        return std::move(m_findings);
    }

private:
    void add(FindingLevel level, std::string code, const SourceLocation& where, std::string message, std::string fix) {
        m_findings.push_back({level, std::move(code), where, std::move(message), std::move(fix)});
    }

    void usage() {
        std::map<int, std::set<int>> options;   // per question tested: the options named
        std::set<int> raised, recommended;
        for (const auto& rule : m_rb.rules) {
            options_named(rule.when, options);
            if (rule.cause >= 0) raised.insert(rule.cause);
            recommended.insert(rule.recommend.begin(), rule.recommend.end());
        }
        for (const auto& action : m_rb.actions) {
            for (const auto* guards : {&action.unsuitable, &action.cautions})
                for (const auto& guard : *guards) options_named(guard.when, options);
        }
        for (std::size_t q = 0; q < m_rb.questions.size(); ++q) {
            const auto& question = m_rb.questions[q];
            if (!options.count(static_cast<int>(q))) {
                add(FindingLevel::warning, "unused-question", question.where,
                    fmt::format("question '{}' is tested by no rule", question.id),
                    "use it in a rule's 'when', or remove the question if it is not needed");
                continue;
            }
            if (question.type != QuestionType::choice) continue;
            for (std::size_t o = 0; o < question.options.size(); ++o) {
                if (question.options[o].neutral || options.at(static_cast<int>(q)).count(static_cast<int>(o))) continue;
                add(FindingLevel::warning, "unhandled-option", question.where,
                    fmt::format("option '{}' of question '{}' is tested by no rule or guard", question.options[o].id, question.id),
                    "add a rule for it, or mark the option 'neutral: true' if this answer should change nothing");
            }
        }
        for (std::size_t c = 0; c < m_rb.causes.size(); ++c) {
            if (raised.count(static_cast<int>(c))) continue;
            add(FindingLevel::error, "unraised-cause", m_rb.causes[c].where,
                fmt::format("cause '{}' is raised by no rule, so it can never be shown", m_rb.causes[c].id),
                "add a rule with 'cause: " + m_rb.causes[c].id + "', or remove the cause");
        }
        for (std::size_t a = 0; a < m_rb.actions.size(); ++a) {
            const auto& action = m_rb.actions[a];
            if (recommended.count(static_cast<int>(a)) || !action.addresses.empty() || !action.for_urgency.empty()) continue;
            add(FindingLevel::warning, "unused-action", action.where,
                fmt::format("action '{}' is recommended by no rule, addresses no cause and is given for no urgency", action.id),
                "add it to a rule's 'recommend', give it 'addresses' or 'for_urgency', or remove it");
        }
    }

    void duplicates() {
        std::map<std::string, const Rule*> seen;
        for (const auto& rule : m_rb.rules) {
            const auto [at, fresh] = seen.emplace(shape(rule.when), &rule);
            if (fresh) continue;
            add(FindingLevel::warning, "duplicate-condition", rule.where,
                fmt::format("rule '{}' has the same condition as rule '{}' (line {})", rule.id, at->second->id,
                            at->second->where.line),
                "merge the two rules, or make their conditions differ");
        }
    }

    // A rule that needs an answer to a question with `ask_if`, where no answers make the rule
    // hold while the question would be asked: in the questionnaire it can never fire.
    void never_asked() {
        for (const auto& rule : m_rb.rules) {
            for (int q : questions_tested(rule.when)) {
                const auto& question = m_rb.questions[static_cast<std::size_t>(q)];
                if (!question.ask_if || can_fire_when_asked(rule.when, *question.ask_if)) continue;
                add(FindingLevel::warning, "never-asked", rule.where,
                    fmt::format("rule '{}' tests '{}', which the questionnaire never asks when the rest of the rule holds",
                                rule.id, question.id),
                    "change the rule or the question's 'ask_if' so that they can both hold");
            }
        }
    }

    // Tries every combination of the answers that matter (bounded); true when some makes the
    // rule yes and the ask_if not no (the questionnaire asks when ask_if is unknown).
    bool can_fire_when_asked(const Condition& when, const Condition& ask_if) {
        std::vector<int> order = questions_tested(when);
        for (int q : questions_tested(ask_if))
            if (std::find(order.begin(), order.end(), q) == order.end()) order.push_back(q);
        std::map<int, std::vector<double>> thresholds;
        thresholds_of(when, thresholds);
        thresholds_of(ask_if, thresholds);
        std::vector<std::vector<engine::Answer>> choices;
        double combinations = 1;
        for (int q : order) {
            choices.push_back(candidates(m_rb.questions[static_cast<std::size_t>(q)], thresholds[q]));
            combinations *= static_cast<double>(choices.back().size());
        }
        if (combinations > 200000) return true;   // too many to try: assume it can
        engine::CompiledConditions compiled;
        const int rule_root = compiled.add(when);
        const int ask_root = compiled.add(ask_if);
        engine::Answers answers(m_rb.questions.size());
        std::vector<std::size_t> pick(order.size(), 0);
        for (;;) {
            for (std::size_t i = 0; i < order.size(); ++i) answers[static_cast<std::size_t>(order[i])] = choices[i][pick[i]];
            if (compiled.evaluate(rule_root, answers) == Truth::yes && compiled.evaluate(ask_root, answers) != Truth::no)
                return true;
            std::size_t i = 0;
            while (i < pick.size() && ++pick[i] == choices[i].size()) pick[i++] = 0;
            if (i == pick.size()) return false;
        }
    }

    void sources() {
        for (const auto& cause : m_rb.causes)
            if (cause.sources.empty())
                add(FindingLevel::error, "missing-source", cause.where, fmt::format("cause '{}' cites no source", cause.id),
                    "add 'source: [...]' naming a guideline, study or seed article (docs/sources.md)");
        for (const auto& action : m_rb.actions)
            if (action.sources.empty())
                add(FindingLevel::error, "missing-source", action.where, fmt::format("action '{}' cites no source", action.id),
                    "add 'source: [...]' naming a guideline, study or seed article (docs/sources.md)");
        for (const auto& rule : m_rb.rules)
            if (rule.sources.empty())
                add(FindingLevel::error, "missing-source", rule.where, fmt::format("rule '{}' cites no source", rule.id),
                    "add 'source: [...]' naming a guideline, study or seed article (docs/sources.md)");
    }

    const RuleBase& m_rb;
    std::vector<Finding> m_findings;
};

}  // namespace

std::string Finding::to_string() const {
    return fmt::format("{}:{}:{}: {} [{}]: {} (fix: {})", where.file, where.line, where.column,
                       level == FindingLevel::error ? "error" : "warning", code, message, fix);
}

std::vector<Finding> lint_rule_base(const RuleBase& rule_base) { return Linter(rule_base).run(); }

}  // namespace runback::ruletest
