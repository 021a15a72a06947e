#include <runback/report/record_output.hpp>

#include <runback/util/json_writer.hpp>

namespace runback::report {

using util::JsonWriter;

namespace {

void write_head(JsonWriter& json, const RecordInfo& info) {
    if (info.id) json.key("id").value(*info.id);
    json.key("row").value(info.row);
}

void write_tail(JsonWriter& json, const RecordInfo& info) {
    for (const auto& [column, value] : info.kept) json.key(column).value(value);
    if (!info.from_training_log.empty()) {
        json.key("answers_from_training_log").begin_array();
        for (const auto& question : info.from_training_log) json.value(question);
        json.end_array();
    }
    if (!info.error.empty()) json.key("error").value(info.error);
}

void write_because(JsonWriter& json, const rules::RuleBase& rule_base,
                   const engine::Answers& answers, const std::vector<int>& because) {
    json.key("because").begin_array();
    for (int index : because) {
        const auto& question = rule_base.questions[static_cast<std::size_t>(index)];
        const auto& answer = answers[static_cast<std::size_t>(index)];
        json.begin_object().key("question").value(question.id).key("answer");
        if (question.type == rules::QuestionType::number)
            json.value(answer.number);
        else
            json.value(question.options[static_cast<std::size_t>(answer.option)].id);
        json.end_object();
    }
    json.end_array();
}

void write_warnings(JsonWriter& json, const rules::RuleBase& rule_base,
                    const std::vector<engine::Warning>& warnings) {
    json.key("warnings").begin_array();
    for (const auto& warning : warnings) {
        json.begin_object().key("code").value(warning.code).key("message").value(warning.message);
        if (!warning.questions.empty()) {
            json.key("questions").begin_array();
            for (int q : warning.questions)
                json.value(rule_base.questions[static_cast<std::size_t>(q)].id);
            json.end_array();
        }
        if (!warning.keys.empty()) {
            json.key("keys").begin_array();
            for (const auto& key : warning.keys) json.value(key);
            json.end_array();
        }
        json.end_object();
    }
    json.end_array();
}

}  // namespace

void append_json(std::string& out, const rules::RuleBase& rule_base,
                 const engine::Answers& answers, const engine::Assessment& assessment,
                 const RecordInfo& info) {
    JsonWriter json(out);
    json.begin_object();
    write_head(json, info);
    json.key("rules_version").value(rule_base.version);
    json.key("urgency").value(rules::to_id(assessment.urgency));
    json.key("red_flags").begin_array();
    for (int q : assessment.red_flags) json.value(rule_base.questions[static_cast<std::size_t>(q)].id);
    json.end_array();

    json.key("causes").begin_array();
    for (const auto& cause : assessment.causes) {
        json.begin_object();
        json.key("id").value(rule_base.causes[static_cast<std::size_t>(cause.cause)].id);
        json.key("score").value(cause.score);
        write_because(json, rule_base, answers, cause.because);
        json.end_object();
    }
    json.end_array();

    json.key("actions").begin_array();
    for (const auto& action : assessment.actions) {
        const auto& definition = rule_base.actions[static_cast<std::size_t>(action.action)];
        json.begin_object().key("id").value(definition.id).key("title").value(definition.title);
        if (!action.caution.empty()) json.key("caution").value(action.caution);
        json.end_object();
    }
    json.end_array();

    json.key("avoid").begin_array();
    for (const auto& avoid : assessment.avoid) {
        json.begin_object();
        json.key("id").value(rule_base.actions[static_cast<std::size_t>(avoid.action)].id);
        json.key("reason").value(avoid.reason);
        json.end_object();
    }
    json.end_array();

    write_warnings(json, rule_base, assessment.warnings);
    write_tail(json, info);
    json.end_object();
}

void append_unreadable_json(std::string& out, const RecordInfo& info) {
    JsonWriter json(out);
    json.begin_object();
    write_head(json, info);
    write_tail(json, info);
    json.end_object();
}

}  // namespace runback::report
