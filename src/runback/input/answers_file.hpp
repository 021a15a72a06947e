#pragma once
// Reads one person's answers from a YAML or JSON object of question id to value.

#include <runback/engine/answers.hpp>
#include <runback/engine/assessment.hpp>
#include <runback/input/answer_mapper.hpp>

#include <optional>
#include <string>
#include <vector>

namespace runback::input {

struct AnswersFile {
    engine::Answers answers;
    std::optional<std::string> id;           // the file's `id` value, where it has one
    std::vector<std::string> errors;         // "file:line:column: message" for each bad value
    std::vector<std::string> unknown_keys;   // keys that name no question
};

// Parses `text` (named `name` in messages). Bad values are collected in `errors`; a text that
// is not a map of answers at all throws runback::Error.
AnswersFile read_answers(const AnswerMapper& mapper, const std::string& text,
                         const std::string& name);

// Reads the file at `path` ("-" for standard input); throws runback::Error when it cannot.
AnswersFile read_answers_file(const AnswerMapper& mapper, const std::string& path);

}  // namespace runback::input
