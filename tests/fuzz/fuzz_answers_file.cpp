// libFuzzer target: an answers file (YAML or JSON) of any bytes against the default rule base,
// then the assessment. Invariants: only runback::Error escapes; a red flag answered yes never
// yields self_care; the assessment renders as JSON and as text.
#include <runback/engine/engine.hpp>
#include <runback/input/answers_file.hpp>
#include <runback/report/record_output.hpp>
#include <runback/report/text_report.hpp>
#include <runback/rules/embedded.hpp>
#include <runback/rules/loader.hpp>
#include <runback/util/error.hpp>

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto rule_base = runback::rules::load_rule_base(runback::rules::embedded_rule_files());
    static const runback::input::AnswerMapper mapper(rule_base);
    static const runback::engine::Engine engine(rule_base);
    try {
        const auto file = runback::input::read_answers(mapper, std::string(reinterpret_cast<const char*>(data), size), "fuzz");
        const auto assessment = engine.evaluate(file.answers);
        if (!assessment.red_flags.empty() && assessment.urgency == runback::rules::Urgency::self_care) __builtin_trap();
        std::string json;
        runback::report::append_json(json, rule_base, file.answers, assessment, {});
        (void)runback::report::render_text(rule_base, file.answers, assessment);
    } catch (const runback::Error&) {
    }
    return 0;
}
