#include <runback/engine/answers.hpp>

#include <runback/util/visible.hpp>

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>

namespace runback::engine {
namespace {

std::string_view trim(std::string_view text) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

int parse_yes_no(std::string_view text) {
    static constexpr std::array<std::string_view, 4> k_yes_words{"yes", "y", "true", "1"};
    static constexpr std::array<std::string_view, 4> k_no_words{"no", "n", "false", "0"};
    for (auto word : k_yes_words)
        if (iequals(text, word)) return rules::k_yes;
    for (auto word : k_no_words)
        if (iequals(text, word)) return rules::k_no;
    return -1;
}

std::string format_number(double value) { return fmt::format("{}", value); }

}  // namespace

// No exponent, no hex, no "inf"/"nan", so that what a spreadsheet shows is what we read.
bool parse_decimal(std::string_view text, DecimalMark mark, double& out) {
    char buffer[64];
    if (text.empty() || text.size() >= sizeof buffer) return false;
    std::size_t digits = 0;
    bool seen_mark = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if ((c == '-' || c == '+') && i == 0) {
        } else if (c >= '0' && c <= '9') {
            ++digits;
        } else if ((c == '.' || (c == ',' && mark == DecimalMark::point_or_comma)) && !seen_mark) {
            seen_mark = true;
            c = '.';
        } else {
            return false;
        }
        buffer[i] = c;
    }
    if (digits == 0) return false;
    const char* begin = buffer[0] == '+' ? buffer + 1 : buffer;
    const auto [end, ec] = std::from_chars(begin, buffer + text.size(), out);
    if (ec != std::errc{} || end != buffer + text.size()) return false;
    if (out == 0) out = 0;  // "-0" is plain zero
    return true;
}

bool means_unanswered(std::string_view text) {
    text = trim(text);
    return text.empty() || iequals(text, "na") || iequals(text, "n/a") || text == "-";
}

ParsedAnswer parse_answer(const rules::Question& question, std::string_view text,
                          DecimalMark mark) {
    ParsedAnswer parsed;
    text = trim(text);
    if (means_unanswered(text)) return parsed;
    Answer& answer = parsed.answer;
    switch (question.type) {
    case rules::QuestionType::yes_no:
        answer.option = parse_yes_no(text);
        answer.given = answer.option >= 0;
        break;
    case rules::QuestionType::choice:
        for (std::size_t i = 0; i < question.options.size() && !answer.given; ++i) {
            if (iequals(text, question.options[i].id)) {
                answer.option = static_cast<int>(i);
                answer.given = true;
            }
        }
        break;
    case rules::QuestionType::number:
        answer.given = parse_decimal(text, mark, answer.number) && answer.number >= question.min &&
                       answer.number <= question.max;
        break;
    }
    if (!answer.given) {
        answer = Answer{};
        parsed.error = fmt::format("'{}' is not an answer to {}: expected {}", util::visible(text), question.id,
                                   accepted_values(question));
    }
    return parsed;
}

std::string canonical_value(const rules::Question& question, const Answer& answer) {
    if (!answer.given) return {};
    if (question.type == rules::QuestionType::number) return format_number(answer.number);
    return question.options[static_cast<std::size_t>(answer.option)].id;
}

std::string answer_label(const rules::Question& question, const Answer& answer) {
    if (!answer.given) return "not answered";
    if (question.type == rules::QuestionType::number)
        return fmt::format("{} {}", format_number(answer.number), question.unit);
    return question.options[static_cast<std::size_t>(answer.option)].label;
}

std::string accepted_values(const rules::Question& question) {
    switch (question.type) {
    case rules::QuestionType::yes_no:
        return "yes or no";
    case rules::QuestionType::choice: {
        std::string ids;
        for (const auto& option : question.options) {
            if (!ids.empty()) ids += ", ";
            ids += option.id;
        }
        return "one of: " + ids;
    }
    case rules::QuestionType::number:
        return fmt::format("a number from {} to {} ({})", format_number(question.min),
                           format_number(question.max), question.unit);
    }
    return {};
}

}  // namespace runback::engine
