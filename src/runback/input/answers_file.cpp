#include <runback/input/answers_file.hpp>

#include <runback/input/answers_yaml.hpp>
#include <runback/util/error.hpp>
#include <runback/util/read_file.hpp>
#include <runback/util/yaml_errors.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace runback::input {
namespace {

std::string location(const std::string& name, const YAML::Mark& mark) {
    return fmt::format("{}:{}:{}", name, mark.line + 1, mark.column + 1);
}

}  // namespace

YAML::Node parse_yaml(const std::string& text, const std::string& name) {
    try {
        return YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw Error(fmt::format("{}: {}", location(name, e.mark), util::yaml_error_message(e)),
                    "an answers file is a YAML or JSON object of question id to answer");
    }
}

AnswersFile read_answer_map(const AnswerMapper& mapper, const YAML::Node& root,
                            const std::string& name) {
    if (!root.IsMap()) {
        throw Error(fmt::format("{}: expected a map of question id to answer, found {}",
                                location(name, root.Mark()),
                                root.IsNull() ? "an empty file" : root.IsSequence() ? "a list" : "a single value"),
                    "write one 'question_id: answer' per line, e.g. 'pain_location: lower_back'");
    }
    AnswersFile file;
    file.answers = mapper.empty_answers();
    const auto& questions = mapper.rule_base().questions;
    std::vector<char> seen(questions.size(), 0);
    for (const auto& entry : root) {
        const std::string key = entry.first.Scalar();
        const YAML::Node& value = entry.second;
        if (AnswerMapper::is_id_key(key)) {
            if (value.IsScalar()) file.id = value.Scalar();
            continue;
        }
        const int index = mapper.question_for(key);
        if (index < 0) {
            file.unknown_keys.push_back(key);
            continue;
        }
        const auto& question = questions[static_cast<std::size_t>(index)];
        if (seen[static_cast<std::size_t>(index)]++) {
            file.errors.push_back(fmt::format("{}: {} is answered twice; keep one answer",
                                              location(name, entry.first.Mark()), question.id));
            continue;
        }
        if (value.IsNull()) continue;  // `key:` or `key: null` is unanswered
        if (!value.IsScalar()) {
            file.errors.push_back(fmt::format("{}: {}: expected a single answer ({})",
                                              location(name, value.Mark()), question.id,
                                              engine::accepted_values(question)));
            continue;
        }
        auto parsed = engine::parse_answer(question, value.Scalar());
        if (!parsed.error.empty())
            file.errors.push_back(fmt::format("{}: {}", location(name, value.Mark()), parsed.error));
        file.answers[static_cast<std::size_t>(index)] = parsed.answer;
    }
    return file;
}

AnswersFile read_answers(const AnswerMapper& mapper, const std::string& text,
                         const std::string& name) {
    return read_answer_map(mapper, parse_yaml(text, name), name);
}

AnswersFile read_answers_file(const AnswerMapper& mapper, const std::string& path) {
    const std::string name = path == "-" ? "<stdin>" : path;
    return read_answers(mapper, util::read_file(path), name);
}

}  // namespace runback::input

namespace runback::input {

std::string answers_to_yaml(const rules::RuleBase& rule_base, const engine::Answers& answers,
                            const std::string& indent) {
    std::string out;
    for (std::size_t i = 0; i < rule_base.questions.size(); ++i) {
        if (!answers[i].given) continue;
        const auto& question = rule_base.questions[i];
        out += fmt::format("{}{}: {}\n", indent, question.id, engine::canonical_value(question, answers[i]));
    }
    return out;
}

}  // namespace runback::input
