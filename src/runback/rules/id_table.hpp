#pragma once
// Ids of one kind of entity and the indices they stand for, filled in the loader's first pass
// and used to resolve references in the second.

#include <runback/rules/yaml_reader.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace runback::rules {

class IdTable {
public:
    // `kind` names the entities in messages: "question", "cause".
    explicit IdTable(std::string kind) : m_kind(std::move(kind)) {}

    // Records that `id` names item `index`, defined at `where`. A duplicate is reported (with
    // where the first one is) and the first definition stays the one references reach.
    void add(const std::string& id, int index, const SourceLocation& where, Problems& problems);
    // The index for `id`, or -1.
    int find(std::string_view id) const;
    // The index for `id`, or -1 after reporting "unknown <kind> '<id>'" with a suggestion at
    // `node`'s place.
    int resolve(const std::string& id, const YAML::Node& node, const FileScope& scope) const;
    // Every id, in the order first defined: the candidates for "did you mean".
    const std::vector<std::string>& ids() const { return m_ids; }

private:
    struct Definition {
        int index;
        SourceLocation where;
    };

    std::string m_kind;
    std::vector<std::string> m_ids;
    std::unordered_map<std::string, Definition> m_definitions;
};

}  // namespace runback::rules
