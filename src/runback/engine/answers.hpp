#pragma once
// Answers as the engine reads them: one compact slot per question, options as indices, so
// evaluation compares integers. Text from any source (CSV, JSONL, YAML, the terminal) becomes
// an Answer through parse_answer, which applies the contract's "Answer values" rules.

#include <runback/rules/model.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace runback::engine {

struct Answer {
    bool given = false;
    int option = -1;        // choice and yes_no (rules::k_no, rules::k_yes)
    double number = 0;      // number questions
};

// One slot per question of the rule base, in its order.
using Answers = std::vector<Answer>;

// Which decimal marks a number may use: a CSV with another delimiter than ',' also allows ','.
enum class DecimalMark { point, point_or_comma };

struct ParsedAnswer {
    Answer answer;          // not given when the text means unanswered, or on error
    std::string error;      // empty when the text was accepted
};

// Reads `text` as an answer to `question`. Surrounding spaces and letter case do not matter;
// "", "NA", "N/A" and "-" mean unanswered.
ParsedAnswer parse_answer(const rules::Question& question, std::string_view text,
                          DecimalMark mark = DecimalMark::point);

// True when `text` is one of the spellings of "unanswered".
bool means_unanswered(std::string_view text);

// Reads a plain decimal number (optional sign, digits, optional fraction; no spaces, exponent,
// "inf" or "nan"), as parse_answer does. False when `text` is not one.
bool parse_decimal(std::string_view text, DecimalMark mark, double& out);

// The canonical value: "yes"/"no", an option id, or the number as shortest text ("5", "12.5").
std::string canonical_value(const rules::Question& question, const Answer& answer);

// The answer in words for people: "Yes", the option's label, or "20 km per week".
std::string answer_label(const rules::Question& question, const Answer& answer);

// What the question accepts, for error messages: "yes or no", "one of: a, b, c",
// "a number from 0 to 300 (km per week)".
std::string accepted_values(const rules::Question& question);

}  // namespace runback::engine
