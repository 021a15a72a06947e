#include <runback/report/heading.hpp>

#include <runback/engine/engine.hpp>
#include <runback/report/urgency_text.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace runback::report {

using rules::Urgency;

Heading heading_for(const rules::RuleBase& rule_base, const engine::Assessment& assessment,
                    std::string_view emergency_number) {
    Heading heading;
    const Urgency urgency = assessment.urgency;
    heading.headline = urgency_headline(urgency);
    heading.meaning = urgency_meaning(urgency, emergency_number);
    for (int index : assessment.fired_rules) {
        const auto& rule = rule_base.rules[static_cast<std::size_t>(index)];
        if (rule.urgency == urgency && urgency != Urgency::self_care) heading.reasons.push_back(rule.because);
    }
    for (const auto& warning : assessment.warnings) {
        if (warning.code == engine::k_unknown_key_near_red_flag) heading.alerts.push_back(warning_text(rule_base, warning));
        // A raised result has no rule of its level: the reason is that every answer reaches it.
        if (warning.code == engine::k_urgency_raised_for_unanswered) heading.reasons.push_back(warning_text(rule_base, warning));
    }
    if (urgency != Urgency::self_care) return heading;

    const auto unanswered = std::find_if(assessment.warnings.begin(), assessment.warnings.end(),
                                         [](const auto& w) { return w.code == engine::k_red_flags_unanswered; });
    if (unanswered == assessment.warnings.end()) return heading;
    // Of the red flags always warned about, or of all of them when the quiet ones count too.
    const bool quiet = std::any_of(unanswered->questions.begin(), unanswered->questions.end(), [&](int q) {
        return !rule_base.questions[static_cast<std::size_t>(q)].warn_when_unanswered;
    });
    const std::size_t total = quiet ? static_cast<std::size_t>(std::count_if(
                                          rule_base.questions.begin(), rule_base.questions.end(),
                                          [](const auto& question) { return question.red_flag; }))
                                    : rules::warned_red_flag_count(rule_base);
    const std::size_t count = unanswered->questions.size();
    heading.unchecked = true;
    for (int q : unanswered->questions) heading.missing.push_back(rule_base.questions[static_cast<std::size_t>(q)].text);
    if (count == total) {
        heading.headline = "WARNING SIGNS NOT CHECKED: answer them before relying on this";
        heading.meaning = fmt::format(
            "None of the {} warning-sign questions was answered, so this cannot say whether you need care urgently. "
            "If none of the signs below applies to you, your other answers point to managing at home; if any does, "
            "get help as the advice on when to see someone says.",
            total);
    } else {
        heading.headline = fmt::format("SELF-CARE ONLY IF NO WARNING SIGN: {} not answered", count);
        heading.meaning = fmt::format(
            "{} of the {} warning-sign questions {} not answered. If none of the signs below applies to you, manage "
            "this at home with the advice below, keep moving, and see someone if it is not better in 2 to 6 weeks; "
            "if any does, get help as the advice on when to see someone says.",
            count, total, count == 1 ? "was" : "were");
    }
    return heading;
}

bool shown_in_heading(const Heading& heading, const engine::Warning& warning) {
    return warning.code == engine::k_unknown_key_near_red_flag || warning.code == engine::k_urgency_raised_for_unanswered ||
           (heading.unchecked && warning.code == engine::k_red_flags_unanswered);
}

std::string warning_text(const rules::RuleBase& rule_base, const engine::Warning& warning) {
    std::string text = warning.message;
    for (std::size_t i = 0; i < warning.questions.size(); ++i)
        text += fmt::format("{} \"{}\"", i == 0 ? ":" : ",", rule_base.questions[static_cast<std::size_t>(warning.questions[i])].text);
    return text;
}

}  // namespace runback::report
