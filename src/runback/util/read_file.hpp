#pragma once
// Whole-file reading with errors a user can act on.

#include <string>

namespace runback::util {

// The contents of `path` ("-" for standard input). Throws runback::Error naming the file and
// the reason when it cannot be read.
std::string read_file(const std::string& path);

}  // namespace runback::util
