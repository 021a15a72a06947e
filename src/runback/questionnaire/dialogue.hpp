#pragma once
// The questionnaire's conversation: red flags first, then the rest by section, skipping what
// does not apply, with help, going back, skipping and stopping; it stops at once when the
// answers so far make the result an emergency. Works on any LineSource and std::ostream, so
// most of it is tested without a terminal.

#include <runback/engine/compiled_condition.hpp>
#include <runback/engine/engine.hpp>
#include <runback/input/progress_file.hpp>
#include <runback/questionnaire/line_source.hpp>
#include <runback/util/ansi.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace runback::questionnaire {

struct DialogueOptions {
    std::size_t width = 78;
    bool colour = false;
    std::string emergency_number;   // "" for the numbers that work anywhere
    // Answers offered for confirmation (from a training log): per question, empty or given,
    // with the words saying where each came from. The person keeps one with Enter or types
    // another; a question answered already is not asked.
    engine::Answers offered;
    std::vector<std::string> offered_basis;
};

enum class Ending {
    finished,        // every question that applies was answered or skipped
    emergency,       // stopped early: the answers make it an emergency (advice already shown)
    quit,            // the person typed q
    end_of_input,    // Ctrl-D, or the input closed
    interrupted,     // Ctrl-C
};

class Dialogue {
public:
    Dialogue(const engine::Engine& engine, LineSource& input, std::ostream& out,
             DialogueOptions options);

    // Prints the welcome: what the tool does and does not do, how long, and the commands.
    void welcome();

    // Asks what is still open in `progress`, recording each answer and skip in it.
    Ending run(input::Progress& progress);

private:
    enum class Step { answered, kept, skipped, back, quit, end_of_input, interrupted };

    bool applies(std::size_t question, const engine::Answers& answers) const;
    std::size_t next_open(std::size_t from, const input::Progress& progress) const;
    // Steps (a question, or a whole checklist) from `from` on: those still open, or with no
    // progress every one.
    std::size_t steps_left(std::size_t from, const input::Progress* progress) const;
    void order_questions();
    bool in_checklist(std::size_t question) const;
    // The positions of the checklist at `position`: its open questions, or on a revisit all
    // that apply.
    std::vector<std::size_t> checklist_at(std::size_t position, const input::Progress& progress, bool revisit) const;
    Step ask_checklist(const std::vector<std::size_t>& positions, input::Progress& progress);
    void announce_section(std::size_t position, const input::Progress& progress);
    Step ask(std::size_t question, input::Progress& progress);
    void show_question(const rules::Question& question, const engine::Answer& current);
    void say(std::string_view text, std::string_view first = "", std::string_view rest = "");

    const engine::Engine& m_engine;
    const rules::RuleBase& m_rules;
    LineSource& m_input;
    std::ostream& m_out;
    DialogueOptions m_options;
    util::Ansi m_ansi;
    engine::CompiledConditions m_conditions;
    std::vector<int> m_ask_if;          // per question: condition handle, or -1
    std::vector<std::vector<int>> m_ask_if_tests;   // per question: the questions its ask_if tests
    std::vector<std::size_t> m_order;   // questions in asking order: red flags first
    int m_section = -1;                 // the section last announced
};

}  // namespace runback::questionnaire
