// libFuzzer target: the whole assessment on fuzzed answers, straight from bytes (no parser in
// the way, so every combination of answers is in reach). Each question takes one byte: 255
// leaves it unanswered; a choice or yes/no question takes an option by the byte's value; a
// number question takes a value across its range and a little beyond (the engine must not
// trust ranges); bytes past the questions are the record's id and the sheet's name.
// Invariants: a red flag answered yes never yields self_care; the JSON of both renderers (the
// reference and the batch's) is well-formed UTF-8 JSON and the same; the text report and the
// sheet in text, Markdown and HTML render.
#include "json_check.hpp"

#include <runback/engine/engine.hpp>
#include <runback/report/record_output.hpp>
#include <runback/report/record_renderer.hpp>
#include <runback/report/text_cursor.hpp>
#include <runback/report/text_report.hpp>
#include <runback/rules/embedded.hpp>
#include <runback/rules/loader.hpp>
#include <runback/sheet/sheet_render.hpp>

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace runback;
    static const auto rule_base = rules::load_rule_base(rules::embedded_rule_files());
    static const engine::Engine engine(rule_base);
    static const report::RecordRenderer renderer(rule_base);

    engine::Answers answers(rule_base.questions.size());
    for (std::size_t q = 0; q < answers.size() && q < size; ++q) {
        const std::uint8_t byte = data[q];
        if (byte == 255) continue;
        const auto& question = rule_base.questions[q];
        auto& answer = answers[q];
        answer.given = true;
        if (question.type == rules::QuestionType::number) {
            const double span = question.max - question.min;
            answer.number = question.min - 0.1 * span + (1.2 * span) * byte / 254.0;
        } else {
            answer.option = byte % static_cast<int>(question.options.size());
        }
    }

    const auto assessment = engine.evaluate(answers);
    if (!assessment.red_flags.empty() && assessment.urgency == rules::Urgency::self_care) __builtin_trap();

    report::RecordInfo info;
    info.row = 1;
    if (size > answers.size()) info.id = std::string(reinterpret_cast<const char*>(data) + answers.size(), size - answers.size());
    std::string reference;
    report::append_json(reference, rule_base, answers, assessment, info);
    report::TextSpace batch;   // as the batch writes it: in place
    report::TextCursor out(batch);
    renderer.write_json(out, answers, assessment, info);
    out.finish();
    if (!fuzz::JsonCheck::valid(reference) || reference != batch.view()) __builtin_trap();

    (void)report::render_text(rule_base, answers, assessment);
    sheet::SheetOptions options;
    options.date = "2026-01-01";
    options.id = info.id;
    options.name = info.id;
    const auto content = sheet::build_sheet(rule_base, answers, assessment, options);
    for (auto format : {sheet::SheetFormat::txt, sheet::SheetFormat::md, sheet::SheetFormat::html})
        if (sheet::render_sheet(content, format, {}).empty()) __builtin_trap();
    return 0;
}
