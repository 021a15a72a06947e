#include <runback/sheet/sheet.hpp>

#include <runback/sheet/sheet_fit.hpp>

#include <runback/report/heading.hpp>
#include <runback/report/urgency_text.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace runback::sheet {
namespace {

using rules::Urgency;

// The explanation's first sentence: the one line a sheet has room for.
std::string first_sentence(std::string_view text) {
    const auto end = text.find(". ");
    return std::string(end == std::string_view::npos ? text : text.substr(0, end + 1));
}

// A question's id as a short label ("weekly_distance_km" as "Weekly distance km"), for the
// compact list of answers.
// The answer in words, and where it came from when not from the person ("from your training log").
std::string noted_label(const rules::Question& question, const engine::Answers& answers,
                        const std::vector<std::string>& notes, int q) {
    const auto index = static_cast<std::size_t>(q);
    std::string label = engine::answer_label(question, answers[index]);
    if (index < notes.size() && !notes[index].empty()) label += " (" + notes[index] + ")";
    return label;
}

std::string short_label(std::string_view id) {
    std::string label(id);
    for (char& c : label)
        if (c == '_') c = ' ';
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = static_cast<char>(label[0] - 'a' + 'A');
    return label;
}

void add_sources(std::vector<std::string>& sources, const std::vector<std::string>& more) {
    for (const auto& source : more)
        if (std::find(sources.begin(), sources.end(), source) == sources.end()) sources.push_back(source);
}

SheetAction sheet_action(const rules::Action& action, std::string_view caution) {
    return {action.id, action.title, action.steps, std::string(caution)};
}

}  // namespace

Sheet build_sheet(const rules::RuleBase& rule_base, const engine::Answers& answers,
                  const engine::Assessment& assessment, const SheetOptions& options) {
    Sheet sheet;
    const Urgency urgency = assessment.urgency;
    sheet.urgency = urgency;
    auto heading = report::heading_for(rule_base, assessment, options.emergency_number);
    sheet.alerts = std::move(heading.alerts);
    sheet.headline = std::move(heading.headline);
    sheet.meaning = std::move(heading.meaning);
    sheet.missing = std::move(heading.missing);
    sheet.unchecked = heading.unchecked;
    sheet.reasons = std::move(heading.reasons);
    for (int index : assessment.fired_rules) {
        const auto& rule = rule_base.rules[static_cast<std::size_t>(index)];
        if (rule.urgency) add_sources(sheet.sources, rule.sources);
    }

    // For emergency and urgent results the seek-care advice is what to do now, at the top;
    // otherwise it closes the advice as when to see someone.
    const bool pressing = urgency >= Urgency::urgent;
    for (const auto& chosen : assessment.actions) {
        const auto& action = rule_base.actions[static_cast<std::size_t>(chosen.action)];
        auto item = sheet_action(action, chosen.caution);
        if (action.category != rules::ActionCategory::seek_care) sheet.actions.push_back(std::move(item));
        else if (pressing) sheet.act_now.push_back(std::move(item));
        else sheet.see_someone.push_back(std::move(item));
        add_sources(sheet.sources, action.sources);
    }
    // In an emergency the likely causes can wait until someone has checked, but not what a
    // doctor fears, which the runner can tell them.
    {
        for (const auto& cause : assessment.causes) {
            const auto& definition = rule_base.causes[static_cast<std::size_t>(cause.cause)];
            if (urgency == Urgency::emergency && !definition.serious) continue;
            SheetCause item{definition.name, first_sentence(definition.explanation), {}};
            for (int q : cause.because) {
                const auto& question = rule_base.questions[static_cast<std::size_t>(q)];
                // A checklist item is a phrase, not a question ("One calf swollen"): a colon
                // keeps it apart from its answer.
                const char last = question.text.empty() ? '?' : question.text.back();
                const bool punctuated = last == '?' || last == '.' || last == ':' || last == ')';
                item.because.push_back({punctuated ? question.text : question.text + ":",
                                        noted_label(question, answers, options.answer_notes, q)});
            }
            sheet.causes.push_back(std::move(item));
            add_sources(sheet.sources, definition.sources);
        }
    }
    for (const auto& avoid : assessment.avoid) {
        const auto& action = rule_base.actions[static_cast<std::size_t>(avoid.action)];
        sheet.avoid.push_back({action.title, std::string(avoid.reason)});
    }
    for (const auto& warning : assessment.warnings) {
        if (report::shown_in_heading(heading, warning)) continue;
        sheet.notes.push_back(report::warning_text(rule_base, warning));
    }
    for (std::size_t q = 0; q < rule_base.questions.size(); ++q) {
        if (!answers[q].given) continue;
        const auto& question = rule_base.questions[q];
        sheet.answers.push_back({short_label(question.id), noted_label(question, answers, options.answer_notes, static_cast<int>(q))});
    }
    sheet.training = options.training;
    sheet.name = options.name.value_or("");
    sheet.id = options.id.value_or("");
    sheet.date = options.date;
    sheet.rules = fmt::format("{}, version {}", rule_base.name.empty() ? "runback rules" : rule_base.name, rule_base.version);
    sheet.disclaimer = report::disclaimer();
    if (!options.full) fit_to_page(sheet);
    return sheet;
}

}  // namespace runback::sheet
