#pragma once
// The --rules DIR option every command takes, and loading the rule base it names (or the one
// embedded in the binary).

#include <runback/rules/model.hpp>

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace runback::cli {

// Adds --rules DIR to `command`, storing the folder in `dir`.
void add_rules_option(CLI::App& command, std::string& dir);

// The rule base in `dir`, or the embedded default when `dir` is empty. A rule base with
// problems is never returned: throws rules::LoadError (listing them) or runback::Error.
std::unique_ptr<rules::RuleBase> load_rules(const std::string& dir);

}  // namespace runback::cli
