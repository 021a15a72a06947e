#pragma once
// A minimal JSON writer appending to a string: enough for flat and nested objects of strings,
// numbers and booleans, with correct escaping. No allocation beyond the output's growth.

#include <string>
#include <string_view>

namespace runback::util {

// Appends `text` as a JSON string literal (quotes included), escaping what JSON requires.
void append_json_string(std::string& out, std::string_view text);

// Appends a number in its shortest exact form ("5", "12.5").
void append_json_number(std::string& out, double value);

// The most bytes write_json_string writes for a text of `size` bytes (every byte "\u00XX"),
// and write_json_number for any number.
constexpr std::size_t json_string_bound(std::size_t size) { return 6 * size + 2; }
inline constexpr std::size_t k_json_number_bound = 32;

// As append_json_string and append_json_number, into a buffer with room for the bound;
// return the end of what they wrote. For renderers that write through a pointer.
char* write_json_string(char* out, std::string_view text);
char* write_json_number(char* out, double value);

// Writes JSON tokens with commas placed automatically.
class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : m_out(out) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(double number);
    JsonWriter& value(int number) { return value(static_cast<double>(number)); }
    JsonWriter& value(long number) { return value(static_cast<double>(number)); }
    JsonWriter& value(bool flag);

private:
    void separate();

    std::string& m_out;
    bool m_need_comma = false;
};

}  // namespace runback::util
