#pragma once
// The default rule base, embedded into the binary at build time by runback_embed_rules after
// it passed validation, so runback runs from any folder.

#include <runback/rules/model.hpp>

#include <string_view>
#include <vector>

namespace runback::rules {

// The files of rules/ as they were at build time, in name order.
const std::vector<SourceFile>& embedded_rule_files();

// Its test cases, rules/tests/*.yaml, in name order (for `runback rules test`).
const std::vector<SourceFile>& embedded_rule_tests();

// The same rule base, loaded and validated at build time, in the form rules::from_binary reads:
// start-up uses it so as not to parse and validate the YAML again.
std::string_view embedded_rule_base_binary();

}  // namespace runback::rules
