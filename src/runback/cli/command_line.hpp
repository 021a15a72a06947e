#pragma once
// The command line as one tree of CLI11 apps: what run() parses, and what the man page and the
// shell completions are generated from (runback-docgen), so that none of them can drift from
// --help.

#include <runback/cli/command.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace runback::cli {

struct CommandLine {
    CLI::App app;
    std::vector<std::pair<CLI::App*, Handler>> handlers;   // one per command, in table order
};

// Every command with its options, help texts and examples.
std::unique_ptr<CommandLine> make_command_line();

// The program's and the rule base's versions, as --version prints them.
std::string version_text();

// A check that an option's value is one of `words`, in that letter case: --help shows them as
// {a,b,c}, and an error names the value and the words ("'xml' is not one of: csv, jsonl").
CLI::Validator one_of(std::vector<std::string> words);

// The words an option takes, when it takes one of a few ({txt,md,html,pdf} at the end of its
// type name, as --help shows it); empty otherwise.
std::vector<std::string> choices_of(const CLI::Option& option);

// Every subcommand of `app`, in the order --help lists them (CLI11's get_subcommands() without
// a filter lists only those parsed).
std::vector<const CLI::App*> subcommands_of(const CLI::App& app);

// A command as typed: "runback rules check".
std::string command_path(const CLI::App& command);

}  // namespace runback::cli
