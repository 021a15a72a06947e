#include <runback/training/training_report.hpp>

#include <runback/engine/answers.hpp>
#include <runback/training/log_time.hpp>
#include <runback/training/week_chart.hpp>
#include <runback/util/json_writer.hpp>
#include <runback/util/text_wrap.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

namespace runback::training {

const char* const k_spike_explanation =
    "A single run more than 10% longer than the longest of the 30 days before it was linked with more "
    "running injuries in a study of 5,205 runners, while weekly totals and their ratios were not "
    "(Frandsen et al., BJSM 2025). Lengthen the long run gradually, not only the week.";

namespace {

const rules::Question* find_question(const rules::RuleBase& rule_base, const std::string& id) {
    for (const auto& question : rule_base.questions)
        if (question.id == id) return &question;
    return nullptr;
}

template <typename Item, typename Line>
void append_listed(std::string& out, const std::vector<Item>& items, std::size_t most, std::size_t width, Line line) {
    for (std::size_t i = 0; i < items.size() && i < most; ++i) util::append_wrapped(out, line(items[i]), "  ", "      ", width);
    if (items.size() > most)
        out += fmt::format("  and {} more (runback training --format json lists them all)\n", items.size() - most);
}

std::string counts_line(const TrainingLog& log, const TrainingSummary& summary) {
    const RunList& list = summary.list;
    std::string line = fmt::format("{} file{} read, {} run{} counted", log.files_read, log.files_read == 1 ? "" : "s",
                                   list.runs.size(), list.runs.size() == 1 ? "" : "s");
    std::vector<std::string> left;
    if (list.not_runs > 0) left.push_back(fmt::format("{} not a run", list.not_runs));
    if (list.duplicates > 0) left.push_back(fmt::format("{} duplicate{}", list.duplicates, list.duplicates == 1 ? "" : "s"));
    if (!left.empty()) line += "; left out: " + fmt::format("{}", fmt::join(left, ", "));
    if (list.assumed_runs > 0)
        line += fmt::format("; {} file{} naming no sport counted as runs", list.assumed_runs, list.assumed_runs == 1 ? "" : "s");
    return line;
}

}  // namespace

std::string render_training_text(const rules::RuleBase& rule_base, const TrainingLog& log, const TrainingSummary& summary,
                                 const ReportOptions& options) {
    std::string out;
    const std::size_t width = options.width;
    util::append_wrapped(out, "Training log: " + counts_line(log, summary), "", "  ", width);
    out += fmt::format("The log begins on {}; the day assessed is {}.\n", day_text(summary.first_day), day_text(summary.as_of));

    out += fmt::format("\nWeekly distance, the last {} weeks  {}\n", k_chart_weeks, sparkline(summary.weeks));
    out += week_bars(summary.weeks, width >= 78 ? 30 : 20);

    out += "\nAnswers from the log\n";
    for (const auto& derived : summary.answers) {
        const rules::Question* question = find_question(rule_base, derived.question);
        std::string shown = derived.value;
        if (question) {
            const auto parsed = engine::parse_answer(*question, derived.value);
            if (parsed.error.empty()) shown = engine::answer_label(*question, parsed.answer);
        }
        util::append_wrapped(out, fmt::format("{}: {}", derived.question, shown), "  ", "      ", width);
        util::append_wrapped(out, derived.basis, "      ", "      ", width);
    }
    if (summary.answers.empty()) out += "  none\n";
    for (const auto& missing : summary.not_derived)
        util::append_wrapped(out, fmt::format("{}: not worked out: {}", missing.question, missing.reason), "  ", "      ", width);

    if (summary.longest.found && summary.longest.spike) {
        out += "\nOne run well past the month before\n";
        util::append_wrapped(out, k_spike_explanation, "  ", "  ", width);
    }
    if (!summary.gps_jumps.empty()) {
        out += "\nRuns with a broken GPS track (counted without the jumps)\n";
        append_listed(out, summary.gps_jumps, options.listed, width, [](const GpsJump& jump) {
            return fmt::format("{}: the track jumps {:.1f} km in {} step{} faster than anyone runs; {:.1f} km counted",
                               jump.origin, jump.jump_km, jump.jumps, jump.jumps == 1 ? "" : "s", jump.counted_km);
        });
    }
    if (!summary.list.ignored.empty()) {
        out += "\nLeft out\n";
        append_listed(out, summary.list.ignored, options.listed, width,
                      [](const Ignored& item) { return item.where + ": " + item.reason; });
    }
    if (!log.problems.empty()) {
        out += "\nCould not be read\n";
        append_listed(out, log.problems, options.listed, width,
                      [](const LogProblem& problem) { return problem.where + ": " + problem.message; });
    }
    return out;
}

std::string render_training_json(const rules::RuleBase& rule_base, const TrainingLog& log, const TrainingSummary& summary) {
    std::string out;
    util::JsonWriter json(out);
    json.begin_object();
    json.key("as_of").value(day_text(summary.as_of));
    json.key("log_begins").value(day_text(summary.first_day));
    json.key("answers").begin_object();
    for (const auto& derived : summary.answers) {
        json.key(derived.question);
        const rules::Question* question = find_question(rule_base, derived.question);
        double number = 0;
        if (question && question->type == rules::QuestionType::number &&
            engine::parse_decimal(derived.value, engine::DecimalMark::point, number))
            json.value(number);
        else
            json.value(derived.value);
    }
    json.end_object();
    json.key("basis").begin_object();
    for (const auto& derived : summary.answers) json.key(derived.question).value(derived.basis);
    json.end_object();
    json.key("not_derived").begin_object();
    for (const auto& missing : summary.not_derived) json.key(missing.question).value(missing.reason);
    json.end_object();
    json.key("weeks").begin_array();
    for (const auto& week : summary.weeks) {
        json.begin_object();
        json.key("first_day").value(day_text(week.first_day));
        json.key("last_day").value(day_text(week.last_day));
        json.key("km").value(std::round(week.km * 100) / 100);
        json.key("runs").value(week.runs);
        json.key("covered").value(week.covered);
        json.end_object();
    }
    json.end_array();
    const LongestRun& longest = summary.longest;
    json.key("longest_recent_run").begin_object();
    json.key("found").value(longest.found);
    if (longest.found) {
        json.key("km").value(std::round(longest.km * 100) / 100);
        json.key("day").value(day_text(longest.day));
        json.key("origin").value(longest.origin);
        json.key("previous_longest_km").value(std::round(longest.previous_km * 100) / 100);
        if (longest.previous_km > 0) json.key("previous_longest_day").value(day_text(longest.previous_day));
        json.key("previous_30_days_covered").value(longest.previous_covered);
        json.key("spike").value(longest.spike);
    }
    json.end_object();
    json.key("counts").begin_object();
    json.key("files").value(log.files_read);
    json.key("activities").value(static_cast<int>(log.activities.size()));
    json.key("runs").value(static_cast<int>(summary.list.runs.size()));
    json.key("not_runs").value(summary.list.not_runs);
    json.key("duplicates").value(summary.list.duplicates);
    json.key("runs_without_sport").value(summary.list.assumed_runs);
    json.end_object();
    json.key("gps_jumps").begin_array();
    for (const auto& jump : summary.gps_jumps) {
        json.begin_object().key("origin").value(jump.origin).key("jumps").value(jump.jumps);
        json.key("jump_km").value(std::round(jump.jump_km * 100) / 100).key("counted_km").value(std::round(jump.counted_km * 100) / 100);
        json.end_object();
    }
    json.end_array();
    json.key("ignored").begin_array();
    for (const auto& item : summary.list.ignored) json.begin_object().key("where").value(item.where).key("reason").value(item.reason).end_object();
    json.end_array();
    json.key("problems").begin_array();
    for (const auto& problem : log.problems)
        json.begin_object().key("where").value(problem.where).key("message").value(problem.message).end_object();
    json.end_array();
    json.end_object();
    out += '\n';
    return out;
}

}  // namespace runback::training
