// runback-docgen OUTDIR DATE: writes the manual page and the shell completions from the
// program's own command line tree, at build time (never installed):
//   OUTDIR/runback.1        man page
//   OUTDIR/runback.bash     bash completion
//   OUTDIR/_runback         zsh completion
//   OUTDIR/runback.fish     fish completion

#include <runback/cli/command_line.hpp>
#include <runback/cli/completions.hpp>
#include <runback/cli/man_page.hpp>
#include <runback/rules/binary_form.hpp>
#include <runback/rules/embedded.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace {

bool write_file(const std::filesystem::path& path, const std::string& text) {
    const auto temporary = path.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary);
        out << text;
        if (!out) return false;
    }
    std::filesystem::rename(temporary, path);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace runback;
    if (argc != 3) {
        std::cerr << "usage: runback-docgen OUTDIR YYYY-MM-DD\n";
        return 2;
    }
    const std::filesystem::path folder = argv[1];
    std::filesystem::create_directories(folder);
    const auto line = cli::make_command_line();
    const auto rule_base = rules::from_binary(rules::embedded_rule_base_binary());
    std::vector<std::string> question_ids;
    for (const auto& question : rule_base.questions) question_ids.push_back(question.id);
    const bool written = write_file(folder / "runback.1", cli::man_page(line->app, RUNBACK_VERSION, argv[2], rule_base)) &&
                         write_file(folder / "runback.bash", cli::completion_script(line->app, cli::Shell::bash, question_ids)) &&
                         write_file(folder / "_runback", cli::completion_script(line->app, cli::Shell::zsh, question_ids)) &&
                         write_file(folder / "runback.fish", cli::completion_script(line->app, cli::Shell::fish, question_ids));
    if (!written) {
        std::cerr << "runback-docgen: cannot write into " << folder << "\n";
        return 1;
    }
    return 0;
}
