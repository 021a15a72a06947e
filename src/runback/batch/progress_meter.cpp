#include <runback/batch/progress_meter.hpp>

#include <fmt/format.h>

#include <cstdio>

namespace runback::batch {

using Clock = std::chrono::steady_clock;

ProgressMeter::ProgressMeter(bool enabled, double input_size)
    : m_enabled(enabled), m_input_size(input_size), m_start(Clock::now()), m_last_draw(m_start) {}

void ProgressMeter::update(long rows, double input_position) {
    if (!m_enabled) return;
    const auto now = Clock::now();
    if (now - m_last_draw < std::chrono::milliseconds(100)) return;
    m_last_draw = now;
    draw(rows, input_position);
}

void ProgressMeter::draw(long rows, double input_position) {
    const double seconds = std::chrono::duration<double>(Clock::now() - m_start).count();
    std::string line = fmt::format("\r  {:>12} rows  {:>10.0f} rows/s", rows, seconds > 0 ? rows / seconds : 0.0);
    if (m_input_size > 0 && input_position >= 0)
        line += fmt::format("  {:3.0f}%", 100.0 * input_position / m_input_size);
    line += "\x1b[K";
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressMeter::finish(long rows) {
    (void)rows;
    if (!m_drawn) return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
}

}  // namespace runback::batch
