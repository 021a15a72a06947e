// The advice of an assessment: which actions are given, cautioned or avoided, in order, and
// the safety principles that adjust them whatever the rules select (docs/safety.md). Part of
// Engine, in a file of its own.

#include <runback/engine/engine.hpp>

#include <runback/util/bits.hpp>

#include <algorithm>

namespace runback::engine {

using rules::Urgency;

void Engine::select_actions(Assessment& result) const {
    // Which actions are taken depends on the answers at every step, so the steps are written
    // without branches on it where they can be: flags and indices instead of ifs.
    auto& scratch = result.scratch;
    const std::size_t action_count = m_rule_base.actions.size();
    auto& taken = scratch.taken;
    taken.assign(action_count, 0);
    auto& held = scratch.held;

    // Actions unsuitable for these answers, with their first guard that holds; never taken.
    m_conditions.select_bits(m_guard_checks, scratch.tests, held);
    std::uint64_t taken_bits = 0;   // `taken` as bits, when there are at most 64 actions
    util::for_each_set_bit(held, [&](std::size_t guard) {
        const auto action = static_cast<std::size_t>(m_guard_action[guard]);
        if (taken[action]) return;   // an earlier guard of the action holds
        taken[action] = 1;
        taken_bits |= std::uint64_t{1} << (action % 64);
        result.avoid.push_back({static_cast<int>(action), m_guard_reason[guard], m_guard_place[guard]});
    });
    // Each action's first caution that holds (cautions are numbered in action order, and none
    // is numbered past all), or none.
    auto& caution_of = scratch.caution_of;
    caution_of.assign(action_count, m_no_caution);
    m_conditions.select_bits(m_caution_checks, scratch.tests, held);
    if (m_any_waiting_caution && result.urgency == Urgency::self_care) {
        // Self-care never says to wait for a check-up: such cautions do not count.
        for (std::size_t w = 0; w < held.size() && w < m_waiting_cautions.size(); ++w) held[w] &= ~m_waiting_cautions[w];
    }
    util::for_each_set_bit(held, [&](std::size_t caution) {
        auto& first = caution_of[static_cast<std::size_t>(m_caution_action[caution])];
        first = std::min(first, static_cast<std::uint32_t>(caution));
    });

    // The urgency's own advice first, then what addresses the likeliest causes, then what the
    // fired rules name, then general advice for this level; each action once, and in an
    // emergency only seek-care actions. Each candidate is written, and counts only when it is
    // new and allowed.
    auto& candidates = scratch.candidates;
    if (candidates.size() < m_action_lists.size()) candidates.resize(m_action_lists.size());
    int* next = candidates.data();
    const bool emergency = result.urgency == Urgency::emergency;
    const bool self_care = result.urgency == Urgency::self_care;
    const auto level = static_cast<std::size_t>(result.urgency);
    const auto for_each_candidate = [&](auto&& consider) {
        const auto consider_list = [&](ActionList list) {
            for (auto i = list.begin; i < list.end; ++i) consider(m_action_lists[i]);
        };
        consider_list(m_urgency_care[level]);
        for (const auto& cause : result.causes) consider_list(m_cause_actions[static_cast<std::size_t>(cause.cause)]);
        for (int rule : result.fired_rules) consider_list(m_recommended[static_cast<std::size_t>(rule)]);
        consider_list(m_urgency_actions[level]);
    };
    if (action_count <= 64) {
        // In registers: flags in memory would make each step wait for the one before it.
        const std::uint64_t allowed = emergency ? m_seek_care_bits : self_care ? m_self_care_bits : ~std::uint64_t{0};
        for_each_candidate([&](int action) {
            const std::uint64_t bit = std::uint64_t{1} << action;
            *next = action;
            next += ((taken_bits & bit) == 0) & ((allowed & bit) != 0);
            taken_bits |= bit;
        });
    } else {
        const unsigned char* allowed = m_allowed.data() + (emergency ? action_count : self_care ? 2 * action_count : 0);
        for_each_candidate([&](int action) {
            const auto index = static_cast<std::size_t>(action);
            *next = action;
            next += (taken[index] == 0) & allowed[index];
            taken[index] = 1;
        });
    }

    // Appended rather than resized and assigned: resize() would construct each one first.
    const auto count = static_cast<std::size_t>(next - candidates.data());
    result.actions.reserve(count);
    // The safety principles change advice only with an urgent result or fragile bones (self-
    // care's is a filter above); other results take the plain path.
    const bool urgent = result.urgency >= Urgency::urgent;
    const bool fragile = bones_fragile(result);
    const bool principled = urgent || fragile;
    for (std::size_t i = 0; i < count; ++i) {
        const int action = candidates[i];
        const std::uint32_t caution = caution_of[static_cast<std::size_t>(action)];
        ActionResult chosen{action, m_caution_text[caution], m_caution_place[caution]};
        // One place appends, so that the common path keeps push_back inline.
        if (principled && !apply_principles(chosen, urgent, fragile, result)) continue;
        result.actions.push_back(chosen);
    }
}

bool Engine::bones_fragile(const Assessment& result) const {
    if (m_fragile_condition >= 0 && m_conditions.holds(m_fragile_condition, result.scratch.tests)) return true;
    return std::any_of(result.causes.begin(), result.causes.end(),
                       [this](const CauseResult& cause) { return m_fragile_cause[static_cast<std::size_t>(cause.cause)] != 0; });
}

bool Engine::apply_principles(ActionResult& taken, bool urgent, bool fragile, Assessment& result) const {
    const ActionSafety& safety = m_action_safety[static_cast<std::size_t>(taken.action)];
    if (fragile && (safety.involves & rules::activity::risky_for_fragile_bone) != 0) {
        // With an urgent result the runner waits anyway, and the caution to wait would hide
        // the fragile-bone one: then, as when the action has none, it is avoided.
        if (urgent || safety.fragile_caution.empty()) {
            result.avoid.push_back({taken.action, rules::fragile_bone_reason_text(m_rule_base), safety.fragile_reason_place});
            return false;
        }
        taken.caution = safety.fragile_caution;
        taken.caution_index = safety.fragile_caution_place;
        return true;
    }
    if (urgent && (safety.involves & rules::activity::waits_when_urgent) != 0) {
        taken.caution = safety.until_checked;
        taken.caution_index = safety.until_checked_place;
    }
    return true;
}

}  // namespace runback::engine
