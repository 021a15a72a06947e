#include <runback/questionnaire/dialogue.hpp>

#include <runback/questionnaire/answer_input.hpp>
#include <runback/report/text_report.hpp>
#include <runback/util/text_wrap.hpp>

#include <fmt/format.h>

namespace runback::questionnaire {
namespace {
constexpr std::size_t k_none = static_cast<std::size_t>(-1);
}

Dialogue::Dialogue(const engine::Engine& engine, LineSource& input, std::ostream& out,
                   DialogueOptions options)
    : m_engine(engine), m_rules(engine.rule_base()), m_input(input), m_out(out),
      m_options(std::move(options)), m_ansi(m_options.colour) {
    for (const auto& question : m_rules.questions)
        m_ask_if.push_back(question.ask_if ? m_conditions.add(*question.ask_if) : -1);
    // Red flags first, whatever the files' order: they decide whether anything else matters.
    for (bool red_flags : {true, false}) {
        for (std::size_t i = 0; i < m_rules.questions.size(); ++i)
            if (m_rules.questions[i].red_flag == red_flags) m_order.push_back(i);
    }
}

void Dialogue::say(std::string_view text, std::string_view first, std::string_view rest) {
    std::string wrapped;
    util::append_wrapped(wrapped, text, first, rest, m_options.width);
    m_out << wrapped;
}

void Dialogue::welcome() {
    m_out << m_ansi.bold("runback: back pain after running") << "\n\n";
    say(fmt::format("I will ask about warning signs, your pain, your running and your kit, then "
                    "suggest the likely causes and what to do. It takes about 5 minutes ({} "
                    "questions at most). This is not a diagnosis: it names likely causes and tells "
                    "you when to see someone.", m_order.size()));
    m_out << "\n";
    say("Answer with the number or the first letters of an option, or y or n. Type ? to see why "
        "a question is asked, b to go back, q to stop (your answers are kept for next time), or "
        "press Enter to skip a question.");
    m_out << std::flush;
}

bool Dialogue::applies(std::size_t question, const engine::Answers& answers) const {
    // Asked unless its condition is known to be false: an unknown one errs towards asking.
    const int condition = m_ask_if[question];
    return condition < 0 || m_conditions.evaluate(condition, answers) != engine::Truth::no;
}

std::size_t Dialogue::next_open(std::size_t from, const input::Progress& progress) const {
    for (std::size_t position = from; position < m_order.size(); ++position) {
        const std::size_t q = m_order[position];
        if (!progress.answers[q].given && !progress.skipped[q] && applies(q, progress.answers))
            return position;
    }
    return k_none;
}

std::size_t Dialogue::open_count(std::size_t from, const input::Progress& progress) const {
    std::size_t count = 0;
    for (std::size_t position = from; position < m_order.size(); ++position) {
        const std::size_t q = m_order[position];
        if (!progress.answers[q].given && !progress.skipped[q] && applies(q, progress.answers)) ++count;
    }
    return count;
}

void Dialogue::announce_section(std::size_t position, const input::Progress& progress) {
    const auto& question = m_rules.questions[m_order[position]];
    if (question.section == m_section) return;
    m_section = question.section;
    const auto& section = m_rules.sections[static_cast<std::size_t>(m_section)];
    const std::size_t left = open_count(position, progress);
    m_out << "\n" << m_ansi.colour(util::Colour::blue, section.title, true)
          << m_ansi.dim(fmt::format("  ({} question{} left)", left, left == 1 ? "" : "s")) << "\n";
    if (!section.intro.empty()) say(section.intro);
}

void Dialogue::show_question(const rules::Question& question, const engine::Answer& current) {
    m_out << "\n";
    std::string text = question.text;
    say(m_ansi.bold(text));
    if (question.type == rules::QuestionType::choice) {
        for (std::size_t i = 0; i < question.options.size(); ++i)
            say(question.options[i].label, fmt::format("  {}) ", i + 1), "     ");
    }
    if (current.given)
        say(fmt::format("Your answer was: {}. Press Enter to keep it.", engine::answer_label(question, current)));
}

Dialogue::Step Dialogue::ask(std::size_t q, input::Progress& progress) {
    const auto& question = m_rules.questions[q];
    engine::Answer& answer = progress.answers[q];
    std::vector<std::string> words;
    for (const auto& option : question.options) {
        words.push_back(option.id);
        if (question.type == rules::QuestionType::choice) words.push_back(option.label);
    }
    m_input.set_completions(std::move(words));
    show_question(question, answer);
    bool warned_skip = false;
    for (;;) {
        const auto line = m_input.read_line(answer_hint(question) + " > ");
        if (line.status == LineStatus::end_of_input) return Step::end_of_input;
        if (line.status == LineStatus::interrupted) return Step::interrupted;
        const Typed typed = interpret(question, line.text);
        switch (typed.command) {
        case Command::help:
            say(question.help, "  ", "  ");
            say("Type b to go back, q to stop and keep your answers, or press Enter to skip.", "  ", "  ");
            continue;
        case Command::back: return Step::back;
        case Command::quit: return Step::quit;
        case Command::skip:
            if (answer.given) return Step::kept;
            // A skipped warning sign may hide an emergency: ask once more before accepting.
            if (question.red_flag && !warned_skip) {
                warned_skip = true;
                say("This question checks for a sign that needs care quickly. Please answer y or "
                    "n; press Enter again only if you really cannot say.", "  ", "  ");
                continue;
            }
            progress.skipped[q] = 1;
            return Step::skipped;
        case Command::none: break;
        }
        if (!typed.error.empty()) {
            say(typed.error, "  ", "  ");
            continue;
        }
        answer = typed.answer;
        progress.skipped[q] = 0;
        return Step::answered;
    }
}

Ending Dialogue::run(input::Progress& progress) {
    std::vector<std::size_t> history;   // positions asked, most recent last, for going back
    std::size_t position = 0;
    std::size_t revisit = k_none;
    for (;;) {
        const std::size_t current = revisit != k_none ? revisit : next_open(position, progress);
        revisit = k_none;
        if (current == k_none) return Ending::finished;
        announce_section(current, progress);
        const std::size_t q = m_order[current];
        switch (ask(q, progress)) {
        case Step::quit: return Ending::quit;
        case Step::end_of_input: return Ending::end_of_input;
        case Step::interrupted: return Ending::interrupted;
        case Step::back:
            if (history.empty()) {
                say("This is the first question.", "  ", "  ");
                revisit = current;
            } else {
                revisit = history.back();
                history.pop_back();
                m_section = -1;
            }
            continue;
        case Step::answered:
        case Step::kept:
        case Step::skipped:
            history.push_back(current);
            position = current + 1;
            break;
        }
        const auto assessment = m_engine.evaluate(progress.answers);
        if (assessment.urgency == rules::Urgency::emergency) {
            report::TextOptions text{m_options.width, m_options.emergency_number, m_options.colour};
            m_out << "\n" << report::render_text(m_rules, progress.answers, assessment, text) << std::flush;
            return Ending::emergency;
        }
    }
}

}  // namespace runback::questionnaire
