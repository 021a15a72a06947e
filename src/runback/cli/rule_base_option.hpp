#pragma once
// Options several commands share: --rules DIR (and loading the rule base it names, or the one
// embedded in the binary) and --country CODE.

#include <runback/rules/model.hpp>

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace runback::cli {

// Adds --rules DIR to `command`, storing the folder in `dir`.
void add_rules_option(CLI::App& command, std::string& dir);

// Adds --country CODE (the emergency number to name), storing it in `country`.
void add_country_option(CLI::App& command, std::string& country);

// The emergency number for --country, else for the locale's country, else "" (the list that
// works anywhere). An unknown --country is a usage error.
std::string emergency_number_for(const std::string& country);

// The rule base in `dir`, or the embedded default when `dir` is empty. A rule base with
// problems is never returned: throws rules::LoadError (listing them) or runback::Error.
std::unique_ptr<rules::RuleBase> load_rules(const std::string& dir);

}  // namespace runback::cli
