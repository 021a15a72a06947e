#include <runback/report/text_report.hpp>

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
          m_width(options.width), m_ansi(options.colour) {}

    std::string render() {
        write_urgency();
        // In an emergency, what to do now comes straight after the banner, and the likely
        // causes, which can wait until someone has checked, are left out of the text.
        if (m_result.urgency == rules::Urgency::emergency) {
            write_actions("What to do now", Seeking::care);
            if (!m_result.causes.empty())
                m_out += "\nOther things your answers point to can wait until you have been checked.\n";
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

    util::Colour urgency_colour() const {
        switch (m_result.urgency) {
        case rules::Urgency::emergency: return util::Colour::red;
        case rules::Urgency::urgent: return util::Colour::red;
        case rules::Urgency::see_clinician: return util::Colour::yellow;
        case rules::Urgency::self_care: return util::Colour::green;
        }
        return util::Colour::none;
    }

    void write_urgency() {
        const std::string headline(urgency_headline(m_result.urgency));
        const std::string rule(std::min(m_width, headline.size() + 4), '=');
        // The words carry the level as well as the colour, for screen readers and printers.
        m_out += m_ansi.colour(urgency_colour(), rule + "\n  " + headline + "\n" + rule, true) + "\n";
        append_wrapped(m_out, urgency_meaning(m_result.urgency, m_options.emergency_number), "", "", m_width);
        std::vector<std::string_view> reasons;
        for (int index : m_result.fired_rules) {
            const auto& rule_def = m_rules.rules[static_cast<std::size_t>(index)];
            if (rule_def.urgency == m_result.urgency && m_result.urgency != rules::Urgency::self_care)
                reasons.push_back(rule_def.because);
        }
        if (reasons.empty()) return;
        m_out += "\nWhy:\n";
        for (auto reason : reasons) append_wrapped(m_out, reason, "  - ", "    ", m_width);
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
                const auto label = engine::answer_label(question, m_answers[static_cast<std::size_t>(q)]);
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
        if (m_result.warnings.empty()) return;
        heading("Please note");
        for (const auto& warning : m_result.warnings) {
            std::string text = warning.message;
            if (!warning.questions.empty()) {
                text += ":";
                for (int q : warning.questions)
                    text += fmt::format(" \"{}\"", m_rules.questions[static_cast<std::size_t>(q)].text);
            }
            append_wrapped(m_out, text, "  - ", "    ", m_width);
        }
    }

    const rules::RuleBase& m_rules;
    const engine::Answers& m_answers;
    const engine::Assessment& m_result;
    const TextOptions& m_options;
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
