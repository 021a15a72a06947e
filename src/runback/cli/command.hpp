#pragma once
// The command table: each command adds its options to its CLI11 subcommand and returns the
// handler to run once the command line is parsed. A new command is a handler file, a row in
// commands.cpp and its end-to-end test.

#include <runback/util/error.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <string_view>
#include <vector>

namespace runback::cli {

using Handler = std::function<ExitStatus()>;

struct Command {
    std::string_view name;
    std::string_view summary;
    Handler (*setup)(CLI::App& command);
};

// Every command, in the order --help lists them.
const std::vector<Command>& command_table();

Handler setup_ask(CLI::App& command);
Handler setup_assess(CLI::App& command);
Handler setup_batch(CLI::App& command);
Handler setup_explain(CLI::App& command);
Handler setup_questions(CLI::App& command);
Handler setup_rules(CLI::App& command);
Handler setup_sheet(CLI::App& command);
Handler setup_training(CLI::App& command);

}  // namespace runback::cli
