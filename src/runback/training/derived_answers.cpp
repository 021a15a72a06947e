#include <runback/training/derived_answers.hpp>

namespace runback::training {

LogAnswers log_answers(const rules::RuleBase& rule_base, const TrainingSummary& summary) {
    LogAnswers log{engine::Answers(rule_base.questions.size()), std::vector<std::string>(rule_base.questions.size())};
    for (const auto& derived : summary.answers) {
        for (std::size_t q = 0; q < rule_base.questions.size(); ++q) {
            if (rule_base.questions[q].id != derived.question) continue;
            // Through the parser every answer file goes through, so that a rule base whose
            // question takes other values (a custom one) is never handed one it rejects.
            const auto parsed = engine::parse_answer(rule_base.questions[q], derived.value);
            if (!parsed.error.empty()) break;
            log.answers[q] = parsed.answer;
            log.basis[q] = derived.basis;
        }
    }
    return log;
}

std::vector<std::string> merge_log_answers(const LogAnswers& log, engine::Answers& answers) {
    std::vector<std::string> notes(answers.size());
    for (std::size_t q = 0; q < answers.size() && q < log.answers.size(); ++q) {
        if (answers[q].given || !log.answers[q].given) continue;
        answers[q] = log.answers[q];
        notes[q] = "from your training log";
    }
    return notes;
}

}  // namespace runback::training
