#pragma once
// Calendar dates as sheets print them.

#include <string>
#include <string_view>

namespace runback::util {

// Today's local date as YYYY-MM-DD.
std::string today_iso_date();

// Whether `text` is a date written YYYY-MM-DD that exists in the calendar.
bool is_iso_date(std::string_view text);

}  // namespace runback::util
