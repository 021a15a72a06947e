#include <runback/sheet/sheet_fit.hpp>

#include <runback/sheet/figures.hpp>
#include <runback/util/text_wrap.hpp>

#include <algorithm>

namespace runback::sheet {
namespace {

// Characters per line of a column at the body size (DejaVu Sans 8 pt, about 4.4 pt a
// character in a 256 pt column), for text at that indent; the small print holds more.
constexpr std::size_t k_column_chars = 56;
constexpr std::size_t k_indented_chars = 50;
constexpr std::size_t k_small_chars = 64;
constexpr double k_heading = 2.8;   // a heading, the space above it and its rule

// Lines `text` takes wrapped at `width` characters, breaking between words as a typesetter
// does (a word longer than the line takes a line of its own).
double wrapped_lines(std::string_view text, std::size_t width) {
    std::size_t lines = 1, used = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        const std::size_t word = util::display_width(text.substr(start, end - start));
        if (used > 0 && used + 1 + word > width) {
            ++lines;
            used = word;
        } else {
            used += (used > 0 ? 1 : 0) + word;
        }
        start = end + 1;
    }
    return static_cast<double>(lines);
}

double action_lines(const SheetAction& action) {
    double lines = 1.4 + wrapped_lines(action.title, k_column_chars);
    for (const auto& step : action.steps) lines += 0.1 + wrapped_lines(step, k_indented_chars);
    if (!action.caution.empty()) lines += 0.2 + wrapped_lines("Caution: " + action.caution, k_indented_chars);
    return lines;
}

double actions_lines(const std::vector<SheetAction>& actions) {
    if (actions.empty()) return 0;
    double lines = k_heading;
    for (const auto& action : actions) lines += action_lines(action);
    return lines;
}

double cause_lines(const SheetCause& cause) {
    double lines = 0.4 + wrapped_lines(cause.name + ". " + cause.summary, k_column_chars);
    std::string because = "From your answers: ";
    for (const auto& reason : cause.because) because += reason.question + " " + reason.answer + "; ";
    return lines + wrapped_lines(because, k_column_chars);
}

double briefs_lines(const std::vector<SheetBrief>& briefs) {
    if (briefs.empty()) return 0;
    double lines = 1.5;   // the subheading
    for (const auto& brief : briefs) {
        lines += 0.1 + wrapped_lines(brief.title + ": " + brief.summary, k_indented_chars);
        if (!brief.caution.empty()) lines += wrapped_lines("Caution: " + brief.caution, k_indented_chars);
    }
    return lines;
}

}  // namespace

double estimated_lines(const Sheet& sheet) {
    // The urgency box spans both columns: its lines at full width, counted in both.
    double urgency = 7 + wrapped_lines(sheet.meaning, 2 * k_column_chars);
    for (const auto& reason : sheet.reasons) urgency += wrapped_lines(reason, 2 * k_indented_chars);
    if (!sheet.reasons.empty()) urgency += 1;
    for (const auto& question : sheet.missing) urgency += wrapped_lines(question, 2 * k_indented_chars);
    if (!sheet.missing.empty()) urgency += 1;
    for (const auto& alert : sheet.alerts) urgency += 0.5 + wrapped_lines(alert, 2 * k_column_chars);
    double lines = 2 * urgency;

    lines += actions_lines(sheet.act_now);
    if (!sheet.causes.empty()) {
        lines += k_heading + 1;
        for (const auto& cause : sheet.causes) lines += cause_lines(cause);
        if (!sheet.more_causes.empty()) {
            std::string names = "Also possible: ";
            for (const auto& name : sheet.more_causes) names += name + "; ";
            lines += 0.4 + wrapped_lines(names, k_column_chars);
        }
    }
    lines += actions_lines(sheet.actions) + briefs_lines(sheet.more_actions);
    if (!sheet.avoid.empty()) {
        lines += k_heading;
        for (const auto& avoid : sheet.avoid) lines += 0.1 + wrapped_lines(avoid.title + ": " + avoid.reason, k_column_chars);
    }
    lines += actions_lines(sheet.see_someone);
    if (!sheet.notes.empty()) {
        lines += k_heading;
        for (const auto& note : sheet.notes) lines += 0.1 + wrapped_lines(note, k_column_chars);
    }
    // The answers, the sources, the disclaimer: small print, about nine tenths of a line each.
    std::string answers, sources;
    for (const auto& answer : sheet.answers) answers += answer.question + ": " + answer.answer + " · ";
    for (const auto& source : sheet.sources) sources += source + "; ";
    lines += 2 * k_heading + 0.9 * (wrapped_lines(answers, k_small_chars) + wrapped_lines(sources, k_small_chars));
    lines += 1 + wrapped_lines(sheet.disclaimer, k_column_chars) + 1;
    return lines;
}

void fit_to_page(Sheet& sheet) {
    const auto fits = [&] { return estimated_lines(sheet) <= k_lines_per_page; };
    if (fits()) return;
    // Less likely causes first: a name each is enough to ask a clinician about.
    while (sheet.causes.size() > k_full_causes && !fits()) {
        sheet.more_causes.insert(sheet.more_causes.begin(), sheet.causes.back().name);
        sheet.causes.pop_back();
    }
    std::vector<std::string> ranked;   // the actions' ids, highest rank first
    for (const auto& action : sheet.actions) ranked.push_back(action.id);
    const auto rank_of = [&](const SheetBrief& brief) {
        return std::find(ranked.begin(), ranked.end(), brief.id) - ranked.begin();
    };
    // Then the lowest-ranked actions, a line each: the title and its first step. Exercises
    // (the actions drawn with a figure) go last, since their steps are how to do them.
    const auto shorten_last = [&](bool exercises) {
        for (auto i = sheet.actions.size(); i-- > k_full_actions;) {
            if ((figure_for(sheet.actions[i].id) != nullptr) != exercises) continue;
            const auto& action = sheet.actions[i];
            sheet.more_actions.push_back(
                {action.id, action.title, action.steps.empty() ? std::string() : action.steps.front(), action.caution});
            sheet.actions.erase(sheet.actions.begin() + static_cast<std::ptrdiff_t>(i));
            return true;
        }
        return false;
    };
    while (!fits() && (shorten_last(false) || shorten_last(true))) {
    }
    // Listed in the order of their rank, as in full.
    std::stable_sort(sheet.more_actions.begin(), sheet.more_actions.end(),
                     [&](const SheetBrief& a, const SheetBrief& b) { return rank_of(a) < rank_of(b); });
}

}  // namespace runback::sheet
