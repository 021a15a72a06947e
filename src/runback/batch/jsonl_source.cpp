#include <runback/batch/jsonl_reader.hpp>
#include <runback/batch/sources.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace runback::batch {
namespace {

// The text a JSON value stands for as an answer: booleans become yes/no, and a number in
// exponent form its plain decimal form; null is unanswered.
std::string_view answer_text(const JsonField& field, std::string& scratch) {
    switch (field.kind) {
    case JsonKind::boolean: return field.boolean ? "yes" : "no";
    case JsonKind::null: return {};
    case JsonKind::number:
        if (field.text.find_first_of("eE") == std::string_view::npos) return field.text;
        scratch = fmt::format("{}", field.number);
        return scratch;
    default: return field.text;
    }
}

std::optional<std::string> record_id(const JsonlRecord& record) {
    for (const auto& field : record.fields) {
        if (!input::AnswerMapper::is_id_key(field.key)) continue;
        if (field.kind == JsonKind::string || field.kind == JsonKind::number)
            return std::string(field.text);
    }
    return std::nullopt;
}

}  // namespace

void stream_jsonl(std::istream& in, const BatchOptions& options,
                  const input::AnswerMapper& mapper, RecordSink& sink, std::ostream& diagnostics) {
    JsonlReader reader(in);
    JsonlRecord record;
    engine::Answers answers = mapper.empty_answers();
    const auto& questions = mapper.rule_base().questions;
    std::vector<std::string> unknown_keys;
    std::string scratch;
    report::RecordInfo info;
    while (reader.next(record)) {
        info.row = static_cast<long>(record.number);
        info.id = record_id(record);
        info.error.clear();
        info.kept.clear();
        for (const auto& keep : options.keep) {
            std::string value;
            for (const auto& field : record.fields) {
                if (input::normalise_key(field.key) == input::normalise_key(keep) &&
                    field.kind != JsonKind::null)
                    value = std::string(field.text);
            }
            info.kept.emplace_back(keep, value);
        }
        if (!record.ok()) {
            info.error = fmt::format("row {}: {}", record.number, record.error);
            sink.unreadable(info);
            continue;
        }
        std::fill(answers.begin(), answers.end(), engine::Answer{});
        for (const auto& field : record.fields) {
            const int index = mapper.question_for(field.key);
            if (index < 0) {
                const bool known = input::AnswerMapper::is_id_key(field.key) ||
                                   std::find(options.keep.begin(), options.keep.end(), field.key) != options.keep.end() ||
                                   std::find(unknown_keys.begin(), unknown_keys.end(), field.key) != unknown_keys.end();
                if (!known) unknown_keys.emplace_back(field.key);
                continue;
            }
            const auto& question = questions[static_cast<std::size_t>(index)];
            std::string problem;
            if (field.kind == JsonKind::nested) {
                problem = fmt::format("{}: expected a single value ({}), found {}", question.id,
                                      engine::accepted_values(question), field.text);
            } else {
                auto parsed = engine::parse_answer(question, answer_text(field, scratch));
                problem = std::move(parsed.error);
                answers[static_cast<std::size_t>(index)] = parsed.answer;
            }
            if (!problem.empty()) {
                info.error += info.error.empty() ? record_place(record.number, record.line) : "; ";
                info.error += problem;
            }
        }
        sink.assessed(answers, info);
    }
    if (!unknown_keys.empty())
        diagnostics << "runback: warning: " << mapper.unknown_keys_warning(unknown_keys).message << "\n";
}

}  // namespace runback::batch
