#include <runback/util/read_file.hpp>

#include <runback/util/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <sys/stat.h>

namespace runback::util {

std::string read_file(const std::string& path) {
    if (path == "-") {
        std::ostringstream contents;
        contents << std::cin.rdbuf();
        return contents.str();
    }
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode))
        throw Error(fmt::format("cannot read '{}': it is a folder, not a file", path),
                    "give the path of a file");
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw Error(fmt::format("cannot read '{}': {}", path, std::strerror(errno)),
                    "check the path and that you may read the file");
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

}  // namespace runback::util
