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
