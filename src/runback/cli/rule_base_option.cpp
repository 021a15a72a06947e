#include <runback/cli/rule_base_option.hpp>

#include <runback/rules/embedded.hpp>
#include <runback/rules/loader.hpp>

namespace runback::cli {

void add_rules_option(CLI::App& command, std::string& dir) {
    command.add_option("--rules", dir, "Use the rule base in DIR instead of the built-in one")
        ->type_name("DIR");
}

std::unique_ptr<rules::RuleBase> load_rules(const std::string& dir) {
    const auto files = dir.empty() ? rules::embedded_rule_files() : rules::read_rule_files(dir);
    return std::make_unique<rules::RuleBase>(rules::load_rule_base(files));
}

}  // namespace runback::cli
