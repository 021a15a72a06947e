#include <runback/rules/passes.hpp>

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

}  // namespace

void validate(const RuleBase& base, Problems& problems) {
    if (base.questions.empty()) {
        problems.add({}, "the rule base has no questions; add a 'questions' list to one of its "
                         "files");
    }

    // The first rule with an urgency that uses each question: such questions are for safety.
    const std::size_t count = base.questions.size();
    std::vector<int> safety_rule(count, -1);
    for (std::size_t r = 0; r < base.rules.size(); ++r) {
        if (!base.rules[r].urgency) continue;
        for (int q : questions_tested(base.rules[r].when)) {
            if (safety_rule[static_cast<std::size_t>(q)] < 0) safety_rule[static_cast<std::size_t>(q)] = static_cast<int>(r);
        }
    }

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
        } else if (safety_rule[q] >= 0) {
            const Rule& rule = base.rules[static_cast<std::size_t>(safety_rule[q])];
            problems.add(where, fmt::format("question '{}' may not have 'ask_if': rule '{}' sets "
                                            "an urgency and uses it, and safety questions are "
                                            "always asked",
                                            question.id, rule.id));
        }
        const auto tested = questions_tested(*question.ask_if);
        if (std::find(tested.begin(), tested.end(), static_cast<int>(q)) != tested.end()) {
            problems.add(where, fmt::format("the 'ask_if' of question '{}' tests the question "
                                            "itself, so it would never be asked",
                                            question.id));
        }
    }
}

}  // namespace runback::rules
