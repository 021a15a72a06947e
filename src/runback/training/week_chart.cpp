#include <runback/training/week_chart.hpp>

#include <runback/training/log_time.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace runback::training {
namespace {

double highest(const std::vector<WeekTotal>& weeks) {
    double most = 0;
    for (const auto& week : weeks) most = std::max(most, week.km);
    return most;
}

}  // namespace

std::string sparkline(const std::vector<WeekTotal>& weeks) {
    static constexpr std::array<const char*, 8> blocks = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    const double most = highest(weeks);
    std::string line;
    for (const auto& week : weeks) {
        if (!week.covered) {
            line += " ";
            continue;
        }
        const auto level = most > 0 ? static_cast<std::size_t>(std::lround(week.km / most * 7)) : 0;
        line += week.km > 0 || level > 0 ? blocks[std::min<std::size_t>(level, 7)] : "·";
    }
    return line;
}

std::string week_bars(const std::vector<WeekTotal>& weeks, std::size_t bar_width) {
    // Eighths of a column, so that small differences between weeks still show.
    static constexpr std::array<const char*, 8> partial = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    const double most = highest(weeks);
    std::string out;
    for (const auto& week : weeks) {
        out += fmt::format("  {} to {}  ", day_text(week.first_day), day_text(week.last_day).substr(5));
        if (!week.covered && week.runs == 0) {
            out += "(before the log begins)\n";
            continue;
        }
        const auto eighths = most > 0 ? static_cast<std::size_t>(std::lround(week.km / most * static_cast<double>(bar_width * 8))) : 0;
        std::string bar;
        for (std::size_t i = 0; i < eighths / 8; ++i) bar += "█";
        bar += partial[eighths % 8];
        const std::size_t used = eighths / 8 + (eighths % 8 ? 1 : 0);
        out += bar + std::string(bar_width + 1 - std::min(used, bar_width), ' ');
        out += fmt::format("{:>6.1f} km  {} run{}\n", week.km, week.runs, week.runs == 1 ? "" : "s");
    }
    return out;
}

}  // namespace runback::training
