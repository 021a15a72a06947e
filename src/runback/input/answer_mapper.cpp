#include <runback/input/answer_mapper.hpp>

#include <runback/util/visible.hpp>

#include <runback/util/edit_distance.hpp>

#include <fmt/format.h>

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
    for (const auto& question : rule_base.questions) m_question_ids.push_back(question.id);
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
