// The sheet as one self-contained HTML file: styles inline, the urgency scale drawn as inline
// SVG, nothing fetched (a Content-Security-Policy forbids it even if something slipped in),
// and print styles so that it prints as it looks on screen.

#include <runback/sheet/figures.hpp>
#include <runback/sheet/sheet_render.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace runback::sheet {
namespace {

std::string html(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    for (char c : printable(text)) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

// A CSS string holding `text`: every character but letters, digits and spaces as a hex
// escape, so that nothing typed can end the string or the style element.
std::string css_string(std::string_view text) {
    std::string out = "\"";
    for (char c : printable(text)) {
        const auto byte = static_cast<unsigned char>(c);
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ';
        if (plain || byte >= 0x80) out += c;
        else out += fmt::format("\\{:x} ", byte);
    }
    return out + "\"";
}

// Level colours, each with a darker shade for text on white; the level's word (urgency_word) is
// always shown beside the colour, for black-and-white printers and colour-blind readers.
struct LevelStyle {
    std::string_view fill;
    std::string_view ink;
};
constexpr LevelStyle k_levels[] = {
    {"#2e9e4f", "#1d6b34"},
    {"#f2b705", "#7a5c00"},
    {"#ee7b1c", "#9a4a06"},
    {"#d62828", "#9b1717"},
};

constexpr std::string_view k_style = R"(
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
       font-size: 8pt; line-height: 1.2; max-width: 190mm; margin: 12mm auto; padding: 0 6mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 11pt; margin: 3mm 0 1.5mm; padding-bottom: 1mm; border-bottom: 1px solid var(--line);
     break-after: avoid; }
.who { color: var(--muted); margin: 0 0 3mm; }
.urgency { border: 2.5px solid var(--level); border-left-width: 10px; border-radius: 4px;
           padding: 3mm 4mm; margin: 0 0 3mm; break-inside: avoid; }
.urgency .headline { font-size: 15pt; font-weight: bold; color: var(--level-ink); margin: 0 0 1.5mm; }
.urgency p { margin: 1mm 0; }
.urgency ul { margin: 1mm 0 0; padding-left: 5mm; }
.scale { display: block; margin: 1mm 0 2mm; max-width: 100%; height: auto; }   /* shrinks on a phone */
ol, ul { margin: 1mm 0; padding-left: 6mm; }
li { margin: 0.3mm 0; }
.item { break-inside: avoid; margin: 0 0 1.5mm; }
.item .title { font-weight: bold; }
.figure { float: right; margin: 0 0 1mm 2mm; width: 80px; height: 48px; }
.because { color: var(--muted); font-size: 7.5pt; }
.caution { border-left: 3px solid #ee7b1c; padding-left: 2mm; margin: 1mm 0 0; }
.alert { border: 2px solid #cf222e; padding: 2mm 3mm; margin: 0 0 3mm; }
.now { background: #fff4f4; border-radius: 4px; padding: 1mm 3mm; }
@media print, (min-width: 700px) { .flow { columns: 2; column-gap: 6mm; } }
.flow section:first-child h2 { margin-top: 0; }
h3 { font-size: 8pt; margin: 2mm 0 1mm; break-after: avoid; }
.more ul { padding-left: 4mm; }
.do .item { break-inside: auto; margin-bottom: 2mm; }
.do .title { break-after: avoid; }
.do ul { padding-left: 4mm; }
.answers { font-size: 7pt; line-height: 1.25; color: var(--muted); padding-left: 0; list-style: none; }
.answers li { display: inline; }
.answers li + li::before { content: " · "; }
.small { font-size: 7pt; color: var(--muted); }
.weeks { display: block; max-width: 100%; height: auto; margin: 1mm 0; }
.training { break-inside: avoid; }
.disclaimer { break-inside: avoid; margin-top: 3mm; padding-top: 2mm; border-top: 1px solid var(--line); font-style: italic; }
@page { size: PAPER; margin: 11mm 11mm 13mm;
  @bottom-left { content: FOOTER; font: 7.5pt "DejaVu Sans", Arial, sans-serif; color: #57606a; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 7.5pt "DejaVu Sans", Arial, sans-serif;
                  color: #57606a; } }
@media print {
  body { margin: 0 auto; padding: 0; max-width: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

// The traffic-light scale: four lights, the current one large and lit, every one labelled.
std::string urgency_scale(const Sheet& sheet) {
    const rules::Urgency urgency = sheet.urgency;
    std::string svg =
        R"(<svg class="scale" role="img" aria-label="Urgency scale" width="440" height="46" viewBox="0 0 440 46" xmlns="http://www.w3.org/2000/svg">)";
    for (std::size_t level = 0; level < 4; ++level) {
        const auto& style = k_levels[level];
        const bool here = level == static_cast<std::size_t>(urgency);
        const int x = 20 + static_cast<int>(level) * 110;
        svg += fmt::format(R"(<rect x="{}" y="17" width="{}" height="4" fill="#d0d7de"/>)", x, level < 3 ? 110 : 0);
        svg += fmt::format(R"(<circle cx="{}" cy="19" r="{}" fill="{}" stroke="{}" stroke-width="{}"{}/>)", x,
                           here ? 13 : 8, here ? style.fill : "#ffffff", style.fill, here ? 3 : 2,
                           here ? "" : R"( opacity="0.9")");
        svg += fmt::format(R"(<text x="{}" y="44" font-size="{}" text-anchor="{}" font-weight="{}" fill="{}">{}</text>)",
                           level == 0 ? 8 : x, here ? 12 : 10.5, level == 0 ? "start" : "middle",
                           here ? "bold" : "normal", here ? style.ink : "#57606a",
                           html(scale_word(sheet, static_cast<rules::Urgency>(level))));
    }
    return svg + "</svg>";
}

// The training log's weeks as a bar chart in inline SVG: a bar a week, its distance above it
// and the week's last day below every other bar, so that the labels never collide.
std::string training_chart(const SheetTraining& training) {
    const auto& weeks = training.weeks;
    double most = 0;
    for (const auto& week : weeks) most = std::max(most, week.km);
    constexpr int k_bar = 22, k_gap = 6, k_chart_height = 60, k_top = 12;
    const int width = static_cast<int>(weeks.size()) * (k_bar + k_gap);
    std::string svg = fmt::format(
        R"(<svg class="weeks" role="img" aria-label="Kilometres run each week" width="{}" height="{}" viewBox="0 0 {} {}" )"
        R"(xmlns="http://www.w3.org/2000/svg" font-size="7">)",
        width, k_chart_height + k_top + 14, width, k_chart_height + k_top + 14);
    for (std::size_t i = 0; i < weeks.size(); ++i) {
        const auto& week = weeks[i];
        const double height = most > 0 ? week.km / most * k_chart_height : 0;
        const int x = static_cast<int>(i) * (k_bar + k_gap);
        svg += fmt::format(R"(<rect x="{}" y="{:.1f}" width="{}" height="{:.1f}" fill="#3b7dd8"><title>{}: {:.1f} km, {} runs</title></rect>)",
                           x, k_top + k_chart_height - height, k_bar, height, html(week.label), week.km, week.runs);
        svg += fmt::format(R"(<text x="{}" y="{:.1f}" text-anchor="middle" fill="#1f2328">{:.0f}</text>)", x + k_bar / 2,
                           k_top + k_chart_height - height - 2, week.km);
        if (i % 2 == weeks.size() % 2 || i + 1 == weeks.size())
            svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="#57606a">{}</text>)", x + k_bar / 2,
                               k_top + k_chart_height + 10, html(week.label));
    }
    return svg + "</svg>";
}

// An exercise's figure as inline SVG, floated beside its steps.
std::string figure_svg(const Figure& figure) {
    std::string svg = fmt::format(
        R"(<svg class="figure" role="img" aria-label="{}" width="96" height="58" viewBox="0 0 {} {}" )"
        R"(xmlns="http://www.w3.org/2000/svg" fill="none" stroke="#1f2328" stroke-width="3" )"
        R"(stroke-linecap="round" stroke-linejoin="round">)",
        html(figure.caption), k_figure_width, k_figure_height);
    for (const auto& line : figure.lines) {
        svg += "<polyline points=\"";
        for (const auto& point : line) svg += fmt::format("{},{} ", point.x, point.y);
        svg += "\"/>";
    }
    svg += fmt::format(R"(<circle cx="{}" cy="{}" r="{}" fill="#1f2328"/>)", figure.head.x, figure.head.y, k_head_radius);
    return svg + "</svg>";
}

void actions(std::string& out, std::string_view title, const std::vector<SheetAction>& list, bool numbered,
             std::string_view css_class) {
    out += fmt::format("<section class=\"{}\"><h2>{}</h2>\n", css_class, title);
    out += numbered ? "<ol>\n" : "<div>\n";
    for (const auto& action : list) {
        out += numbered ? "<li class=\"item\">" : "<div class=\"item\">";
        if (const Figure* figure = figure_for(action.id)) out += figure_svg(*figure);
        out += "<div class=\"title\">" + html(action.title) + "</div><ul>";
        for (const auto& step : action.steps) out += "<li>" + html(step) + "</li>";
        out += "</ul>";
        if (!action.caution.empty()) out += "<p class=\"caution\"><b>Caution:</b> " + html(action.caution) + "</p>";
        out += numbered ? "</li>\n" : "</div>\n";
    }
    out += numbered ? "</ol></section>\n" : "</div></section>\n";
}

}  // namespace

std::string render_sheet_html(const Sheet& sheet, const RenderOptions& options) {
    // Unchecked warning signs are no all-clear: the box takes the amber of "see someone".
    const auto& level = k_levels[sheet.unchecked ? std::size_t{1} : static_cast<std::size_t>(sheet.urgency)];
    std::string style(k_style);
    style.replace(style.find("PAPER"), 5, options.paper == Paper::letter ? "letter" : "A4");
    std::string footer = sheet.name.empty() ? std::string(k_sheet_title) : sheet.name;
    style.replace(style.find("FOOTER"), 6, css_string(footer + " · " + sheet.date));

    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + html(k_sheet_title) + (sheet.name.empty() ? "" : " – " + html(sheet.name)) + "</title>\n";
    out += "<style>" + style + "</style>\n</head>\n<body>\n";
    out += "<h1>" + html(k_sheet_title) + "</h1>\n<p class=\"who\">";
    if (!sheet.name.empty()) out += "For <b>" + html(sheet.name) + "</b> · ";
    if (!sheet.id.empty()) out += "Id " + html(sheet.id) + " · ";
    out += html(sheet.date) + "</p>\n";

    for (const auto& alert : sheet.alerts) out += "<p class=\"alert\"><b>Warning:</b> " + html(alert) + "</p>\n";
    out += fmt::format("<section class=\"urgency\" style=\"--level: {}; --level-ink: {}\">\n", level.fill, level.ink);
    out += "<p class=\"headline\">" + html(sheet.headline) + "</p>\n" + urgency_scale(sheet) + "\n";
    out += "<p>" + html(sheet.meaning) + "</p>\n";
    if (!sheet.missing.empty()) {
        out += "<p><b>" + html(k_missing_heading) + "</b></p><ul>";
        for (const auto& question : sheet.missing) out += "<li>" + html(question) + "</li>";
        out += "</ul>\n";
    }
    if (!sheet.reasons.empty()) {
        out += "<p><b>Why:</b></p><ul>";
        for (const auto& reason : sheet.reasons) out += "<li>" + html(reason) + "</li>";
        out += "</ul>\n";
    }
    out += "</section>\n";
    out += in_two_columns(sheet) ? "<div class=\"flow\">\n" : "<div>\n";

    if (!sheet.act_now.empty()) actions(out, "What to do now", sheet.act_now, false, "now");
    if (!sheet.causes.empty()) {
        out += "<section><h2>Likely causes, most likely first</h2>\n"
               "<p class=\"small\">These are possibilities, not a diagnosis.</p>\n<ol>\n";
        for (const auto& cause : sheet.causes) {
            out += "<li class=\"item\"><span class=\"title\">" + html(cause.name) + ".</span> " + html(cause.summary);
            std::string because;
            for (const auto& reason : cause.because)
                because += (because.empty() ? "" : "; ") + html(reason.question) + " <i>" + html(reason.answer) + "</i>";
            if (!because.empty()) out += "<div class=\"because\">From your answers: " + because + "</div>";
            out += "</li>\n";
        }
        out += "</ol>\n";
        if (!sheet.more_causes.empty()) {
            out += "<p class=\"more\">Also possible: ";
            for (std::size_t i = 0; i < sheet.more_causes.size(); ++i) out += (i ? "; " : "") + html(sheet.more_causes[i]);
            out += ".</p>\n";
        }
        out += "</section>\n";
    }
    if (!sheet.actions.empty()) actions(out, "What to do", sheet.actions, true, "do");
    if (!sheet.more_actions.empty()) {
        out += "<section class=\"more\"><h3>" + html(k_more_actions_heading) + "</h3><ul>\n";
        for (const auto& brief : sheet.more_actions) {
            out += "<li><b>" + html(brief.title) + ":</b> " + html(brief.summary);
            if (!brief.caution.empty()) out += " <b>Caution:</b> " + html(brief.caution);
            out += "</li>\n";
        }
        out += "</ul></section>\n";
    }
    if (!sheet.avoid.empty()) {
        out += "<section><h2>What to avoid for now, and why</h2><ul>\n";
        for (const auto& avoid : sheet.avoid)
            out += "<li><b>" + html(avoid.title) + ":</b> " + html(avoid.reason) + "</li>\n";
        out += "</ul></section>\n";
    }
    if (!sheet.see_someone.empty()) actions(out, "When to see a doctor or physiotherapist", sheet.see_someone, false, "care");
    if (!sheet.notes.empty()) {
        out += "<section><h2>Please note</h2><ul>\n";
        for (const auto& note : sheet.notes) out += "<li>" + html(note) + "</li>\n";
        out += "</ul></section>\n";
    }
    if (!sheet.training.weeks.empty()) {
        out += "<section class=\"training\"><h2>" + html(k_training_heading) + "</h2>\n";
        if (!sheet.training.summary.empty()) out += "<p>" + html(sheet.training.summary) + "</p>\n";
        out += training_chart(sheet.training) + "\n";
        if (!sheet.training.spike.empty()) out += "<p class=\"small\">" + html(sheet.training.spike) + "</p>\n";
        out += "</section>\n";
    }
    out += "<section><h2>Your answers</h2>\n<ul class=\"answers\">\n";
    if (sheet.answers.empty()) out += "<li>None given.</li>\n";
    for (const auto& answer : sheet.answers)
        out += "<li>" + html(answer.question) + ": <b>" + html(answer.answer) + "</b></li>\n";
    out += "</ul></section>\n<section><h2>Sources</h2>\n<p class=\"small\">";
    for (std::size_t i = 0; i < sheet.sources.size(); ++i) out += (i ? "; " : "") + html(sheet.sources[i]);
    out += "</p></section>\n";
    out += "<p class=\"disclaimer\">" + html(sheet.disclaimer) + "</p>\n";
    out += "<p class=\"small\">Made by runback with the " + html(sheet.rules) + ".</p>\n";
    out += "</div>\n</body>\n</html>\n";
    return out;
}

}  // namespace runback::sheet
