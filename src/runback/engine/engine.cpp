#include <runback/engine/engine.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace runback::engine {

using rules::ActionCategory;
using rules::Urgency;

Engine::Engine(const rules::RuleBase& rule_base) : m_rule_base(rule_base) {
    for (const auto& rule : rule_base.rules) {
        m_rules.push_back(CompiledRule{m_conditions.add(rule.when), rule.cause, rule.weight,
                                       rule.urgency.has_value(),
                                       rule.urgency.value_or(Urgency::self_care)});
    }
    for (const auto& action : rule_base.actions) {
        auto& unsuitable = m_unsuitable.emplace_back();
        for (const auto& guard : action.unsuitable) unsuitable.push_back(m_conditions.add(guard.when));
        auto& cautions = m_cautions.emplace_back();
        for (const auto& guard : action.cautions) cautions.push_back(m_conditions.add(guard.when));
    }
    for (std::size_t i = 0; i < rule_base.questions.size(); ++i) {
        if (rule_base.questions[i].red_flag) m_red_flags.push_back(static_cast<int>(i));
    }
}

Assessment Engine::evaluate(const Answers& answers) const {
    Assessment result;
    std::vector<double> scores(m_rule_base.causes.size(), 0.0);
    for (std::size_t i = 0; i < m_rules.size(); ++i) {
        const CompiledRule& rule = m_rules[i];
        if (m_conditions.evaluate(rule.condition, answers) != Truth::yes) continue;
        result.fired_rules.push_back(static_cast<int>(i));
        if (rule.sets_urgency) result.urgency = std::max(result.urgency, rule.urgency);
        if (rule.cause >= 0) scores[static_cast<std::size_t>(rule.cause)] += rule.weight;
    }

    for (int question : m_red_flags) {
        const Answer& answer = answers[static_cast<std::size_t>(question)];
        if (answer.given && answer.option == rules::k_yes) result.red_flags.push_back(question);
    }
    // The loader makes every red flag set an urgency; this floor keeps the promise even for a
    // rule base loaded some other way.
    if (!result.red_flags.empty())
        result.urgency = std::max(result.urgency, Urgency::see_clinician);

    for (std::size_t cause = 0; cause < scores.size(); ++cause) {
        if (scores[cause] > 0) result.causes.push_back({static_cast<int>(cause), scores[cause], {}});
    }
    std::stable_sort(result.causes.begin(), result.causes.end(),
                     [](const CauseResult& a, const CauseResult& b) { return a.score > b.score; });
    for (auto& cause : result.causes) {
        for (int rule : result.fired_rules) {
            if (m_rules[static_cast<std::size_t>(rule)].cause != cause.cause) continue;
            m_conditions.collect_support(m_rules[static_cast<std::size_t>(rule)].condition, answers,
                                         cause.because);
        }
        std::sort(cause.because.begin(), cause.because.end());
        cause.because.erase(std::unique(cause.because.begin(), cause.because.end()),
                            cause.because.end());
    }

    select_actions(answers, result);
    add_warnings(answers, result);
    return result;
}

bool Engine::is_unsuitable(int action, const Answers& answers, Assessment& result) const {
    const auto& guards = m_unsuitable[static_cast<std::size_t>(action)];
    for (std::size_t i = 0; i < guards.size(); ++i) {
        if (m_conditions.evaluate(guards[i], answers) != Truth::yes) continue;
        const auto& text = m_rule_base.actions[static_cast<std::size_t>(action)].unsuitable[i].text;
        result.avoid.push_back({action, text});
        return true;
    }
    return false;
}

void Engine::select_actions(const Answers& answers, Assessment& result) const {
    const auto& actions = m_rule_base.actions;
    std::vector<char> taken(actions.size(), 0);
    for (std::size_t i = 0; i < actions.size(); ++i) {
        if (is_unsuitable(static_cast<int>(i), answers, result)) taken[i] = 1;
    }
    const bool emergency = result.urgency == Urgency::emergency;
    auto take = [&](std::size_t action) {
        if (taken[action]) return;
        if (emergency && actions[action].category != ActionCategory::seek_care) return;
        taken[action] = 1;
        std::string_view caution;
        const auto& cautions = m_cautions[action];
        for (std::size_t i = 0; i < cautions.size() && caution.empty(); ++i) {
            if (m_conditions.evaluate(cautions[i], answers) == Truth::yes)
                caution = actions[action].cautions[i].text;
        }
        result.actions.push_back({static_cast<int>(action), caution});
    };
    auto for_this_urgency = [&](std::size_t action) {
        const auto& levels = actions[action].for_urgency;
        return std::find(levels.begin(), levels.end(), result.urgency) != levels.end();
    };

    // The urgency's own advice first, then what addresses the likeliest causes, then what the
    // fired rules name, then general advice for this level.
    for (std::size_t i = 0; i < actions.size(); ++i) {
        if (actions[i].category == ActionCategory::seek_care && for_this_urgency(i)) take(i);
    }
    for (const auto& cause : result.causes) {
        for (std::size_t i = 0; i < actions.size(); ++i) {
            const auto& addresses = actions[i].addresses;
            if (std::find(addresses.begin(), addresses.end(), cause.cause) != addresses.end())
                take(i);
        }
    }
    for (int rule : result.fired_rules) {
        for (int action : m_rule_base.rules[static_cast<std::size_t>(rule)].recommend)
            take(static_cast<std::size_t>(action));
    }
    for (std::size_t i = 0; i < actions.size(); ++i) {
        if (for_this_urgency(i)) take(i);
    }
}

void Engine::add_warnings(const Answers& answers, Assessment& result) const {
    Warning unanswered{"red_flags_unanswered", "", {}, {}};
    for (int question : m_red_flags) {
        if (!answers[static_cast<std::size_t>(question)].given)
            unanswered.questions.push_back(question);
    }
    if (!unanswered.questions.empty()) {
        unanswered.message = fmt::format(
            "{} of the {} warning-sign questions {} not answered; they decide whether you need "
            "care urgently, so please answer them",
            unanswered.questions.size(), m_red_flags.size(),
            unanswered.questions.size() == 1 ? "was" : "were");
        result.warnings.push_back(std::move(unanswered));
    }
    for (int index : result.fired_rules) {
        const auto& rule = m_rule_base.rules[static_cast<std::size_t>(index)];
        if (rule.warning.empty()) continue;
        const bool seen = std::any_of(result.warnings.begin(), result.warnings.end(),
                                      [&](const Warning& w) { return w.code == rule.warning; });
        if (!seen) result.warnings.push_back({rule.warning, rule.because, {}, {}});
    }
}

}  // namespace runback::engine
