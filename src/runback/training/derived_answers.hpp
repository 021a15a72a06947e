#pragma once
// The training log's answers merged into a person's answers: an answer given explicitly (in a
// file, or typed) always wins, and each answer taken from the log is marked so that reports
// can say where it came from.

#include <runback/engine/answers.hpp>
#include <runback/rules/model.hpp>
#include <runback/training/training_summary.hpp>

#include <string>
#include <vector>

namespace runback::training {

// Per question of the rule base: the log's answer (not given where the log has none, or the
// rule base has no such question) and its basis.
struct LogAnswers {
    engine::Answers answers;
    std::vector<std::string> basis;
};

LogAnswers log_answers(const rules::RuleBase& rule_base, const TrainingSummary& summary);

// Fills the questions `answers` leaves open from `log`; returns, per question, "" or a note
// that its answer came from the training log, for reports. Explicit answers are never changed.
std::vector<std::string> merge_log_answers(const LogAnswers& log, engine::Answers& answers);

}  // namespace runback::training
