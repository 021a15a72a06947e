#include <runback/util/output.hpp>

#include <runback/util/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace runback::util {
namespace {

// The temporary file to remove if a signal ends the run; a fixed buffer because a signal
// handler may not allocate.
char g_partial_path[4096] = {0};

void on_terminate(int) {
    if (g_partial_path[0] != '\0') ::unlink(g_partial_path);
    ::_exit(130);
}

// The file a path finally names, following symbolic links (even one whose target does not exist
// yet, which the write then creates).
std::filesystem::path resolve_links(const std::filesystem::path& path) {
    std::filesystem::path real = path;
    std::error_code error;
    for (int hops = 0; hops < 40 && std::filesystem::is_symlink(real, error); ++hops) {
        const auto to = std::filesystem::read_symlink(real, error);
        if (error) break;
        real = to.is_absolute() ? to : real.parent_path() / to;
    }
    return real;
}

}  // namespace

void install_signal_handlers() {
    std::signal(SIGPIPE, SIG_IGN);
    struct sigaction action {};
    action.sa_handler = on_terminate;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

Output::Output(const std::string& path) {
    if (path.empty() || path == "-") {
        m_file = stdout;
        return;
    }
    m_path = path;
    struct stat info {};
    const bool exists = ::stat(path.c_str(), &info) == 0;   // follows symbolic links
    if (exists && S_ISDIR(info.st_mode))
        throw Error(fmt::format("cannot write '{}': it is a folder", path), "give a file name inside it");
    if (exists && !S_ISREG(info.st_mode)) {
        // A device or a pipe (/dev/null, /dev/stdout, a FIFO): written in place. Renaming a
        // temporary file over it would replace the device itself.
        m_file = std::fopen(path.c_str(), "wb");
        if (m_file == nullptr)
            throw Error(fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
        m_direct = true;
        return;
    }
    // The temporary file goes beside the real file, so that a symbolic link stays a link and
    // the rename never crosses file systems.
    const std::filesystem::path real = resolve_links(path);
    m_target = real.string();
    const auto folder = real.has_parent_path() ? real.parent_path() : std::filesystem::path(".");
    std::string pattern = (folder / ("." + real.filename().string() + ".tmp.XXXXXX")).string();
    // mkstemp creates the file with mode 0600: results are health data.
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        throw Error(fmt::format("cannot write '{}': {}", path, std::strerror(errno)),
                    "check that the folder exists and that you may write to it");
    m_temporary = pattern;
    if (m_temporary.size() < sizeof g_partial_path)
        std::memcpy(g_partial_path, m_temporary.c_str(), m_temporary.size() + 1);
    m_file = ::fdopen(fd, "wb");
}

Output::~Output() {
    if (m_path.empty() || m_committed) return;
    if (m_direct) {
        std::fclose(m_file);
        return;
    }
    std::fclose(m_file);
    ::unlink(m_temporary.c_str());
    g_partial_path[0] = '\0';
}

bool Output::is_terminal() const { return ::isatty(::fileno(m_file)) == 1; }

void Output::write(std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), m_file) == text.size()) return;
    if (errno == EPIPE) throw OutputClosed{};
    throw Error(fmt::format("cannot write {}: {}", m_path.empty() ? "to standard output" : "'" + m_path + "'",
                            std::strerror(errno)),
                "check that the disk is not full", ExitStatus::usage);
}

void Output::commit() {
    if (std::fflush(m_file) != 0) {
        if (errno == EPIPE) throw OutputClosed{};
        throw Error(fmt::format("cannot write {}: {}", m_path.empty() ? "to standard output" : "'" + m_path + "'",
                                std::strerror(errno)),
                    "check that the disk is not full");
    }
    if (m_path.empty()) return;
    if (m_direct) {
        m_committed = true;
        if (std::fclose(m_file) != 0)
            throw Error(fmt::format("cannot write '{}': {}", m_path, std::strerror(errno)));
        return;
    }
    const bool synced = ::fsync(::fileno(m_file)) == 0;
    const bool closed = std::fclose(m_file) == 0;
    if (!synced || !closed || std::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
        const int error = errno;
        ::unlink(m_temporary.c_str());
        g_partial_path[0] = '\0';
        m_committed = true;
        throw Error(fmt::format("cannot write '{}': {}", m_path, std::strerror(error)),
                    "check that the disk is not full and that you may write there");
    }
    g_partial_path[0] = '\0';
    m_committed = true;
}

}  // namespace runback::util
