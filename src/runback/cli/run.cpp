#include <runback/cli/run.hpp>

#include <runback/cli/command.hpp>
#include <runback/rules/binary_form.hpp>
#include <runback/rules/embedded.hpp>
#include <runback/rules/loader.hpp>
#include <runback/util/edit_distance.hpp>
#include <runback/util/error.hpp>
#include <runback/util/output.hpp>

#include <fmt/format.h>

#include <iostream>
#include <unistd.h>

namespace runback::cli {
namespace {

std::string version_text() {
    std::string rules_version = "unknown";
    try {
        rules_version = rules::from_binary(rules::embedded_rule_base_binary()).version;
    } catch (const std::exception&) {
        // The embedder refuses a broken rule base, so this cannot happen in a built binary.
    }
    return fmt::format("runback {}\nrules {} (built in)", RUNBACK_VERSION, rules_version);
}

int fail(const std::string& message, const std::string& hint, ExitStatus status) {
    std::cerr << "runback: error: " << message << "\n";
    if (!hint.empty()) std::cerr << "hint: " << hint << "\n";
    return static_cast<int>(status);
}

// "did you mean 'assess'?" for an unknown command.
std::string unknown_command_hint(const std::vector<std::string>& extras) {
    std::vector<std::string> names;
    for (const auto& command : command_table()) names.emplace_back(command.name);
    const std::string suggestion = extras.empty() ? "" : util::nearest(extras.front(), names);
    if (!suggestion.empty()) return fmt::format("did you mean '{}'?", suggestion);
    return "run 'runback --help' to see the commands";
}

}  // namespace

int run(int argc, char** argv) {
    util::install_signal_handlers();
    CLI::App app{"runback: triage for runners with back pain after running. It names likely "
                 "causes and what to do; it does not diagnose."};
    app.name("runback");
    app.set_version_flag("--version", version_text, "Show the program's and the rule base's versions");
    app.require_subcommand(0, 1);

    std::vector<std::pair<CLI::App*, Handler>> handlers;
    for (const auto& command : command_table()) {
        CLI::App* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
        handlers.emplace_back(sub, command.setup(*sub));
    }

    // An unknown command gets a suggestion, not CLI11's list of unexpected arguments.
    const auto is_command = [](std::string_view word) {
        for (const auto& command : command_table())
            if (command.name == word) return true;
        return false;
    };
    if (argc > 1 && argv[1][0] != '-' && !is_command(argv[1]))
        return fail(fmt::format("unknown command '{}'", argv[1]),
                    unknown_command_hint({argv[1]}), ExitStatus::usage);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ExtrasError& e) {
        return fail(e.what(), unknown_command_hint(app.remaining()), ExitStatus::usage);
    } catch (const CLI::ParseError& e) {
        return fail(e.what(), "run 'runback --help' (or 'runback COMMAND --help') for usage",
                    ExitStatus::usage);
    }

    try {
        for (auto& [sub, handler] : handlers) {
            if (sub->parsed()) return static_cast<int>(handler());
        }
        // `runback` alone in a terminal is the questionnaire; elsewhere it explains itself.
        if (::isatty(STDIN_FILENO) == 1) {
            for (auto& [sub, handler] : handlers)
                if (sub->get_name() == "ask") return static_cast<int>(handler());
        }
        std::cout << app.help();
        return fail("no command given", "run 'runback' in a terminal for the questionnaire, or "
                    "'runback assess FILE' for answers in a file", ExitStatus::usage);
    } catch (const rules::LoadError& e) {
        for (const auto& problem : e.problems()) std::cerr << problem.to_string() << "\n";
        return fail(fmt::format("the rule base has {} problem(s), so it was not used",
                                e.problems().size()),
                    "fix them, then check again with 'runback rules check --rules DIR'",
                    ExitStatus::usage);
    } catch (const util::OutputClosed&) {
        return static_cast<int>(ExitStatus::success);
    } catch (const Error& e) {
        return fail(e.what(), e.hint(), e.status());
    } catch (const std::exception& e) {
        return fail(e.what(), "", ExitStatus::usage);
    }
}

}  // namespace runback::cli
