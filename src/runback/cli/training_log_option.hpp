#pragma once
// --training-log PATH for the commands that assess one person (ask, assess, sheet): the log's
// answers fill the questions the person's own answers leave open, and its problems are
// reported on standard error without stopping the command.

#include <runback/engine/answers.hpp>
#include <runback/rules/model.hpp>
#include <runback/sheet/sheet.hpp>
#include <runback/training/derived_answers.hpp>
#include <runback/training/log_reader.hpp>
#include <runback/training/training_summary.hpp>

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace runback::cli {

struct TrainingLogOptions {
    std::vector<std::string> paths;
    std::string as_of;            // YYYY-MM-DD, or "" for the day of the newest run
    std::string distance_unit = "km";
};

// Adds --training-log PATH (repeatable) to `command`.
void add_training_log_option(CLI::App& command, TrainingLogOptions& options);

// Adds --as-of DATE and --distance-unit km|mi, which say how to read a log.
void add_training_reading_options(CLI::App& command, TrainingLogOptions& options);

struct LoadedTrainingLog {
    training::TrainingLog log;
    training::TrainingSummary summary;
    bool had_problems = false;   // something could not be read (exit status 1 when done)
};

// Reads and summarises the log `options` names. Throws runback::Error for a bad --as-of.
LoadedTrainingLog load_training_log(const TrainingLogOptions& options);

// A log read for ask, assess or sheet.
struct TrainingLogUse {
    training::LogAnswers answers;        // per question of the rule base
    training::TrainingSummary summary;
    bool had_problems = false;
};

// For ask, assess and sheet: the log's answers for `rule_base`, with each problem reported on
// standard error as a warning; empty when no log was named.
std::optional<TrainingLogUse> use_training_log(const rules::RuleBase& rule_base, const TrainingLogOptions& options);

// Fills what `answers` leaves open from the log (explicit answers win), returning per question
// "" or "from your training log"; all "" without a log.
std::vector<std::string> fill_from_log(const std::optional<TrainingLogUse>& log, engine::Answers& answers);

// The sheet's chart and a sentence on the answers the log gave (those of `notes`).
sheet::SheetTraining sheet_training(const rules::RuleBase& rule_base, const TrainingLogUse& log,
                                    const std::vector<std::string>& notes);

}  // namespace runback::cli
