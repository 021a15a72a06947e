#include <runback/util/ansi.hpp>

#include <cstdlib>
#include <cstring>
#include <sys/ioctl.h>
#include <unistd.h>

namespace runback::util {
namespace {

const char* code(Colour colour) {
    switch (colour) {
    case Colour::red: return "31";
    case Colour::yellow: return "33";
    case Colour::green: return "32";
    case Colour::blue: return "34";
    case Colour::none: return "39";
    }
    return "39";
}

}  // namespace

std::string Ansi::bold(std::string_view text) const {
    if (!m_enabled) return std::string(text);
    return "\x1b[1m" + std::string(text) + "\x1b[0m";
}

std::string Ansi::colour(Colour colour, std::string_view text, bool bold) const {
    if (!m_enabled) return std::string(text);
    return std::string("\x1b[") + (bold ? "1;" : "") + code(colour) + "m" + std::string(text) + "\x1b[0m";
}

std::string Ansi::dim(std::string_view text) const {
    if (!m_enabled) return std::string(text);
    return "\x1b[2m" + std::string(text) + "\x1b[0m";
}

bool colour_suits(int fd) {
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    const char* term = std::getenv("TERM");
    if (term && std::strcmp(term, "dumb") == 0) return false;
    return ::isatty(fd) == 1;
}

std::size_t terminal_width(int fd, std::size_t fallback) {
    struct winsize size {};
    if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20) return size.ws_col;
    return fallback;
}

}  // namespace runback::util
