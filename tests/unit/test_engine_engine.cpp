#include <runback/engine/engine.hpp>
#include <runback/rules/embedded.hpp>
#include <runback/rules/loader.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

using namespace runback;
using rules::Urgency;

namespace {

// A small rule base exercising every engine feature; loaded through the real loader.
const char* const k_rules = R"(
rulebase: {name: engine test, version: 0.0.1}
sections:
  - {id: flags, title: Flags}
  - {id: pain, title: Pain}
questions:
  - {id: fever, section: flags, type: yes_no, red_flag: true, text: "Fever?", help: Infection.}
  - {id: numb, section: pain, type: yes_no, text: "Numb?", help: Nerves.}
  - id: where
    section: pain
    type: choice
    text: "Where?"
    help: Place.
    options: [{id: low, label: Low}, {id: high, label: High}, {id: leg, label: Leg}]
  - {id: km, section: pain, type: number, min: 0, max: 300, unit: km, text: "Km?", help: Load.}
causes:
  - {id: load, name: Load, explanation: Too much., source: s}
  - {id: nerve, name: Nerve, explanation: A nerve., source: s}
  - {id: tie, name: Tie, explanation: Ties with load., source: s}
actions:
  - {id: er, title: Go to ER, category: seek_care, steps: [Go], for_urgency: [emergency], source: s}
  - {id: doc, title: See a doctor, category: seek_care, steps: [Go], for_urgency: [see_clinician, urgent], source: s}
  - {id: run_less, title: Run less, category: prevention, steps: [Less], addresses: [load], involves: [], source: s}
  - id: stretch
    title: Stretch
    category: self_care
    involves: []
    steps: [Stretch]
    addresses: [nerve, load]
    unsuitable:
      - {when: {question: where, equals: leg}, reason: Not with leg pain.}
    cautions:
      - {when: {question: numb, equals: yes}, note: Gently.}
    source: s
  - {id: heat, title: Heat, category: self_care, steps: [Warm], for_urgency: [self_care], involves: [], source: s}
rules:
  - {id: fever_flag, when: {question: fever, equals: yes}, urgency: urgent, because: Fever., source: s}
  - id: high_km
    when: {question: km, at_least: 100}
    cause: load
    weight: 2
    because: Lots of km.
    source: s
  - id: tie_rule
    when: {question: km, more_than: 150}
    cause: tie
    weight: 2
    because: Tie.
    source: s
  - id: nerve_rule
    when:
      all:
        - {question: numb, equals: yes}
        - any: [{question: where, equals: leg}, {question: km, less_than: 5}]
        - not: {question: fever, equals: yes}
    cause: nerve
    weight: 5
    urgency: see_clinician
    warning: nerve_note
    because: Numb leg.
    source: s
  - id: emergency_rule
    when: {all: [{question: fever, equals: yes}, {question: numb, equals: yes}]}
    urgency: emergency
    because: Both.
    source: s
)";

engine::Answers answers_for(const rules::RuleBase& rb,
                            std::initializer_list<std::pair<const char*, const char*>> given) {
    engine::Answers answers(rb.questions.size());
    for (const auto& [id, text] : given) {
        const int q = rb.find_question(id);
        REQUIRE(q >= 0);
        auto parsed = engine::parse_answer(rb.questions[static_cast<std::size_t>(q)], text);
        REQUIRE(parsed.error.empty());
        answers[static_cast<std::size_t>(q)] = parsed.answer;
    }
    return answers;
}

std::vector<std::string> action_ids(const rules::RuleBase& rb, const engine::Assessment& a) {
    std::vector<std::string> ids;
    for (const auto& action : a.actions) ids.push_back(rb.actions[static_cast<std::size_t>(action.action)].id);
    return ids;
}

}  // namespace

TEST_CASE("engine::evaluate") {
    const auto rb = rules::load_from_string(k_rules, "engine.yaml");
    const engine::Engine engine(rb);

    SUBCASE("nothing answered: self_care, a red-flag warning, general advice") {
        const auto result = engine.evaluate(answers_for(rb, {}));
        CHECK(result.urgency == Urgency::self_care);
        CHECK(result.causes.empty());
        REQUIRE(result.warnings.size() == 1);
        CHECK(result.warnings[0].code == "red_flags_unanswered");
        CHECK(result.warnings[0].questions == std::vector<int>{0});
        CHECK(action_ids(rb, result) == std::vector<std::string>{"heat"});
    }
    SUBCASE("three-valued logic: an unanswered part keeps `all` from firing, `not` of unknown is unknown") {
        // numb yes and where leg, but fever unanswered: not(unknown) is unknown, so no nerve rule.
        const auto result = engine.evaluate(answers_for(rb, {{"numb", "yes"}, {"where", "leg"}}));
        CHECK(result.causes.empty());
        CHECK(result.fired_rules.empty());
        // Yet whatever fever is, the result is at least see_clinician (yes: the fever rule;
        // no: the nerve rule), so the skipped answer does not lower it.
        CHECK(result.urgency == Urgency::see_clinician);
        REQUIRE(result.warnings.size() == 2);
        CHECK(result.warnings[1].code == "urgency_raised_for_unanswered");
        CHECK(result.warnings[1].questions == std::vector<int>{0});
        // With fever answered no, it fires.
        const auto fired = engine.evaluate(answers_for(rb, {{"numb", "yes"}, {"where", "leg"}, {"fever", "no"}}));
        REQUIRE(fired.causes.size() == 1);
        CHECK(fired.urgency == Urgency::see_clinician);
    }
    SUBCASE("`any` holds when one part holds even if another is unknown") {
        const auto result = engine.evaluate(answers_for(rb, {{"numb", "yes"}, {"km", "3"}, {"fever", "no"}}));
        REQUIRE(result.causes.size() == 1);
        CHECK(rb.causes[static_cast<std::size_t>(result.causes[0].cause)].id == "nerve");
    }
    SUBCASE("because lists the true tests, and false tests under `not`") {
        const auto result = engine.evaluate(answers_for(rb, {{"numb", "yes"}, {"where", "leg"}, {"km", "3"}, {"fever", "no"}}));
        REQUIRE(result.causes.size() == 1);
        // fever (under not, false), numb, where, km: all support the rule, in rule-base order.
        CHECK(result.causes[0].because == std::vector<int>{0, 1, 2, 3});
        const auto other = engine.evaluate(answers_for(rb, {{"numb", "yes"}, {"where", "leg"}, {"km", "50"}, {"fever", "no"}}));
        CHECK(other.causes[0].because == std::vector<int>{0, 1, 2});
    }
    SUBCASE("scores add up; ranking is by score, ties in rule-base order") {
        const auto result = engine.evaluate(answers_for(rb, {{"km", "200"}}));
        REQUIRE(result.causes.size() == 2);
        CHECK(rb.causes[static_cast<std::size_t>(result.causes[0].cause)].id == "load");
        CHECK(rb.causes[static_cast<std::size_t>(result.causes[1].cause)].id == "tie");
        CHECK(result.causes[0].score == 2);
    }
    SUBCASE("the most serious urgency wins; emergency gives only seek-care actions, the emergency one first") {
        const auto result = engine.evaluate(answers_for(rb, {{"fever", "yes"}, {"numb", "yes"}, {"km", "200"}}));
        CHECK(result.urgency == Urgency::emergency);
        CHECK(action_ids(rb, result) == std::vector<std::string>{"er"});
        CHECK(result.red_flags == std::vector<int>{0});
    }
    SUBCASE("actions: urgency first, then by cause rank, no repeats; cautions attach") {
        const auto result = engine.evaluate(answers_for(rb, {{"numb", "yes"}, {"km", "3"}, {"fever", "no"}, {"where", "low"}}));
        CHECK(action_ids(rb, result) == std::vector<std::string>{"doc", "stretch"});
        CHECK(result.actions[1].caution == "Gently.");
        CHECK(result.actions[1].caution_index == 0);
        CHECK(result.actions[0].caution_index == -1);   // no caution
        REQUIRE(result.warnings.size() == 1);
        CHECK(result.warnings[0].code == "nerve_note");
        CHECK(result.warnings[0].message == "Numb leg.");
    }
    SUBCASE("an unsuitable action moves to avoid with its reason and is not recommended") {
        const auto result = engine.evaluate(answers_for(rb, {{"numb", "yes"}, {"where", "leg"}, {"fever", "no"}, {"km", "120"}}));
        const auto ids = action_ids(rb, result);
        CHECK(std::find(ids.begin(), ids.end(), "stretch") == ids.end());
        REQUIRE(result.avoid.size() == 1);
        CHECK(rb.actions[static_cast<std::size_t>(result.avoid[0].action)].id == "stretch");
        CHECK(result.avoid[0].reason == "Not with leg pain.");
        CHECK(result.avoid[0].reason_index == 0);
        CHECK(ids == std::vector<std::string>{"doc", "run_less"});
    }
}

TEST_CASE("engine: the red-flag guarantee over generated answers (default rule base)") {
    const auto rb = rules::load_rule_base(rules::embedded_rule_files());
    const engine::Engine engine(rb);
    std::mt19937 random(20261122);
    for (int n = 0; n < 5000; ++n) {
        engine::Answers answers(rb.questions.size());
        for (std::size_t q = 0; q < rb.questions.size(); ++q) {
            const auto& question = rb.questions[q];
            if (random() % 6 == 0) continue;   // leave some unanswered
            engine::Answer& a = answers[q];
            a.given = true;
            if (question.type == rules::QuestionType::number) {
                a.number = question.min + static_cast<double>(random() % static_cast<unsigned>(question.max - question.min + 1));
            } else if (question.red_flag) {
                a.option = random() % 8 == 0 ? rules::k_yes : rules::k_no;
            } else {
                a.option = static_cast<int>(random() % question.options.size());
            }
        }
        const auto result = engine.evaluate(answers);
        if (!result.red_flags.empty()) REQUIRE(result.urgency != Urgency::self_care);
        if (result.urgency == Urgency::emergency) {
            REQUIRE_FALSE(result.actions.empty());
            CHECK(rb.actions[static_cast<std::size_t>(result.actions[0].action)].id == "emergency_care");
            for (const auto& action : result.actions)
                CHECK(rb.actions[static_cast<std::size_t>(action.action)].category == rules::ActionCategory::seek_care);
        }
        for (const auto& avoid : result.avoid) {
            for (const auto& action : result.actions) CHECK(action.action != avoid.action);
            // The place names the guard whose reason is given (renderers take its prepared form):
            // one of the action's own, or the safety principles' fragile-bone reason after them.
            const auto& definition = rb.actions[static_cast<std::size_t>(avoid.action)];
            REQUIRE(avoid.reason_index >= 0);
            REQUIRE(avoid.reason_index <= rules::fragile_bone_reason(definition));
            CHECK(rules::reason_text_at(rb, definition, avoid.reason_index) == avoid.reason);
        }
        for (const auto& action : result.actions) {
            const auto& definition = rb.actions[static_cast<std::size_t>(action.action)];
            if (action.caution.empty()) {
                CHECK(action.caution_index == -1);
                continue;
            }
            REQUIRE(action.caution_index >= 0);
            REQUIRE(action.caution_index <= rules::fragile_bone_caution(definition));
            CHECK(rules::caution_text_at(rb, definition, action.caution_index) == action.caution);
        }
        for (std::size_t i = 1; i < result.causes.size(); ++i)
            CHECK(result.causes[i - 1].score >= result.causes[i].score);
    }
}
