#pragma once
// What a person typed at a question: an answer (by number, option id, the start of a label,
// y/n, or a number with its unit, miles converted), or one of the dialogue's commands.

#include <runback/engine/answers.hpp>
#include <runback/rules/model.hpp>

#include <string>
#include <string_view>

namespace runback::questionnaire {

enum class Command { none, help, back, skip, quit };

struct Typed {
    Command command = Command::none;
    engine::Answer answer;          // set when command is none and error is empty
    std::string error;              // what was wrong and what is accepted
};

// Interprets `text` typed at `question`. Commands: "" skip, "?" help, "b" back, "q" quit.
Typed interpret(const rules::Question& question, std::string_view text);

// The hint shown in the prompt: "[y/n]", "[1-4]", "[0-300 km per week]".
std::string answer_hint(const rules::Question& question);

}  // namespace runback::questionnaire
