#pragma once
// Keeping a sheet to one printed page. Most runners' answers bring up several likely causes and
// ten or more actions, which in full run to two or three pages; a sheet for the fridge is read
// when it is short. So, unless the whole sheet is asked for, the likeliest causes and the
// highest-ranked actions stay in full and the rest are listed a line each ("Also possible",
// "More that may help"), until the estimate says the page is full. What keeps a runner safe is
// never shortened: what to do now, what to avoid, when to see someone, the notes, the answers.

#include <runback/sheet/sheet.hpp>

namespace runback::sheet {

// How much of a page, in lines of body text in one of the page's two columns, the sheet's
// content is estimated to take (the urgency at the top spans both columns and counts twice).
// The estimate errs long; k_lines_per_page is calibrated against the PDF.
double estimated_lines(const Sheet& sheet);

// The lines one page holds below the title (the A4 layout of the PDF and printed HTML; US
// letter is a little shorter and may run over).
inline constexpr double k_lines_per_page = 150;

// Shortens `sheet` as described above until estimated_lines fits k_lines_per_page, or nothing
// more may be shortened. The first k_full_causes causes and k_full_actions actions stay whole;
// of the others, exercises (the actions drawn with a figure) are shortened last, since their
// steps are how to do them.
void fit_to_page(Sheet& sheet);

inline constexpr std::size_t k_full_causes = 2;
inline constexpr std::size_t k_full_actions = 2;

}  // namespace runback::sheet
