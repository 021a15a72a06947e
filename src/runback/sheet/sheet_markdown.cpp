// The sheet as Markdown (CommonMark), for notes, wikis and messages. Every text is escaped:
// CommonMark lets a backslash escape any ASCII punctuation, so each one is, and nothing typed
// can become a heading, a link, emphasis or raw HTML.

#include <runback/sheet/sheet_render.hpp>

#include <fmt/format.h>

namespace runback::sheet {
namespace {

std::string md(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (char c : printable(text)) {
        const auto byte = static_cast<unsigned char>(c);
        const bool punctuation = (byte >= '!' && byte <= '/') || (byte >= ':' && byte <= '@') ||
                                 (byte >= '[' && byte <= '`') || (byte >= '{' && byte <= '~');
        if (punctuation) out += '\\';
        out += c;
    }
    return out;
}

void actions(std::string& out, std::string_view title, const std::vector<SheetAction>& list, bool numbered) {
    out += fmt::format("\n## {}\n\n", title);
    int number = 0;
    for (const auto& action : list) {
        if (numbered) out += fmt::format("{}\\. **{}**\n\n", ++number, md(action.title));
        else out += fmt::format("**{}**\n\n", md(action.title));
        for (const auto& step : action.steps) out += "- " + md(step) + "\n";
        if (!action.caution.empty()) out += "\n*Caution:* " + md(action.caution) + "\n";
        out += '\n';
    }
}

}  // namespace

std::string render_sheet_markdown(const Sheet& sheet) {
    std::string out = fmt::format("# {}\n\n", md(k_sheet_title));
    std::vector<std::string> who;
    if (!sheet.name.empty()) who.push_back("**For:** " + md(sheet.name));
    if (!sheet.id.empty()) who.push_back("**Id:** " + md(sheet.id));
    who.push_back("**Date:** " + md(sheet.date));
    for (std::size_t i = 0; i < who.size(); ++i) out += (i ? " · " : "") + who[i];
    out += "\n\n";

    for (const auto& alert : sheet.alerts) out += "**Warning:** " + md(alert) + "\n\n";
    out += fmt::format("> ## {}\n>\n> **Urgency: {}** ", md(sheet.headline), md(scale_word(sheet, sheet.urgency)));
    out += "(";
    for (std::size_t level = 0; level < 4; ++level) {
        const bool here = level == static_cast<std::size_t>(sheet.urgency);
        out += std::string(level ? " · " : "") + (here ? "**" : "") + md(scale_word(sheet, static_cast<rules::Urgency>(level))) + (here ? "**" : "");
    }
    out += ")\n>\n> " + md(sheet.meaning) + "\n";
    if (!sheet.missing.empty()) {
        out += ">\n> " + md(k_missing_heading) + "\n>\n";
        for (const auto& question : sheet.missing) out += "> - " + md(question) + "\n";
    }
    if (!sheet.reasons.empty()) {
        out += ">\n> Why:\n>\n";
        for (const auto& reason : sheet.reasons) out += "> - " + md(reason) + "\n";
    }

    if (!sheet.act_now.empty()) actions(out, "What to do now", sheet.act_now, false);
    if (!sheet.causes.empty()) {
        out += "\n## Likely causes, most likely first\n\nThese are possibilities, not a diagnosis.\n\n";
        int number = 0;
        for (const auto& cause : sheet.causes) {
            out += fmt::format("{}\\. **{}** {}\n", ++number, md(cause.name), md(cause.summary));
            std::string because;
            for (const auto& reason : cause.because)
                because += (because.empty() ? "" : "; ") + md(reason.question) + " *" + md(reason.answer) + "*";
            if (!because.empty()) out += "   From your answers: " + because + "\n";
            out += '\n';
        }
        if (!sheet.more_causes.empty()) {
            out += "Also possible: ";
            for (std::size_t i = 0; i < sheet.more_causes.size(); ++i) out += (i ? "; " : "") + md(sheet.more_causes[i]);
            out += "\\.\n";
        }
    }
    if (!sheet.actions.empty()) actions(out, "What to do", sheet.actions, true);
    if (!sheet.more_actions.empty()) {
        out += fmt::format("\n### {}\n\n", md(k_more_actions_heading));
        for (const auto& brief : sheet.more_actions) {
            out += "- **" + md(brief.title) + ":** " + md(brief.summary);
            if (!brief.caution.empty()) out += " *Caution:* " + md(brief.caution);
            out += "\n";
        }
    }
    if (!sheet.avoid.empty()) {
        out += "\n## What to avoid for now, and why\n\n";
        for (const auto& avoid : sheet.avoid) out += "- **" + md(avoid.title) + ":** " + md(avoid.reason) + "\n";
    }
    if (!sheet.see_someone.empty()) actions(out, "When to see a doctor or physiotherapist", sheet.see_someone, false);
    if (!sheet.notes.empty()) {
        out += "\n## Please note\n\n";
        for (const auto& note : sheet.notes) out += "- " + md(note) + "\n";
    }
    if (!sheet.training.weeks.empty()) {
        out += "\n## " + std::string(k_training_heading) + "\n\n";
        if (!sheet.training.summary.empty()) out += md(sheet.training.summary) + "\n\n";
        out += "| Week to | km | Runs |\n|---|---:|---:|\n";
        for (const auto& week : sheet.training.weeks)
            out += fmt::format("| {} | {:.1f} | {} |\n", md(week.label), week.km, week.runs);
        if (!sheet.training.spike.empty()) out += "\n" + md(sheet.training.spike) + "\n";
    }
    out += "\n## Your answers\n\n";
    if (sheet.answers.empty()) out += "None given.\n";
    for (const auto& answer : sheet.answers) out += "- " + md(answer.question) + ": *" + md(answer.answer) + "*\n";
    out += "\n## Sources\n\n";
    for (std::size_t i = 0; i < sheet.sources.size(); ++i) out += (i ? "; " : "") + md(sheet.sources[i]);
    out += "\n\n---\n\n*" + md(sheet.disclaimer) + "*\n\n";
    out += "Made by runback with the " + md(sheet.rules) + "\\.\n";
    return out;
}

}  // namespace runback::sheet
