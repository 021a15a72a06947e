#include <runback/util/output.hpp>

#include <runback/util/direct_file_writer.hpp>

#include <runback/util/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
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

// Records a batch has written, for the message on interruption; -1 when not counting.
std::atomic<long> g_records_done{-1};
static_assert(std::atomic<long>::is_always_lock_free, "read in a signal handler");

// Appends the decimal digits of `value` at `out` without allocating; returns the new end.
char* append_number(char* out, long value) {
    char digits[24];
    int count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value > 0 && count < 24);
    while (count > 0) *out++ = digits[--count];
    return out;
}

char* append_text(char* out, const char* text) {
    while (*text != '\0') *out++ = *text++;
    return out;
}

// The file a batch writes with -o, named in that message; empty for standard output.
char g_batch_output[1024] = {0};

void on_terminate(int) {
    if (g_partial_path[0] != '\0') ::unlink(g_partial_path);
    const long done = g_records_done.load();
    if (done >= 0) {
        // What was finished, said with write(2) only: nothing here may allocate or lock.
        char message[sizeof g_batch_output + 160];
        char* end = message;
        if (g_batch_output[0] != '\0') {
            end = append_text(end, "\nrunback: interrupted after assessing ");
            end = append_number(end, done);
            end = append_text(end, " record(s); nothing was written to '");
            end = append_text(end, g_batch_output);
            end = append_text(end, "' (no partial file is left); run again to assess them all\n");
        } else {
            // The batch being written when the signal came may have reached the reader in part.
            end = append_text(end, "\nrunback: interrupted; at least ");
            end = append_number(end, done);
            end = append_text(end, " record(s) had been written to standard output\n");
        }
        [[maybe_unused]] const auto ignored = ::write(STDERR_FILENO, message, static_cast<std::size_t>(end - message));
    }
    ::_exit(130);
}

volatile std::sig_atomic_t g_termination = 0;

// A signal that lands just before a read starts would leave the read waiting for a key, so an
// alarm keeps interrupting every second until the program has stopped (alarm is safe to call
// in a signal handler; the handlers are installed without SA_RESTART).
void remember_termination(int signal_number) {
    g_termination = signal_number;
    ::alarm(1);
}

void interrupt_again(int) {
    if (g_termination != 0) ::alarm(1);   // until termination_requested() has been asked
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

void defer_termination_signals() {
    struct sigaction action {};
    action.sa_handler = remember_termination;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;   // not SA_RESTART: a read waiting for a key ends with EINTR
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    action.sa_handler = interrupt_again;
    ::sigaction(SIGALRM, &action, nullptr);
}

int termination_requested() {
    // Once seen, the alarm that kept interrupting reads is no longer needed: it could only
    // interrupt the writing of what is being saved.
    if (g_termination != 0) ::alarm(0);
    return g_termination;
}

void note_batch_started(std::string_view output_file) {
    const auto length = std::min(output_file.size(), sizeof g_batch_output - 1);
    std::memcpy(g_batch_output, output_file.data(), length);
    g_batch_output[length] = '\0';
    g_records_done.store(0);
}

void note_records_done(long count) { g_records_done.store(count); }

Output::Output(const std::string& path, Volume volume) {
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
        m_in_place = true;
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
    if (m_file == nullptr) {
        const int error = errno;
        ::close(fd);
        remove_temporary();
        throw Error(fmt::format("cannot write '{}': {}", path, std::strerror(error)));
    }
    if (volume == Volume::large) {
        try {
            m_large = std::make_unique<DirectFileWriter>(fd);
        } catch (...) {   // no memory or no thread for it: a constructor that throws leaves no file
            std::fclose(m_file);
            remove_temporary();
            throw;
        }
    }
}

Output::~Output() {
    if (m_path.empty() || m_committed) return;
    if (m_in_place) {
        std::fclose(m_file);
        return;
    }
    m_large.reset();   // its thread stops before the file goes
    std::fclose(m_file);
    remove_temporary();
}

void Output::remove_temporary() const {
    ::unlink(m_temporary.c_str());
    g_partial_path[0] = '\0';   // nothing left for an interruption to remove
}

bool Output::is_terminal() const { return ::isatty(::fileno(m_file)) == 1; }

void Output::write_failed() const {
    if (errno == EPIPE) throw OutputClosed{};
    throw Error(fmt::format("cannot write {}: {}", m_path.empty() ? "to standard output" : "'" + m_path + "'",
                            std::strerror(errno)),
                "check that the disk is not full", ExitStatus::usage);
}

void Output::write(std::string_view text) {
    if (m_large) {
        if (!m_large->write(text)) {
            errno = m_large->error();
            write_failed();
        }
        return;
    }
    if (std::fwrite(text.data(), 1, text.size(), m_file) != text.size()) write_failed();
}

void Output::flush() {
    if (m_large) {
        // Its buffers go to the disk as they fill; a failure there shows here at the latest.
        if (const int error = m_large->error(); error != 0) {
            errno = error;
            write_failed();
        }
        return;
    }
    if (std::fflush(m_file) != 0) write_failed();
}

void Output::commit() {
    flush();
    if (m_path.empty()) return;
    if (m_in_place) {
        m_committed = true;
        if (std::fclose(m_file) != 0)
            throw Error(fmt::format("cannot write '{}': {}", m_path, std::strerror(errno)));
        return;
    }
    int write_error = 0;
    if (m_large) {
        if (!m_large->finish()) write_error = m_large->error();
        m_large.reset();
    }
    const bool synced = write_error == 0 && ::fsync(::fileno(m_file)) == 0;
    const int sync_error = synced ? 0 : errno;
    const bool closed = std::fclose(m_file) == 0;
    if (!synced || !closed || std::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
        const int error = write_error != 0 ? write_error : !synced ? sync_error : errno;
        remove_temporary();
        m_committed = true;
        throw Error(fmt::format("cannot write '{}': {}", m_path, std::strerror(error)),
                    "check that the disk is not full and that you may write there");
    }
    g_partial_path[0] = '\0';
    m_committed = true;
}

}  // namespace runback::util
