#include <runback/ruletest/advice_lint.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace runback::ruletest {
namespace {

using rules::Action;
using rules::ActionCategory;
using rules::Urgency;

// The words that speak of each activity, as whole words or phrases of the lower-cased text.
struct ActivityWords {
    int activity;
    std::vector<std::string_view> words;
};

const std::array<ActivityWords, 5> k_activity_words{{
    {rules::activity::running, {"run", "runs", "running", "jog", "jogs", "jogging", "race", "races", "racing", "sprint",
                                "sprints"}},
    {rules::activity::exercise, {"exercise", "exercises", "strengthen", "strengthening", "plank", "planks", "bridge",
                                 "bridges", "squat", "squats", "lunge", "lunges", "superman", "swim", "swimming",
                                 "cycling", "yoga", "workout"}},
    {rules::activity::stretching, {"stretch", "stretches", "stretching"}},
    {rules::activity::massage, {"massage", "massages", "foam roller", "roller", "tennis ball", "massage ball",
                                "lacrosse ball"}},
    {rules::activity::spinal_flexion, {"forward fold", "bend forward", "bending forward", "lean forward",
                                       "leaning forward", "hug both knees", "towards your chest", "sit-up", "sit-ups",
                                       "crunch", "crunches", "touch your toes"}},
}};

// Phrases that tell the runner to wait for a check-up.
const std::vector<std::string_view> k_waiting_words{"until you have been checked", "until a doctor has checked",
                                                   "until a clinician has checked", "until you have been seen",
                                                   "until you are checked", "wait for a check"};

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// The first of `words` found in `text` (lower case) as a whole word or phrase, or "".
std::string_view first_found(const std::string& text, const std::vector<std::string_view>& words) {
    for (auto word : words) {
        for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
            const bool starts = at == 0 || !is_word_char(text[at - 1]);
            const auto end = at + word.size();
            const bool ends = end == text.size() || !is_word_char(text[end]);
            if (starts && ends) return word;
        }
    }
    return {};
}

std::string action_words(const Action& action) {
    std::string text = action.title;
    for (const auto& step : action.steps) text += "\n" + step;
    return lower(text);
}

class AdviceLint {
public:
    AdviceLint(const RuleBase& rb, std::vector<Finding>& findings) : m_rb(rb), m_findings(findings) {}

    void run() {
        for (const auto& action : m_rb.actions) {
            if (action.category == ActionCategory::seek_care) continue;
            activities(action);
            waiting(action);
        }
        feared();
    }

private:
    void activities(const Action& action) {
        const std::string text = action_words(action);
        for (const auto& [bit, words] : k_activity_words) {
            if ((action.involves & bit) != 0) continue;
            const auto word = first_found(text, words);
            if (word.empty()) continue;
            const bool fragile = (bit & rules::activity::risky_for_fragile_bone) != 0;
            const std::string name(rules::activity_id(bit));
            m_findings.push_back(
                {FindingLevel::error, "undeclared-activity", action.where,
                 fmt::format("action '{}' speaks of {} (\"{}\") but does not list '{}' under 'involves', so {} would get "
                             "it without the caution it needs",
                             action.id, name, word, name,
                             fragile && bit == rules::activity::spinal_flexion ? "fragile bones"
                             : fragile                                          ? "an urgent result or fragile bones"
                                                                                : "an urgent result"),
                 fmt::format("add '{}' to the action's 'involves', or reword it if it does not ask for that", name)});
        }
    }

    void waiting(const Action& action) {
        if (!action.waits_for_check) {
            const auto phrase = first_found(action_words(action), k_waiting_words);
            if (!phrase.empty())
                m_findings.push_back({FindingLevel::error, "unmarked-wait-for-check", action.where,
                                      fmt::format("action '{}' says to wait for a check-up (\"{}\") but is not marked, "
                                                  "so a self_care result could carry it",
                                                  action.id, phrase),
                                      "add 'waits_for_check: true' to the action, and the engine leaves it out of self_care"});
        }
        for (const auto& caution : action.cautions) {
            if (caution.waits_for_check) continue;
            const auto phrase = first_found(lower(caution.text), k_waiting_words);
            if (phrase.empty()) continue;
            m_findings.push_back({FindingLevel::error, "unmarked-wait-for-check", caution.where,
                                  fmt::format("a caution of action '{}' says to wait for a check-up (\"{}\") but is not "
                                              "marked, so a self_care result could carry it",
                                              action.id, phrase),
                                  "add 'waits_for_check: true' to the caution"});
        }
    }

    void feared() {
        for (const auto& rule : m_rb.rules) {
            if (!rule.urgency || *rule.urgency < Urgency::urgent) continue;
            if (rule.cause >= 0 && m_rb.causes[static_cast<std::size_t>(rule.cause)].serious) continue;
            m_findings.push_back({FindingLevel::warning, "urgent-without-feared-cause", rule.where,
                                  fmt::format("rule '{}' sets {} but names no cause marked 'serious', so the result "
                                              "would not say what is feared",
                                              rule.id, rules::to_id(*rule.urgency)),
                                  "give it 'cause:' and 'weight:' naming a serious cause (such as possible_fracture), "
                                  "or mark its cause 'serious: true'"});
        }
    }

    const RuleBase& m_rb;
    std::vector<Finding>& m_findings;
};

}  // namespace

void lint_advice(const RuleBase& rule_base, std::vector<Finding>& findings) { AdviceLint(rule_base, findings).run(); }

}  // namespace runback::ruletest
