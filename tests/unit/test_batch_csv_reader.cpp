#include <runback/batch/csv_reader.hpp>
#include <runback/batch/jsonl_reader.hpp>
#include <runback/util/error.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using runback::batch::CsvOptions;
using runback::batch::CsvReader;
using runback::batch::CsvRecord;
using runback::batch::Split;

namespace {

// Shows control characters so that expected strings stay on one line.
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
    std::string rows;       // one line per record: fields joined by '|', then " ! error"
    std::string locations;  // "number@line" per record
};

// Reads `text`; with Split::plain_later, records left whole are split by split_plain_record.
Reading read_with(std::string_view text, CsvOptions options, Split split = Split::now)
{
    std::istringstream in{std::string(text)};
    CsvReader reader(in, options);
    CsvRecord record;
    Reading reading;
    std::vector<std::string_view> fields;
    while (reader.next(record, split)) {
        if (record.deferred) {
            REQUIRE(split == Split::plain_later);
            CHECK(record.fields.empty());
            CHECK(record.plain_text.find('"') == std::string_view::npos);
            fields.resize(runback::batch::split_plain_record(record.plain_text, options.delimiter, fields));
        } else {
            fields = record.fields;
        }
        for (std::size_t i = 0; i < fields.size(); ++i) {
            reading.rows += (i > 0 ? "|" : "") + visible(fields[i]);
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
// every position of the text, and with plain records split now or left for later; all must
// give the same records.
Reading read(std::string_view text, CsvOptions options = {})
{
    const Reading expected = read_with(text, options);
    for (const Split split : {Split::now, Split::plain_later}) {
        for (const std::size_t block_size : {std::size_t{1} << 20, std::size_t{1}, std::size_t{2}, std::size_t{3},
                                             std::size_t{5}, std::size_t{8}, std::size_t{13}}) {
            CAPTURE(block_size);
            CAPTURE(split == Split::plain_later);
            options.block_size = block_size;
            const Reading reading = read_with(text, options, split);
            CHECK(reading.rows == expected.rows);
            CHECK(reading.locations == expected.locations);
        }
    }
    return expected;
}

std::string rows(std::string_view text, char delimiter = ',')
{
    return read(text, {.delimiter = delimiter}).rows;
}

std::string locations(std::string_view text) { return read(text).locations; }

std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The objects of a csv-spectrum expectation (an array of flat objects, or one object) as
// "key=value" lines, read with the JSONL reader: each object is put on one line of its own.
std::string expected_objects(const std::string& json)
{
    std::string lines;
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (in_string) {
            lines += c;
            if (c == '\\') {
                lines += json[++i];
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '{' || depth > 0) {
            in_string = c == '"';
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            lines += c == '\n' ? ' ' : c;
            if (depth == 0) {
                lines += '\n';
            }
        }
    }
    std::istringstream in(lines);
    runback::batch::JsonlReader reader(in);
    runback::batch::JsonlRecord record;
    std::string out;
    while (reader.next(record)) {
        REQUIRE(record.ok());
        for (const auto& field : record.fields) {
            out += std::string(field.key) + "=" + visible(field.text) + "\n";
        }
        out += "--\n";
    }
    return out;
}

}  // namespace

TEST_CASE("batch::csv_reader")
{
    SUBCASE("RFC 4180 2.1 and 2.2: records end with CRLF, the last one optionally")
    {
        CHECK(rows("a,b,c\r\n1,2,3\r\n") == "a|b|c\n1|2|3\n");
        CHECK(rows("a,b,c\r\n1,2,3") == "a|b|c\n1|2|3\n");
        CHECK(rows("a,b,c\n1,2,3\n") == "a|b|c\n1|2|3\n");
        CHECK(rows("a,b,c\n1,2,3") == "a|b|c\n1|2|3\n");
        CHECK(rows("a,b\r\n1,2\n3,4\r\n") == "a|b\n1|2\n3|4\n");
        CHECK(rows("") == "");
    }

    SUBCASE("RFC 4180 2.3 and 2.4: spaces belong to fields; a trailing comma adds an empty field")
    {
        CHECK(rows(" a , b \n") == " a | b \n");
        CHECK(rows("a,b,\n") == "a|b|\n");
        CHECK(rows(",,\n") == "||\n");
        CHECK(rows("a,\n,b") == "a|\n|b\n");
    }

    SUBCASE("RFC 4180 2.5 to 2.7: quoted fields hold delimiters, line ends and doubled quotes")
    {
        CHECK(rows("\"a,b\",c\n") == "a,b|c\n");
        CHECK(rows("\"say \"\"hi\"\"\",\"\"\"\"\n") == "say \"hi\"|\"\n");
        CHECK(rows("\"x\r\ny\",\"p\nq\"\r\nz,w\r\n") == "x\\r\\ny|p\\nq\nz|w\n");
        CHECK(rows("\"a\"\r\n\"b\"") == "a\nb\n");
        CHECK(rows("\"\"\"\"\"\"") == "\"\"\n");
    }

    SUBCASE("empty fields and quoted empty fields")
    {
        CHECK(rows("\"\",x,\"\"\n") == "|x|\n");
        // A line holding only "" is a record of one empty field, not an empty line.
        CHECK(rows("a\n\"\"\nb\n") == "a\n\nb\n");
    }

    SUBCASE("empty lines are skipped, take no record number, and count as lines")
    {
        CHECK(rows("a\n\nb\r\n\r\n\n") == "a\nb\n");
        CHECK(locations("a\n\nb\r\n\r\nc\n\n") == "1@1 2@3 3@5");
        CHECK(rows("\n\n") == "");
        CHECK(rows("a\n\r") == "a\n");
    }

    SUBCASE("record numbers count records; lines count physical lines, inside quotes too")
    {
        CHECK(locations("h\n\"x\ny\r\nz\",1\nb\n\"\n\"") == "1@1 2@2 3@5 4@6");
    }

    SUBCASE("a lone CR is data, except at the very end of the input")
    {
        CHECK(rows("a\rb,c\n") == "a\\rb|c\n");
        CHECK(rows("a,b\r") == "a|b\n");
        CHECK(rows("\"a\"\r") == "a\n");
    }

    SUBCASE("a byte order mark is skipped at the start only")
    {
        CHECK(rows("\xEF\xBB\xBF"
                   "a,b\n1,2\n") == "a|b\n1|2\n");
        CHECK(rows("\xEF\xBB\xBF\"a\",b\n") == "a|b\n");
        CHECK(rows("\xEF\xBB\xBF") == "");
        CHECK(rows("\xEF\xBB") == "\xEF\xBB\n");
        CHECK(rows("x\n\xEF\xBB\xBF"
                   "y\n") == "x\n\xEF\xBB\xBFy\n");
    }

    SUBCASE("semicolon and tab delimiters")
    {
        CHECK(rows("a;b,c;\"d;e\"\n1,5;2\n", ';') == "a|b,c|d;e\n1,5|2\n");
        CHECK(rows("a\tb c\t\"d\te\"\r\n\t\n", '\t') == "a|b c|d\\te\n|\n");
        CHECK(rows("a,b;c\n", '\t') == "a,b;c\n");
    }

    SUBCASE("a delimiter that cannot work is refused")
    {
        std::istringstream in;
        CHECK_THROWS_AS(CsvReader(in, {.delimiter = '"'}), runback::Error);
        CHECK_THROWS_AS(CsvReader(in, {.delimiter = '\n'}), runback::Error);
    }

    SUBCASE("a quote inside an unquoted field is an ordinary character")
    {
        CHECK(rows("ab\"c,5'10\",x\"\n") == "ab\"c|5'10\"|x\"\n");
        CHECK(rows("a \"b, c\" d\n") == "a \"b| c\" d\n");
    }

    SUBCASE("text after a closing quote makes the record malformed, and reading recovers")
    {
        CHECK(rows("\"ab\"c,d\n1,2\n") ==
              "\"ab\"c|d ! line 1, column 5: unexpected text after the closing quote of field 1\n"
              "1|2\n");
        CHECK(rows("id,v\np1,\"a\nb\" x\"y,z\r\np2,3\n") ==
              "id|v\np1|\"a\\nb\" x\"y|z ! line 3, column 3: unexpected text after the closing "
              "quote of field 2\np2|3\n");
        CHECK(locations("id,v\np1,\"a\nb\" x\r\np2,3\n") == "1@1 2@2 3@4");
        // Only the first problem is reported.
        CHECK(rows("\"a\"1,\"b\"2\n") ==
              "\"a\"1|\"b\"2 ! line 1, column 4: unexpected text after the closing quote of "
              "field 1\n");
    }

    SUBCASE("a quote left open at the end of the input makes the last record malformed")
    {
        CHECK(rows("a,b\n1,\"open\n2,3\n") ==
              "a|b\n1|open\\n2,3\\n ! unterminated quoted field starting at line 2, column 3\n");
        CHECK(rows("\"") == " ! unterminated quoted field starting at line 1, column 1\n");
        CHECK(rows("x\n\xC3\xA9,\"a\"\"b") ==
              "x\n\xC3\xA9|a\"b ! unterminated quoted field starting at line 2, column 3\n");
    }

    SUBCASE("long fields cross block boundaries")
    {
        const std::string plain(100'000, 'x');
        std::string quoted;
        std::string unquoted;
        for (int i = 0; i < 20'000; ++i) {
            const std::string_view piece = i % 7 == 0 ? "\"\"" : i % 11 == 0 ? "\r\n" : "y,";
            quoted += piece;
            unquoted += piece == "\"\"" ? "\"" : piece;
        }
        // 2858 doubled quotes (i = 0, 7, ..., 19999) and 1559 line ends inside the field.
        const std::string text = "a," + plain + "\n\"" + quoted + "\",b\nc,d\n";
        std::istringstream in(text);
        CsvReader reader(in, {.block_size = 4096});
        CsvRecord record;
        REQUIRE(reader.next(record));
        CHECK(record.fields.size() == 2);
        CHECK(record.fields[1] == plain);
        REQUIRE(reader.next(record));
        CHECK(record.ok());
        REQUIRE(record.fields.size() == 2);
        CHECK(record.fields[0] == unquoted);
        CHECK(record.line == 2);
        REQUIRE(reader.next(record));
        CHECK(record.line == 2 + 1559 + 1);
        CHECK(!reader.next(record));
        CHECK(rows(text) == "a|" + plain + "\n" + visible(unquoted) + "|b\nc|d\n");
    }

    SUBCASE("a record left whole splits at every delimiter, whatever its length")
    {
        // Fields of 0 to 40 bytes put delimiters at every position of the 16-byte chunks the
        // splitter reads, and before and after its last partial chunk.
        std::vector<std::string_view> room;
        for (std::size_t length = 0; length <= 40; ++length) {
            for (std::size_t count = 1; count <= 40; ++count) {
                std::string text;
                std::vector<std::string> expected;
                for (std::size_t i = 0; i < count; ++i) {
                    expected.emplace_back((length + i) % 41, static_cast<char>('a' + i % 26));
                    text += (i > 0 ? ";" : "") + expected.back();
                }
                CAPTURE(text);
                const std::size_t found = runback::batch::split_plain_record(text, ';', room);
                REQUIRE(found == count);
                for (std::size_t i = 0; i < count; ++i) {
                    CHECK(room[i] == expected[i]);
                }
            }
        }
        CHECK(runback::batch::split_plain_record("", ',', room) == 1);
        CHECK(room[0].empty());
    }

    SUBCASE("generated records survive a round trip")
    {
        // Fields of awkward characters, quoted where RFC 4180 needs it and at random elsewhere,
        // with random line ends: reading must give back each field and each record's line.
        std::mt19937 random(4180);
        const std::string_view pieces[] = {"a",  "b",  " ",    ",",       ";",
                                           "\"", "\n", "\r", "\r\n", "\xC3\xA9"};
        std::string text;
        std::string expected_rows;
        std::string expected_locations;
        std::size_t line = 1;
        for (int record = 1; record <= 300; ++record) {
            expected_locations += (record > 1 ? " " : "") + std::to_string(record) + "@" +
                                  std::to_string(line);
            const auto field_count = 1 + random() % 5;
            for (std::size_t i = 0; i < field_count; ++i) {
                std::string field;
                for (auto length = random() % 7; length > 0; --length) {
                    field += pieces[random() % std::size(pieces)];
                }
                const bool must_quote = field.find_first_of(",\"\r\n") != std::string::npos ||
                                        (field.empty() && field_count == 1);
                if (must_quote || random() % 4 == 0) {
                    std::string quoted = "\"";
                    for (const char c : field) {
                        quoted += c == '"' ? "\"\"" : std::string(1, c);
                    }
                    text += quoted + "\"";
                } else {
                    text += field;
                }
                text += i + 1 < field_count ? "," : "";
                expected_rows += (i > 0 ? "|" : "") + visible(field);
                line += static_cast<std::size_t>(std::count(field.begin(), field.end(), '\n'));
            }
            expected_rows += '\n';
            text += random() % 2 == 0 ? "\n" : "\r\n";
            ++line;
        }
        const Reading reading = read(text);
        CHECK(reading.rows == expected_rows);
        CHECK(reading.locations == expected_locations);
    }

    SUBCASE("a record over the size limit is malformed, and reading goes on after its line")
    {
        const std::string long_field(100, 'x');
        CsvOptions options{.max_record_size = 32};
        const std::string message =
            " ! line 2: the record is longer than 32 bytes (is a quote left open?)\n";
        CHECK(read("1,2\n\"" + long_field + "\nnext\n3,4\n", options).rows ==
              "1|2\n" + message + "next\n3|4\n");
        CHECK(read("1,2\n\"" + long_field + "\nnext\n3,4\n", options).locations ==
              "1@1 2@2 3@3 4@4");
        CHECK(read("a\n\"x\ny\n" + long_field + "\nz", options).locations == "1@1 2@2 3@5");
        CHECK(read("1\n" + long_field, options).rows == "1\n" + message);
        // The limit is exact, with either line end and at the end of the input.
        const std::string z(29, 'z');
        const std::string fits = z + ",\"\"";  // 32 bytes
        const std::string over = fits + "z";
        CHECK(read(fits + "\r\n" + fits + "\n" + fits, options).rows ==
              z + "|\n" + z + "|\n" + z + "|\n");
        CHECK(read("1\n" + over + "\r\n2\n", options).rows == "1\n" + message + "2\n");
        CHECK(read("1\n" + over, options).rows == "1\n" + message);
    }

    SUBCASE("a stream that cannot be read is an error")
    {
        std::istringstream in("a,b\n");
        in.setstate(std::ios::badbit);
        CsvReader reader(in);
        CsvRecord record;
        CHECK_THROWS_AS(reader.next(record), runback::Error);
    }

    SUBCASE("the csv-spectrum cases")
    {
        const auto dir = std::filesystem::path(RUNBACK_SHARED_DIR) / "data" / "csv-spectrum";
        if (!std::filesystem::is_directory(dir)) {
            MESSAGE("skipped the csv-spectrum cases: ../shared is absent (no " << dir << ")");
            return;
        }
        int checked = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir / "csvs")) {
            const std::string name = entry.path().stem().string();
            CAPTURE(name);
            std::string csv = read_file(entry.path());
            if (name.ends_with("_crlf")) {
                // The snapshot turned these files' CRLF into LF; put it back.
                std::string crlf;
                for (const char c : csv) {
                    crlf += c == '\n' ? "\r\n" : std::string(1, c);
                }
                csv = crlf;
            }
            std::istringstream in(csv);
            CsvReader reader(in);
            CsvRecord record;
            REQUIRE(reader.next(record));
            const std::vector<std::string> header(record.fields.begin(), record.fields.end());
            std::string actual;
            while (reader.next(record)) {
                REQUIRE(record.ok());
                REQUIRE(record.fields.size() == header.size());
                for (std::size_t i = 0; i < header.size(); ++i) {
                    actual += header[i] + "=" + visible(record.fields[i]) + "\n";
                }
                actual += "--\n";
            }
            std::string expected = expected_objects(read_file(dir / "json" / (name + ".json")));
            if (name == "location_coordinates") {
                // Upstream's expectation at this snapshot has a different phone number from
                // its CSV (fixed upstream later); everything else must match.
                const std::string wrong = "Contact Phone Number=1234567890\n";
                if (const auto at = expected.find(wrong); at != std::string::npos) {
                    expected.replace(at, wrong.size(), "Contact Phone Number=2095257564\n");
                }
            }
            CHECK(actual == expected);
            ++checked;
        }
        CHECK(checked >= 12);
    }
}
