#include <runback/input/answer_mapper.hpp>

#include <runback/util/visible.hpp>

#include <runback/util/edit_distance.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace runback::input {

std::string normalise_key(std::string_view key) {
    while (!key.empty() && std::isspace(static_cast<unsigned char>(key.front()))) key.remove_prefix(1);
    while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back()))) key.remove_suffix(1);
    std::string normal(key);
    for (char& c : normal) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return normal;
}

bool is_normalised_key(std::string_view key) {
    // The same classes as normalise_key's std::isspace and std::tolower in the C locale, which
    // the batch never leaves.
    const auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    if (!key.empty() && (space(key.front()) || space(key.back()))) return false;
    for (char c : key)
        if (c >= 'A' && c <= 'Z') return false;
    return true;
}

AnswerMapper::AnswerMapper(const rules::RuleBase& rule_base) : m_rule_base(rule_base) {
    for (const auto& question : rule_base.questions) {
        if (question.red_flag) m_red_flags.push_back(static_cast<int>(m_question_ids.size()));
        m_question_ids.push_back(question.id);
    }
}

namespace {

// Lower case, with spaces, hyphens and dots as '_' and no '_' doubled or at the ends: so that
// "Saddle numbness" and "saddle-numbness" compare as the id they spell.
std::string loosely(std::string_view key) {
    std::string out;
    for (char c : normalise_key(key)) {
        const bool separator = c == ' ' || c == '-' || c == '.' || c == '_';
        if (separator) {
            if (!out.empty() && out.back() != '_') out += '_';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out;
}

}  // namespace

int AnswerMapper::near_red_flag(std::string_view key) const {
    const std::string loose = loosely(key);
    if (loose.empty()) return -1;
    int best = -1;
    std::size_t best_distance = std::max<std::size_t>(2, loose.size() / 3) + 1;
    for (int q : m_red_flags) {
        const std::string& id = m_question_ids[static_cast<std::size_t>(q)];
        // The start of the id, word by word ("saddle", "bladder_bowel"), or the id with more
        // after it ("fever_yes"): close enough to be meant as it.
        const bool starts = loose.size() >= 4 && id.compare(0, loose.size(), loose) == 0 &&
                            (id.size() == loose.size() || id[loose.size()] == '_');
        const bool extends = loose.size() > id.size() && loose.compare(0, id.size(), id) == 0 && loose[id.size()] == '_';
        const std::size_t distance = starts || extends ? 0 : util::edit_distance(loose, id);
        if (distance < best_distance) {
            best_distance = distance;
            best = q;
        }
    }
    return best;
}

std::optional<engine::Warning> AnswerMapper::near_red_flag_warning(const std::vector<std::string>& keys) const {
    engine::Warning warning{std::string(engine::k_unknown_key_near_red_flag), "", {}, {}};
    std::string list;
    for (const auto& key : keys) {
        const int flag = near_red_flag(key);
        if (flag < 0) continue;
        if (!list.empty()) list += ", ";
        list += fmt::format("'{}' (did you mean '{}'?)", util::visible(key), m_question_ids[static_cast<std::size_t>(flag)]);
        warning.keys.push_back(key);
        if (std::find(warning.questions.begin(), warning.questions.end(), flag) == warning.questions.end())
            warning.questions.push_back(flag);
    }
    if (warning.keys.empty()) return std::nullopt;
    warning.message = fmt::format("not a question, so its answer was not used, yet close to a warning-sign question: {}; "
                                  "correct the name, because a warning sign left unanswered cannot rule out an emergency",
                                  list);
    return warning;
}

void AnswerMapper::add_key_warnings(const std::vector<std::string>& unknown_keys, bool also_unknown,
                                    engine::Assessment& assessment) const {
    if (unknown_keys.empty()) return;
    if (also_unknown) assessment.warnings.push_back(unknown_keys_warning(unknown_keys));
    if (auto near = near_red_flag_warning(unknown_keys)) assessment.warnings.insert(assessment.warnings.begin(), std::move(*near));
}

int AnswerMapper::question_for(std::string_view key) const {
    return m_rule_base.find_question(normalise_key(key));
}

bool AnswerMapper::is_id_key(std::string_view key) { return normalise_key(key) == k_id_key; }

engine::Warning AnswerMapper::unknown_keys_warning(const std::vector<std::string>& keys) const {
    engine::Warning warning{"unknown_question", "", {}, keys};
    std::string list;
    for (const auto& key : keys) {
        if (!list.empty()) list += ", ";
        list += fmt::format("'{}'", util::visible(key));
        const std::string suggestion = util::nearest(normalise_key(key), m_question_ids);
        if (!suggestion.empty()) list += fmt::format(" (did you mean '{}'?)", suggestion);
    }
    warning.message = fmt::format("not a question, so not used: {}", list);
    return warning;
}

}  // namespace runback::input
