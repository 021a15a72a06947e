#pragma once
// The default rule base, embedded into the binary at build time by runback_embed_rules after
// it passed validation, so runback runs from any folder.

#include <runback/rules/model.hpp>

#include <vector>

namespace runback::rules {

// The files of rules/ as they were at build time, in name order.
const std::vector<SourceFile>& embedded_rule_files();

}  // namespace runback::rules
