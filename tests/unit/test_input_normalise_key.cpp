// is_normalised_key against normalise_key itself: every byte alone, at either end of a word
// and inside it.

#include <runback/input/answer_mapper.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace runback;

TEST_CASE("input::is_normalised_key") {
    CHECK(input::is_normalised_key(""));
    for (int byte = 0; byte < 256; ++byte) {
        const std::string c(1, static_cast<char>(byte));
        for (const std::string& key : {c, c + "age", "age" + c, "a" + c + "e"}) {
            CAPTURE(byte);
            CHECK(input::is_normalised_key(key) == (input::normalise_key(key) == key));
        }
    }
}
