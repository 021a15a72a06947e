#include <runback/cli/training_log_option.hpp>

#include <runback/cli/command_line.hpp>
#include <runback/training/log_time.hpp>
#include <runback/training/training_report.hpp>

#include <fmt/format.h>
#include <runback/util/error.hpp>

#include <ctime>
#include <iostream>

namespace runback::cli {

void add_training_log_option(CLI::App& command, TrainingLogOptions& options) {
    command.add_option("--training-log", options.paths,
                       "Take weekly distance, its change, rest days and running experience from this training log "
                       "(GPX, TCX, FIT, .gz, a Strava export zip or folder, a Garmin CSV); answers given win; may be repeated")
        ->type_name("PATH")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void add_training_reading_options(CLI::App& command, TrainingLogOptions& options) {
    command.add_option("--as-of", options.as_of, "The day to assess, YYYY-MM-DD (default: the day of the newest run)")
        ->type_name("DATE");
    command.add_option("--distance-unit", options.distance_unit,
                       "The unit of CSV distances that do not state one (Garmin Connect writes the account's): km or mi")
        ->check(one_of({"km", "mi"}));
}

LoadedTrainingLog load_training_log(const TrainingLogOptions& options) {
    std::optional<std::int64_t> as_of;
    if (!options.as_of.empty()) {
        as_of = training::parse_iso_day(options.as_of);
        if (!as_of) throw Error("--as-of '" + options.as_of + "' is not a date", "write it as YYYY-MM-DD, such as 2026-11-30");
    }
    training::ReadOptions read;
    read.csv_unit = options.distance_unit == "mi" ? training::CsvDistanceUnit::miles : training::CsvDistanceUnit::km;
    LoadedTrainingLog loaded;
    loaded.log = training::read_training_log(options.paths, read);
    if (!as_of) as_of = training::newest_run_day(loaded.log.activities);
    if (!as_of) as_of = training::local_day(static_cast<std::int64_t>(std::time(nullptr)));
    loaded.summary = training::summarise(training::list_runs(loaded.log.activities, *as_of), *as_of);
    loaded.had_problems = !loaded.log.problems.empty() || loaded.summary.list.runs.empty();
    return loaded;
}

std::optional<TrainingLogUse> use_training_log(const rules::RuleBase& rule_base, const TrainingLogOptions& options) {
    if (options.paths.empty()) return std::nullopt;
    LoadedTrainingLog loaded = load_training_log(options);
    for (const auto& problem : loaded.log.problems)
        std::cerr << "runback: warning: " << problem.where << ": " << problem.message << "\n";
    if (loaded.summary.list.runs.empty())
        std::cerr << "runback: warning: the training log holds no run, so it answers nothing\n";
    TrainingLogUse use;
    use.answers = training::log_answers(rule_base, loaded.summary);
    use.summary = std::move(loaded.summary);
    use.had_problems = loaded.had_problems;
    return use;
}

std::vector<std::string> fill_from_log(const std::optional<TrainingLogUse>& log, engine::Answers& answers) {
    if (!log) return std::vector<std::string>(answers.size());
    return training::merge_log_answers(log->answers, answers);
}

sheet::SheetTraining sheet_training(const rules::RuleBase& rule_base, const TrainingLogUse& log,
                                    const std::vector<std::string>& notes) {
    sheet::SheetTraining training;
    static constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (const auto& week : log.summary.weeks) {
        const std::string day = training::day_text(week.last_day);
        const int month = std::stoi(day.substr(5, 2));
        training.weeks.push_back({fmt::format("{} {}", k_months[month - 1], std::stoi(day.substr(8, 2))), week.km, week.runs});
    }
    std::string taken;
    for (std::size_t q = 0; q < rule_base.questions.size() && q < notes.size(); ++q) {
        if (notes[q].empty()) continue;
        const auto& question = rule_base.questions[q];
        taken += fmt::format("{}{}: {} ({})", taken.empty() ? "" : "; ", question.text,
                             engine::answer_label(question, log.answers.answers[q]), log.answers.basis[q]);
    }
    training.summary = fmt::format("As of {}. ", training::day_text(log.summary.as_of)) +
                       (taken.empty() ? "Your own answers were used instead of the log's." : "Taken from the log: " + taken + ".");
    if (log.summary.longest.spike) training.spike = training::k_spike_explanation;
    return training;
}

}  // namespace runback::cli
