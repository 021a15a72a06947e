#include <runback/cli/command.hpp>

namespace runback::cli {

const std::vector<Command>& command_table() {
    static const std::vector<Command> commands{
        {"ask", "Answer the questionnaire in the terminal (what 'runback' alone does)", setup_ask},
        {"assess", "Assess one set of answers (a YAML or JSON file, or - for standard input)",
         setup_assess},
        {"batch", "Assess many respondents from a CSV or JSONL file, one result per record",
         setup_batch},
        {"explain", "Show every rule that fired, and nearly fired, for a set of answers (for rule authors)",
         setup_explain},
        {"sheet", "Make a printable advice sheet from one set of answers (PDF, HTML, Markdown or text)",
         setup_sheet},
        {"training", "Read a training log (GPX, TCX, FIT, a Strava or Garmin export): weekly distance and its change",
         setup_training},
        {"questions", "List the questions, their options and ranges", setup_questions},
        {"rules", "Work with the rule base: check it for errors, run its tests", setup_rules},
    };
    return commands;
}

}  // namespace runback::cli
