#include <runback/rules/condition_parser.hpp>
#include <runback/rules/passes.hpp>

#include <fmt/format.h>

namespace runback::rules {
namespace {

using Need = MapReader::Need;
using Shape = MapReader::Shape;

const std::vector<std::string> k_unsuitable_keys{"when", "reason"};
const std::vector<std::string> k_caution_keys{"when", "note", "waits_for_check"};
const std::vector<std::string> k_safety_keys{"until_checked", "fragile_bone", "source"};
const std::vector<std::string> k_fragile_bone_keys{"when", "reason"};

// A reader for pass 2. Pass 1 checked the keys already; reporting them again would double them.
MapReader reread(const Entry& entry, std::string kind, const std::string& id) {
    MapReader reader(entry.node, entry.scope, std::move(kind));
    if (!id.empty()) reader.set_name(id);
    return reader;
}

// Each id in the list `key` resolved in `table`; unknown ones are reported and left out.
std::vector<int> resolve_list(const MapReader& reader, std::string_view key,
                              const IdTable& table) {
    std::vector<int> indices;
    for (const YAML::Node& item : reader.scalars(key, Need::optional).value_or(Nodes{})) {
        const int index = table.resolve(item.Scalar(), item, reader.scope());
        if (index >= 0) indices.push_back(index);
    }
    return indices;
}

void resolve_question(const Entry& entry, const Symbols& symbols,
                      const ConditionParser& conditions, Question& question) {
    const MapReader reader = reread(entry, "question", question.id);
    if (const auto section = reader.reference("section", Need::required)) {
        question.section =
            symbols.sections.resolve(*section, reader.field("section")->value, entry.scope);
    }
    if (const Field* ask_if = reader.field("ask_if")) {
        question.ask_if = conditions.parse(*ask_if, entry.scope);
    }
}

// `unsuitable` and `cautions`: lists of {when, <text_key>}.
std::vector<Guard> resolve_guards(const MapReader& reader, std::string_view key,
                                  std::string_view text_key, std::string kind,
                                  const std::vector<std::string>& keys,
                                  const ConditionParser& conditions) {
    std::vector<Guard> guards;
    for (const YAML::Node& item : reader.maps(key, Need::optional).value_or(Nodes{})) {
        MapReader guard_reader(item, reader.scope(), kind);
        guard_reader.check_keys(keys);
        Guard guard;
        guard.where = guard_reader.where();
        if (const Field* when = guard_reader.field("when", Need::required)) {
            guard.when = conditions.parse(*when, reader.scope());
        }
        guard.text = guard_reader.text(text_key, Need::required).value_or("");
        guard.waits_for_check = guard_reader.flag("waits_for_check").value_or(false);
        guards.push_back(std::move(guard));
    }
    return guards;
}

void resolve_action(const Entry& entry, const Symbols& symbols,
                    const ConditionParser& conditions, Action& action) {
    const MapReader reader = reread(entry, "action", action.id);
    action.addresses = resolve_list(reader, "addresses", symbols.causes);
    action.unsuitable = resolve_guards(reader, "unsuitable", "reason", "unsuitable entry",
                                       k_unsuitable_keys, conditions);
    action.cautions =
        resolve_guards(reader, "cautions", "note", "caution", k_caution_keys, conditions);
}

void resolve_rule(const Entry& entry, const Symbols& symbols, const ConditionParser& conditions,
                  Rule& rule) {
    const MapReader reader = reread(entry, "rule", rule.id);
    const FileScope& scope = entry.scope;
    if (const Field* when = reader.field("when", Need::required)) {
        rule.when = conditions.parse(*when, scope);
    }

    const Field* cause_field = reader.field("cause");
    const Field* weight_field = reader.field("weight");
    if (const auto cause = reader.reference("cause", Need::optional)) {
        rule.cause = symbols.causes.resolve(*cause, cause_field->value, scope);
    }
    if (const auto weight = reader.number("weight", Need::optional)) {
        rule.weight = *weight;
        if (*weight <= 0) {
            scope.error(weight_field->mark(), fmt::format("weight must be above 0, got {}",
                                                          weight_field->value.Scalar()));
        }
    }
    if (cause_field != nullptr && weight_field == nullptr) {
        scope.error(cause_field->key_node,
                    fmt::format("{} has a cause but no weight; give the number it adds to the "
                                "cause's score",
                                reader.label()));
    }
    if (weight_field != nullptr && cause_field == nullptr) {
        scope.error(weight_field->key_node,
                    fmt::format("{} has a weight but no cause; a weight only adds to the score "
                                "of the rule's cause",
                                reader.label()));
    }

    if (const auto urgency = reader.reference("urgency", Need::optional)) {
        rule.urgency = urgency_named(*urgency, reader.field("urgency")->mark(), scope);
    }
    rule.recommend = resolve_list(reader, "recommend", symbols.actions);
    rule.warning = reader.id("warning", Need::optional).value_or("");
    rule.because = reader.text("because", Need::required).value_or("");
    rule.sources = reader.texts("source", Need::required, Shape::one_or_list).value_or(Texts{});

    const Field* recommend = reader.field("recommend");
    const bool recommends =
        recommend != nullptr && !(recommend->value.IsSequence() && recommend->value.size() == 0);
    if (cause_field == nullptr && !reader.has("urgency") && !recommends && !reader.has("warning")) {
        scope.error(reader.node(), fmt::format("{} has no effect; give it at least one of "
                                               "'cause', 'urgency', 'recommend' or 'warning'",
                                               reader.label()));
    }
}

// The `safety` block: at most one, in any file.
void resolve_safety(const Entries& entries, const ConditionParser& conditions, RuleBase& base) {
    if (entries.safety.empty()) return;
    const Entry& first = entries.safety.front();
    for (const Entry& entry : entries.safety) {
        if (&entry != &first) {
            entry.scope.error(entry.mark, fmt::format("duplicate 'safety' block (first at {}); a rule base has at "
                                                      "most one",
                                                      format_location(first.scope.where(first.mark))));
            continue;
        }
        if (!entry.node.IsMap()) {
            entry.scope.error(entry.node.IsNull() ? entry.mark : entry.node.Mark(),
                              fmt::format("expected a map with 'until_checked' and 'fragile_bone' for 'safety', got {}",
                                          describe(entry.node)));
            continue;
        }
        MapReader reader(entry.node, entry.scope, "the safety block");
        reader.check_keys(k_safety_keys);
        Safety& safety = base.safety;
        safety.where = entry.scope.where(entry.mark);
        safety.until_checked = reader.text("until_checked", Need::optional).value_or("");
        safety.sources = reader.texts("source", Need::required, Shape::one_or_list).value_or(Texts{});
        const Field* fragile = reader.field("fragile_bone");
        if (fragile == nullptr) continue;
        if (!fragile->value.IsMap()) {
            entry.scope.error(fragile->mark(), fmt::format("expected a map with 'when' and 'reason' for "
                                                           "'fragile_bone', got {}",
                                                           describe(fragile->value)));
            continue;
        }
        MapReader fragile_reader(fragile->value, entry.scope, "fragile_bone");
        fragile_reader.check_keys(k_fragile_bone_keys);
        if (const Field* when = fragile_reader.field("when", Need::required))
            safety.fragile_bone = conditions.parse(*when, entry.scope);
        safety.fragile_bone_reason = fragile_reader.text("reason", Need::required).value_or("");
    }
}

}  // namespace

void resolve_references(const Entries& entries, const Symbols& symbols, RuleBase& base) {
    const ConditionParser conditions(base, symbols);
    resolve_safety(entries, conditions, base);
    for (std::size_t i = 0; i < entries.questions.size(); ++i) {
        resolve_question(entries.questions[i], symbols, conditions, base.questions[i]);
    }
    for (std::size_t i = 0; i < entries.actions.size(); ++i) {
        resolve_action(entries.actions[i], symbols, conditions, base.actions[i]);
    }
    for (std::size_t i = 0; i < entries.rules.size(); ++i) {
        resolve_rule(entries.rules[i], symbols, conditions, base.rules[i]);
    }
}

}  // namespace runback::rules
