#include <runback/rules/loader.hpp>

#include <runback/util/error.hpp>
#include <runback/util/read_file.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <system_error>

namespace runback::rules {
namespace {

namespace fs = std::filesystem;

constexpr const char* k_hint =
    "give --rules the folder that holds the rule base's *.yaml files";

}  // namespace

std::vector<SourceFile> read_rule_files(const fs::path& dir) {
    const std::string shown = dir.string();
    std::error_code error;
    const fs::file_status status = fs::status(dir, error);
    if (status.type() == fs::file_type::not_found) {
        throw Error(fmt::format("rule folder '{}' does not exist", shown), k_hint);
    }
    if (error) {
        throw Error(fmt::format("cannot read rule folder '{}': {}", shown, error.message()),
                    k_hint);
    }
    if (!fs::is_directory(status)) {
        throw Error(fmt::format("rule folder '{}' is not a folder", shown), k_hint);
    }

    std::vector<fs::path> paths;
    fs::directory_iterator it(dir, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) {
        // is_regular_file follows symbolic links, so a linked rule file counts too.
        std::error_code ignored;
        if (it->path().extension() == ".yaml" && it->is_regular_file(ignored)) {
            paths.push_back(it->path().filename());
        }
    }
    if (error) {
        throw Error(fmt::format("cannot read rule folder '{}': {}", shown, error.message()),
                    "check that you may read the folder");
    }
    if (paths.empty()) {
        throw Error(fmt::format("rule folder '{}' has no *.yaml files", shown), k_hint);
    }
    std::sort(paths.begin(), paths.end());

    std::vector<SourceFile> files;
    for (const fs::path& name : paths) {
        const std::string path = (dir / name).string();
        files.push_back({path, util::read_file(path)});
    }
    return files;
}

}  // namespace runback::rules
