#pragma once
// Shell completion scripts for bash, zsh and fish, generated from the command line tree (see
// command_line.hpp), so a new option completes as soon as it exists: commands and
// subcommands, options, file and folder arguments, the words an option takes (--format,
// --from, --to, --paper ...), country codes for --country, and question ids for the options
// that name columns (--columns, --keep).

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace runback::cli {

enum class Shell { bash, zsh, fish };

std::string completion_script(const CLI::App& app, Shell shell, const std::vector<std::string>& question_ids);

}  // namespace runback::cli
