#pragma once
// Small stick figures for the exercises on the sheet, so that a runner can see the position
// at a glance: lines and a head in a 100 x 60 box (y downwards), drawn by each format (SVG in
// HTML, cairo in the PDF). Keyed by action id; an action without a figure has none.

#include <string_view>
#include <vector>

namespace runback::sheet {

struct Point {
    double x;
    double y;
};

struct Figure {
    std::string_view action;                 // the action id it shows
    std::string_view caption;                // what it shows, for screen readers and alt text
    Point head;                              // the head's centre
    std::vector<std::vector<Point>> lines;   // body, limbs, and the ground or a wall
};

inline constexpr double k_figure_width = 100;
inline constexpr double k_figure_height = 60;
inline constexpr double k_head_radius = 5;

// The figure for an action, or nullptr.
const Figure* figure_for(std::string_view action);

}  // namespace runback::sheet
