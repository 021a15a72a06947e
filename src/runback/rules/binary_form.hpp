#pragma once
// A compact binary form of a whole rule base, source locations included. The embedder writes
// the validated default rule base in this form so that start-up reads it back in a fraction of
// a millisecond instead of parsing and validating YAML again.

#include <runback/rules/model.hpp>

#include <string>
#include <string_view>

namespace runback::rules {

// The rule base as bytes: a magic, a format version, then every field in little-endian order.
std::string to_binary(const RuleBase& rule_base);

// The rule base that to_binary wrote. Throws runback::Error when the bytes are truncated, come
// from another format version or are not a rule base at all; it never reads out of bounds.
RuleBase from_binary(std::string_view bytes);

}  // namespace runback::rules
