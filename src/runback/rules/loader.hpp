#pragma once
// Reads a rule base from YAML and validates all of it before anyone may use it. The loader is
// the only user of yaml-cpp for rules; every problem found is reported, not only the first.

#include <runback/rules/model.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace runback::rules {

// One problem found while loading: where, and what was expected.
struct LoadProblem {
    SourceLocation where;
    std::string message;   // e.g. "unknown cause 'hard_surfce' (did you mean 'hard_surface'?)"

    // "file:line:column: error: message", as compilers print it.
    std::string to_string() const;
};

// Thrown when a rule base has problems; it carries all of them, in file and line order.
class LoadError : public std::runtime_error {
public:
    explicit LoadError(std::vector<LoadProblem> problems);
    const std::vector<LoadProblem>& problems() const { return m_problems; }

private:
    std::vector<LoadProblem> m_problems;
};

// Loads and validates a rule base made of these files (in this order); throws LoadError.
RuleBase load_rule_base(const std::vector<SourceFile>& files);

// One file's text as a whole rule base, for tests.
RuleBase load_from_string(const std::string& text, const std::string& name);

// Every *.yaml file directly in `dir`, sorted by name; subfolders (such as tests/) are not
// read. Throws runback::Error when the folder is missing, not a folder, unreadable or empty.
std::vector<SourceFile> read_rule_files(const std::filesystem::path& dir);

}  // namespace runback::rules
