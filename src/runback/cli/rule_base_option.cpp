#include <runback/cli/rule_base_option.hpp>

#include <runback/rules/binary_form.hpp>
#include <runback/rules/embedded.hpp>
#include <runback/report/emergency_number.hpp>
#include <runback/rules/loader.hpp>
#include <runback/util/error.hpp>

#include <fmt/format.h>

namespace runback::cli {

void add_rules_option(CLI::App& command, std::string& dir) {
    command.add_option("--rules", dir, "Use the rule base in DIR instead of the built-in one")
        ->type_name("DIR");
}

void add_country_option(CLI::App& command, std::string& country) {
    command.add_option("--country", country,
                       "Your country (e.g. GB, US, DE, AU), so emergency advice names its number")
        ->type_name("CODE");
}

std::string emergency_number_for(const std::string& country) {
    if (!country.empty()) {
        if (auto number = report::emergency_number(country)) return *number;
        throw Error(fmt::format("--country {}: no emergency number is known for this country code", country),
                    "give a two-letter code such as GB, US, DE or AU, or leave --country out to be shown "
                    "the numbers that work anywhere");
    }
    return report::emergency_number(report::country_from_locale()).value_or("");
}

std::unique_ptr<rules::RuleBase> load_rules(const std::string& dir) {
    // The embedder validated the built-in rule base at build time, so start-up reads its
    // binary form: under a million instructions where parsing the YAML again took 100 million.
    if (dir.empty()) {
        return std::make_unique<rules::RuleBase>(
            rules::from_binary(rules::embedded_rule_base_binary()));
    }
    return std::make_unique<rules::RuleBase>(rules::load_rule_base(rules::read_rule_files(dir)));
}

}  // namespace runback::cli
