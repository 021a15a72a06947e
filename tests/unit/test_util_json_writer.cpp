#include <runback/util/json_writer.hpp>

#include <doctest/doctest.h>

using namespace runback;

TEST_CASE("util::json_writer") {
    SUBCASE("strings are escaped as JSON requires, plain runs copied whole") {
        std::string out;
        util::append_json_string(out, "a\"b\\c\nd\re\tf\x01g\x1fh é");
        CHECK(out == "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh é\"");
        out.clear();
        util::append_json_string(out, "");
        CHECK(out == "\"\"");
    }
    SUBCASE("well-formed UTF-8 is kept, anything else becomes U+FFFD, so the JSON is always valid") {
        const auto json = [](std::string_view text) {
            std::string out;
            util::append_json_string(out, text);
            return out;
        };
        CHECK(json("M\xc3\xbcnchen \xe2\x82\xac \xf0\x9f\x8f\x83") == "\"M\xc3\xbcnchen \xe2\x82\xac \xf0\x9f\x8f\x83\"");
        const std::string bad = "\xef\xbf\xbd";
        CHECK(json("a\xff\xfe" "b") == "\"a" + bad + bad + "b\"");
        CHECK(json("\xc3") == "\"" + bad + "\"");                          // cut short at the end
        CHECK(json("\xc0\xaf") == "\"" + bad + bad + "\"");                // overlong '/'
        CHECK(json("\xed\xa0\x80") == "\"" + bad + bad + bad + "\"");     // a surrogate
        CHECK(json("\xf4\x90\x80\x80") == "\"" + bad + bad + bad + bad + "\"");   // past U+10FFFF
        CHECK(json("\xe2\x82") == "\"" + bad + bad + "\"");
    }
    SUBCASE("numbers in shortest form") {
        std::string out;
        util::append_json_number(out, 5);
        out += ' ';
        util::append_json_number(out, 12.5);
        out += ' ';
        util::append_json_number(out, 0.1);
        CHECK(out == "5 12.5 0.1");
    }
    SUBCASE("commas between members and elements, none after openers") {
        std::string out;
        util::JsonWriter json(out);
        json.begin_object().key("a").value(1).key("b").begin_array().value("x").value(true).end_array();
        json.key("c").begin_object().end_object().end_object();
        CHECK(out == R"({"a":1,"b":["x",true],"c":{}})");
    }
}
