#pragma once
// parse_answer prepared once per rule base, for the batch's hot path: every spelling a
// question accepts ("na", "yes", "true", option ids ...) lower-case in a small hash table per
// question, keyed by length and first and last letters and then compared letter by letter;
// numbers of up to 15 digits read directly. No allocation, and the same results as
// parse_answer.

#include <runback/engine/answers.hpp>
#include <runback/rules/model.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace runback::engine {

class AnswerParser {
public:
    // Prepares every question of `rule_base`, which must outlive the parser.
    explicit AnswerParser(const rules::RuleBase& rule_base);

    // The fast path: true when `text` is an answer to `question` (an index into the rule
    // base's questions) or means unanswered, with `answer` set. False when it is not, or needs
    // the general reading (non-ASCII text); `answer` is then not given, and parse() gives the
    // full result with its error.
    bool try_parse(int question, std::string_view text, DecimalMark mark, Answer& answer) const;

    // The same result as parse_answer(rule_base.questions[question], text, mark).
    ParsedAnswer parse(int question, std::string_view text,
                       DecimalMark mark = DecimalMark::point) const;

private:
    // One accepted spelling, lower-case, at m_text[offset, offset + size).
    struct Spelling {
        std::uint32_t offset;
        std::uint32_t size;
        int option;             // an option index, or k_unanswered
    };
    struct Prepared {
        rules::QuestionType type;
        std::uint32_t slots;    // its hash table: m_slots[slots, slots + mask + 1)
        std::uint32_t mask;
        double min;
        double max;
    };
    static constexpr int k_unanswered = -1;
    static constexpr std::int32_t k_empty = -1;

    static std::uint32_t hash(std::size_t size, char first, char last);
    void add_spelling(Prepared& prepared, std::string_view text, int option);
    const Spelling* find_spelling(const Prepared& prepared, std::string_view text) const;

    const rules::RuleBase& m_rule_base;
    std::vector<Prepared> m_questions;
    std::vector<Spelling> m_spellings;
    std::vector<std::int32_t> m_slots;   // indices into m_spellings, or k_empty
    std::string m_text;
};

}  // namespace runback::engine
