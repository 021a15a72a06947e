#pragma once
// A one-line progress display on standard error (rows, rows per second, percent when the
// input's size is known), shown only when asked for, which the CLI does when standard error is
// a terminal; redrawn at most ten times a second.

#include <chrono>

namespace runback::batch {

class ProgressMeter {
public:
    // `enabled` false: does nothing. `input_size` in bytes, or negative when unknown.
    ProgressMeter(bool enabled, double input_size);

    void update(long rows, double input_position);
    // Clears the line, leaving the terminal as it was.
    void finish(long rows);

private:
    void draw(long rows, double input_position);

    bool m_enabled;
    double m_input_size;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last_draw;
    bool m_drawn = false;
};

}  // namespace runback::batch
