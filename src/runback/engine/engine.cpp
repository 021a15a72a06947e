#include <runback/engine/engine.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace runback::engine {

using rules::ActionCategory;
using rules::Urgency;

namespace {

// Moves the items into `spare`, where fresh() finds them again with their capacity.
template <typename T>
void recycle(std::vector<T>& items, std::vector<T>& spare) {
    for (auto& item : items) spare.push_back(std::move(item));
    items.clear();
}

// Appends an item, reusing a recycled one when there is one; its fields hold stale values.
template <typename T>
T& fresh(std::vector<T>& items, std::vector<T>& spare) {
    if (spare.empty()) return items.emplace_back();
    items.push_back(std::move(spare.back()));
    spare.pop_back();
    return items.back();
}

}  // namespace

std::string red_flags_unanswered_message(std::size_t count, std::size_t total) {
    return fmt::format("{} of the {} warning-sign questions {} not answered; they decide whether "
                       "you need care urgently, so please answer them",
                       count, total, count == 1 ? "was" : "were");
}

Engine::Engine(const rules::RuleBase& rule_base) : m_rule_base(rule_base) {
    m_warning_codes.emplace_back(k_red_flags_unanswered);
    for (const auto& rule : rule_base.rules) {
        int code = -1;
        if (!rule.warning.empty()) {
            const auto found = std::find(m_warning_codes.begin(), m_warning_codes.end(), rule.warning);
            code = static_cast<int>(found - m_warning_codes.begin());
            if (found == m_warning_codes.end()) m_warning_codes.push_back(rule.warning);
        }
        const auto slot = rule.cause >= 0 ? static_cast<std::size_t>(rule.cause) : rule_base.causes.size();
        m_rules.push_back(CompiledRule{m_conditions.add(rule.when), rule.cause, slot, rule.weight,
                                       rule.urgency.value_or(Urgency::self_care), code});
    }

    const auto& actions = rule_base.actions;
    std::vector<std::vector<int>> by_cause(rule_base.causes.size());
    std::array<std::vector<int>, k_urgencies> care, for_urgency;
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const auto& action = actions[i];
        const int index = static_cast<int>(i);
        auto& unsuitable = m_unsuitable.emplace_back();
        for (const auto& guard : action.unsuitable) unsuitable.push_back(m_conditions.add(guard.when));
        if (!unsuitable.empty()) m_guarded_actions.push_back(index);
        auto& cautions = m_cautions.emplace_back();
        for (const auto& guard : action.cautions) cautions.push_back(m_conditions.add(guard.when));
        const bool seek_care = action.category == ActionCategory::seek_care;
        m_seek_care.push_back(seek_care ? 1 : 0);
        for (int cause : action.addresses) {
            auto& list = by_cause[static_cast<std::size_t>(cause)];
            if (list.empty() || list.back() != index) list.push_back(index);
        }
        for (std::size_t level = 0; level < k_urgencies; ++level) {
            const auto urgency = static_cast<Urgency>(level);
            if (std::find(action.for_urgency.begin(), action.for_urgency.end(), urgency) ==
                action.for_urgency.end())
                continue;
            for_urgency[level].push_back(index);
            if (seek_care) care[level].push_back(index);
        }
    }
    m_conditions.prepare(rule_base);
    for (const auto& list : by_cause) m_cause_actions.push_back(add_action_list(list));
    for (std::size_t level = 0; level < k_urgencies; ++level) {
        m_urgency_care[level] = add_action_list(care[level]);
        m_urgency_actions[level] = add_action_list(for_urgency[level]);
    }

    for (std::size_t i = 0; i < rule_base.questions.size(); ++i) {
        if (rule_base.questions[i].red_flag) m_red_flags.push_back(static_cast<int>(i));
    }
    m_unanswered_messages.resize(m_red_flags.size() + 1);
    for (std::size_t count = 1; count <= m_red_flags.size(); ++count)
        m_unanswered_messages[count] = red_flags_unanswered_message(count, m_red_flags.size());
}

Engine::ActionList Engine::add_action_list(const std::vector<int>& actions) {
    ActionList list;
    list.begin = static_cast<std::uint32_t>(m_action_lists.size());
    m_action_lists.insert(m_action_lists.end(), actions.begin(), actions.end());
    list.end = static_cast<std::uint32_t>(m_action_lists.size());
    return list;
}

Assessment Engine::evaluate(const Answers& answers) const {
    Assessment result;
    evaluate_into(answers, result);
    return result;
}

void Engine::evaluate_into(const Answers& answers, Assessment& result) const {
    auto& scratch = result.scratch;
    recycle(result.causes, scratch.causes);
    recycle(result.warnings, scratch.warnings);
    result.urgency = Urgency::self_care;
    result.red_flags.clear();
    result.actions.clear();
    result.avoid.clear();
    result.fired_rules.clear();

    // Without branches on whether a rule fired, which the answers decide and a branch
    // predictor cannot guess: every rule writes its index and adds its weight (to a spare
    // slot after the causes when it has no cause), and only a firing one counts.
    auto& tests = scratch.tests;
    m_conditions.run_tests(answers, tests);
    auto& scores = scratch.scores;
    const std::size_t cause_count = m_rule_base.causes.size();
    scores.assign(cause_count + 1, 0.0);
    auto& fired = result.fired_rules;
    fired.resize(m_rules.size());
    std::size_t fired_count = 0;
    for (std::size_t i = 0; i < m_rules.size(); ++i) {
        const CompiledRule& rule = m_rules[i];
        const bool fires = m_conditions.holds(rule.condition, tests);
        fired[fired_count] = static_cast<int>(i);
        fired_count += fires ? 1 : 0;
        result.urgency = std::max(result.urgency, fires ? rule.urgency : Urgency::self_care);
        scores[rule.score_slot] += fires ? rule.weight : 0.0;
    }
    fired.resize(fired_count);

    for (int question : m_red_flags) {
        const Answer& answer = answers[static_cast<std::size_t>(question)];
        if (answer.given && answer.option == rules::k_yes) result.red_flags.push_back(question);
    }
    // The loader makes every red flag set an urgency; this floor keeps the promise even for a
    // rule base loaded some other way.
    if (!result.red_flags.empty())
        result.urgency = std::max(result.urgency, Urgency::see_clinician);

    // Highest score first, ties in rule-base order: an insertion sort, stable and, for the
    // handful of causes an assessment has, without std::stable_sort's buffer.
    auto& causes = result.causes;
    for (std::size_t cause = 0; cause < cause_count; ++cause) {
        if (!(scores[cause] > 0)) continue;
        CauseResult& added = fresh(causes, scratch.causes);
        added.cause = static_cast<int>(cause);
        added.score = scores[cause];
        added.because.clear();
        for (std::size_t i = causes.size() - 1; i > 0 && causes[i - 1].score < causes[i].score; --i)
            std::swap(causes[i - 1], causes[i]);
    }
    // Each fired rule's supporting answers go to its cause (scores now holds, per cause, its
    // place in the ranking), then each list is sorted and without repeats.
    for (std::size_t i = 0; i < causes.size(); ++i)
        scores[static_cast<std::size_t>(causes[i].cause)] = static_cast<double>(i);
    for (int index : fired) {
        const CompiledRule& rule = m_rules[static_cast<std::size_t>(index)];
        if (rule.cause < 0) continue;
        auto& because = causes[static_cast<std::size_t>(scores[static_cast<std::size_t>(rule.cause)])].because;
        m_conditions.collect_support(rule.condition, tests, because);
    }
    for (auto& cause : causes) {
        auto& because = cause.because;
        std::sort(because.begin(), because.end());
        because.erase(std::unique(because.begin(), because.end()), because.end());
    }

    select_actions(result);
    add_warnings(answers, result);
}

void Engine::take_action(int action, Assessment& result) const {
    auto& taken = result.scratch.flags;
    const auto index = static_cast<std::size_t>(action);
    if (taken[index]) return;
    if (result.urgency == Urgency::emergency && !m_seek_care[index]) return;
    taken[index] = 1;
    std::string_view caution;
    const auto& cautions = m_cautions[index];
    for (std::size_t i = 0; i < cautions.size(); ++i) {
        if (m_conditions.holds(cautions[i], result.scratch.tests)) {
            caution = m_rule_base.actions[index].cautions[i].text;
            break;
        }
    }
    result.actions.push_back({action, caution});
}

void Engine::select_actions(Assessment& result) const {
    auto& taken = result.scratch.flags;
    taken.assign(m_rule_base.actions.size(), 0);
    for (int action : m_guarded_actions) {
        const auto& guards = m_unsuitable[static_cast<std::size_t>(action)];
        for (std::size_t i = 0; i < guards.size(); ++i) {
            if (!m_conditions.holds(guards[i], result.scratch.tests)) continue;
            const auto& text = m_rule_base.actions[static_cast<std::size_t>(action)].unsuitable[i].text;
            result.avoid.push_back({action, text});
            taken[static_cast<std::size_t>(action)] = 1;
            break;
        }
    }
    const auto take_list = [&](ActionList list) {
        for (auto i = list.begin; i < list.end; ++i) take_action(m_action_lists[i], result);
    };

    // The urgency's own advice first, then what addresses the likeliest causes, then what the
    // fired rules name, then general advice for this level.
    const auto level = static_cast<std::size_t>(result.urgency);
    take_list(m_urgency_care[level]);
    for (const auto& cause : result.causes)
        take_list(m_cause_actions[static_cast<std::size_t>(cause.cause)]);
    for (int rule : result.fired_rules) {
        for (int action : m_rule_base.rules[static_cast<std::size_t>(rule)].recommend)
            take_action(action, result);
    }
    take_list(m_urgency_actions[level]);
}

void Engine::add_warnings(const Answers& answers, Assessment& result) const {
    auto& scratch = result.scratch;
    auto& seen = scratch.flags;   // the actions are chosen: the flags now mark codes seen
    seen.assign(m_warning_codes.size(), 0);
    std::size_t unanswered = 0;
    for (int question : m_red_flags)
        if (!answers[static_cast<std::size_t>(question)].given) ++unanswered;
    if (unanswered > 0) {
        Warning& warning = fresh(result.warnings, scratch.warnings);
        warning.code = k_red_flags_unanswered;
        warning.message = m_unanswered_messages[unanswered];
        warning.questions.clear();
        warning.keys.clear();
        for (int question : m_red_flags)
            if (!answers[static_cast<std::size_t>(question)].given) warning.questions.push_back(question);
        seen[0] = 1;
    }
    for (int index : result.fired_rules) {
        const int code = m_rules[static_cast<std::size_t>(index)].warning_code;
        if (code < 0 || seen[static_cast<std::size_t>(code)]) continue;
        seen[static_cast<std::size_t>(code)] = 1;
        const auto& rule = m_rule_base.rules[static_cast<std::size_t>(index)];
        Warning& warning = fresh(result.warnings, scratch.warnings);
        warning.code = rule.warning;
        warning.message = rule.because;
        warning.questions.clear();
        warning.keys.clear();
    }
}

}  // namespace runback::engine
