#include <runback/cli/run.hpp>

int main(int argc, char** argv) { return runback::cli::run(argc, argv); }
