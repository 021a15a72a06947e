#pragma once
// "Did you mean ...?" suggestions for misspelt ids, as ninja gives them.

#include <string>
#include <string_view>
#include <vector>

namespace runback::util {

// Levenshtein distance between a and b.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a likely typo, else "".
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace runback::util
