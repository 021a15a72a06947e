#include <runback/input/answers_file.hpp>

#include <runback/util/error.hpp>
#include <runback/util/read_file.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace runback::input {
namespace {

std::string location(const std::string& name, const YAML::Mark& mark) {
    return fmt::format("{}:{}:{}", name, mark.line + 1, mark.column + 1);
}

}  // namespace

AnswersFile read_answers(const AnswerMapper& mapper, const std::string& text,
                         const std::string& name) {
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw Error(fmt::format("{}: {}", location(name, e.mark), e.msg),
                    "an answers file is a YAML or JSON object of question id to answer");
    }
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

AnswersFile read_answers_file(const AnswerMapper& mapper, const std::string& path) {
    const std::string name = path == "-" ? "<stdin>" : path;
    return read_answers(mapper, util::read_file(path), name);
}

}  // namespace runback::input
