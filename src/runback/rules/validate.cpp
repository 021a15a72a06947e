#include <runback/rules/passes.hpp>

#include <runback/rules/implication.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace runback::rules {
namespace {

using Kind = Condition::Kind;

// `{question: <question>, equals: yes}` and nothing else: a red flag's own rule. Anything
// looser could leave a "yes" that raises no urgency when other answers are missing.
bool tests_yes_alone(const Condition& condition, int question) {
    return condition.kind == Kind::equals && condition.question == question &&
           condition.options == std::vector<int>{k_yes};
}

void check_red_flag_rule(const RuleBase& base, int index, Problems& problems) {
    const bool covered = std::any_of(base.rules.begin(), base.rules.end(), [&](const Rule& rule) {
        return rule.urgency && *rule.urgency > Urgency::self_care &&
               tests_yes_alone(rule.when, index);
    });
    if (covered) return;
    const Question& question = base.questions[static_cast<std::size_t>(index)];
    problems.add(question.where,
                 fmt::format("red-flag question '{0}' needs a rule that tests it alone "
                             "({{question: {0}, equals: yes}}) and sets an urgency above "
                             "self_care",
                             question.id));
}

// The words the engine's safety principles need for an action (docs/safety.md), and advice to
// wait for a check-up that a self_care result would carry.
void check_safety_words(const RuleBase& base, const Action& action, Problems& problems) {
    if (action.category == ActionCategory::seek_care) return;
    if ((action.involves & activity::waits_when_urgent) != 0 && action.until_checked.empty() &&
        base.safety.until_checked.empty()) {
        problems.add(action.where, fmt::format("action '{}' involves {}, so with an urgent result it carries a caution to "
                                               "wait until checked, but nothing words it; add 'until_checked:' to the "
                                               "action, or to the rule base's 'safety' block",
                                               action.id, activity_names(action.involves & activity::waits_when_urgent)));
    }
    if ((action.involves & activity::risky_for_fragile_bone) != 0 && action.with_fragile_bone.empty() &&
        base.safety.fragile_bone_reason.empty()) {
        problems.add(action.where, fmt::format("action '{}' involves {}, which fragile bones rule out, but nothing says "
                                               "why; add 'with_fragile_bone:' to the action (a caution), or "
                                               "'fragile_bone: {{when: ..., reason: ...}}' to the 'safety' block",
                                               action.id, activity_names(action.involves & activity::risky_for_fragile_bone)));
    }
    if (action.waits_for_check &&
        std::find(action.for_urgency.begin(), action.for_urgency.end(), Urgency::self_care) != action.for_urgency.end()) {
        problems.add(action.where, fmt::format("action '{}' says to wait for a check-up ('waits_for_check: true') but is "
                                               "given for self_care, which never waits for one; remove self_care from "
                                               "its 'for_urgency'",
                                               action.id));
    }
}

// A question asked only sometimes may decide an urgency only where it is asked: each rule with
// an urgency that reads it must itself require what its `ask_if` asks for, so that the
// questionnaire never leaves out an answer that could make the result more urgent.
void check_follow_up(const RuleBase& base, int index, Problems& problems) {
    const Question& question = base.questions[static_cast<std::size_t>(index)];
    for (const Rule& rule : base.rules) {
        if (!rule.urgency) continue;
        const auto tested = questions_tested(rule.when);
        if (std::find(tested.begin(), tested.end(), index) == tested.end()) continue;
        if (implies(rule.when, *question.ask_if)) continue;
        problems.add(question.ask_if->where,
                     fmt::format("question '{}' is asked only sometimes ('ask_if'), yet rule '{}' (line {}) sets an "
                                 "urgency from it without requiring what the 'ask_if' asks for; add the 'ask_if' "
                                 "condition to the rule's 'all:' list, or remove the 'ask_if'",
                                 question.id, rule.id, rule.where.line));
    }
}

// A checklist section is asked in one step: its questions without `ask_if` are yes/no, and
// either all red flags (asked first) or none, so that they come one after another. Its
// questions with `ask_if` (follow-ups) are asked on their own, after it.
void check_checklist(const RuleBase& base, std::size_t section, Problems& problems) {
    int flags = 0;
    int members = 0;
    for (const Question& question : base.questions) {
        if (question.section != static_cast<int>(section) || question.ask_if) continue;
        ++members;
        flags += question.red_flag ? 1 : 0;
        if (question.type != QuestionType::yes_no) {
            problems.add(question.where, fmt::format("question '{}' is in checklist section '{}', which asks yes/no "
                                                     "questions in one step; make it yes_no, give it an 'ask_if' "
                                                     "(a follow-up is asked on its own), or move it to another section",
                                                     question.id, base.sections[section].id));
        }
    }
    if (flags != 0 && flags != members) {
        problems.add(base.sections[section].where,
                     fmt::format("checklist section '{}' mixes red flags and other questions, which are asked apart "
                                 "(red flags first); make them all red flags or none",
                                 base.sections[section].id));
    }
}

}  // namespace

std::string activity_names(int involves) {
    std::string names;
    for (int i = 0; i < activity::count; ++i) {
        if ((involves & (1 << i)) == 0) continue;
        if (!names.empty()) names += ", ";
        names += activity_id(1 << i);
    }
    return names;
}

void validate(const RuleBase& base, Problems& problems) {
    for (const Action& action : base.actions) check_safety_words(base, action, problems);
    for (std::size_t s = 0; s < base.sections.size(); ++s)
        if (base.sections[s].checklist) check_checklist(base, s, problems);
    if (base.questions.empty()) {
        problems.add({}, "the rule base has no questions; add a 'questions' list to one of its "
                         "files");
    }

    const std::size_t count = base.questions.size();
    for (std::size_t q = 0; q < count; ++q) {
        const Question& question = base.questions[q];
        if (question.red_flag && question.type == QuestionType::yes_no) {
            check_red_flag_rule(base, static_cast<int>(q), problems);
        }
        if (!question.ask_if) continue;
        const SourceLocation& where = question.ask_if->where;
        if (question.red_flag) {
            problems.add(where, fmt::format("red-flag question '{}' may not have 'ask_if': safety "
                                            "questions are always asked",
                                            question.id));
        }
        check_follow_up(base, static_cast<int>(q), problems);
        const auto tested = questions_tested(*question.ask_if);
        if (std::find(tested.begin(), tested.end(), static_cast<int>(q)) != tested.end()) {
            problems.add(where, fmt::format("the 'ask_if' of question '{}' tests the question "
                                            "itself, so it would never be asked",
                                            question.id));
        }
    }
}

}  // namespace runback::rules
