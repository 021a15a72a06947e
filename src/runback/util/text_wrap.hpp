#pragma once
// Word wrapping for plain-text output.

#include <string>
#include <string_view>

namespace runback::util {

// Appends `text` wrapped to `width` columns; the first line starts with `first_prefix`, later
// lines with `rest_prefix` (usually spaces of the same width). Ends with a newline.
void append_wrapped(std::string& out, std::string_view text, std::string_view first_prefix,
                    std::string_view rest_prefix, std::size_t width = 78);

// Display width of UTF-8 text, counting code points (good enough for Latin text and bullets).
std::size_t display_width(std::string_view text);

// The 1-based column of `at` in the line starting at `line_begin`, in characters, as an editor
// shows it: UTF-8 continuation bytes do not start a character.
inline std::size_t column_of(const char* line_begin, const char* at) {
    return display_width(std::string_view(line_begin, static_cast<std::size_t>(at - line_begin))) + 1;
}

}  // namespace runback::util
