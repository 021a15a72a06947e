#pragma once
// `runback training` output: what the log gave, as text for the runner (with the weekly chart)
// or as JSON for scripts (the answers as a map of question id to value, and the weekly totals).

#include <runback/rules/model.hpp>
#include <runback/training/activity.hpp>
#include <runback/training/training_summary.hpp>

#include <string>

namespace runback::training {

struct ReportOptions {
    std::size_t width = 78;
    std::size_t listed = 10;      // ignored activities and problems listed before "and N more"
};

std::string render_training_text(const rules::RuleBase& rule_base, const TrainingLog& log, const TrainingSummary& summary,
                                 const ReportOptions& options = {});

std::string render_training_json(const rules::RuleBase& rule_base, const TrainingLog& log, const TrainingSummary& summary);

// The explanation of a spike in the longest run, for every report that shows it.
extern const char* const k_spike_explanation;

}  // namespace runback::training
