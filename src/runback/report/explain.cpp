#include <runback/report/explain.hpp>

#include <runback/engine/compiled_condition.hpp>
#include <runback/engine/engine.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace runback::report {
namespace {

using Kind = rules::Condition::Kind;
using engine::Truth;

std::string number_text(double value) { return fmt::format("{}", value); }

// "age = 16, pain_duration = unanswered": the answers a condition looks at.
std::string answers_to(const rules::RuleBase& rb, const rules::Condition& condition, const engine::Answers& answers) {
    std::string text;
    for (int q : rules::questions_tested(condition)) {
        const auto& question = rb.questions[static_cast<std::size_t>(q)];
        const auto& answer = answers[static_cast<std::size_t>(q)];
        text += fmt::format("{}{} = {}", text.empty() ? "" : ", ", question.id,
                            answer.given ? engine::canonical_value(question, answer) : "unanswered");
    }
    return text;
}

// What a fired rule adds to the result.
std::string effects(const rules::RuleBase& rb, const rules::Rule& rule, bool fired) {
    std::vector<std::string> parts;
    if (rule.urgency) parts.push_back(fmt::format("urgency {}", rules::to_id(*rule.urgency)));
    if (rule.cause >= 0)
        parts.push_back(fmt::format("cause {} +{}", rb.causes[static_cast<std::size_t>(rule.cause)].id, number_text(rule.weight)));
    if (!rule.recommend.empty()) {
        std::string list;
        for (int action : rule.recommend) list += (list.empty() ? "" : ", ") + rb.actions[static_cast<std::size_t>(action)].id;
        parts.push_back("recommends " + list);
    }
    if (!rule.warning.empty()) parts.push_back("warning " + rule.warning);
    std::string text;
    for (const auto& part : parts) text += (text.empty() ? "" : "; ") + part;
    return text.empty() ? "" : (fired ? "adds " : "would add ") + text;
}

std::string place(const rules::Rule& rule) { return fmt::format("{}:{}", rule.where.file, rule.where.line); }

}  // namespace

std::string describe_condition(const rules::RuleBase& rb, const rules::Condition& condition) {
    if (condition.kind == Kind::all || condition.kind == Kind::any) {
        std::string text = condition.kind == Kind::all ? "all of (" : "any of (";
        for (std::size_t i = 0; i < condition.children.size(); ++i)
            text += (i ? "; " : "") + describe_condition(rb, condition.children[i]);
        return text + ")";
    }
    if (condition.kind == Kind::negation) return "not (" + describe_condition(rb, condition.children.at(0)) + ")";
    const auto& question = rb.questions[static_cast<std::size_t>(condition.question)];
    const auto option_id = [&](int option) {
        if (question.type == rules::QuestionType::yes_no) return std::string(option == rules::k_yes ? "yes" : "no");
        return question.options[static_cast<std::size_t>(option)].id;
    };
    switch (condition.kind) {
    case Kind::equals:
        if (question.type == rules::QuestionType::number) return fmt::format("{} = {}", question.id, number_text(condition.number));
        return fmt::format("{} is {}", question.id, option_id(condition.options.at(0)));
    case Kind::one_of: {
        std::string list;
        for (int option : condition.options) list += (list.empty() ? "" : ", ") + option_id(option);
        return fmt::format("{} is one of {}", question.id, list);
    }
    case Kind::less_than: return fmt::format("{} < {}", question.id, number_text(condition.number));
    case Kind::at_most: return fmt::format("{} <= {}", question.id, number_text(condition.number));
    case Kind::more_than: return fmt::format("{} > {}", question.id, number_text(condition.number));
    case Kind::at_least: return fmt::format("{} >= {}", question.id, number_text(condition.number));
    default: return {};
    }
}

std::string render_explanation(const rules::RuleBase& rb, const engine::Answers& answers,
                               const engine::Assessment& assessment) {
    std::string out = fmt::format("Urgency: {}\n", rules::to_id(assessment.urgency));
    // A raised urgency comes from no rule: say what it comes from.
    for (const auto& warning : assessment.warnings) {
        if (warning.code != engine::k_urgency_raised_for_unanswered) continue;
        std::string open;
        for (int q : warning.questions) open += (open.empty() ? "" : ", ") + rb.questions[static_cast<std::size_t>(q)].id;
        out += fmt::format("  raised by the unanswered questions: every answer to {} fires a rule of this level or more\n",
                           open);
    }
    out += fmt::format("\nRules that fired ({}):\n", assessment.fired_rules.size());
    if (assessment.fired_rules.empty()) out += "  none\n";
    for (int index : assessment.fired_rules) {
        const auto& rule = rb.rules[static_cast<std::size_t>(index)];
        out += fmt::format("  {}  ({})\n", rule.id, place(rule));
        out += fmt::format("    when {}\n", describe_condition(rb, rule.when));
        out += fmt::format("    answers: {}\n", answers_to(rb, rule.when, answers));
        if (const auto text = effects(rb, rule, true); !text.empty()) out += "    " + text + "\n";
    }

    // Nearly fired: a rule whose condition is an `all` of parts (or a lone part) with exactly
    // one part not true, the rest true. A lone test is left out: with nothing else met, it is
    // not near.
    std::string near;
    std::size_t near_count = 0;
    for (std::size_t i = 0; i < rb.rules.size(); ++i) {
        if (std::find(assessment.fired_rules.begin(), assessment.fired_rules.end(), static_cast<int>(i)) !=
            assessment.fired_rules.end())
            continue;
        const auto& rule = rb.rules[i];
        if (rule.when.kind != Kind::all || rule.when.children.size() < 2) continue;
        engine::CompiledConditions parts;
        std::vector<Truth> truths;
        for (const auto& part : rule.when.children) truths.push_back(parts.evaluate(parts.add(part), answers));
        if (std::count(truths.begin(), truths.end(), Truth::yes) + 1 != static_cast<long>(truths.size())) continue;
        const auto missing = static_cast<std::size_t>(std::find_if(truths.begin(), truths.end(), [](Truth t) {
                                                          return t != Truth::yes;
                                                      }) - truths.begin());
        const auto& part = rule.when.children[missing];
        ++near_count;
        near += fmt::format("  {}  ({})\n", rule.id, place(rule));
        for (std::size_t p = 0; p < truths.size(); ++p) {
            if (p == missing) continue;
            near += fmt::format("    met: {}  ({})\n", describe_condition(rb, rule.when.children[p]),
                                answers_to(rb, rule.when.children[p], answers));
        }
        near += fmt::format("    not met: {}  ({}{})\n", describe_condition(rb, part), answers_to(rb, part, answers),
                            truths[missing] == Truth::unknown ? ": unknown, so not counted" : "");
        if (const auto text = effects(rb, rule, false); !text.empty()) near += "    " + text + "\n";
    }
    out += fmt::format("\nRules that nearly fired, all conditions but one met ({}):\n", near_count);
    out += near_count == 0 ? "  none\n" : near;
    return out;
}

}  // namespace runback::report
