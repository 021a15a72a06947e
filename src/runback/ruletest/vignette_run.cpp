#include <runback/ruletest/vignette_run.hpp>

#include <fmt/format.h>

#include <set>

namespace runback::ruletest {
namespace {

using rules::Urgency;

// Every answer to a question worth trying: unanswered, each option, or for a number each
// whole number of a range of up to 100 (else 101 steps) and each threshold the rules compare
// it with, with a value half a unit either side.
std::vector<engine::Answer> every_answer(const rules::RuleBase& rb, int q) {
    const auto& question = rb.questions[static_cast<std::size_t>(q)];
    std::vector<engine::Answer> answers{engine::Answer{}};
    if (question.type != rules::QuestionType::number) {
        for (std::size_t o = 0; o < question.options.size(); ++o) answers.push_back({true, static_cast<int>(o), 0});
        return answers;
    }
    std::set<double> values;
    const double span = question.max - question.min;
    const double step = span <= 100 ? 1 : span / 100;
    for (double v = question.min; v <= question.max; v += step) values.insert(v);
    values.insert(question.max);
    for (const auto& rule : rb.rules)
        rules::for_each_test(rule.when, [&](const rules::Condition& test) {
            if (test.question != q || !test.options.empty()) return;
            for (double v : {test.number - 0.5, test.number, test.number + 0.5})
                if (v >= question.min && v <= question.max) values.insert(v);
        });
    for (double v : values) answers.push_back({true, -1, v});
    return answers;
}

std::string describe(const rules::RuleBase& rb, const std::vector<int>& questions, const engine::Answers& answers) {
    std::string text;
    for (int q : questions) {
        const auto& question = rb.questions[static_cast<std::size_t>(q)];
        const auto& answer = answers[static_cast<std::size_t>(q)];
        if (!text.empty()) text += ", ";
        text += answer.given ? fmt::format("{}: {}", question.id, engine::canonical_value(question, answer))
                             : fmt::format("{} unanswered", question.id);
    }
    return text;
}

void count(TriageRow& row, Triage triage) {
    ++row.cases;
    (triage == Triage::right ? row.right : triage == Triage::over ? row.over : row.under) += 1;
}

std::string percent_of(std::size_t part, std::size_t whole) {
    return whole == 0 ? "-" : fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

}  // namespace

VignetteRun run_vignettes(const engine::Engine& engine, const std::vector<Vignette>& vignettes,
                          std::vector<char>& rules_reached, std::vector<char>& causes_reached,
                          std::vector<char>& actions_reached) {
    const auto& rb = engine.rule_base();
    VignetteRun run;
    for (const auto& vignette : vignettes) {
        VignetteResult result;
        result.vignette = &vignette;
        std::vector<std::vector<engine::Answer>> ways;
        for (int q : vignette.any_answer_to) ways.push_back(every_answer(rb, q));
        std::vector<std::size_t> pick(ways.size(), 0);
        engine::Answers answers = vignette.answers;
        bool first = true;
        for (;;) {
            for (std::size_t i = 0; i < ways.size(); ++i)
                answers[static_cast<std::size_t>(vignette.any_answer_to[i])] = ways[i][pick[i]];
            const auto got = engine.evaluate(answers);
            for (int rule : got.fired_rules) rules_reached[static_cast<std::size_t>(rule)] = 1;
            for (const auto& cause : got.causes) causes_reached[static_cast<std::size_t>(cause.cause)] = 1;
            for (const auto& action : got.actions) actions_reached[static_cast<std::size_t>(action.action)] = 1;
            for (const auto& avoid : got.avoid) actions_reached[static_cast<std::size_t>(avoid.action)] = 1;
            // The first way is kept, then any that under-triages, or failing that over-triages.
            const Triage triage = got.urgency < vignette.triage ? Triage::under
                                  : got.urgency > vignette.triage ? Triage::over
                                                                   : Triage::right;
            const bool worse = (triage == Triage::under && result.triage != Triage::under) ||
                               (triage == Triage::over && result.triage == Triage::right);
            if (first || worse) {
                result.triage = triage;
                result.got = got.urgency;
                result.with = describe(rb, vignette.any_answer_to, answers);
                result.fired_rules = got.fired_rules;
                first = false;
            }
            std::size_t i = 0;
            while (i < pick.size() && ++pick[i] == ways[i].size()) pick[i++] = 0;
            if (i == pick.size()) break;
        }
        if (vignette.any_answer_to.empty()) result.with.clear();
        count(run.by_level[static_cast<std::size_t>(vignette.triage)], result.triage);
        count(run.all, result.triage);
        run.results.push_back(std::move(result));
    }
    return run;
}

std::string triage_table(const VignetteRun& run) {
    std::string out = "triage against the vignettes (right: the vignette's level; over: more urgent; under: less):\n";
    out += fmt::format("  {:<14} {:>5} {:>6} {:>5} {:>6}\n", "vignette level", "cases", "right", "over", "under");
    for (std::size_t level = run.by_level.size(); level-- > 0;) {
        const TriageRow& row = run.by_level[level];
        out += fmt::format("  {:<14} {:>5} {:>6} {:>5} {:>6}\n", rules::to_id(static_cast<Urgency>(level)), row.cases,
                           row.right, row.over, row.under);
    }
    const TriageRow& all = run.all;
    out += fmt::format("  {:<14} {:>5} {:>6} {:>5} {:>6}\n", "all", all.cases, all.right, all.over, all.under);
    out += fmt::format("  right {}, over-triage {}, under-triage {}\n", percent_of(all.right, all.cases),
                       percent_of(all.over, all.cases), percent_of(all.under, all.cases));
    return out;
}

}  // namespace runback::ruletest
