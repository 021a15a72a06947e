// The default rule base, rule by rule: each rule fires for answers that meet its condition and
// not when any one of those answers is missing; and the evidence's required rules (section 0 of
// the evidence) give the results they must.

#include <runback/engine/engine.hpp>
#include <runback/rules/embedded.hpp>
#include <runback/rules/loader.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

using namespace runback;
using rules::Condition;
using rules::Urgency;

namespace {

using Assignment = std::map<int, engine::Answer>;

engine::Answer option_answer(int option) { return engine::Answer{true, option, 0}; }
engine::Answer number_answer(double number) { return engine::Answer{true, -1, number}; }

// Adds to `out` answers that make `condition` come out `want`, choosing the first way where
// there are several (the first part of an `any`), so that every answer added is needed.
void satisfy(const rules::RuleBase& rb, const Condition& condition, bool want, Assignment& out) {
    using Kind = Condition::Kind;
    switch (condition.kind) {
    case Kind::all:
        if (want) {
            for (const auto& child : condition.children) satisfy(rb, child, true, out);
        } else {
            satisfy(rb, condition.children.front(), false, out);
        }
        return;
    case Kind::any:
        if (want) {
            satisfy(rb, condition.children.front(), true, out);
        } else {
            for (const auto& child : condition.children) satisfy(rb, child, false, out);
        }
        return;
    case Kind::negation:
        satisfy(rb, condition.children.front(), !want, out);
        return;
    default:
        break;
    }
    const auto& question = rb.questions[static_cast<std::size_t>(condition.question)];
    if (question.type != rules::QuestionType::number) {
        const auto& in = condition.options;
        for (int option = 0; option < static_cast<int>(question.options.size()); ++option) {
            const bool listed = std::find(in.begin(), in.end(), option) != in.end();
            if (listed == want) {
                out[condition.question] = option_answer(option);
                return;
            }
        }
        FAIL("no option makes the test come out as wanted");
    }
    const double n = condition.number;
    double value = n;
    switch (condition.kind) {
    case Kind::less_than: value = want ? n - 1 : n; break;
    case Kind::at_most: value = want ? n : n + 1; break;
    case Kind::more_than: value = want ? n + 1 : n; break;
    case Kind::at_least: value = want ? n : n - 1; break;
    default: value = want ? n : (n > question.min ? n - 1 : n + 1); break;
    }
    out[condition.question] = number_answer(std::clamp(value, question.min, question.max));
}

engine::Answers to_answers(const rules::RuleBase& rb, const Assignment& assignment) {
    engine::Answers answers(rb.questions.size());
    for (const auto& [question, answer] : assignment) answers[static_cast<std::size_t>(question)] = answer;
    return answers;
}

bool fired(const engine::Assessment& result, int rule) {
    return std::find(result.fired_rules.begin(), result.fired_rules.end(), rule) != result.fired_rules.end();
}

struct Case {
    const rules::RuleBase& rb;
    engine::Engine engine;
    engine::Answers answers;

    explicit Case(const rules::RuleBase& rule_base) : rb(rule_base), engine(rule_base), answers(rule_base.questions.size()) {}

    Case& set(const char* id, const char* text) {
        const int q = rb.find_question(id);
        REQUIRE_MESSAGE(q >= 0, id);
        auto parsed = engine::parse_answer(rb.questions[static_cast<std::size_t>(q)], text);
        REQUIRE_MESSAGE(parsed.error.empty(), parsed.error);
        answers[static_cast<std::size_t>(q)] = parsed.answer;
        return *this;
    }
    // Every red flag answered no, an adult with lower-back pain for a few days, getting better.
    Case& benign() {
        for (const auto& question : rb.questions)
            if (question.red_flag) set(question.id.c_str(), "no");
        return set("pain_location", "lower_back").set("pain_radiates", "none")
            .set("leg_numbness_tingling", "no").set("pain_duration", "2_to_7_days")
            .set("pain_severity", "4").set("pain_timing", "after_run").set("pain_trend", "improving")
            .set("age", "35").set("osteoporosis_or_steroids", "no").set("bone_stress_risk", "no");
    }
    engine::Assessment result() const { return engine.evaluate(answers); }
};

bool has_cause(const rules::RuleBase& rb, const engine::Assessment& result, const char* id) {
    return std::any_of(result.causes.begin(), result.causes.end(),
                       [&](const auto& c) { return rb.causes[static_cast<std::size_t>(c.cause)].id == id; });
}
bool avoids(const rules::RuleBase& rb, const engine::Assessment& result, const char* id) {
    return std::any_of(result.avoid.begin(), result.avoid.end(),
                       [&](const auto& a) { return rb.actions[static_cast<std::size_t>(a.action)].id == id; });
}

}  // namespace

TEST_CASE("engine: each default rule fires for the answers it names, and not without them") {
    const auto rb = rules::load_rule_base(rules::embedded_rule_files());
    const engine::Engine engine(rb);
    for (std::size_t r = 0; r < rb.rules.size(); ++r) {
        const auto& rule = rb.rules[r];
        CAPTURE(rule.id);
        Assignment assignment;
        satisfy(rb, rule.when, true, assignment);
        REQUIRE(fired(engine.evaluate(to_answers(rb, assignment)), static_cast<int>(r)));
        for (const auto& [question, answer] : assignment) {
            CAPTURE(rb.questions[static_cast<std::size_t>(question)].id);
            Assignment without = assignment;
            without.erase(question);
            CHECK_FALSE(fired(engine.evaluate(to_answers(rb, without)), static_cast<int>(r)));
        }
        Assignment opposite;
        satisfy(rb, rule.when, false, opposite);
        CHECK_FALSE(fired(engine.evaluate(to_answers(rb, opposite)), static_cast<int>(r)));
    }
}

TEST_CASE("engine: the rules the evidence requires (section 0)") {
    const auto rb = rules::load_rule_base(rules::embedded_rule_files());

    SUBCASE("1. each red flag alone sets its level") {
        const std::map<std::string, Urgency> levels{
            {"bladder_bowel_change", Urgency::emergency}, {"saddle_numbness", Urgency::emergency},
            {"bilateral_leg_symptoms", Urgency::emergency}, {"leg_weakness", Urgency::emergency},
            {"fever", Urgency::urgent}, {"trauma", Urgency::urgent}, {"cancer_history", Urgency::urgent},
            {"weight_loss", Urgency::urgent}, {"night_pain", Urgency::urgent}};
        for (const auto& [flag, level] : levels) {
            CAPTURE(flag);
            Case with_flag(rb);
            CHECK(with_flag.benign().set(flag.c_str(), "yes").result().urgency == level);
            Case alone(rb);
            CHECK(alone.set(flag.c_str(), "yes").result().urgency == level);
        }
    }
    SUBCASE("2. cancer history with leg nerve symptoms is an emergency") {
        Case below(rb);
        CHECK(below.benign().set("cancer_history", "yes").set("pain_radiates", "below_knee").result().urgency == Urgency::emergency);
        Case numb(rb);
        CHECK(numb.benign().set("cancer_history", "yes").set("leg_numbness_tingling", "yes").result().urgency == Urgency::emergency);
    }
    SUBCASE("3. trauma with fragile bones or age 70+ is an emergency; at 50+ at least urgent") {
        Case steroids(rb);
        CHECK(steroids.benign().set("trauma", "yes").set("osteoporosis_or_steroids", "yes").result().urgency == Urgency::emergency);
        Case old(rb);
        CHECK(old.benign().set("trauma", "yes").set("age", "70").result().urgency == Urgency::emergency);
        Case fifty(rb);
        CHECK(fifty.benign().set("trauma", "yes").set("age", "55").result().urgency == Urgency::urgent);
    }
    SUBCASE("4. under 18 with pain for a week or more: see_clinician, bone stress among causes") {
        Case teen(rb);
        const auto result = teen.benign().set("age", "15").set("pain_duration", "1_to_6_weeks").result();
        CHECK(result.urgency == Urgency::see_clinician);
        CHECK(has_cause(rb, result, "bone_stress_injury"));
    }
    SUBCASE("5. bone stress risk with lower-back or buttock pain for a week or more") {
        Case runner(rb);
        const auto result = runner.benign().set("bone_stress_risk", "yes").set("pain_location", "buttock_hip")
                                .set("pain_duration", "1_to_6_weeks").result();
        CHECK(result.urgency == Urgency::see_clinician);
        CHECK(has_cause(rb, result, "bone_stress_injury"));
    }
    SUBCASE("6. upper-back pain: see_clinician, with a warning that the tool is for lower-back pain") {
        Case upper(rb);
        const auto result = upper.benign().set("pain_location", "upper_back").result();
        CHECK(result.urgency == Urgency::see_clinician);
        CHECK(std::any_of(result.warnings.begin(), result.warnings.end(),
                          [](const auto& w) { return w.code == "not_lower_back"; }));
    }
    SUBCASE("7. six weeks or more, or worsening: see_clinician") {
        for (const char* duration : {"6_to_12_weeks", "over_12_weeks"}) {
            Case long_pain(rb);
            CHECK(long_pain.benign().set("pain_duration", duration).result().urgency == Urgency::see_clinician);
        }
        Case worse(rb);
        CHECK(worse.benign().set("pain_trend", "worsening").result().urgency == Urgency::see_clinician);
    }
    SUBCASE("8. below-knee pain with numbness: nerve root irritation, see_clinician, no forward fold, cautions") {
        Case nerve(rb);
        const auto result = nerve.benign().set("pain_radiates", "below_knee").set("leg_numbness_tingling", "yes")
                                .set("tight_hips_hamstrings", "yes").result();
        CHECK(result.urgency == Urgency::see_clinician);
        REQUIRE_FALSE(result.causes.empty());
        CHECK(rb.causes[static_cast<std::size_t>(result.causes[0].cause)].id == "nerve_root_irritation");
        CHECK(avoids(rb, result, "seated_forward_fold"));
        for (const char* id : {"stretch_hips_hamstrings", "self_massage", "heat_therapy"}) {
            CAPTURE(id);
            const auto it = std::find_if(result.actions.begin(), result.actions.end(), [&](const auto& a) {
                return rb.actions[static_cast<std::size_t>(a.action)].id == id;
            });
            if (it != result.actions.end()) CHECK_FALSE(it->caution.empty());
        }
    }
    SUBCASE("9. benign answers are self_care: no over-triage") {
        Case benign(rb);
        const auto result = benign.benign().set("volume_change", "up_over_30pct").set("surface", "concrete_asphalt")
                                .set("posture", "overstriding_heel_strike").result();
        CHECK(result.urgency == Urgency::self_care);
        REQUIRE_FALSE(result.causes.empty());
        // 10. load ranks above surface and form.
        CHECK(rb.causes[static_cast<std::size_t>(result.causes[0].cause)].id == "training_load_spike");
    }
}
