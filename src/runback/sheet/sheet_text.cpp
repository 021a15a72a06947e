// The sheet as plain text in 80 columns, for a terminal or a plain printer. The urgency scale
// is drawn in characters, with the level marked by words as well as position.

#include <runback/sheet/sheet_render.hpp>
#include <runback/util/text_wrap.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace runback::sheet {
namespace {

constexpr std::size_t k_width = 80;
using util::append_wrapped;

class TextSheet {
public:
    explicit TextSheet(const Sheet& sheet) : m_sheet(sheet) {}

    std::string render() {
        append_wrapped(m_out, k_sheet_title, "", "", k_width);
        if (!m_sheet.name.empty()) append_wrapped(m_out, "For: " + printable(m_sheet.name), "", "     ", k_width);
        if (!m_sheet.id.empty()) append_wrapped(m_out, "Id: " + printable(m_sheet.id), "", "    ", k_width);
        append_wrapped(m_out, "Date: " + m_sheet.date, "", "", k_width);
        for (const auto& alert : m_sheet.alerts) {
            m_out += '\n';
            append_wrapped(m_out, "WARNING: " + alert, "", "  ", k_width);
        }
        write_urgency();
        if (!m_sheet.act_now.empty()) write_actions("WHAT TO DO NOW", m_sheet.act_now, false);
        write_causes();
        if (!m_sheet.actions.empty()) write_actions("WHAT TO DO", m_sheet.actions, true);
        write_more_actions();
        write_avoid();
        if (!m_sheet.see_someone.empty())
            write_actions("WHEN TO SEE A DOCTOR OR PHYSIOTHERAPIST", m_sheet.see_someone, false);
        write_list("PLEASE NOTE", m_sheet.notes);
        write_training();
        write_answers();
        heading("SOURCES");
        append_wrapped(m_out, join(m_sheet.sources, "; "), "  ", "  ", k_width);
        m_out += '\n';
        append_wrapped(m_out, m_sheet.disclaimer, "", "", k_width);
        append_wrapped(m_out, "Made by runback with the " + m_sheet.rules + ".", "", "", k_width);
        return std::move(m_out);
    }

private:
    static std::string join(const std::vector<std::string>& items, std::string_view separator) {
        std::string joined;
        for (const auto& item : items) joined += (joined.empty() ? "" : std::string(separator)) + item;
        return joined;
    }

    void heading(std::string_view title) {
        m_out += '\n';
        m_out += title;
        m_out += '\n';
    }

    void write_urgency() {
        const std::string rule(k_width, '=');
        m_out += '\n' + rule + '\n';
        append_wrapped(m_out, m_sheet.headline, "  ", "  ", k_width);
        m_out += rule + '\n';
        // The scale, with the level in capitals between arrows: it reads in black and white.
        std::string scale = "Urgency scale:";
        for (std::size_t level = 0; level < 4; ++level) {
            const bool here = level == static_cast<std::size_t>(m_sheet.urgency);
            std::string word = scale_word(m_sheet, static_cast<rules::Urgency>(level));
            if (here) {
                for (char& c : word) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
                word = ">> " + word + " <<";
            }
            scale += (level == 0 ? "  " : " | ") + word;
        }
        m_out += scale + '\n';
        m_out += '\n';
        append_wrapped(m_out, m_sheet.meaning, "", "", k_width);
        if (!m_sheet.missing.empty()) {
            m_out += std::string(k_missing_heading) + '\n';
            for (const auto& question : m_sheet.missing) append_wrapped(m_out, question, "  - ", "    ", k_width);
        }
        if (m_sheet.reasons.empty()) return;
        m_out += "Why:\n";
        for (const auto& reason : m_sheet.reasons) append_wrapped(m_out, reason, "  - ", "    ", k_width);
    }

    void write_causes() {
        if (m_sheet.causes.empty()) return;
        heading("LIKELY CAUSES, MOST LIKELY FIRST (possibilities, not a diagnosis)");
        int number = 0;
        for (const auto& cause : m_sheet.causes) {
            append_wrapped(m_out, cause.name + ". " + cause.summary, fmt::format("  {}. ", ++number), "     ", k_width);
            std::string because;
            for (const auto& reason : cause.because)
                because += (because.empty() ? "" : "; ") + reason.question + " " + reason.answer;
            if (!because.empty()) append_wrapped(m_out, "From your answers: " + because, "     ", "     ", k_width);
        }
        if (!m_sheet.more_causes.empty())
            append_wrapped(m_out, "Also possible: " + join(m_sheet.more_causes, "; ") + ".", "  ", "  ", k_width);
    }

    void write_more_actions() {
        if (m_sheet.more_actions.empty()) return;
        heading(std::string(k_more_actions_heading));
        for (const auto& brief : m_sheet.more_actions) {
            append_wrapped(m_out, brief.title + ": " + brief.summary, "  - ", "    ", k_width);
            if (!brief.caution.empty()) append_wrapped(m_out, "Caution: " + brief.caution, "    ", "    ", k_width);
        }
    }

    void write_actions(std::string_view title, const std::vector<SheetAction>& actions, bool numbered) {
        heading(title);
        int number = 0;
        for (const auto& action : actions) {
            const std::string first = numbered ? fmt::format("  {}. ", ++number) : "  ";
            const std::string indent(numbered ? 5 : 2, ' ');
            append_wrapped(m_out, action.title, first, indent, k_width);
            for (const auto& step : action.steps) append_wrapped(m_out, step, indent + "- ", indent + "  ", k_width);
            if (!action.caution.empty())
                append_wrapped(m_out, "Caution: " + action.caution, indent, indent, k_width);
        }
    }

    void write_avoid() {
        if (m_sheet.avoid.empty()) return;
        heading("WHAT TO AVOID FOR NOW, AND WHY");
        for (const auto& avoid : m_sheet.avoid)
            append_wrapped(m_out, avoid.title + ": " + avoid.reason, "  - ", "    ", k_width);
    }

    void write_list(std::string_view title, const std::vector<std::string>& items) {
        if (items.empty()) return;
        heading(title);
        for (const auto& item : items) append_wrapped(m_out, item, "  - ", "    ", k_width);
    }

    void write_training() {
        const auto& weeks = m_sheet.training.weeks;
        if (weeks.empty()) return;
        heading("YOUR RUNNING, THE LAST 12 WEEKS (from your training log)");
        if (!m_sheet.training.summary.empty()) append_wrapped(m_out, m_sheet.training.summary, "  ", "  ", k_width);
        double most = 0;
        for (const auto& week : weeks) most = std::max(most, week.km);
        for (const auto& week : weeks) {
            const auto length = most > 0 ? static_cast<std::size_t>(std::lround(week.km / most * 40)) : 0;
            m_out += fmt::format("  week to {:<7} {:<40} {:>6.1f} km\n", week.label, std::string(length, '#'), week.km);
        }
        if (!m_sheet.training.spike.empty()) append_wrapped(m_out, m_sheet.training.spike, "  ", "  ", k_width);
    }

    void write_answers() {
        heading("YOUR ANSWERS");
        if (m_sheet.answers.empty()) append_wrapped(m_out, "None given.", "  ", "  ", k_width);
        for (const auto& answer : m_sheet.answers)
            append_wrapped(m_out, answer.question + ": " + answer.answer, "  ", "    ", k_width);
    }

    const Sheet& m_sheet;
    std::string m_out;
};

}  // namespace

std::string render_sheet_text(const Sheet& sheet) { return TextSheet(sheet).render(); }

}  // namespace runback::sheet
