#pragma once

namespace runback::cli {

// The whole program: parses the command line, runs one command, prints errors once, and
// returns the exit status.
int run(int argc, char** argv);

}  // namespace runback::cli
