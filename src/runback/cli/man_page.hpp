#pragma once
// runback(1), the manual page, written in roff with the man(7) macros from the same command
// line tree that --help prints (make_command_line), so the two cannot drift apart: every
// command's summary, usage, options and examples come from there. The sections --help has no
// room for (exit status, environment, files) are written here, once.

#include <runback/rules/model.hpp>

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

namespace runback::cli {

// The page, dated `date` (YYYY-MM-DD), for the program version `version`; its QUESTIONS
// section lists the ids and answers of `rule_base` (the built-in one): the CSV columns and
// answers-file keys that scripts use.
std::string man_page(const CLI::App& app, std::string_view version, std::string_view date,
                     const rules::RuleBase& rule_base);

}  // namespace runback::cli
