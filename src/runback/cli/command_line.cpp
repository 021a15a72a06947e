#include <runback/cli/command_line.hpp>

#include <runback/rules/binary_form.hpp>
#include <runback/rules/embedded.hpp>

#include <fmt/format.h>

namespace runback::cli {

std::string version_text() {
    std::string rules_version = "unknown";
    try {
        rules_version = rules::from_binary(rules::embedded_rule_base_binary()).version;
    } catch (const std::exception&) {
        // The embedder refuses a broken rule base, so this cannot happen in a built binary.
    }
    return fmt::format("runback {}\nrules {} (built in)", RUNBACK_VERSION, rules_version);
}

std::unique_ptr<CommandLine> make_command_line() {
    auto line = std::make_unique<CommandLine>();
    CLI::App& app = line->app;
    app.description("runback: triage for runners with back pain after running. It names likely causes and what "
                    "to do; it does not diagnose.");
    app.name("runback");
    app.set_version_flag("--version", version_text, "Show the program's and the rule base's versions");
    app.require_subcommand(0, 1);
    for (const auto& command : command_table()) {
        CLI::App* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
        line->handlers.emplace_back(sub, command.setup(*sub));
    }
    app.footer(
        "Examples:\n"
        "  runback                                  the questionnaire, in a terminal\n"
        "  runback assess examples/benign.yaml      one set of answers from a file\n"
        "  runback batch survey.csv --from csv -o results.jsonl\n"
        "  runback sheet answers.yaml -o sheet.pdf  a printable advice sheet\n"
        "\n"
        "'runback COMMAND --help' shows each command's options; 'man runback' the whole manual.");
    return line;
}

CLI::Validator one_of(std::vector<std::string> words) {
    const std::string listed = fmt::format("{}", fmt::join(words, ", "));
    const std::string braced = fmt::format("{{{}}}", fmt::join(words, ","));
    return CLI::Validator(
        [words, listed](std::string& value) -> std::string {
            for (const auto& word : words)
                if (value == word) return {};
            return fmt::format("'{}' is not one of: {}", value, listed);
        },
        braced);
}

std::vector<std::string> choices_of(const CLI::Option& option) {
    const std::string type = option.get_type_name();
    const auto open = type.rfind('{');
    const auto close = type.rfind('}');
    if (open == std::string::npos || close == std::string::npos || close < open) return {};
    const std::string inside = type.substr(open + 1, close - open - 1);
    if (inside.find("->") != std::string::npos) return {};   // a mapping, not words to type
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start <= inside.size()) {
        const auto comma = inside.find(',', start);
        const auto end = comma == std::string::npos ? inside.size() : comma;
        if (end > start) words.push_back(inside.substr(start, end - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return words;
}

std::vector<const CLI::App*> subcommands_of(const CLI::App& app) {
    std::vector<const CLI::App*> list;
    // const_cast: CLI11 2.1 offers the filtered listing only on a mutable App; nothing changes.
    for (CLI::App* sub : const_cast<CLI::App&>(app).get_subcommands([](CLI::App*) { return true; }))
        list.push_back(sub);
    return list;
}

std::string command_path(const CLI::App& command) {
    const CLI::App* parent = command.get_parent();
    return parent ? command_path(*parent) + " " + command.get_name() : command.get_name();
}

}  // namespace runback::cli
