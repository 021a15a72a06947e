#pragma once
// Where results go: standard output, or a file written atomically (a temporary file beside it,
// readable by its owner only, renamed over the target only when complete), so an interrupted
// run never leaves a half-written file that looks whole. A target that is not a regular file
// (/dev/null, a FIFO) is written in place; a symbolic link stays a link to the renamed file.

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace runback::util {

class DirectFileWriter;

// Thrown when standard output was closed by the reader (`runback batch ... | head`): the run
// ends quietly.
struct OutputClosed {};

class Output {
public:
    // How much will be written: a large file (a batch's results) goes around the page cache,
    // from buffers of its own (DirectFileWriter), which costs 6 MiB and a thread.
    enum class Volume { small, large };

    // `path` empty or "-": standard output. Otherwise the file, created atomically.
    // Throws runback::Error when the file cannot be created.
    explicit Output(const std::string& path, Volume volume = Volume::small);
    ~Output();
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;

    void write(std::string_view text);
    // Hands what was written to the system, so that a reader (or an interruption's count) sees
    // it; for a file, still under its temporary name. A large file's buffers go to the disk as
    // they fill: this only reports a failure there.
    void flush();
    // Flushes and, for a file, renames it into place. Throws runback::Error on failure.
    void commit();

    bool is_terminal() const;

private:
    // A write or flush failed (errno says why): a closed pipe ends the run quietly, anything
    // else is an error naming the output.
    [[noreturn]] void write_failed() const;
    // Removes the temporary file of a file output that will not be committed.
    void remove_temporary() const;

    std::FILE* m_file = nullptr;
    std::string m_path;        // the target as given, empty for standard output
    std::string m_target;      // the file renamed over: m_path with links resolved
    bool m_in_place = false;   // written in place: a device or a pipe
    std::string m_temporary;   // the file being written
    std::unique_ptr<DirectFileWriter> m_large;   // writes m_temporary for Volume::large
    bool m_committed = false;
};

// Installs handlers so that SIGINT and SIGTERM remove a partial output file, then exit 130;
// and so that a closed pipe is reported as an error on write instead of killing the process.
void install_signal_handlers();

// For the questionnaire, which has progress to save: from now on SIGINT and SIGTERM only
// interrupt what is waiting for input (no SA_RESTART, so a blocked read ends with EINTR) and
// are remembered, so that the questionnaire can save and stop as it does for Ctrl-C.
void defer_termination_signals();

// The signal that asked the program to stop since defer_termination_signals, or 0. Once it is
// seen, the alarm that kept interrupting reads stops.
int termination_requested();

// For the message an interruption of a batch leaves: which file it writes ("" for standard
// output), and how many records it has handed over so far. A signal can land while a batch of
// records is being written, so a reader of standard output may have a few more.
void note_batch_started(std::string_view output_file);
void note_records_done(long count);

}  // namespace runback::util
