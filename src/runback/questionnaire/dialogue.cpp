#include <runback/questionnaire/dialogue.hpp>

#include <runback/questionnaire/answer_input.hpp>
#include <runback/report/text_report.hpp>
#include <runback/util/text_wrap.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace runback::questionnaire {
namespace {
constexpr std::size_t k_none = static_cast<std::size_t>(-1);
}

Dialogue::Dialogue(const engine::Engine& engine, LineSource& input, std::ostream& out,
                   DialogueOptions options)
    : m_engine(engine), m_rules(engine.rule_base()), m_input(input), m_out(out),
      m_options(std::move(options)), m_ansi(m_options.colour) {
    for (const auto& question : m_rules.questions) {
        m_ask_if.push_back(question.ask_if ? m_conditions.add(*question.ask_if) : -1);
        m_ask_if_tests.push_back(question.ask_if ? rules::questions_tested(*question.ask_if) : std::vector<int>{});
    }
    order_questions();
}

bool Dialogue::in_checklist(std::size_t question) const {
    // A follow-up in a checklist's section is asked on its own, after it.
    const auto& asked = m_rules.questions[question];
    return asked.section >= 0 && m_rules.sections[static_cast<std::size_t>(asked.section)].checklist && !asked.ask_if;
}

void Dialogue::order_questions() {
    // Red flags first, whatever the files' order: they decide whether anything else matters.
    const auto& questions = m_rules.questions;
    for (std::size_t i = 0; i < questions.size(); ++i)
        if (questions[i].red_flag) m_order.push_back(i);
    // A follow-up of red flags (its `ask_if` tests only red flags, as the kind of injury after
    // one, or follow-ups placed so already) comes straight after the last of them, past the
    // checklist that holds it if any. Placed in rounds, so that a follow-up of a follow-up
    // comes after it.
    std::vector<bool> placed(questions.size(), false);
    const auto anchored = [&](int q) { return questions[static_cast<std::size_t>(q)].red_flag || placed[static_cast<std::size_t>(q)]; };
    for (bool moved = true; moved;) {
        moved = false;
        for (std::size_t i = 0; i < questions.size(); ++i) {
            if (questions[i].red_flag || placed[i] || !questions[i].ask_if) continue;
            const auto& tested = m_ask_if_tests[i];
            if (!std::all_of(tested.begin(), tested.end(), anchored)) continue;
            std::size_t at = 0;
            for (std::size_t position = 0; position < m_order.size(); ++position)
                if (std::find(tested.begin(), tested.end(), static_cast<int>(m_order[position])) != tested.end()) at = position + 1;
            while (at < m_order.size() && (placed[m_order[at]] ||
                                           (in_checklist(m_order[at]) && questions[m_order[at]].section == questions[m_order[at - 1]].section)))
                ++at;
            m_order.insert(m_order.begin() + static_cast<std::ptrdiff_t>(at), i);
            placed[i] = true;
            moved = true;
        }
    }
    for (std::size_t i = 0; i < questions.size(); ++i)
        if (!questions[i].red_flag && !placed[i]) m_order.push_back(i);
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
                    "you when to see someone.", steps_left(0, nullptr)));
    m_out << "\n";
    say("Answer with the number or the first letters of an option, or y or n. Type ? to see why "
        "a question is asked, b to go back, q to stop (your answers are kept for next time), or "
        "press Enter to skip a question.");
    m_out << std::flush;
}

bool Dialogue::applies(std::size_t question, const engine::Answers& answers) const {
    // Asked unless its condition is known to be false: an unknown one errs towards asking,
    // except where it is unknown because it tests a follow-up that does not apply itself (the
    // follow-up of a follow-up that was not asked).
    const int condition = m_ask_if[question];
    if (condition < 0) return true;
    const engine::Truth truth = m_conditions.evaluate(condition, answers);
    if (truth != engine::Truth::unknown) return truth == engine::Truth::yes;
    for (int tested : m_ask_if_tests[question]) {
        const auto t = static_cast<std::size_t>(tested);
        if (t != question && !answers[t].given && !applies(t, answers)) return false;
    }
    return true;
}

std::size_t Dialogue::next_open(std::size_t from, const input::Progress& progress) const {
    for (std::size_t position = from; position < m_order.size(); ++position) {
        const std::size_t q = m_order[position];
        if (!progress.answers[q].given && !progress.skipped[q] && applies(q, progress.answers))
            return position;
    }
    return k_none;
}

std::size_t Dialogue::steps_left(std::size_t from, const input::Progress* progress) const {
    // A checklist is one step, however many questions it holds.
    std::size_t count = 0;
    int checklist = -1;
    for (std::size_t position = from; position < m_order.size(); ++position) {
        const std::size_t q = m_order[position];
        if (progress && (progress->answers[q].given || progress->skipped[q] || !applies(q, progress->answers))) continue;
        const int section = m_rules.questions[q].section;
        if (in_checklist(q) && section == checklist) continue;
        checklist = in_checklist(q) ? section : -1;
        ++count;
    }
    return count;
}

void Dialogue::announce_section(std::size_t position, const input::Progress& progress) {
    const auto& question = m_rules.questions[m_order[position]];
    if (question.section == m_section) return;
    m_section = question.section;
    const auto& section = m_rules.sections[static_cast<std::size_t>(m_section)];
    const std::size_t left = steps_left(position, &progress);
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
    const bool offered = !answer.given && q < m_options.offered.size() && m_options.offered[q].given;
    if (offered) {
        const std::string basis = q < m_options.offered_basis.size() ? m_options.offered_basis[q] : "";
        say(fmt::format("From your training log: {}{}. Press Enter to keep it, or type another answer.",
                        engine::answer_label(question, m_options.offered[q]), basis.empty() ? "" : ": " + basis));
    }
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
            if (offered) {
                answer = m_options.offered[q];
                progress.skipped[q] = 0;
                return Step::answered;
            }
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

std::vector<std::size_t> Dialogue::checklist_at(std::size_t position, const input::Progress& progress, bool revisit) const {
    std::vector<std::size_t> positions;
    const int section = m_rules.questions[m_order[position]].section;
    for (std::size_t p = position; p < m_order.size(); ++p) {
        const std::size_t q = m_order[p];
        if (!in_checklist(q) || m_rules.questions[q].section != section) break;
        if (!applies(q, progress.answers)) continue;
        if (revisit || (!progress.answers[q].given && !progress.skipped[q])) positions.push_back(p);
    }
    return positions;
}

Dialogue::Step Dialogue::ask_checklist(const std::vector<std::size_t>& positions, input::Progress& progress) {
    m_input.set_completions({"none"});
    m_out << "\n";
    std::vector<std::size_t> yes_now;
    bool all_given = true;
    bool any_red_flag = false;
    for (std::size_t i = 0; i < positions.size(); ++i) {
        const std::size_t q = m_order[positions[i]];
        const auto& question = m_rules.questions[q];
        say(question.text, fmt::format("  {}) ", i + 1), "     ");
        all_given = all_given && progress.answers[q].given;
        any_red_flag = any_red_flag || question.red_flag;
        if (progress.answers[q].given && progress.answers[q].option == rules::k_yes) yes_now.push_back(i + 1);
    }
    say(m_ansi.bold("Type the numbers of those you have, or n if none of them."));
    if (all_given) {
        std::string numbers;
        for (std::size_t n : yes_now) numbers += fmt::format("{}{}", numbers.empty() ? "" : " ", n);
        say(fmt::format("Your answer was: {}. Press Enter to keep it.", numbers.empty() ? "none" : numbers));
    }
    bool warned_skip = false;
    for (;;) {
        const auto line = m_input.read_line(fmt::format("[1-{} or n] > ", positions.size()));
        if (line.status == LineStatus::end_of_input) return Step::end_of_input;
        if (line.status == LineStatus::interrupted) return Step::interrupted;
        const TypedChecklist typed = interpret_checklist(positions.size(), line.text);
        switch (typed.command) {
        case Command::help:
            for (std::size_t i = 0; i < positions.size(); ++i)
                say(m_rules.questions[m_order[positions[i]]].help, fmt::format("  {}) ", i + 1), "     ");
            say("Type b to go back, q to stop and keep your answers, or press Enter to skip.", "  ", "  ");
            continue;
        case Command::back: return Step::back;
        case Command::quit: return Step::quit;
        case Command::skip:
            if (all_given) return Step::kept;
            // Skipped warning signs may hide an emergency: ask once more before accepting.
            if (any_red_flag && !warned_skip) {
                warned_skip = true;
                say("These questions check for signs that need care quickly. Please type the numbers of those you "
                    "have, or n; press Enter again only if you really cannot say.", "  ", "  ");
                continue;
            }
            for (std::size_t p : positions)
                if (!progress.answers[m_order[p]].given) progress.skipped[m_order[p]] = 1;
            return Step::skipped;
        case Command::none: break;
        }
        if (!typed.error.empty()) {
            say(typed.error, "  ", "  ");
            continue;
        }
        for (std::size_t i = 0; i < positions.size(); ++i) {
            const std::size_t q = m_order[positions[i]];
            progress.answers[q] = engine::Answer{true, typed.yes[i] ? rules::k_yes : rules::k_no, 0};
            progress.skipped[q] = 0;
        }
        return Step::answered;
    }
}

Ending Dialogue::run(input::Progress& progress) {
    std::vector<std::size_t> history;   // positions asked, most recent last, for going back
    std::size_t position = 0;
    std::size_t revisit = k_none;
    for (;;) {
        const bool revisiting = revisit != k_none;
        const std::size_t current = revisiting ? revisit : next_open(position, progress);
        revisit = k_none;
        if (current == k_none) return Ending::finished;
        announce_section(current, progress);
        const std::size_t q = m_order[current];
        std::size_t last = current;   // the last position this step asked
        Step step;
        if (in_checklist(q)) {
            const auto positions = checklist_at(current, progress, revisiting);
            last = positions.back();
            step = ask_checklist(positions, progress);
        } else {
            step = ask(q, progress);
        }
        switch (step) {
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
            position = last + 1;
            break;
        }
        const auto assessment = m_engine.evaluate(progress.answers);
        if (assessment.urgency == rules::Urgency::emergency) {
            report::TextOptions text{m_options.width, m_options.emergency_number, m_options.colour, {}};
            m_out << "\n" << report::render_text(m_rules, progress.answers, assessment, text) << std::flush;
            return Ending::emergency;
        }
    }
}

}  // namespace runback::questionnaire
