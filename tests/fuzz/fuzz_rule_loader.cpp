// libFuzzer target: the rule-base loader on any bytes. Only LoadError or runback::Error may
// escape; a rule base that loads must survive its binary form and build an engine.
#include <runback/engine/engine.hpp>
#include <runback/rules/binary_form.hpp>
#include <runback/rules/loader.hpp>
#include <runback/util/error.hpp>

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto rule_base = runback::rules::load_from_string(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
        if (runback::rules::from_binary(runback::rules::to_binary(rule_base)) != rule_base) __builtin_trap();
        const runback::engine::Engine engine(rule_base);
        (void)engine.evaluate(runback::engine::Answers(rule_base.questions.size()));
    } catch (const runback::rules::LoadError&) {
    } catch (const runback::Error&) {
    }
    return 0;
}
