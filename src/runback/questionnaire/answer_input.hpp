#pragma once
// What a person typed at a question: an answer (by number, option id, the start of a label,
// y/n, or a number with its unit, miles converted), or one of the dialogue's commands.

#include <runback/engine/answers.hpp>
#include <runback/rules/model.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace runback::questionnaire {

enum class Command { none, help, back, skip, quit };

struct Typed {
    Command command = Command::none;
    engine::Answer answer;          // set when command is none and error is empty
    std::string error;              // what was wrong and what is accepted
};

// Interprets `text` typed at `question`. Commands: "" skip, "?" help, "b" back, "q" quit.
Typed interpret(const rules::Question& question, std::string_view text);

// What a person typed at a checklist of `count` yes/no questions: the numbers of those that
// apply ("2", "1 3", "1,3"), or n / none / 0 for none of them, or one of the commands.
struct TypedChecklist {
    Command command = Command::none;
    std::vector<bool> yes;          // one per item, set when command is none and error is empty
    std::string error;
};
TypedChecklist interpret_checklist(std::size_t count, std::string_view text);

// The hint shown in the prompt: "[y/n]", "[1-4]", "[0-300 km per week]".
std::string answer_hint(const rules::Question& question);

}  // namespace runback::questionnaire
