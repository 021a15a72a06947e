#pragma once
// The advice sheet's content, worked out once from an assessment and laid out by each format
// (text, Markdown, HTML, PDF) in the same order: the urgency (and for emergency and urgent,
// what to do now, before anything else), likely causes with the answers behind them, what to
// do, what to avoid, when to see someone, notes, then the answers given, the sources and the
// disclaimer. Strings here are plain text exactly as they will read; each format escapes them.

#include <runback/engine/answers.hpp>
#include <runback/engine/assessment.hpp>
#include <runback/rules/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace runback::sheet {

// A week of running from the training log, for the sheet's chart.
struct SheetWeek {
    std::string label;                     // the week's last day, "Nov 29"
    double km = 0;
    int runs = 0;
};

// What the training log showed, where the answers came from one (--training-log).
struct SheetTraining {
    std::vector<SheetWeek> weeks;          // the last 12, oldest first; empty: no log
    std::string summary;                   // the answers it gave, in a sentence
    std::string spike;                     // why one long run matters, when the log shows one
};

// The heading over the training chart, in every format.
inline constexpr std::string_view k_training_heading = "Your running, the last 12 weeks (from your training log)";

struct SheetOptions {
    std::optional<std::string> name;       // whose sheet it is, as typed (--name)
    std::optional<std::string> id;         // the respondent's id (batch)
    std::string date;                      // YYYY-MM-DD
    std::string emergency_number;          // "" for the list that works anywhere
    bool full = false;                     // every cause and action in full, however long
    SheetTraining training;                // the training log's weeks, when one was read
    std::vector<std::string> answer_notes; // per question: "" or where its answer came from
};

struct SheetReason {
    std::string question;                  // the question as asked (in `answers`, a short label)
    std::string answer;                    // the answer in words
};

struct SheetCause {
    std::string name;
    std::string summary;                   // the explanation's first sentence
    std::vector<SheetReason> because;
};

struct SheetAction {
    std::string id;                        // the action's id, for figures
    std::string title;
    std::vector<std::string> steps;
    std::string caution;                   // empty when none applies
};

// An action listed in a line (see fit_to_page): its title, its first step, and its caution,
// which is never dropped.
struct SheetBrief {
    std::string id;                        // the action's id
    std::string title;
    std::string summary;
    std::string caution;                   // empty when none applies
};

struct SheetAvoid {
    std::string title;
    std::string reason;
};

struct Sheet {
    rules::Urgency urgency = rules::Urgency::self_care;
    std::vector<std::string> alerts;       // read before anything else (a misspelt warning sign)
    std::string headline;                  // "URGENT: see a doctor within 24 hours"
    std::string meaning;                   // what the level means for you, in a sentence
    std::vector<std::string> missing;      // the warning signs not answered, when the headline
                                           // says so instead of promising self-care
    bool unchecked = false;                // self_care with warning signs unanswered
    std::vector<std::string> reasons;      // why this level (the deciding rules' words)
    std::vector<SheetAction> act_now;      // emergency and urgent: what to do now, first
    std::vector<SheetCause> causes;        // in an emergency, only what a doctor fears
    std::vector<std::string> more_causes;  // less likely causes, named only ("Also possible")
    std::vector<SheetAction> actions;      // what to do, numbered
    std::vector<SheetBrief> more_actions;  // lower-ranked actions, a line each ("More that may help")
    std::vector<SheetAvoid> avoid;
    std::vector<SheetAction> see_someone;  // when to see a doctor or physiotherapist
    std::vector<std::string> notes;        // warnings
    SheetTraining training;                // empty weeks when no training log was read
    std::vector<SheetReason> answers;      // every answer given
    std::vector<std::string> sources;      // cited by what the sheet shows, once each
    std::string name;                      // empty when not given
    std::string id;                        // empty when not given
    std::string date;
    std::string rules;                     // "runback default rules, version 1.0.0"
    std::string disclaimer;
};

Sheet build_sheet(const rules::RuleBase& rule_base, const engine::Answers& answers,
                  const engine::Assessment& assessment, const SheetOptions& options);

// An urgency level in a word or two ("See someone"), as every format prints it beside the
// level's colour, so that it survives a black-and-white printer. Inline for the PDF module too.
inline std::string_view urgency_word(rules::Urgency urgency) {
    constexpr std::string_view k_words[] = {"Self-care", "See someone", "Urgent", "Emergency"};
    return k_words[static_cast<std::size_t>(urgency)];
}

// The word for a level on this sheet's scale: with warning signs unanswered, self-care is only
// "Self-care?", as the headline says.
inline std::string scale_word(const Sheet& sheet, rules::Urgency level) {
    std::string word(urgency_word(level));
    if (sheet.unchecked && level == rules::Urgency::self_care) word += '?';
    return word;
}

// The heading over the warning signs left unanswered.
inline constexpr std::string_view k_missing_heading = "Not answered yet:";

// Whether the printed formats (PDF, HTML) set the sheet below the urgency in two columns, as
// patient leaflets are, so that it fits on a page: all but an emergency sheet, which is short
// and must be read first, top to bottom.
inline bool in_two_columns(const Sheet& sheet) { return sheet.urgency != rules::Urgency::emergency; }

// The heading over the actions listed a line each.
inline constexpr std::string_view k_more_actions_heading = "More that may help, once the steps above are going well";

// The title every format prints.
inline constexpr std::string_view k_sheet_title = "Back pain after running: your advice sheet";

}  // namespace runback::sheet
