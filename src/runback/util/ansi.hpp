#pragma once
// ANSI styling for terminals, off unless asked for: callers decide (a terminal, NO_COLOR unset,
// no --no-color) and pass the decision in.

#include <string>
#include <string_view>

namespace runback::util {

enum class Colour { red, yellow, green, blue, none };

class Ansi {
public:
    explicit Ansi(bool enabled) : m_enabled(enabled) {}
    bool enabled() const { return m_enabled; }
    std::string bold(std::string_view text) const;
    std::string colour(Colour colour, std::string_view text, bool bold = false) const;
    std::string dim(std::string_view text) const;

private:
    bool m_enabled;
};

// Whether colour suits `fd`: it is a terminal, NO_COLOR is unset and TERM is not "dumb".
bool colour_suits(int fd);

// The terminal's width in columns for `fd`, or `fallback` when it is no terminal.
std::size_t terminal_width(int fd, std::size_t fallback = 78);

}  // namespace runback::util
