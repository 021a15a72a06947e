#include <runback/rules/passes.hpp>
#include <runback/util/yaml_errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

namespace runback::rules {
namespace {

const std::vector<std::string> k_top_level_keys{"rulebase", "safety",  "sections", "questions",
                                                "causes",   "actions", "rules"};

// A top-level key that holds a list of entities.
struct ListKey {
    std::string_view key;
    std::string_view singular;
    std::vector<Entry> Entries::*entries;
};

constexpr std::array<ListKey, 5> k_list_keys{{
    {"sections", "section", &Entries::sections},
    {"questions", "question", &Entries::questions},
    {"causes", "cause", &Entries::causes},
    {"actions", "action", &Entries::actions},
    {"rules", "rule", &Entries::rules},
}};

std::optional<YAML::Node> parse(const SourceFile& file, const FileScope& scope) {
    try {
        return YAML::Load(file.text);
    } catch (const YAML::Exception& error) {
        scope.error(error.mark, fmt::format("invalid YAML: {}", util::yaml_error_message(error)));
        return std::nullopt;
    }
}

void collect_list(const Field& field, const ListKey& list, const FileScope& scope,
                  Entries& entries) {
    if (!field.value.IsSequence()) {
        scope.error(field.mark(), fmt::format("expected a list of {} for '{}', got {}", list.key,
                                              list.key, describe(field.value)));
        return;
    }
    for (const YAML::Node& item : field.value) {
        if (item.IsMap()) {
            (entries.*list.entries).push_back({item, item.Mark(), scope});
        } else {
            scope.error(item, fmt::format("expected a {} (a map of keys and values), got {}",
                                          list.singular, describe(item)));
        }
    }
}

void collect_file(const YAML::Node& root, const FileScope& scope, Entries& entries) {
    if (root.IsNull()) return;  // an empty file adds nothing, and harms nothing
    if (!root.IsMap()) {
        scope.error(root, fmt::format("expected a map with some of the keys {} at the top of the "
                                      "file, got {}",
                                      join(k_top_level_keys), describe(root)));
        return;
    }
    std::vector<Field> seen;
    for (const auto& pair : root) {
        const YAML::Node key = pair.first;
        const Field field{key.IsScalar() ? key.Scalar() : describe(key), key, pair.second};
        if (std::find(k_top_level_keys.begin(), k_top_level_keys.end(), field.key) ==
            k_top_level_keys.end()) {
            scope.error(field.key_node,
                        fmt::format("unknown top-level key '{}'{}; expected one of: {}", field.key,
                                    did_you_mean(field.key, k_top_level_keys),
                                    join(k_top_level_keys)));
            continue;
        }
        const auto first = std::find_if(seen.begin(), seen.end(),
                                        [&](const Field& other) { return other.key == field.key; });
        if (first != seen.end()) {
            scope.error(field.key_node,
                        fmt::format("duplicate top-level key '{}' (first at {}); put all the "
                                    "entries in one list",
                                    field.key, format_location(scope.where(first->key_node))));
            continue;
        }
        seen.push_back(field);
        if (field.key == "rulebase" || field.key == "safety") {
            auto& blocks = field.key == "rulebase" ? entries.rulebase : entries.safety;
            blocks.push_back({field.value, field.key_node.Mark(), scope});
            continue;
        }
        for (const ListKey& list : k_list_keys) {
            if (list.key == field.key) collect_list(field, list, scope, entries);
        }
    }
}

}  // namespace

Entries collect_entries(const std::vector<SourceFile>& files, Problems& problems) {
    Entries entries;
    for (const SourceFile& file : files) {
        const FileScope scope(file.name, problems);
        if (const auto root = parse(file, scope)) collect_file(*root, scope, entries);
    }
    return entries;
}

}  // namespace runback::rules
