#include <runback/rules/id_table.hpp>

#include <fmt/format.h>

namespace runback::rules {

void IdTable::add(const std::string& id, int index, const SourceLocation& where,
                  Problems& problems) {
    const auto [found, inserted] = m_definitions.try_emplace(id, Definition{index, where});
    if (inserted) {
        m_ids.push_back(id);
        return;
    }
    problems.add(where, fmt::format("duplicate {} id '{}' (first defined at {})", m_kind, id,
                                    format_location(found->second.where)));
}

int IdTable::find(std::string_view id) const {
    const auto found = m_definitions.find(std::string(id));
    return found == m_definitions.end() ? -1 : found->second.index;
}

int IdTable::resolve(const std::string& id, const YAML::Node& node, const FileScope& scope) const {
    const int index = find(id);
    if (index < 0) {
        scope.error(node, fmt::format("unknown {} '{}'{}", m_kind, id, did_you_mean(id, m_ids)));
    }
    return index;
}

}  // namespace runback::rules
