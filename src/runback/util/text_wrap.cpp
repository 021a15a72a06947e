#include <runback/util/text_wrap.hpp>

namespace runback::util {

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;  // skip continuation bytes
    }
    return width;
}

void append_wrapped(std::string& out, std::string_view text, std::string_view first_prefix,
                    std::string_view rest_prefix, std::size_t width) {
    std::string_view prefix = first_prefix;
    std::size_t column = 0;
    bool line_started = false;
    auto start_line = [&] {
        out += prefix;
        column = display_width(prefix);
        prefix = rest_prefix;
        line_started = true;
    };
    while (!text.empty()) {
        const std::size_t space = text.find(' ');
        const std::string_view word = text.substr(0, space);
        text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
        if (word.empty()) continue;
        const std::size_t word_width = display_width(word);
        if (!line_started) {
            start_line();
        } else if (column + 1 + word_width > width) {
            out += '\n';
            start_line();
        } else {
            out += ' ';
            ++column;
        }
        out += word;
        column += word_width;
    }
    if (!line_started) out += first_prefix;
    out += '\n';
}

}  // namespace runback::util
