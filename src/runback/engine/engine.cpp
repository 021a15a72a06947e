#include <runback/engine/engine.hpp>

#include <runback/util/bits.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <span>

namespace runback::engine {

using rules::ActionCategory;
using rules::Urgency;

namespace {

// Gives `items` exactly `size` elements, keeping those it has where they are (with their
// capacity) and moving the others to or from `spare`. The elements keep stale values.
template <typename T>
void resize_reusing(std::vector<T>& items, std::vector<T>& spare, std::size_t size) {
    while (items.size() > size) {
        spare.push_back(std::move(items.back()));
        items.pop_back();
    }
    while (items.size() < size) {
        if (spare.empty()) {
            items.emplace_back();
        } else {
            items.push_back(std::move(spare.back()));
            spare.pop_back();
        }
    }
}

}  // namespace

std::string red_flags_unanswered_message(std::size_t count, std::size_t total) {
    return fmt::format("{} of the {} warning-sign questions {} not answered; they decide whether "
                       "you need care urgently, so please answer them",
                       count, total, count == 1 ? "was" : "were");
}

std::string urgency_raised_message(Urgency urgency) {
    constexpr std::string_view k_needs[] = {"", "seeing a doctor or physiotherapist within 1 to 2 weeks",
                                            "seeing a doctor within 24 hours", "emergency care now"};
    return fmt::format("Whatever the answers to the questions left open, your other answers already call for at "
                       "least {}, so the advice is for that; answering them will make it fit you better",
                       k_needs[static_cast<std::size_t>(urgency)]);
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
        const int handle = m_conditions.add(rule.when);
        m_rules.push_back(CompiledRule{handle, rule.cause, slot, rule.weight,
                                       rule.urgency.value_or(Urgency::self_care), code, false});
    }

    const auto& actions = rule_base.actions;
    std::vector<std::vector<int>> by_cause(rule_base.causes.size());
    std::array<std::vector<int>, k_urgencies> care, for_urgency;
    std::vector<int> guard_handles, caution_handles;
    m_allowed.assign(3 * actions.size(), 1);
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const auto& action = actions[i];
        const int index = static_cast<int>(i);
        for (std::size_t g = 0; g < action.unsuitable.size(); ++g) {
            guard_handles.push_back(m_conditions.add(action.unsuitable[g].when));
            m_guard_action.push_back(index);
            m_guard_reason.push_back(action.unsuitable[g].text);
            m_guard_place.push_back(static_cast<int>(g));
        }
        for (std::size_t c = 0; c < action.cautions.size(); ++c) {
            caution_handles.push_back(m_conditions.add(action.cautions[c].when));
            m_caution_action.push_back(index);
            m_caution_text.push_back(action.cautions[c].text);
            m_caution_place.push_back(static_cast<int>(c));
        }
        const bool seek_care = action.category == ActionCategory::seek_care;
        m_allowed[actions.size() + i] = seek_care ? 1 : 0;
        // Self-care never waits for a check-up (a safety principle, applied as a filter).
        m_allowed[2 * actions.size() + i] = action.waits_for_check ? 0 : 1;
        if (seek_care && i < 64) m_seek_care_bits |= std::uint64_t{1} << i;
        if (action.waits_for_check && i < 64) m_self_care_bits &= ~(std::uint64_t{1} << i);
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
    for (const auto& action : actions) {
        ActionSafety safety;
        safety.involves = action.involves;
        safety.until_checked = rules::until_checked_text(rule_base, action);
        safety.fragile_caution = rules::fragile_bone_caution_text(action);
        safety.until_checked_place = rules::until_checked_caution(action);
        safety.fragile_caution_place = rules::fragile_bone_caution(action);
        safety.fragile_reason_place = rules::fragile_bone_reason(action);
        m_action_safety.push_back(safety);
    }
    // Cautions are numbered in action order, as caution_handles holds them.
    m_waiting_cautions.assign((caution_handles.size() + 63) / 64, 0);
    std::size_t caution_number = 0;
    for (const auto& action : actions) {
        for (const auto& caution : action.cautions) {
            if (caution.waits_for_check) {
                m_waiting_cautions[caution_number / 64] |= std::uint64_t{1} << (caution_number % 64);
                m_any_waiting_caution = true;
            }
            ++caution_number;
        }
    }
    if (rule_base.safety.fragile_bone) m_fragile_condition = m_conditions.add(*rule_base.safety.fragile_bone);
    for (const auto& cause : rule_base.causes) m_fragile_cause.push_back(cause.fragile_bone ? 1 : 0);
    m_conditions.prepare(rule_base);
    m_guard_checks = m_conditions.check_set(guard_handles);
    m_caution_checks = m_conditions.check_set(caution_handles);
    m_no_caution = static_cast<std::uint32_t>(m_caution_text.size());
    m_caution_text.emplace_back();
    m_caution_place.push_back(-1);
    m_question_words = (rule_base.questions.size() + 63) / 64;
    m_rule_support.resize(m_rules.size() * m_question_words);
    std::vector<int> handles;
    for (const auto& rule : m_rules) handles.push_back(rule.condition);
    m_rule_checks = m_conditions.check_set(handles);
    m_bound.prepare(rule_base, m_conditions, handles);
    std::vector<int> questions;
    for (std::size_t i = 0; i < m_rules.size(); ++i) {
        auto& rule = m_rules[i];
        rule.fixed_support = m_conditions.fixed_support(rule.condition, questions);
        for (int q : questions) m_rule_support[i * m_question_words + static_cast<std::size_t>(q) / 64] |= std::uint64_t{1} << (q % 64);
        m_recommended.push_back(add_action_list(rule_base.rules[i].recommend));
    }
    for (const auto& list : by_cause) m_cause_actions.push_back(add_action_list(list));
    for (std::size_t level = 0; level < k_urgencies; ++level) {
        m_urgency_care[level] = add_action_list(care[level]);
        m_urgency_actions[level] = add_action_list(for_urgency[level]);
    }

    for (std::size_t i = 0; i < rule_base.questions.size(); ++i) {
        if (!rule_base.questions[i].red_flag) continue;
        m_red_flags.push_back(static_cast<int>(i));
        (rule_base.questions[i].warn_when_unanswered ? m_warned_flags : m_quiet_flags).push_back(static_cast<int>(i));
    }
    for (std::size_t level = 1; level < k_urgencies; ++level)
        m_raised_messages[level] = urgency_raised_message(static_cast<Urgency>(level));
    m_unanswered_messages.resize(m_warned_flags.size() + 1);
    for (std::size_t count = 1; count <= m_warned_flags.size(); ++count)
        m_unanswered_messages[count] = red_flags_unanswered_message(count, m_warned_flags.size());
    m_unanswered_all_messages.resize(m_red_flags.size() + 1);
    for (std::size_t count = 1; count <= m_red_flags.size(); ++count)
        m_unanswered_all_messages[count] = red_flags_unanswered_message(count, m_red_flags.size());
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
    evaluate_into(answers, result, false);
}

void Engine::evaluate_into(const Answers& answers, Assessment& result, bool quiet_flags_asked) const {
    auto& scratch = result.scratch;
    result.urgency = Urgency::self_care;
    result.red_flags.clear();
    result.actions.clear();
    result.avoid.clear();

    // Which rules fire (all their conditions' terms in one pass), then what they add.
    m_conditions.run_tests(answers, scratch.tests);
    auto& fired = result.fired_rules;
    m_conditions.select(m_rule_checks, scratch.tests, scratch.held, fired);
    scratch.scores.assign(m_rule_base.causes.size() + 1, 0.0);
    Urgency urgency = Urgency::self_care;
    for (int index : fired) {
        const CompiledRule& rule = m_rules[static_cast<std::size_t>(index)];
        urgency = std::max(urgency, rule.urgency);
        scratch.scores[rule.score_slot] += rule.weight;
    }

    for (int question : m_red_flags) {
        const Answer& answer = answers[static_cast<std::size_t>(question)];
        if (answer.given && answer.option == rules::k_yes) result.red_flags.push_back(question);
    }
    // The loader makes every red flag set an urgency; this floor keeps the promise even for a
    // rule base loaded some other way.
    if (!result.red_flags.empty()) urgency = std::max(urgency, Urgency::see_clinician);
    // A skipped answer never lowers the urgency: what every way of answering the open
    // questions would reach, the result reaches.
    const Urgency bound = m_bound.least_over_open(answers, scratch.tests, urgency, scratch.bound, scratch.deciding);
    const bool raised = bound > urgency;
    result.urgency = std::max(urgency, bound);

    rank_causes(result);
    select_actions(result);
    add_warnings(answers, raised, quiet_flags_asked, result);
}

void Engine::rank_causes(Assessment& result) const {
    // Highest score first, ties in rule-base order. Which causes score, and how their scores
    // compare, are as unpredictable as the answers, so neither decides a branch: the causes
    // with a score are gathered as each writes its index and only those above 0 count, and
    // each one's place is counted (how many of them come first) rather than found by sorting.
    auto& scratch = result.scratch;
    const std::size_t cause_count = m_rule_base.causes.size();
    const double* scores = scratch.scores.data();
    scratch.order.resize(3 * cause_count + 1);
    int* scored = scratch.order.data();
    int* order = scored + cause_count;
    int* place = order + cause_count;   // per cause, then a spare row for rules without one
    std::size_t ranked = 0;
    for (std::size_t cause = 0; cause < cause_count; ++cause) {
        scored[ranked] = static_cast<int>(cause);
        ranked += scores[cause] > 0 ? 1 : 0;
    }
    for (std::size_t i = 0; i < ranked; ++i) {
        const double score = scores[scored[i]];
        std::size_t first = 0;   // those that score higher, or as high and come before it
        for (std::size_t j = 0; j < i; ++j) first += scores[scored[j]] >= score ? 1 : 0;
        for (std::size_t j = i + 1; j < ranked; ++j) first += scores[scored[j]] > score ? 1 : 0;
        order[first] = scored[i];
    }
    auto& causes = result.causes;
    resize_reusing(causes, scratch.causes, ranked);
    for (std::size_t i = 0; i < ranked; ++i) {
        causes[i].cause = order[i];
        causes[i].score = scores[order[i]];
        place[order[i]] = static_cast<int>(i);
    }
    place[cause_count] = static_cast<int>(ranked);
    // Each fired rule's supporting questions go to its cause as bits, so that each list
    // comes out sorted and without repeats; a rule without a cause writes to the spare row.
    const std::size_t words = m_question_words;
    scratch.because.assign((ranked + 1) * words, 0);
    std::uint64_t* because = scratch.because.data();
    for (int index : result.fired_rules) {
        const CompiledRule& rule = m_rules[static_cast<std::size_t>(index)];
        std::uint64_t* bits = because + static_cast<std::size_t>(place[rule.score_slot]) * words;
        if (rule.fixed_support) {
            const std::uint64_t* support = m_rule_support.data() + static_cast<std::size_t>(index) * words;
            for (std::size_t w = 0; w < words; ++w) bits[w] |= support[w];
            continue;
        }
        if (rule.cause < 0) continue;
        scratch.support.clear();
        m_conditions.collect_support(rule.condition, scratch.tests, scratch.support);
        for (int q : scratch.support) bits[static_cast<std::size_t>(q) / 64] |= std::uint64_t{1} << (q % 64);
    }
    for (std::size_t i = 0; i < ranked; ++i) {
        auto& list = causes[i].because;
        list.clear();
        util::for_each_set_bit(std::span(because + i * words, words),
                               [&list](std::size_t question) { list.push_back(static_cast<int>(question)); });
    }
}

void Engine::add_warnings(const Answers& answers, bool raised, bool quiet_flags_asked, Assessment& result) const {
    // The warnings' sources first (red flags unanswered, then fired rules with a code not yet
    // raised), so that the list is sized once and its strings are reused in place.
    auto& scratch = result.scratch;
    auto& seen = scratch.raised;
    seen.assign(m_warning_codes.size(), 0);
    // Quiet red flags (warn_when_unanswered: false) count as soon as one of them is answered, or
    // the export has their columns: it knew them, so those left open were skipped. With none
    // answered the record comes from before them, and assesses as it did.
    const auto given = [&](int question) { return answers[static_cast<std::size_t>(question)].given; };
    const bool quiet_known = quiet_flags_asked || std::any_of(m_quiet_flags.begin(), m_quiet_flags.end(), given);
    std::size_t unanswered = 0;
    for (int question : m_warned_flags) unanswered += given(question) ? 0 : 1;
    if (quiet_known)
        for (int question : m_quiet_flags) unanswered += given(question) ? 0 : 1;
    seen[0] = unanswered > 0 ? 1 : 0;
    auto& sources = scratch.warning_rules;
    sources.clear();
    for (int index : result.fired_rules) {
        const int code = m_rules[static_cast<std::size_t>(index)].warning_code;
        if (code < 0 || seen[static_cast<std::size_t>(code)]) continue;
        seen[static_cast<std::size_t>(code)] = 1;
        sources.push_back(index);
    }

    auto& warnings = result.warnings;
    const std::size_t first = (unanswered > 0 ? 1 : 0) + (raised ? 1 : 0);
    resize_reusing(warnings, scratch.warnings, first + sources.size());
    for (auto& warning : warnings) {
        warning.questions.clear();
        warning.keys.clear();
    }
    if (unanswered > 0) {
        Warning& warning = warnings[0];
        warning.code = k_red_flags_unanswered;
        warning.message = quiet_known ? m_unanswered_all_messages[unanswered] : m_unanswered_messages[unanswered];
        for (int question : m_red_flags) {
            const bool counted = quiet_known || m_rule_base.questions[static_cast<std::size_t>(question)].warn_when_unanswered;
            if (counted && !given(question)) warning.questions.push_back(question);
        }
    }
    if (raised) {
        Warning& warning = warnings[first - 1];
        warning.code = k_urgency_raised_for_unanswered;
        warning.message = m_raised_messages[static_cast<std::size_t>(result.urgency)];
        warning.questions.assign(scratch.deciding.begin(), scratch.deciding.end());
    }
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const auto& rule = m_rule_base.rules[static_cast<std::size_t>(sources[i])];
        warnings[first + i].code = rule.warning;
        warnings[first + i].message = rule.because;
    }
}

}  // namespace runback::engine
