#pragma once
// The weekly totals as a terminal chart: a one-line sparkline, and a bar per week with its
// dates, distance and number of runs.

#include <runback/training/training_summary.hpp>

#include <string>

namespace runback::training {

// "▁▂▃▅▇█": one block per week, the highest week full.
std::string sparkline(const std::vector<WeekTotal>& weeks);

// One line per week, oldest first, each "  Nov 23 to Nov 29  ██████▌      32.5 km  4 runs",
// bars scaled to `bar_width` columns for the highest week. Weeks the log does not reach say so.
std::string week_bars(const std::vector<WeekTotal>& weeks, std::size_t bar_width = 30);

}  // namespace runback::training
