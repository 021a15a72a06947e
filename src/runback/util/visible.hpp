#pragma once
// Text from input shown in a message: control characters and bytes that are not UTF-8 written
// as \xNN, so that a value in a file can never move a terminal's cursor, clear its screen or
// colour it when an error message quotes it.

#include <string>
#include <string_view>

namespace runback::util {

std::string visible(std::string_view text);

}  // namespace runback::util
