#pragma once
// Reading one person's answers file for a command (assess, sheet, explain): bad values and keys
// that name no question are reported on standard error, and the rest is used.

#include <runback/input/answers_file.hpp>

#include <iostream>
#include <string>

namespace runback::cli {

inline input::AnswersFile read_answers_reporting(const input::AnswerMapper& mapper, const std::string& path) {
    auto answers = input::read_answers_file(mapper, path);
    for (const auto& error : answers.errors) std::cerr << error << "\n";
    if (const auto near = mapper.near_red_flag_warning(answers.unknown_keys))
        std::cerr << "runback: warning: " << near->message << "\n";
    if (!answers.unknown_keys.empty())
        std::cerr << "runback: warning: " << mapper.unknown_keys_warning(answers.unknown_keys).message << "\n";
    return answers;
}

}  // namespace runback::cli
