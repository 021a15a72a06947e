#include <runback/rules/model.hpp>

#include <algorithm>
#include <array>

namespace runback::rules {
namespace {

constexpr std::array<std::string_view, 4> k_urgency_ids{"self_care", "see_clinician", "urgent",
                                                        "emergency"};
constexpr std::array<std::string_view, 3> k_type_ids{"yes_no", "choice", "number"};
constexpr std::array<std::string_view, 3> k_category_ids{"self_care", "prevention", "seek_care"};
constexpr std::array<std::string_view, activity::count> k_activity_ids{"running", "exercise", "stretching",
                                                                       "massage", "spinal_flexion"};

template <typename Enum, std::size_t N>
std::optional<Enum> from_id(const std::array<std::string_view, N>& ids, std::string_view id) {
    for (std::size_t i = 0; i < N; ++i) {
        if (ids[i] == id) return static_cast<Enum>(i);
    }
    return std::nullopt;
}

template <typename Item>
int find_by_id(const std::vector<Item>& items, std::string_view id) {
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].id == id) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace

std::vector<int> questions_tested(const Condition& condition) {
    std::vector<int> questions;
    for_each_test(condition, [&](const Condition& test) {
        if (test.question >= 0 && std::find(questions.begin(), questions.end(), test.question) == questions.end())
            questions.push_back(test.question);
    });
    return questions;
}

std::string_view to_id(Urgency urgency) { return k_urgency_ids[static_cast<std::size_t>(urgency)]; }
std::string_view to_id(QuestionType type) { return k_type_ids[static_cast<std::size_t>(type)]; }
std::string_view to_id(ActionCategory category) {
    return k_category_ids[static_cast<std::size_t>(category)];
}

std::string_view activity_id(int bit) {
    for (int i = 0; i < activity::count; ++i)
        if (bit == (1 << i)) return k_activity_ids[static_cast<std::size_t>(i)];
    return {};
}
std::optional<int> activity_from_id(std::string_view id) {
    for (int i = 0; i < activity::count; ++i)
        if (k_activity_ids[static_cast<std::size_t>(i)] == id) return 1 << i;
    return std::nullopt;
}

std::optional<Urgency> urgency_from_id(std::string_view id) {
    return from_id<Urgency>(k_urgency_ids, id);
}
std::optional<QuestionType> question_type_from_id(std::string_view id) {
    return from_id<QuestionType>(k_type_ids, id);
}
std::optional<ActionCategory> category_from_id(std::string_view id) {
    return from_id<ActionCategory>(k_category_ids, id);
}

std::string_view until_checked_text(const RuleBase& rule_base, const Action& action) {
    return action.until_checked.empty() ? std::string_view(rule_base.safety.until_checked) : action.until_checked;
}

std::string_view caution_text_at(const RuleBase& rule_base, const Action& action, int place) {
    if (place < 0) return {};
    if (place < until_checked_caution(action)) return action.cautions[static_cast<std::size_t>(place)].text;
    if (place == until_checked_caution(action)) return until_checked_text(rule_base, action);
    if (place == fragile_bone_caution(action)) return fragile_bone_caution_text(action);
    return {};
}

std::string_view reason_text_at(const RuleBase& rule_base, const Action& action, int place) {
    if (place < 0) return {};
    if (place < fragile_bone_reason(action)) return action.unsuitable[static_cast<std::size_t>(place)].text;
    if (place == fragile_bone_reason(action)) return fragile_bone_reason_text(rule_base);
    return {};
}

int RuleBase::find_question(std::string_view id) const { return find_by_id(questions, id); }
int RuleBase::find_cause(std::string_view id) const { return find_by_id(causes, id); }
int RuleBase::find_action(std::string_view id) const { return find_by_id(actions, id); }
int RuleBase::find_section(std::string_view id) const { return find_by_id(sections, id); }

}  // namespace runback::rules
