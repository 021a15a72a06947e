// Line editing in the terminal with libedit's native API (histedit.h). Not its readline
// emulation: there Ctrl-C can only be a SIGINT handler, and libedit retries a read interrupted
// by a signal, so the line would end only at the next key. Here the terminal's ISIG is off while
// a line is edited, and Ctrl-C and Ctrl-Z reach libedit as keys bound to our functions.

#include <runback/questionnaire/line_source.hpp>
#include <runback/util/error.hpp>
#include <runback/util/output.hpp>

#include <histedit.h>
#include <langinfo.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <clocale>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <cwchar>
#include <cwctype>
#include <iostream>
#include <string_view>

namespace runback::questionnaire {
namespace {

constexpr char k_prompt_ignore = '\1';  // prompt bytes between two of these take no columns
constexpr int k_history_size = 200;

// libedit decodes typed bytes with the C library's multibyte functions, and a program starts in
// the "C" locale, where é is not a character. A locale the program chose itself is kept; an
// environment without one (LANG unset or C) gets C.UTF-8, as runback's texts are UTF-8 anyway.
void use_environment_ctype()
{
    const auto is_plain = [](const char* name) {
        return name == nullptr || std::strcmp(name, "C") == 0 || std::strcmp(name, "POSIX") == 0;
    };
    if (!is_plain(std::setlocale(LC_CTYPE, nullptr))) return;
    if (is_plain(std::setlocale(LC_CTYPE, ""))) std::setlocale(LC_CTYPE, "C.UTF-8");
}

// One past the escape sequence starting at `start`: CSI (ESC [ ... final byte), OSC (ESC ] ...
// BEL or ESC \) or a two-byte ESC x.
std::size_t escape_end(std::string_view text, std::size_t start)
{
    std::size_t i = start + 1;
    if (i >= text.size()) return i;
    if (text[i] == '[') {
        for (++i; i < text.size(); ++i)
            if (text[i] >= '@' && text[i] <= '~') return i + 1;
        return i;
    }
    if (text[i] == ']') {
        for (++i; i < text.size(); ++i) {
            if (text[i] == '\a') return i + 1;
            if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '\\') return i + 2;
        }
        return i;
    }
    return i + 1;
}

// The prompt with each escape sequence between k_prompt_ignore markers: libedit counts every
// other byte as a column, and colour codes counted would put the cursor too far right.
std::string mark_escapes(std::string_view prompt)
{
    std::string marked;
    for (std::size_t i = 0; i < prompt.size();) {
        if (prompt[i] == k_prompt_ignore) {
            ++i;
        } else if (prompt[i] != '\x1b') {
            marked += prompt[i++];
        } else {
            const std::size_t end = escape_end(prompt, i);
            marked += k_prompt_ignore;
            marked.append(prompt.substr(i, end - i));
            marked += k_prompt_ignore;
            i = end;
        }
    }
    return marked;
}

// `text` decoded in the current locale; empty if it is not valid there.
std::wstring widen(const std::string& text)
{
    std::mbstate_t state{};
    const char* source = text.c_str();
    const std::size_t length = std::mbsrtowcs(nullptr, &source, 0, &state);
    if (length == static_cast<std::size_t>(-1)) return {};
    std::wstring wide(length, L'\0');
    source = text.c_str();
    state = std::mbstate_t{};
    std::mbsrtowcs(wide.data(), &source, length, &state);
    return wide;
}

wchar_t fold(wchar_t c) { return static_cast<wchar_t>(std::towlower(static_cast<wint_t>(c))); }

// Columns `text` takes on the terminal (é one, a CJK character two).
std::size_t display_width(const std::wstring& text)
{
    const int width = ::wcswidth(text.c_str(), text.size());
    return width < 0 ? text.size() : static_cast<std::size_t>(width);
}

// What Tab does: replace the `erase` characters before the cursor by `insert`, or show the
// words at `candidates`; neither means there is nothing to complete.
struct TabAction {
    std::size_t erase = 0;
    std::wstring insert;
    std::vector<std::size_t> candidates;
};

// A fragment to complete starts the line or follows a space, comma or semicolon, and does not
// start with a space. The longest fragment some word starts with (ignoring case) is completed,
// so "Lower b" completes the label "Lower back" and "lower_back, up" the id "upper_back".
TabAction plan_tab(std::wstring_view before, const std::vector<std::wstring>& words)
{
    for (std::size_t start = 0; start <= before.size(); ++start) {
        const bool after_separator = start == 0 || std::wcschr(L" ,;", before[start - 1]);
        if (!after_separator) continue;
        if (start < before.size() && before[start] == L' ') continue;
        const std::wstring_view fragment = before.substr(start);
        std::vector<std::size_t> matches;
        for (std::size_t w = 0; w < words.size(); ++w) {
            const std::wstring& word = words[w];
            if (!word.empty() && word.size() >= fragment.size() &&
                std::equal(fragment.begin(), fragment.end(), word.begin(),
                           [](wchar_t a, wchar_t b) { return fold(a) == fold(b); }))
                matches.push_back(w);
        }
        if (matches.empty()) continue;
        // The longest prefix (ignoring case) the matching words share.
        const std::wstring& first = words[matches.front()];
        std::size_t common = first.size();
        for (const std::size_t m : matches) {
            const std::wstring& word = words[m];
            std::size_t n = 0;
            while (n < common && n < word.size() && fold(word[n]) == fold(first[n])) ++n;
            common = n;
        }
        const std::wstring completed = first.substr(0, common);
        if (common > fragment.size() || (matches.size() == 1 && completed != fragment))
            return {fragment.size(), completed, {}};
        if (matches.size() > 1) return {0, {}, matches};
        return {};
    }
    return {};
}

class TerminalSource final : public LineSource {
public:
    TerminalSource();
    TerminalSource(const TerminalSource&) = delete;  // libedit keeps a pointer to this object
    TerminalSource& operator=(const TerminalSource&) = delete;

    LineResult read_line(const std::string& prompt) override;
    void set_completions(std::vector<std::string> words) override;

private:
    struct EndHistory {
        void operator()(History* history) const { history_end(history); }
    };
    struct EndEditLine {
        void operator()(EditLine* editline) const { el_end(editline); }
    };

    static TerminalSource& of(EditLine* editline);
    static char* prompt_text(EditLine* editline);
    static unsigned char interrupt(EditLine* editline, int key);
    static unsigned char suspend(EditLine* editline, int key);
    static unsigned char complete(EditLine* editline, int key);
    void list_candidates(const std::vector<std::size_t>& candidates) const;

    std::unique_ptr<History, EndHistory> m_history;
    std::unique_ptr<EditLine, EndEditLine> m_editline;
    std::FILE* m_out = stdout;
    std::string m_prompt;                  // with escapes marked
    std::vector<std::string> m_words;      // completion words as given (UTF-8)
    std::vector<std::wstring> m_wide_words;  // the same, decoded, for comparing characters
    bool m_interrupted = false;            // Ctrl-C ended the current read
    termios m_cooked{};                    // the terminal's modes outside of editing
    bool m_have_cooked = false;
};

TerminalSource::TerminalSource()
{
    // Before el_init: libedit decides at start which bytes of 128 and up are printable.
    use_environment_ctype();
    m_history.reset(history_init());
    m_editline.reset(el_init("runback", stdin, stdout, stderr));
    if (!m_history || !m_editline)
        throw Error("cannot set up line editing in this terminal",
                    "put the answers in a file and use 'runback assess FILE'", ExitStatus::failed);
    HistEvent event{};
    history(m_history.get(), &event, H_SETSIZE, k_history_size);
    history(m_history.get(), &event, H_SETUNIQUE, 1);

    EditLine* const editline = m_editline.get();
    const char* const end = nullptr;
    el_set(editline, EL_CLIENTDATA, static_cast<void*>(this));
    el_set(editline, EL_EDITOR, "emacs");
    el_set(editline, EL_PROMPT_ESC, &TerminalSource::prompt_text, k_prompt_ignore);
    el_set(editline, EL_HIST, history, m_history.get());
    // No ~/.editrc (el_source): the keys below must do what the questionnaire says they do.
    el_set(editline, EL_SETTY, "-d", "-isig", end);
    // el_wset: the narrow EL_ADDFN copies the names and never frees the copies (LeakSanitizer
    // would report them); the wide one keeps these literals' addresses.
    el_wset(editline, EL_ADDFN, L"runback-interrupt", L"Drop the line", &TerminalSource::interrupt);
    el_set(editline, EL_BIND, "^C", "runback-interrupt", end);
    el_wset(editline, EL_ADDFN, L"runback-suspend", L"Suspend", &TerminalSource::suspend);
    el_set(editline, EL_BIND, "^Z", "runback-suspend", end);
    el_wset(editline, EL_ADDFN, L"runback-complete", L"Complete", &TerminalSource::complete);
    el_set(editline, EL_BIND, "^I", "runback-complete", end);
}

LineResult TerminalSource::read_line(const std::string& prompt)
{
    // SIGINT or SIGTERM from outside (see util::defer_termination_signals): stop as for Ctrl-C.
    if (util::termination_requested() != 0) return {LineStatus::interrupted, {}};
    // libedit writes to stdout's FILE; text the caller sent through std::cout must come first.
    std::cout.flush();
    std::fflush(m_out);
    m_prompt = mark_escapes(prompt);
    m_interrupted = false;
    // Without a terminal on both sides libedit does not edit: it reads what the terminal's own
    // line editing gives it, and the modes must stay as they are.
    int editing = 0;
    el_get(m_editline.get(), EL_EDITMODE, &editing);
    m_have_cooked = editing != 0 && ::isatty(fileno(m_out)) == 1 &&
                    ::tcgetattr(STDIN_FILENO, &m_cooked) == 0;
    if (m_have_cooked) {
        // libedit sets its modes only after showing the prompt. Keys typed in between must not
        // be echoed by the terminal, nor Ctrl-C become a SIGINT that ends the program.
        termios raw = m_cooked;
        raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG | IEXTEN);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        ::tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    }
    errno = 0;
    int count = 0;
    const char* const line = el_gets(m_editline.get(), &count);
    const int read_errno = errno;
    // libedit restores the modes it saw when it started; these are the ones of this read.
    if (m_have_cooked) ::tcsetattr(STDIN_FILENO, TCSADRAIN, &m_cooked);
    if (m_interrupted) return {LineStatus::interrupted, {}};  // interrupt() ended the line
    if (line == nullptr || count <= 0) {
        // libedit shows Ctrl-D as "^D" and leaves the cursor after it. EINTR: a signal the
        // program handles (SIGTERM, say) arrived while libedit waited for a key.
        const bool signalled = (count < 0 && read_errno == EINTR) || util::termination_requested() != 0;
        std::fputs("\n", m_out);
        std::fflush(m_out);
        return {signalled ? LineStatus::interrupted : LineStatus::end_of_input, {}};
    }
    std::string text(line, static_cast<std::size_t>(count));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    if (!text.empty()) {
        HistEvent event{};
        history(m_history.get(), &event, H_ENTER, text.c_str());
    }
    return {LineStatus::line, std::move(text)};
}

void TerminalSource::set_completions(std::vector<std::string> words)
{
    m_wide_words.clear();
    for (const std::string& word : words) m_wide_words.push_back(widen(word));
    m_words = std::move(words);
}

TerminalSource& TerminalSource::of(EditLine* editline)
{
    void* data = nullptr;
    el_get(editline, EL_CLIENTDATA, &data);
    return *static_cast<TerminalSource*>(data);
}

char* TerminalSource::prompt_text(EditLine* editline) { return of(editline).m_prompt.data(); }

// The line is shown ending in "^C", then ended by pushing the newline key: its handler moves
// below a line that wraps, so the cursor ends up on a fresh line whatever was typed.
unsigned char TerminalSource::interrupt(EditLine* editline, int)
{
    of(editline).m_interrupted = true;
    const LineInfoW* const line = el_wline(editline);
    el_cursor(editline, static_cast<int>(line->lastchar - line->cursor));
    el_insertstr(editline, "^C");
    el_push(editline, "\n");
    return CC_REFRESH;
}

// Stops the way the terminal's own Ctrl-Z would, but in the modes the shell expects, and
// edits on when continued. Where stopping is not possible (SIGTSTP ignored) it only redraws.
unsigned char TerminalSource::suspend(EditLine* editline, int)
{
    const TerminalSource& self = of(editline);
    termios editing{};
    if (!self.m_have_cooked || ::tcgetattr(STDIN_FILENO, &editing) != 0) return CC_ERROR;
    std::fputs("\n", self.m_out);
    std::fflush(self.m_out);
    ::tcsetattr(STDIN_FILENO, TCSADRAIN, &self.m_cooked);
    ::kill(0, SIGTSTP);  // the whole process group, as the terminal would signal it
    ::tcsetattr(STDIN_FILENO, TCSADRAIN, &editing);
    return CC_REDISPLAY;
}

unsigned char TerminalSource::complete(EditLine* editline, int)
{
    const TerminalSource& self = of(editline);
    const LineInfoW* const line = el_wline(editline);
    const auto typed = static_cast<std::size_t>(line->cursor - line->buffer);
    const TabAction action = plan_tab(std::wstring_view(line->buffer, typed), self.m_wide_words);
    if (!action.candidates.empty()) {
        self.list_candidates(action.candidates);
        return CC_REDISPLAY;  // the prompt and line again, below the list
    }
    if (action.erase == 0 && action.insert.empty()) return CC_REFRESH_BEEP;
    el_wdeletestr(editline, static_cast<int>(action.erase));
    if (el_winsertstr(editline, action.insert.c_str()) != 0) return CC_REFRESH_BEEP;
    return CC_REFRESH;
}

// Below the line, in as many columns as the terminal has room for, as shells list completions.
void TerminalSource::list_candidates(const std::vector<std::size_t>& candidates) const
{
    std::size_t width = 0;
    for (const std::size_t c : candidates) width = std::max(width, display_width(m_wide_words[c]));
    winsize size{};
    const std::size_t columns_available =
        ::ioctl(fileno(m_out), TIOCGWINSZ, &size) == 0 && size.ws_col > 0 ? size.ws_col : 80;
    const std::size_t per_row = std::max<std::size_t>(1, columns_available / (width + 2));
    std::fputs("\n", m_out);
    for (std::size_t n = 0; n < candidates.size(); ++n) {
        const std::size_t c = candidates[n];
        std::fputs(m_words[c].c_str(), m_out);
        const auto padding = static_cast<int>(width + 2 - display_width(m_wide_words[c]));
        if ((n + 1) % per_row == 0 || n + 1 == candidates.size())
            std::fputs("\n", m_out);
        else
            std::fprintf(m_out, "%*s", padding, "");
    }
    std::fflush(m_out);
}

}  // namespace

std::unique_ptr<LineSource> make_terminal_source() { return std::make_unique<TerminalSource>(); }

bool stdio_is_terminal() { return ::isatty(STDIN_FILENO) == 1 && ::isatty(STDOUT_FILENO) == 1; }

}  // namespace runback::questionnaire
