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
