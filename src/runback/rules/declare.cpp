#include <runback/rules/passes.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace runback::rules {
namespace {

using Need = MapReader::Need;
using Shape = MapReader::Shape;

const std::vector<std::string> k_rulebase_keys{"name", "version"};
const std::vector<std::string> k_section_keys{"id", "title", "intro", "checklist"};
const std::vector<std::string> k_question_keys{
    "id", "section", "type", "text", "help", "red_flag", "warn_when_unanswered", "options", "min", "max", "unit", "ask_if"};
const std::vector<std::string> k_option_keys{"id", "label", "neutral"};
const std::vector<std::string> k_cause_keys{"id", "name", "explanation", "source", "serious", "fragile_bone"};
const std::vector<std::string> k_action_keys{"id",         "title",     "category",        "steps",
                                             "addresses",  "for_urgency", "unsuitable",    "cautions",
                                             "involves",   "waits_for_check", "until_checked",
                                             "with_fragile_bone", "source"};
const std::vector<std::string> k_rule_keys{"id",        "when",    "cause",   "weight", "urgency",
                                           "recommend", "warning", "because", "source"};
const std::vector<std::string> k_number_keys{"min", "max", "unit"};

// The entity's id: recorded in `table` (duplicates reported) and used to name it in messages.
std::string declare_id(MapReader& reader, IdTable& table, std::size_t index, Problems& problems) {
    const auto id = reader.id("id", Need::required);
    if (!id) return {};
    table.add(*id, static_cast<int>(index), reader.scope().where(reader.field("id")->mark()),
              problems);
    reader.set_name(*id);
    return *id;
}

// Option ids are answer values (contract: "2_to_7_days"), so they may start with a digit.
bool is_option_id(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

void declare_rulebase(const Entries& entries, Problems& problems, RuleBase& base) {
    if (entries.rulebase.empty()) {
        problems.add({}, "the rule base has no 'rulebase' block; add one with 'name' and "
                         "'version' to one of its files");
        return;
    }
    const Entry& first = entries.rulebase.front();
    const std::string first_at = format_location(first.scope.where(first.mark));
    for (const Entry& entry : entries.rulebase) {
        if (&entry != &first) {
            entry.scope.error(entry.mark, fmt::format("duplicate 'rulebase' block (first at {}); "
                                                      "a rule base has exactly one",
                                                      first_at));
        }
        if (!entry.node.IsMap()) {
            entry.scope.error(entry.node.IsNull() ? entry.mark : entry.node.Mark(),
                              fmt::format("expected a map with 'name' and 'version' for "
                                          "'rulebase', got {}",
                                          describe(entry.node)));
            continue;
        }
        // A duplicate is read too, so that its own mistakes show up in the same run.
        MapReader reader(entry.node, entry.scope, "rulebase");
        reader.check_keys(k_rulebase_keys);
        auto name = reader.text("name", Need::required);
        auto version = reader.text("version", Need::required);
        if (&entry == &first) {
            base.name = name.value_or("");
            base.version = version.value_or("");
        }
    }
}

void declare_section(const Entry& entry, Problems& problems, RuleBase& base, Symbols& symbols) {
    MapReader reader(entry.node, entry.scope, "section");
    reader.check_keys(k_section_keys);
    Section section;
    section.where = reader.where();
    section.id = declare_id(reader, symbols.sections, base.sections.size(), problems);
    section.title = reader.text("title", Need::required).value_or("");
    section.intro = reader.text("intro", Need::optional).value_or("");
    section.checklist = reader.flag("checklist").value_or(false);
    base.sections.push_back(std::move(section));
}

void declare_options(const MapReader& reader, Question& question) {
    const auto items = reader.maps("options", Need::required);
    if (!items) return;
    std::vector<std::pair<std::string, SourceLocation>> seen;
    for (const YAML::Node& item : *items) {
        MapReader option_reader(item, reader.scope(), "option");
        option_reader.check_keys(k_option_keys);
        Option option;
        if (const auto id = option_reader.reference("id", Need::required)) {
            option.id = *id;
            const SourceLocation where = reader.scope().where(option_reader.field("id")->mark());
            const auto first = std::find_if(seen.begin(), seen.end(),
                                            [&](const auto& other) { return other.first == *id; });
            if (!is_option_id(*id)) {
                reader.scope().problems().add(
                    where, fmt::format("invalid option id '{}': option ids are lower-case "
                                       "letters, digits and '_'",
                                       *id));
            } else if (first != seen.end()) {
                reader.scope().problems().add(
                    where, fmt::format("duplicate option '{}' in {} (first at {})", *id,
                                       reader.label(), format_location(first->second)));
            } else {
                seen.emplace_back(*id, where);
            }
        }
        option.label = option_reader.text("label", Need::required).value_or("");
        option.neutral = option_reader.flag("neutral").value_or(false);
        question.options.push_back(std::move(option));
    }
    const Field* field = reader.field("options");
    if (field->value.size() < 2) {
        reader.scope().error(field->mark(),
                             fmt::format("a choice question needs at least two options; {} has {}",
                                         reader.label(), field->value.size()));
    }
}

// Reports `key` on a question whose type does not take it.
void reject_key(const MapReader& reader, std::string_view key, std::string_view only_for,
                QuestionType type) {
    if (const Field* field = reader.field(key)) {
        reader.scope().error(field->key_node,
                             fmt::format("'{}' is only for {} questions; {} is a {} question", key,
                                         only_for, reader.label(), to_id(type)));
    }
}

void declare_range(const MapReader& reader, Question& question, QuestionFacts& facts) {
    const auto min = reader.number("min", Need::required);
    const auto max = reader.number("max", Need::required);
    question.unit = reader.text("unit", Need::required).value_or("");
    if (!min || !max) return;
    question.min = *min;
    question.max = *max;
    if (*min > *max) {
        reader.scope().error(reader.field("max")->mark(),
                             fmt::format("max {} is less than min {} in {}", *max, *min,
                                         reader.label()));
        return;
    }
    facts.range_known = true;
}

void declare_question(const Entry& entry, Problems& problems, RuleBase& base, Symbols& symbols) {
    MapReader reader(entry.node, entry.scope, "question");
    reader.check_keys(k_question_keys);
    Question question;
    QuestionFacts facts;
    question.where = reader.where();
    question.id = declare_id(reader, symbols.questions, base.questions.size(), problems);
    if (const auto type_id = reader.reference("type", Need::required)) {
        if (const auto type = question_type_from_id(*type_id)) {
            question.type = *type;
            facts.type_known = true;
        } else {
            const std::vector<std::string> types{"yes_no", "choice", "number"};
            entry.scope.error(reader.field("type")->mark(),
                              fmt::format("unknown question type '{}'{}; expected one of: {}",
                                          *type_id, did_you_mean(*type_id, types), join(types)));
        }
    }
    question.text = reader.text("text", Need::required).value_or("");
    question.help = reader.text("help", Need::required).value_or("");
    question.red_flag = reader.flag("red_flag").value_or(false);
    if (question.red_flag && facts.type_known && question.type != QuestionType::yes_no) {
        reject_key(reader, "red_flag", "yes_no", question.type);
    }
    if (const auto warn = reader.flag("warn_when_unanswered")) {
        question.warn_when_unanswered = *warn;
        if (!question.red_flag) {
            reader.scope().error(reader.field("warn_when_unanswered")->key_node,
                         fmt::format("question '{}' has 'warn_when_unanswered' but is not a red flag; only an "
                                     "unanswered red flag is warned about, so remove the key or add 'red_flag: true'",
                                     question.id));
        }
    }

    if (!facts.type_known) {
        // Without a type nothing can be said about options and range; tests of this question
        // go unchecked too (facts stay false).
    } else if (question.type == QuestionType::choice) {
        declare_options(reader, question);
        facts.options_known = reader.has("options") && reader.field("options")->value.IsSequence();
    } else if (question.type == QuestionType::yes_no) {
        if (const Field* field = reader.field("options")) {
            entry.scope.error(field->key_node,
                              fmt::format("'options' is only for choice questions; yes_no {} has "
                                          "the options no and yes built in",
                                          reader.label()));
        }
        question.options = {{"no", "No"}, {"yes", "Yes"}};
        facts.options_known = true;
    } else {
        reject_key(reader, "options", "choice", question.type);
    }

    if (facts.type_known && question.type == QuestionType::number) {
        declare_range(reader, question, facts);
    } else if (facts.type_known) {
        for (const auto& key : k_number_keys) reject_key(reader, key, "number", question.type);
    }
    base.questions.push_back(std::move(question));
    symbols.facts.push_back(facts);
}

void declare_cause(const Entry& entry, Problems& problems, RuleBase& base, Symbols& symbols) {
    MapReader reader(entry.node, entry.scope, "cause");
    reader.check_keys(k_cause_keys);
    Cause cause;
    cause.where = reader.where();
    cause.id = declare_id(reader, symbols.causes, base.causes.size(), problems);
    cause.name = reader.text("name", Need::required).value_or("");
    cause.explanation = reader.text("explanation", Need::required).value_or("");
    cause.sources = reader.texts("source", Need::required, Shape::one_or_list).value_or(Texts{});
    cause.serious = reader.flag("serious").value_or(false);
    cause.fragile_bone = reader.flag("fragile_bone").value_or(false);
    base.causes.push_back(std::move(cause));
}

// `involves`: what the action asks of the body, which the engine's safety principles read. Advice
// that is not about seeking care must say it, `[]` for none, so that no new action slips past them.
void declare_involves(const MapReader& reader, bool category_known, Action& action) {
    const Field* field = reader.field("involves");
    if (field == nullptr) {
        if (action.category != ActionCategory::seek_care && category_known) {
            reader.scope().error(reader.node(),
                                 fmt::format("{} does not say what it involves; add 'involves: [...]' with any of "
                                             "running, exercise, stretching, massage and spinal_flexion, or "
                                             "'involves: []' for advice with none of them (docs/safety.md)",
                                             reader.label()));
        }
        return;
    }
    for (const YAML::Node& item : reader.scalars("involves", Need::optional).value_or(Nodes{})) {
        if (const auto bit = activity_from_id(item.Scalar())) {
            action.involves |= *bit;
            continue;
        }
        const std::vector<std::string> known{"running", "exercise", "stretching", "massage", "spinal_flexion"};
        reader.scope().error(item, fmt::format("unknown activity '{}'{}; expected any of: {}", item.Scalar(),
                                               did_you_mean(item.Scalar(), known), join(known)));
    }
}

void declare_action(const Entry& entry, Problems& problems, RuleBase& base, Symbols& symbols) {
    MapReader reader(entry.node, entry.scope, "action");
    reader.check_keys(k_action_keys);
    Action action;
    action.where = reader.where();
    action.id = declare_id(reader, symbols.actions, base.actions.size(), problems);
    action.title = reader.text("title", Need::required).value_or("");
    bool category_known = false;
    if (const auto category_id = reader.reference("category", Need::required)) {
        if (const auto category = category_from_id(*category_id)) {
            action.category = *category;
            category_known = true;
        } else {
            const std::vector<std::string> categories{"self_care", "prevention", "seek_care"};
            entry.scope.error(reader.field("category")->mark(),
                              fmt::format("unknown category '{}'{}; expected one of: {}",
                                          *category_id, did_you_mean(*category_id, categories),
                                          join(categories)));
        }
    }
    action.steps = reader.texts("steps", Need::required).value_or(Texts{});
    for (const YAML::Node& item : reader.scalars("for_urgency", Need::optional).value_or(Nodes{})) {
        if (const auto urgency = urgency_named(item.Scalar(), item.Mark(), entry.scope)) {
            action.for_urgency.push_back(*urgency);
        }
    }
    declare_involves(reader, category_known, action);
    action.waits_for_check = reader.flag("waits_for_check").value_or(false);
    action.until_checked = reader.text("until_checked", Need::optional).value_or("");
    action.with_fragile_bone = reader.text("with_fragile_bone", Need::optional).value_or("");
    action.sources = reader.texts("source", Need::required, Shape::one_or_list).value_or(Texts{});
    base.actions.push_back(std::move(action));
}

void declare_rule(const Entry& entry, Problems& problems, RuleBase& base, Symbols& symbols) {
    MapReader reader(entry.node, entry.scope, "rule");
    reader.check_keys(k_rule_keys);
    Rule rule;
    rule.where = reader.where();
    rule.id = declare_id(reader, symbols.rules, base.rules.size(), problems);
    base.rules.push_back(std::move(rule));
}

}  // namespace

std::optional<Urgency> urgency_named(const std::string& id, const YAML::Mark& mark,
                                     const FileScope& scope) {
    if (const auto urgency = urgency_from_id(id)) return urgency;
    const std::vector<std::string> levels{"self_care", "see_clinician", "urgent", "emergency"};
    scope.error(mark, fmt::format("unknown urgency '{}'{}; expected one of: {}", id,
                                  did_you_mean(id, levels), join(levels)));
    return std::nullopt;
}

void declare_entities(const Entries& entries, Problems& problems, RuleBase& base,
                      Symbols& symbols) {
    declare_rulebase(entries, problems, base);
    for (const Entry& entry : entries.sections) declare_section(entry, problems, base, symbols);
    for (const Entry& entry : entries.questions) declare_question(entry, problems, base, symbols);
    for (const Entry& entry : entries.causes) declare_cause(entry, problems, base, symbols);
    for (const Entry& entry : entries.actions) declare_action(entry, problems, base, symbols);
    for (const Entry& entry : entries.rules) declare_rule(entry, problems, base, symbols);
}

}  // namespace runback::rules
