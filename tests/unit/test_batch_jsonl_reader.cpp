#include <runback/batch/jsonl_reader.hpp>
#include <runback/util/error.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <sstream>
#include <string>

using runback::batch::JsonKind;
using runback::batch::JsonlOptions;
using runback::batch::JsonlReader;
using runback::batch::JsonlRecord;

namespace {

std::string visible(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: out += c;
        }
    }
    return out;
}

struct Reading {
    std::string rows;       // one line per record: key=value ..., then " ! error"
    std::string locations;  // "number@line" per record
};

// Strings are quoted and nested values marked, so that every kind shows.
std::string show(const runback::batch::JsonField& field)
{
    switch (field.kind) {
    case JsonKind::string: return "\"" + visible(field.text) + "\"";
    case JsonKind::nested: return "nested:" + std::string(field.text);
    default: return std::string(field.text);
    }
}

Reading read_with(std::string_view text, JsonlOptions options)
{
    std::istringstream in{std::string(text)};
    JsonlReader reader(in, options);
    JsonlRecord record;
    Reading reading;
    while (reader.next(record)) {
        for (std::size_t i = 0; i < record.fields.size(); ++i) {
            reading.rows += (i > 0 ? " " : "") + visible(record.fields[i].key) + "=" +
                            show(record.fields[i]);
        }
        if (!record.ok()) {
            reading.rows += " ! " + record.error;
        }
        reading.rows += '\n';
        reading.locations += (reading.locations.empty() ? "" : " ") +
                             std::to_string(record.number) + "@" + std::to_string(record.line);
    }
    return reading;
}

// Reads `text` with the default block size and with tiny ones, so that buffer refills fall at
// every position of the text; all must give the same records.
Reading read(std::string_view text, JsonlOptions options = {})
{
    const Reading expected = read_with(text, options);
    for (const std::size_t block_size : {1, 2, 3, 5, 8, 13}) {
        CAPTURE(block_size);
        options.block_size = block_size;
        const Reading reading = read_with(text, options);
        CHECK(reading.rows == expected.rows);
        CHECK(reading.locations == expected.locations);
    }
    return expected;
}

std::string rows(std::string_view text) { return read(text).rows; }

// The error of the only record in `line`.
std::string error(std::string_view line)
{
    std::istringstream in{std::string(line)};
    JsonlReader reader(in);
    JsonlRecord record;
    REQUIRE(reader.next(record));
    return record.error;
}

// The only record of `line`, which must be well formed; its views live as long as this does.
struct Parsed {
    explicit Parsed(std::string_view line) : in(std::string(line)), reader(in)
    {
        REQUIRE(reader.next(record));
        CHECK(record.error == "");
    }

    std::istringstream in;
    JsonlReader reader;
    JsonlRecord record;
};

}  // namespace

TEST_CASE("batch::jsonl_reader")
{
    SUBCASE("one object per line with values of every kind")
    {
        CHECK(rows("{\"id\":\"p1\",\"age\":42,\"ok\":true,\"no\":false,\"x\":null}\n") ==
              "id=\"p1\" age=42 ok=true no=false x=null\n");
        const Parsed parsed("{\"ok\":true,\"no\":false}");
        const JsonlRecord& record = parsed.record;
        CHECK(record.fields[0].kind == JsonKind::boolean);
        CHECK(record.fields[0].boolean);
        CHECK(!record.fields[1].boolean);
        CHECK(rows("  { \"a\" : 1 , \"b\" : [ 1 , 2 ] }  \n{}\n{ }\n") ==
              "a=1 b=nested:[ 1 , 2 ]\n\n\n");
    }

    SUBCASE("numbers keep their text and have their value")
    {
        const Parsed parsed(
            "{\"a\":0,\"b\":-7,\"c\":3.25,\"d\":1e3,\"e\":-2.5E-2,\"f\":1E+2,\"g\":-0,"
            "\"h\":12345678901234567890,\"i\":1e400,\"j\":-1e-400,\"k\":0.5e-999}");
        const JsonlRecord& record = parsed.record;
        REQUIRE(record.fields.size() == 11);
        const double expected[] = {0, -7, 3.25, 1000, -0.025, 100, 0, 12345678901234567890.0,
                                   HUGE_VAL, 0, 0};
        for (std::size_t i = 0; i < record.fields.size(); ++i) {
            CAPTURE(i);
            CHECK(record.fields[i].kind == JsonKind::number);
            CHECK(record.fields[i].number == expected[i]);
        }
        CHECK(record.fields[4].text == "-2.5E-2");
        CHECK(record.fields[7].text == "12345678901234567890");
        CHECK(std::signbit(record.fields[9].number));
    }

    SUBCASE("numbers JSON does not allow")
    {
        CHECK(error("{\"a\":01}") == "line 1, column 7: expected ',' or '}' after a value");
        CHECK(error("{\"a\":-}") == "line 1, column 6: invalid number");
        CHECK(error("{\"a\":1.}") == "line 1, column 6: invalid number");
        CHECK(error("{\"a\":1e}") == "line 1, column 6: invalid number");
        CHECK(error("{\"a\":-e1}") == "line 1, column 6: invalid number");
        CHECK(error("{\"a\":.5}") == "line 1, column 6: expected a value");
        CHECK(error("{\"a\":+1}") == "line 1, column 6: expected a value");
        CHECK(error("{\"a\":NaN}") == "line 1, column 6: expected a value");
        CHECK(error("{\"a\":0x1}") == "line 1, column 7: expected ',' or '}' after a value");
    }

    SUBCASE("escapes are decoded")
    {
        CHECK(rows(R"({"s":"a\"b\\c\/d\b\f\n\r\t"})"
                   "\n") == "s=\"a\"b\\c/d\b\f\\n\\r\\t\"\n");
        // Several escaped strings on a line, keys too: each keeps its own text.
        CHECK(rows(R"({"a":"x\ny","\u0062":"\t","c":"plain","d":"\u00e9","e\"":"\"\""})") ==
              "a=\"x\\ny\" b=\"\\t\" c=\"plain\" d=\"\xC3\xA9\" e\"=\"\"\"\"\n");
    }

    SUBCASE("unicode: \\u escapes and surrogate pairs become UTF-8; raw UTF-8 is kept")
    {
        CHECK(rows(R"({"s":"\u00e9\u4E2D\ud83d\ude00\u0041"})") ==
              "s=\"\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80"
              "A\"\n");
        CHECK(rows("{\"\xCA\xA4\":\"\xF0\x9F\x98\x80\"}") == "\xCA\xA4=\"\xF0\x9F\x98\x80\"\n");
        CHECK(Parsed(R"({"s":"a\u0000b"})").record.fields[0].text == std::string_view("a\0b", 3));
        CHECK(error(R"({"s":"\ud83d"})") ==
              "line 1, column 7: invalid \\u escape: unpaired surrogate");
        CHECK(error(R"({"s":"\ud83dx"})") ==
              "line 1, column 7: invalid \\u escape: unpaired surrogate");
        CHECK(error(R"({"s":"\ud83d\u0041"})") ==
              "line 1, column 7: invalid \\u escape: unpaired surrogate");
        CHECK(error(R"({"s":"\ude00"})") ==
              "line 1, column 7: invalid \\u escape: unpaired surrogate");
        CHECK(error(R"({"s":"\u12g4"})") ==
              "line 1, column 7: invalid \\u escape: expected 4 hex digits");
        CHECK(error(R"({"s":"\u12"})") ==
              "line 1, column 7: invalid \\u escape: expected 4 hex digits");
        CHECK(error(R"({"s":"\q"})") == "line 1, column 7: invalid escape '\\q'");
    }

    SUBCASE("nested arrays and objects are kept as raw text")
    {
        CHECK(rows(R"({"a":[1, "x]"],"b":{"c":{"d":[]}},"e":{},"f":[]})") ==
              R"(a=nested:[1, "x]"] b=nested:{"c":{"d":[]}} e=nested:{} f=nested:[])"
              "\n");
        CHECK(error(R"({"a":[1,]})") == "line 1, column 9: expected a value");
        CHECK(error(R"({"a":[1 2]})") == "line 1, column 9: expected ',' or ']' after a value");
        CHECK(error(R"({"a":{"b" 1}})") == "line 1, column 11: expected ':' after a key");
        CHECK(error(R"({"a":{1:2}})") == "line 1, column 7: expected a string key");
        const std::string deep = "{\"a\":" + std::string(150, '[') + std::string(150, ']') + "}";
        CHECK(error(deep) == "line 1, column 106: nested deeper than 100 levels");
        const std::string fine = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
        CHECK(Parsed(fine).record.fields[0].kind == JsonKind::nested);
    }

    SUBCASE("a malformed line names its line and column, and reading goes on")
    {
        CHECK(error(R"({"a" 1})") == "line 1, column 6: expected ':' after a key");
        CHECK(error(R"({"a":1 "b":2})") == "line 1, column 8: expected ',' or '}' after a value");
        CHECK(error(R"({a:1})") == "line 1, column 2: expected a string key");
        CHECK(error(R"({"a":1,})") == "line 1, column 8: expected a string key");
        CHECK(error(R"({"a":1} x)") == "line 1, column 9: unexpected text after the object");
        CHECK(error(R"({"a":1}{})") == "line 1, column 8: unexpected text after the object");
        CHECK(error(R"({"a":"b)") == "line 1, column 6: unterminated string");
        CHECK(error(R"({"a":"b\)") == "line 1, column 6: unterminated string");
        CHECK(error(R"({"a":1)") == "line 1, column 7: expected ',' or '}' after a value");
        CHECK(error(R"({"a":)") == "line 1, column 6: expected a value");
        CHECK(error(R"({"a":tru})") == "line 1, column 6: expected true, false or null");
        CHECK(error(R"({"a":True})") == "line 1, column 6: expected a value");
        CHECK(error("{\"a\":\"x\ty\"}") ==
              "line 1, column 8: unescaped control character in a string");
        // Columns count characters, not bytes.
        CHECK(error("{\"\xC3\xA9\xE4\xB8\xAD\":1 x}") ==
              "line 1, column 9: expected ',' or '}' after a value");
        const Reading reading =
            read("{\"id\":\"p1\"}\n\n{\"id\":\"p2\",\"v\":}\n{\"id\":\"p3\"}\n");
        CHECK(reading.rows == "id=\"p1\"\nid=\"p2\" ! line 3, column 16: expected a value\n"
                              "id=\"p3\"\n");
        CHECK(reading.locations == "1@1 2@3 3@4");
    }

    SUBCASE("a line that is valid JSON but not an object")
    {
        CHECK(error("[1,2]") == "line 1, column 1: expected a JSON object ('{'), found an array");
        CHECK(error("\"x\"") == "line 1, column 1: expected a JSON object ('{'), found a string");
        CHECK(error(" 42") == "line 1, column 2: expected a JSON object ('{'), found a number");
        CHECK(error("true") == "line 1, column 1: expected a JSON object ('{'), found a boolean");
        CHECK(error("null") == "line 1, column 1: expected a JSON object ('{'), found null");
        CHECK(error("id,age") == "line 1, column 1: expected a JSON object ('{')");
    }

    SUBCASE("duplicate keys make the record malformed")
    {
        CHECK(rows(R"({"a":1,"b":2,"a":3})") ==
              "a=1 b=2 a=3 ! line 1, column 14: duplicate key \"a\"\n");
        CHECK(error(R"({"a":1,"\u0061":2})") == "line 1, column 8: duplicate key \"a\"");
        CHECK(error(R"({"q\"\n":1,"q\"\n":2})") ==
              "line 1, column 12: duplicate key \"q\\\"\\u000a\"");
        // Many keys, over several records, so that the key set grows and is reused.
        std::string many = "{";
        for (int i = 0; i < 60; ++i) {
            many += (i > 0 ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
        }
        const std::string text = many + "}\n" + many + "}\n" + many + ",\"k59\":0}\n";
        std::istringstream in(text);
        JsonlReader reader(in);
        JsonlRecord record;
        for (int i = 0; i < 2; ++i) {
            REQUIRE(reader.next(record));
            CHECK(record.ok());
            CHECK(record.fields.size() == 60);
        }
        REQUIRE(reader.next(record));
        CHECK(record.error.ends_with(": duplicate key \"k59\""));
    }

    SUBCASE("CRLF line ends, blank lines, a missing final line end")
    {
        const Reading reading = read("{\"a\":1}\r\n\r\n \t\n{\"a\":2}\r\n\n{\"a\":3}");
        CHECK(reading.rows == "a=1\na=2\na=3\n");
        CHECK(reading.locations == "1@1 2@4 3@6");
        CHECK(rows("\n\n\r\n") == "");
        CHECK(rows("") == "");
        CHECK(rows("{\"a\":\"x\"}\r") == "a=\"x\"\n");
    }

    SUBCASE("a byte order mark is skipped at the start")
    {
        CHECK(rows("\xEF\xBB\xBF{\"a\":1}\n") == "a=1\n");
        CHECK(rows("\xEF\xBB\xBF") == "");
        CHECK(rows("{}\n\xEF\xBB\xBF{}\n") ==
              "\n ! line 2, column 1: expected a JSON object ('{')\n");
    }

    SUBCASE("long lines cross block boundaries")
    {
        const std::string value(100'000, 'v');
        std::string escaped;
        for (int i = 0; i < 10'000; ++i) {
            escaped += "\\u00e9\\n";
        }
        const std::string text = "{\"a\":\"" + value + "\",\"b\":\"" + escaped + "\"}\n{\"c\":1}\n";
        std::istringstream in(text);
        JsonlReader reader(in, {.block_size = 4096});
        JsonlRecord record;
        REQUIRE(reader.next(record));
        REQUIRE(record.fields.size() == 2);
        CHECK(record.fields[0].text == value);
        CHECK(record.fields[1].text.size() == 30'000);
        REQUIRE(reader.next(record));
        CHECK(record.line == 2);
        CHECK(!reader.next(record));
        CHECK(read(text).locations == "1@1 2@2");
    }

    SUBCASE("generated records survive a round trip")
    {
        // Strings of awkward characters written with every kind of escape, raw or escaped
        // at random, and numbers: reading must give back each key and value.
        std::mt19937 random(8259);
        struct Piece {
            std::string_view text;      // what the reader must give back
            std::string_view escaped;   // one way JSON can write it
        };
        const Piece pieces[] = {{"a", "a"},
                                {"\"", "\\\""},
                                {"\\", "\\\\"},
                                {"/", "\\/"},
                                {"\n", "\\n"},
                                {"\t", "\\u0009"},
                                {"\x01", "\\u0001"},
                                {"\xC3\xA9", "\\u00E9"},
                                {"\xE2\x82\xAC", "\\u20ac"},
                                {"\xF0\x9F\x98\x80", "\\ud83d\\ude00"},
                                {" ", " "}};
        std::string text;
        std::string expected;
        for (int record = 0; record < 300; ++record) {
            text += "{";
            const auto field_count = random() % 6;
            for (std::size_t i = 0; i < field_count; ++i) {
                std::string key = "k" + std::to_string(i);
                std::string value;
                std::string written;
                for (auto length = random() % 6; length > 0; --length) {
                    const Piece& piece = pieces[random() % std::size(pieces)];
                    const bool raw = random() % 2 == 0 && piece.text[0] >= ' ' &&
                                     piece.text != "\"" && piece.text != "\\";
                    value += piece.text;
                    written += raw ? piece.text : piece.escaped;
                }
                text += (i > 0 ? ", " : "") + ("\"" + key + "\": ");
                expected += (i > 0 ? " " : "") + key + "=";
                if (random() % 3 == 0) {
                    const auto number = std::to_string(static_cast<int>(random() % 2001) - 1000) +
                                        (random() % 2 == 0 ? ".25" : "");
                    text += number;
                    expected += number;
                } else {
                    text += "\"" + written + "\"";
                    expected += "\"" + visible(value) + "\"";
                }
            }
            text += random() % 2 == 0 ? "}\n" : "}\r\n";
            expected += '\n';
        }
        CHECK(read(text).rows == expected);
    }

    SUBCASE("a line over the size limit is malformed, and reading goes on after it")
    {
        const std::string long_line = "{\"a\":\"" + std::string(100, 'x') + "\"}\n";
        const Reading reading = read("{\"a\":1}\n" + long_line + "\n{\"a\":2}\n" + long_line,
                                     {.max_line_size = 32});
        CHECK(reading.rows == "a=1\n ! line 2: the line is longer than 32 bytes; skipped\na=2\n"
                              " ! line 5: the line is longer than 32 bytes; skipped\n");
        CHECK(reading.locations == "1@1 2@2 3@4 4@5");
        // The limit is exact, whatever the line end.
        const std::string fits = "{\"a\":\"" + std::string(24, 'x') + "\"}";
        CHECK(read(fits + "\r\n" + fits, {.max_line_size = 32}).rows ==
              "a=\"" + std::string(24, 'x') + "\"\na=\"" + std::string(24, 'x') + "\"\n");
        CHECK(read("{\"a\":\"" + std::string(25, 'x') + "\"}\r\n{}", {.max_line_size = 32}).rows ==
              " ! line 1: the line is longer than 32 bytes; skipped\n\n");
    }

    SUBCASE("a stream that cannot be read is an error")
    {
        std::istringstream in("{}\n");
        in.setstate(std::ios::badbit);
        JsonlReader reader(in);
        JsonlRecord record;
        CHECK_THROWS_AS(reader.next(record), runback::Error);
    }
}
