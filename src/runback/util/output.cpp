#include <runback/util/output.hpp>

#include <runback/util/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
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
    const std::filesystem::path target(path);
    const auto folder = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string pattern = (folder / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
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
    const bool synced = ::fsync(::fileno(m_file)) == 0;
    const bool closed = std::fclose(m_file) == 0;
    if (!synced || !closed || std::rename(m_temporary.c_str(), m_path.c_str()) != 0) {
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
