#include <runback/util/read_file.hpp>

#include <runback/util/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace runback::util {

namespace {

[[noreturn]] void throw_cannot_read(const std::string& path, int error_number) {
    throw Error(fmt::format("cannot read '{}': {}", path, std::strerror(error_number)),
                "check the path and that you may read the file");
}

// Closes the descriptor however read_file leaves.
struct FileDescriptor {
    int value;
    ~FileDescriptor() { ::close(value); }
};

}  // namespace

std::string read_file(const std::string& path) {
    if (path == "-") {
        std::ostringstream contents;
        contents << std::cin.rdbuf();
        return contents.str();
    }
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) throw_cannot_read(path, errno);
    const FileDescriptor file{descriptor};
    struct stat info {};
    if (::fstat(descriptor, &info) != 0) throw_cannot_read(path, errno);
    if (S_ISDIR(info.st_mode))
        throw Error(fmt::format("cannot read '{}': it is a folder, not a file", path),
                    "give the path of a file");
    // One read of the whole size for regular files (a training export holds thousands of
    // files, and character-by-character stream reading was a third of its time); pipes and
    // files that grow while read carry on in chunks until end of file.
    std::string contents;
    contents.resize(S_ISREG(info.st_mode) && info.st_size > 0
                        ? static_cast<std::size_t>(info.st_size) + 1
                        : std::size_t{64 * 1024});
    std::size_t filled = 0;
    for (;;) {
        if (filled == contents.size()) contents.resize(contents.size() * 2);
        const ssize_t got = ::read(descriptor, contents.data() + filled, contents.size() - filled);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw_cannot_read(path, errno);
        }
        if (got == 0) break;
        filled += static_cast<std::size_t>(got);
    }
    contents.resize(filled);
    return contents;
}

}  // namespace runback::util
