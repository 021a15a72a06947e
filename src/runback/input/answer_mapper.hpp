#pragma once
// Turns named values from any input (an answers file, a CSV row, a JSONL object) into Answers:
// keys are matched to question ids ignoring case and surrounding spaces, values are read by
// engine::parse_answer, and every problem is collected rather than stopping at the first.

#include <runback/engine/answers.hpp>
#include <runback/engine/assessment.hpp>
#include <runback/engine/engine.hpp>
#include <runback/rules/model.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runback::input {

// The key that holds a record's own id; it is no question and draws no warning.
inline constexpr std::string_view k_id_key = "id";


class AnswerMapper {
public:
    explicit AnswerMapper(const rules::RuleBase& rule_base);

    const rules::RuleBase& rule_base() const { return m_rule_base; }

    // The question a key names, or -1.
    int question_for(std::string_view key) const;

    // True for the record id key ("id", in any case).
    static bool is_id_key(std::string_view key);

    // The warning for keys that name no question, with the nearest question id for each.
    engine::Warning unknown_keys_warning(const std::vector<std::string>& keys) const;

    // For a key that names no question: the red-flag question it is close to (a typo, other
    // separators, or the start of the id, such as "saddle"), or -1.
    int near_red_flag(std::string_view key) const;
    // The warning naming `keys` (each near a red flag) and those red flags, or nullopt when
    // none of the keys is near one.
    std::optional<engine::Warning> near_red_flag_warning(const std::vector<std::string>& keys) const;
    // Puts the warnings for `unknown_keys` first among `assessment`'s: the near-red-flag one
    // (every output shows it first), and with `also_unknown` the unknown_question one after
    // the engine's own.
    void add_key_warnings(const std::vector<std::string>& unknown_keys, bool also_unknown,
                          engine::Assessment& assessment) const;

    // Empty answers, one slot per question.
    engine::Answers empty_answers() const { return engine::Answers(m_rule_base.questions.size()); }

private:
    const rules::RuleBase& m_rule_base;
    std::vector<std::string> m_question_ids;
    std::vector<int> m_red_flags;
};

// Lower-cases ASCII letters and trims surrounding spaces: how keys and headers are compared.
std::string normalise_key(std::string_view key);
// Whether normalise_key(key) == key, without making the copy (for look-ups per record).
bool is_normalised_key(std::string_view key);

}  // namespace runback::input
