// Input quoted in messages can never drive a terminal: control characters and broken UTF-8 are
// shown as \xNN, readable text as it is.

#include <runback/util/visible.hpp>

#include <doctest/doctest.h>

using runback::util::visible;

TEST_CASE("util::visible") {
    CHECK(visible("lower_back") == "lower_back");
    CHECK(visible("M\xc3\xbcnchen \xe2\x82\xac") == "M\xc3\xbcnchen \xe2\x82\xac");
    CHECK(visible("\x1b[2J") == "\\x1b[2J");
    CHECK(visible(std::string("a\0b", 3)) == "a\\x00b");
    CHECK(visible("tab\there\r\n") == "tab\\x09here\\x0d\\x0a");
    CHECK(visible("\xff\xfe") == "\\xff\\xfe");
    CHECK(visible("\xc3") == "\\xc3");
    CHECK(visible("\x7f") == "\\x7f");
}
