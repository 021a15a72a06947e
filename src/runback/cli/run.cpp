#include <runback/cli/run.hpp>

#include <runback/cli/command.hpp>
#include <runback/cli/command_line.hpp>
#include <runback/rules/loader.hpp>
#include <runback/util/edit_distance.hpp>
#include <runback/util/error.hpp>
#include <runback/util/output.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <unistd.h>

namespace runback::cli {
namespace {

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

// The innermost command the line named: runback, runback rules, runback rules check.
const CLI::App* innermost_parsed(const CLI::App& app) {
    for (const CLI::App* sub : subcommands_of(app))
        if (sub->parsed()) return innermost_parsed(*sub);
    return &app;
}

// An unexpected word on the line: an unknown option gets the nearest of the command's options
// ("did you mean '--format'?"), a stray word the nearest subcommand, else a pointer to --help.
int unexpected(const CLI::App& app, const CLI::ParseError& error) {
    const CLI::App& command = *innermost_parsed(app);
    const std::string path = command_path(command);
    const std::string usage = fmt::format("run '{} --help' for its usage", path);
    const auto extras = app.remaining(true);
    std::vector<std::string> options, subcommands;
    for (const CLI::Option* option : command.get_options()) {
        for (const auto& name : option->get_lnames()) options.push_back("--" + name);
        for (const auto& name : option->get_snames()) options.push_back("-" + name);
    }
    for (const CLI::App* sub : subcommands_of(command)) subcommands.push_back(sub->get_name());
    for (const auto& extra : extras) {
        if (extra.size() > 1 && extra[0] == '-') {
            const std::string name = extra.substr(0, extra.find('='));
            const std::string nearest = util::nearest(name, options);
            return fail(fmt::format("unknown option '{}' for '{}'", name, path),
                        nearest.empty() ? usage : fmt::format("did you mean '{}'?", nearest), ExitStatus::usage);
        }
    }
    if (!extras.empty() && !subcommands.empty()) {
        const std::string nearest = util::nearest(extras.front(), subcommands);
        return fail(fmt::format("unknown command '{} {}'", path, extras.front()),
                    nearest.empty() ? usage : fmt::format("did you mean '{} {}'?", path, nearest), ExitStatus::usage);
    }
    if (!subcommands.empty()) {
        std::string names;
        for (std::size_t i = 0; i < subcommands.size(); ++i)
            names += (i == 0 ? "" : i + 1 == subcommands.size() ? " or " : ", ") + subcommands[i];
        return fail(fmt::format("'{}' needs a command: {}", path, names), usage, ExitStatus::usage);
    }
    return fail(error.what(), usage, ExitStatus::usage);
}

}  // namespace

int run(int argc, char** argv) {
    util::install_signal_handlers();
    const auto line = make_command_line();
    CLI::App& app = line->app;
    auto& handlers = line->handlers;

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
        return unexpected(app, e);
    } catch (const CLI::RequiredError& e) {
        // `runback rules chek`: CLI11 sees a missing subcommand, the person a misspelt one; and
        // in `batch --jbos 2 x.csv` the misspelt option matters more than the missing --from.
        const auto extras = app.remaining(true);
        const bool unknown_option =
            std::any_of(extras.begin(), extras.end(), [](const std::string& word) { return word.size() > 1 && word[0] == '-'; });
        const CLI::App& command = *innermost_parsed(app);
        if (unknown_option || (&command != &app && !subcommands_of(command).empty())) return unexpected(app, e);
        return fail(e.what(), fmt::format("run '{} --help' for its usage", command_path(command)), ExitStatus::usage);
    } catch (const CLI::ParseError& e) {
        return fail(e.what(), fmt::format("run '{} --help' for its usage", command_path(*innermost_parsed(app))),
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
