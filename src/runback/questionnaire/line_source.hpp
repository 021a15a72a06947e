#pragma once
// The questionnaire's line input: one interface, with a stream implementation for tests and
// pipes and a libedit one for the terminal, so the dialogue never touches the terminal itself.

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace runback::questionnaire {

// How a read ended: a typed line, the end of input (Ctrl-D, end of stream) or Ctrl-C.
enum class LineStatus { line, end_of_input, interrupted };

// One read: `text` is the line without its line end, empty unless `status` is `line`.
struct LineResult {
    LineStatus status = LineStatus::line;
    std::string text;
};

// Where the questionnaire's typed lines come from: the terminal (line editing) or a stream.
class LineSource {
public:
    virtual ~LineSource() = default;
    // Shows `prompt` and reads one line, without its line end. Ctrl-D on an empty line (or the
    // end of a stream) gives end_of_input; Ctrl-C gives interrupted (the partly typed line is dropped).
    virtual LineResult read_line(const std::string& prompt) = 0;
    // The words Tab completes during the next reads (option ids and labels); empty: none.
    virtual void set_completions(std::vector<std::string> words) { (void)words; }
};

// Reads from `in`, writing each prompt to `out` (for tests and pipes). Only the prompt is
// written: the line read is not echoed, and nothing is written at the end of input.
std::unique_ptr<LineSource> make_stream_source(std::istream& in, std::ostream& out);

// Line editing in the terminal with libedit: arrow keys, in-session history (never written to a
// file: answers are health data), Tab completion of the current completion words.
// Reads standard input and draws on standard output, so use it only when stdio_is_terminal().
// Prompts may hold ANSI colour codes (they are kept out of libedit's width count). After every
// result the cursor is at the start of a new line: Enter, "^C" and "^D" each end their line.
// Sets LC_CTYPE from the environment (C.UTF-8 if that gives plain "C") so é, ü can be typed.
std::unique_ptr<LineSource> make_terminal_source();

// True when standard input and standard output are both terminals: the case
// make_terminal_source() is for.
bool stdio_is_terminal();

}  // namespace runback::questionnaire
