#pragma once
// Answers as YAML, and the yaml-cpp-level readers shared by answers files and progress files.

#include <runback/engine/answers.hpp>
#include <runback/input/answers_file.hpp>
#include <runback/rules/model.hpp>

#include <yaml-cpp/yaml.h>

#include <string>

namespace runback::input {

// Parses YAML text; a syntax error throws runback::Error naming `name`, line and column.
YAML::Node parse_yaml(const std::string& text, const std::string& name);

// Reads a map of question id to answer (see read_answers).
AnswersFile read_answer_map(const AnswerMapper& mapper, const YAML::Node& root,
                            const std::string& name);

// The given answers as "question_id: value" lines in rule-base order, canonical values.
std::string answers_to_yaml(const rules::RuleBase& rule_base, const engine::Answers& answers,
                            const std::string& indent = "");

}  // namespace runback::input
