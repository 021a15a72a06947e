#include <runback/report/text_report.hpp>

#include <runback/report/heading.hpp>
#include <runback/report/urgency_text.hpp>
#include <runback/util/ansi.hpp>
#include <runback/util/text_wrap.hpp>

#include <fmt/format.h>

namespace runback::report {
namespace {

using util::append_wrapped;

class TextReport {
public:
    TextReport(const rules::RuleBase& rule_base, const engine::Answers& answers,
               const engine::Assessment& assessment, const TextOptions& options)
        : m_rules(rule_base), m_answers(answers), m_result(assessment), m_options(options),
          m_heading(heading_for(rule_base, assessment, options.emergency_number)), m_width(options.width),
          m_ansi(options.colour) {}

    std::string render() {
        write_alerts();
        write_urgency();
        // In an emergency, what to do now comes straight after the banner, and the likely
        // causes, which can wait until someone has checked, are left out of the text.
        if (m_result.urgency == rules::Urgency::emergency) {
            write_actions("What to do now", Seeking::care);
            write_feared();
        } else {
            write_causes();
            write_actions("What to do", Seeking::self_help);
            write_avoid();
            write_actions("When to see someone", Seeking::care);
        }
        write_warnings();
        m_out += '\n';
        append_wrapped(m_out, disclaimer(), "", "", m_width);
        return std::move(m_out);
    }

private:
    void heading(std::string_view title) {
        m_out += '\n';
        m_out += m_ansi.bold(title);
        m_out += '\n';
    }

    // Warnings that must be read before anything else: a misspelt warning-sign key.
    void write_alerts() {
        for (const auto& alert : m_heading.alerts) {
            append_wrapped(m_out, m_ansi.colour(util::Colour::red, "WARNING: ", true) + alert, "", "  ", m_width);
            m_out += '\n';
        }
    }

    // In an emergency only what a doctor fears is named, so that the runner can tell them; the
    // other likely causes can wait.
    void write_feared() {
        std::vector<std::string_view> feared;
        for (const auto& cause : m_result.causes) {
            const auto& definition = m_rules.causes[static_cast<std::size_t>(cause.cause)];
            if (definition.serious) feared.push_back(definition.name);
        }
        if (!feared.empty()) {
            heading("What a doctor will want to rule out (a possibility, not a diagnosis)");
            for (auto name : feared) append_wrapped(m_out, name, "  - ", "    ", m_width);
        }
        if (feared.size() < m_result.causes.size())
            m_out += "\nOther things your answers point to can wait until you have been checked.\n";
    }

    util::Colour urgency_colour() const {
        if (m_heading.unchecked) return util::Colour::yellow;
        switch (m_result.urgency) {
        case rules::Urgency::emergency: return util::Colour::red;
        case rules::Urgency::urgent: return util::Colour::red;
        case rules::Urgency::see_clinician: return util::Colour::yellow;
        case rules::Urgency::self_care: return util::Colour::green;
        }
        return util::Colour::none;
    }

    void write_urgency() {
        const std::string& headline = m_heading.headline;
        const std::string rule(std::min(m_width, headline.size() + 4), '=');
        // The words carry the level as well as the colour, for screen readers and printers.
        m_out += m_ansi.colour(urgency_colour(), rule + "\n  " + headline + "\n" + rule, true) + "\n";
        append_wrapped(m_out, m_heading.meaning, "", "", m_width);
        if (!m_heading.missing.empty()) {
            m_out += "\nNot answered yet:\n";
            for (const auto& question : m_heading.missing) append_wrapped(m_out, question, "  - ", "    ", m_width);
        }
        if (m_heading.reasons.empty()) return;
        m_out += "\nWhy:\n";
        for (const auto& reason : m_heading.reasons) append_wrapped(m_out, reason, "  - ", "    ", m_width);
    }

    void write_causes() {
        if (m_result.causes.empty()) return;
        heading("Likely causes, most likely first (possibilities, not a diagnosis)");
        int number = 0;
        for (const auto& cause : m_result.causes) {
            const auto& definition = m_rules.causes[static_cast<std::size_t>(cause.cause)];
            const std::string first = fmt::format("  {}. ", ++number);
            append_wrapped(m_out, definition.name, first, "     ", m_width);
            append_wrapped(m_out, definition.explanation, "     ", "     ", m_width);
            if (cause.because.empty()) continue;
            m_out += "     From your answers:\n";
            for (int q : cause.because) {
                const auto& question = m_rules.questions[static_cast<std::size_t>(q)];
                auto label = engine::answer_label(question, m_answers[static_cast<std::size_t>(q)]);
                const auto& notes = m_options.answer_notes;
                if (static_cast<std::size_t>(q) < notes.size() && !notes[static_cast<std::size_t>(q)].empty())
                    label += " (" + notes[static_cast<std::size_t>(q)] + ")";
                append_wrapped(m_out, fmt::format("{} {}", question.text, label), "       - ",
                               "         ", m_width);
            }
        }
    }

    // Seek-care actions say when and where to get help; the others are what to do meanwhile.
    enum class Seeking { care, self_help };

    void write_actions(std::string_view title, Seeking seeking) {
        bool any = false;
        int number = 0;
        for (const auto& action : m_result.actions) {
            const auto& definition = m_rules.actions[static_cast<std::size_t>(action.action)];
            const bool care = definition.category == rules::ActionCategory::seek_care;
            if (care != (seeking == Seeking::care)) continue;
            if (!any) heading(title);
            any = true;
            // Seek-care advice reads as one block under its heading; the rest as numbered steps.
            const std::string indent(care ? 2 : 5, ' ');
            if (care) {
                append_wrapped(m_out, definition.title + ":", "  ", "  ", m_width);
            } else {
                append_wrapped(m_out, definition.title, fmt::format("  {}. ", ++number), indent, m_width);
            }
            for (const auto& step : definition.steps)
                append_wrapped(m_out, step, indent + "- ", indent + "  ", m_width);
            if (!action.caution.empty())
                append_wrapped(m_out, fmt::format("Caution: {}", action.caution), indent, indent, m_width);
        }
    }

    void write_avoid() {
        if (m_result.avoid.empty()) return;
        heading("What to avoid for now");
        for (const auto& avoid : m_result.avoid) {
            const auto& definition = m_rules.actions[static_cast<std::size_t>(avoid.action)];
            append_wrapped(m_out, fmt::format("{}: {}", definition.title, avoid.reason), "  - ",
                           "    ", m_width);
        }
    }

    void write_warnings() {
        bool any = false;
        for (const auto& warning : m_result.warnings) {
            if (shown_in_heading(m_heading, warning)) continue;
            if (!any) heading("Please note");
            any = true;
            append_wrapped(m_out, warning_text(m_rules, warning), "  - ", "    ", m_width);
        }
    }

    const rules::RuleBase& m_rules;
    const engine::Answers& m_answers;
    const engine::Assessment& m_result;
    const TextOptions& m_options;
    Heading m_heading;
    std::size_t m_width;
    util::Ansi m_ansi;
    std::string m_out;
};

}  // namespace

std::string render_text(const rules::RuleBase& rule_base, const engine::Answers& answers,
                        const engine::Assessment& assessment, const TextOptions& options) {
    return TextReport(rule_base, answers, assessment, options).render();
}

}  // namespace runback::report
