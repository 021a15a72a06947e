#include <runback/questionnaire/dialogue.hpp>
#include <runback/rules/loader.hpp>

#include <doctest/doctest.h>

#include <deque>
#include <sstream>

using namespace runback;
using questionnaire::Ending;
using questionnaire::LineResult;
using questionnaire::LineStatus;

namespace {

const char* const k_rules = R"(
rulebase: {name: dialogue test, version: 0.0.1}
sections:
  - {id: flags, title: Warning signs, intro: First the warning signs.}
  - {id: pain, title: Your pain}
questions:
  - {id: where, section: pain, type: choice, text: "Where is the pain?", help: Place matters.,
     options: [{id: low, label: Lower back}, {id: leg, label: Down the leg}]}
  - {id: numb, section: pain, type: yes_no, text: "Is the leg numb?", help: Nerves.,
     ask_if: {question: where, equals: leg}}
  - {id: km, section: pain, type: number, min: 0, max: 300, unit: km per week, text: "How far?", help: Load.}
  - {id: cauda, section: flags, type: yes_no, red_flag: true, text: "Bladder trouble?", help: Nerves.}
  - {id: fever, section: flags, type: yes_no, red_flag: true, text: "Fever?", help: Infection.}
causes:
  - {id: load, name: Load, explanation: Too much., source: s}
actions:
  - {id: er, title: Go to ER, category: seek_care, steps: [Go now], for_urgency: [emergency], source: s}
  - {id: rest, title: Rest days, category: self_care, steps: [Rest], addresses: [load], involves: [], source: s}
rules:
  - {id: cauda_flag, when: {question: cauda, equals: yes}, urgency: emergency, because: Nerves squeezed., source: s}
  - {id: fever_flag, when: {question: fever, equals: yes}, urgency: urgent, because: Infection., source: s}
  - {id: far, when: {question: km, at_least: 100}, cause: load, weight: 1, because: Far., source: s}
)";

// Plays back typed lines, recording the prompts it was shown.
class Script : public questionnaire::LineSource {
public:
    explicit Script(std::deque<LineResult> lines) : m_lines(std::move(lines)) {}
    LineResult read_line(const std::string& prompt) override {
        prompts.push_back(prompt);
        if (m_lines.empty()) return {LineStatus::end_of_input, ""};
        auto line = m_lines.front();
        m_lines.pop_front();
        return line;
    }
    std::vector<std::string> prompts;

private:
    std::deque<LineResult> m_lines;
};

LineResult typed(const char* text) { return {LineStatus::line, text}; }

// A dialogue over a rule base given as YAML, and the progress it fills in.
struct Session {
    explicit Session(const char* rules_text = k_rules) : rb(rules::load_from_string(rules_text, "dialogue.yaml")) {}
    rules::RuleBase rb;
    engine::Engine engine{rb};
    input::Progress progress{engine::Answers(rb.questions.size()), std::vector<char>(rb.questions.size(), 0)};
    std::ostringstream out;

    Ending run(Script& script) {
        questionnaire::Dialogue dialogue(engine, script, out, {});
        return dialogue.run(progress);
    }
    const engine::Answer& answer(const char* id) { return progress.answers[static_cast<std::size_t>(rb.find_question(id))]; }
};

}  // namespace

TEST_CASE("questionnaire::dialogue") {
    Session s;
    SUBCASE("red flags first, then sections in order; a condition not met skips its question") {
        Script script({typed("n"), typed("n"), typed("1"), typed("20")});
        CHECK(s.run(script) == Ending::finished);
        CHECK(script.prompts == std::vector<std::string>{"[y/n] > ", "[y/n] > ", "[1-2] > ", "[0-300 km per week] > "});
        const std::string out = s.out.str();
        CHECK(out.find("Bladder trouble?") < out.find("Fever?"));
        CHECK(out.find("Fever?") < out.find("Where is the pain?"));
        CHECK(out.find("Is the leg numb?") == std::string::npos);
        CHECK(out.find("Warning signs  (5 questions left)") != std::string::npos);
        CHECK(s.answer("km").number == 20);
    }
    SUBCASE("a condition that is met asks its question") {
        Script script({typed("n"), typed("n"), typed("down"), typed("y"), typed("")});
        CHECK(s.run(script) == Ending::finished);
        CHECK(s.answer("numb").option == rules::k_yes);
        CHECK(s.progress.skipped[static_cast<std::size_t>(s.rb.find_question("km"))]);
    }
    SUBCASE("an emergency stops the questionnaire at once with what to do now") {
        Script script({typed("y"), typed("n")});
        CHECK(s.run(script) == Ending::emergency);
        CHECK(script.prompts.size() == 1);
        CHECK(s.out.str().find("EMERGENCY") != std::string::npos);
        CHECK(s.out.str().find("Go now") != std::string::npos);
    }
    SUBCASE("a wrong answer says what is accepted and asks again") {
        Script script({typed("perhaps"), typed("n"), typed("n"), typed("3"), typed("1"), typed("999"), typed("20 mi")});
        CHECK(s.run(script) == Ending::finished);
        CHECK(s.out.str().find("Please answer y (yes) or n (no).") != std::string::npos);
        CHECK(s.out.str().find("There is no option 3. Type a number from 1 to 2.") != std::string::npos);
        CHECK(s.out.str().find("Please give a number from 0 to 300 (km per week)") != std::string::npos);
        CHECK(s.answer("km").number == doctest::Approx(32.2));
    }
    SUBCASE("a skipped red flag is asked once more before the skip is accepted") {
        Script script({typed(""), typed(""), typed("n"), typed("q")});
        CHECK(s.run(script) == Ending::quit);
        CHECK(s.out.str().find("checks for a sign that needs care quickly") != std::string::npos);
        CHECK(s.progress.skipped[static_cast<std::size_t>(s.rb.find_question("cauda"))]);
        CHECK(s.answer("fever").option == rules::k_no);
    }
    SUBCASE("b goes back one question and keeps later answers; Enter keeps an answer") {
        // cauda n, fever y, back to fever (now n), then where low ... back twice ... keep.
        Script script({typed("n"), typed("y"), typed("b"), typed("n"), typed("1"), typed("b"), typed(""), typed("50")});
        CHECK(s.run(script) == Ending::finished);
        CHECK(s.answer("fever").option == rules::k_no);
        CHECK(s.answer("where").option == 0);
        CHECK(s.answer("km").number == 50);
        CHECK(s.out.str().find("Your answer was: Lower back. Press Enter to keep it.") != std::string::npos);
    }
    SUBCASE("? shows why the question is asked") {
        Script script({typed("?"), typed("q")});
        CHECK(s.run(script) == Ending::quit);
        CHECK(s.out.str().find("Nerves.") != std::string::npos);
    }
    SUBCASE("end of input and Ctrl-C end the dialogue without repeating the prompt") {
        Script eof({});
        CHECK(s.run(eof) == Ending::end_of_input);
        CHECK(eof.prompts.size() == 1);
        Script interrupted({{LineStatus::interrupted, ""}});
        CHECK(s.run(interrupted) == Ending::interrupted);
    }
    SUBCASE("answers given before are not asked again") {
        s.progress.answers[static_cast<std::size_t>(s.rb.find_question("cauda"))] = engine::Answer{true, rules::k_no, 0};
        s.progress.answers[static_cast<std::size_t>(s.rb.find_question("fever"))] = engine::Answer{true, rules::k_no, 0};
        Script script({typed("1"), typed("10")});
        CHECK(s.run(script) == Ending::finished);
        CHECK(s.out.str().find("Fever?") == std::string::npos);
    }
}

namespace {

// Red flags, a follow-up of one of them, a checklist of further warning signs with a
// follow-up of its own, then an ordinary question.
const char* const k_checklist_rules = R"(
rulebase: {name: checklist test, version: 0.0.1}
sections:
  - {id: flags, title: Warning signs}
  - {id: more, title: Other warning signs, intro: "Which of these do you have?", checklist: true}
  - {id: pain, title: Your pain}
questions:
  - {id: where, section: pain, type: choice, text: "Where is the pain?", help: Place matters.,
     options: [{id: low, label: Lower back}, {id: leg, label: Down the leg}]}
  - {id: trauma, section: flags, type: yes_no, red_flag: true, text: "An injury?", help: Bones.}
  - {id: severity, section: flags, type: choice, text: "What kind of injury?", help: Accidents.,
     ask_if: {question: trauma, equals: yes},
     options: [{id: minor, label: A trip, neutral: true}, {id: serious, label: A crash}]}
  - {id: hospital, section: flags, type: yes_no, text: "Have you seen anyone about it?", help: Care.,
     ask_if: {question: severity, equals: minor}}
  - {id: chest, section: more, type: yes_no, red_flag: true, warn_when_unanswered: false, text: Chest pain, help: Heart.}
  - {id: kidney, section: more, type: yes_no, red_flag: true, warn_when_unanswered: false, text: Loin pain, help: Kidney.}
  - {id: calf, section: more, type: yes_no, red_flag: true, warn_when_unanswered: false, text: Swollen calf, help: Clot.}
  - {id: pregnant, section: more, type: yes_no, text: "Pregnant?", help: Changes the advice.,
     ask_if: {question: kidney, equals: yes}}
causes:
  - {id: load, name: Load, explanation: Too much., source: s}
actions:
  - {id: er, title: Go to ER, category: seek_care, steps: [Call an ambulance], for_urgency: [emergency], source: s}
rules:
  - {id: chest_flag, when: {question: chest, equals: yes}, urgency: emergency, because: Heart., source: s}
  - {id: kidney_flag, when: {question: kidney, equals: yes}, urgency: urgent, because: Kidney., source: s}
  - {id: calf_flag, when: {question: calf, equals: yes}, urgency: urgent, because: Clot., source: s}
  - {id: trauma_flag, when: {question: trauma, equals: yes}, urgency: urgent, because: Bones., source: s}
  - {id: pregnant_kidney, when: {all: [{question: kidney, equals: yes}, {question: pregnant, equals: yes}]},
     urgency: emergency, because: Pregnancy., source: s}
  - {id: crash, when: {all: [{question: trauma, equals: yes}, {question: severity, equals: serious}]},
     urgency: emergency, because: Crash., source: s}
)";

}  // namespace

TEST_CASE("questionnaire::dialogue checklists and follow-ups") {
    Session s(k_checklist_rules);
    SUBCASE("a checklist is one step: n answers every item no") {
        // No injury: neither its kind nor the follow-up of that is asked.
        Script script({typed("n"), typed("n"), typed("1")});
        CHECK(s.run(script) == Ending::finished);
        CHECK(script.prompts == std::vector<std::string>{"[y/n] > ", "[1-3 or n] > ", "[1-2] > "});
        CHECK(s.answer("chest").given);
        CHECK(s.answer("calf").option == rules::k_no);
        CHECK_FALSE(s.answer("pregnant").given);
        CHECK(s.out.str().find("Pregnant?") == std::string::npos);
        // A follow-up counts while what it follows is unanswered; the checklist counts once.
        CHECK(s.out.str().find("Warning signs  (6 questions left)") != std::string::npos);
        CHECK(s.out.str().find("Other warning signs  (3 questions left)") != std::string::npos);
    }
    SUBCASE("numbers answer those items yes and the rest no; an emergency item stops at once") {
        Script script({typed("n"), typed("1"), typed("1")});
        CHECK(s.run(script) == Ending::emergency);
        CHECK(script.prompts.size() == 2);
        CHECK(s.answer("chest").option == rules::k_yes);
        CHECK(s.answer("kidney").option == rules::k_no);
        CHECK(s.out.str().find("Call an ambulance") != std::string::npos);
    }
    SUBCASE("a follow-up of a checklist item comes straight after the checklist") {
        Script script({typed("n"), typed("2, 3"), typed("y")});
        CHECK(s.run(script) == Ending::emergency);
        CHECK(s.answer("kidney").option == rules::k_yes);
        CHECK(s.answer("calf").option == rules::k_yes);
        CHECK(s.answer("pregnant").option == rules::k_yes);
        CHECK(s.out.str().find("Where is the pain?") == std::string::npos);
    }
    SUBCASE("a follow-up of a follow-up comes straight after it, still before the checklist") {
        Script script({typed("y"), typed("1"), typed("q")});
        CHECK(s.run(script) == Ending::quit);
        const std::string out = s.out.str();
        CHECK(out.find("What kind of injury?") < out.find("Have you seen anyone about it?"));
        CHECK(out.find("Chest pain") == std::string::npos);
        CHECK(out.find("Warning signs", out.find("What kind of injury?")) == std::string::npos);
    }
    SUBCASE("a follow-up of a red flag comes straight after it, before the checklist") {
        Script script({typed("y"), typed("2")});
        CHECK(s.run(script) == Ending::emergency);
        const std::string out = s.out.str();
        CHECK(out.find("What kind of injury?") < out.find("EMERGENCY"));
        CHECK(out.find("Chest pain") == std::string::npos);
    }
    SUBCASE("wrong input says what is accepted; y asks which") {
        Script script({typed("n"), typed("y"), typed("4"), typed("chest"), typed("n"), typed("q")});
        CHECK(s.run(script) == Ending::quit);
        const std::string out = s.out.str();
        CHECK(out.find("Which of them?") != std::string::npos);
        CHECK(out.find("The numbers go from 1 to 3.") != std::string::npos);
        CHECK(out.find("'chest' is not a list of numbers.") != std::string::npos);
        CHECK(s.answer("chest").option == rules::k_no);
    }
    SUBCASE("a skipped checklist of warning signs is asked once more, then every item is skipped") {
        Script script({typed("n"), typed(""), typed(""), typed("q")});
        CHECK(s.run(script) == Ending::quit);
        CHECK(s.out.str().find("These questions check for signs that need care quickly") != std::string::npos);
        CHECK(s.progress.skipped[static_cast<std::size_t>(s.rb.find_question("chest"))]);
        CHECK(s.progress.skipped[static_cast<std::size_t>(s.rb.find_question("calf"))]);
    }
    SUBCASE("going back to a checklist shows its answers, and Enter keeps them") {
        Script script({typed("n"), typed("3"), typed("b"), typed(""), typed("1")});
        CHECK(s.run(script) == Ending::finished);
        CHECK(s.out.str().find("Your answer was: 3. Press Enter to keep it.") != std::string::npos);
        CHECK(s.answer("calf").option == rules::k_yes);
        CHECK(s.answer("where").option == 0);
    }
    SUBCASE("? shows why each item is asked") {
        Script script({typed("n"), typed("?"), typed("q")});
        CHECK(s.run(script) == Ending::quit);
        CHECK(s.out.str().find("Clot.") != std::string::npos);
    }
}
