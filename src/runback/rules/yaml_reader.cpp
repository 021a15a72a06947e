#include <runback/rules/yaml_reader.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace runback::rules {
namespace {

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

bool is_snake_case(std::string_view id) {
    if (id.empty() || id.front() < 'a' || id.front() > 'z') return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::optional<double> parse_number(std::string_view text) {
    // YAML allows "+5"; from_chars does not.
    if (text.size() > 1 && text.front() == '+' && text[1] != '-') text.remove_prefix(1);
    // from_chars ignores the locale and rejects trailing junk such as "5 km" or "1,5".
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc{} || stop != end || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<bool> parse_yes_no(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "yes" || lower == "true") return true;
    if (lower == "no" || lower == "false") return false;
    return std::nullopt;
}

YAML::Mark Field::mark() const {
    return value.IsNull() || value.Mark().is_null() ? key_node.Mark() : value.Mark();
}

MapReader::MapReader(const YAML::Node& map, FileScope scope, std::string kind)
    : m_map(map), m_scope(scope), m_kind(std::move(kind)), m_label(m_kind) {
    // Copies, not references: yaml-cpp's iterators hand out pairs in short-lived proxies.
    for (const auto& pair : m_map) {
        const YAML::Node key = pair.first;
        m_fields.push_back({key.IsScalar() ? key.Scalar() : describe(key), key, pair.second});
    }
}

void MapReader::check_keys(const std::vector<std::string>& allowed) const {
    for (auto field = m_fields.begin(); field != m_fields.end(); ++field) {
        if (std::find(allowed.begin(), allowed.end(), field->key) == allowed.end()) {
            m_scope.error(field->key_node,
                          fmt::format("unknown key '{}' in {}{}; expected one of: {}", field->key,
                                      m_kind, did_you_mean(field->key, allowed), join(allowed)));
            continue;
        }
        // yaml-cpp keeps both copies of a repeated key; a lookup would silently see the first.
        const auto same_key = [&](const Field& other) { return other.key == field->key; };
        const auto first = std::find_if(m_fields.begin(), field, same_key);
        if (first != field) {
            m_scope.error(field->key_node,
                          fmt::format("duplicate key '{}' in {} (first at {})", field->key, m_kind,
                                      format_location(m_scope.where(first->key_node))));
        }
    }
}

void MapReader::set_name(std::string_view id) { m_label = fmt::format("{} '{}'", m_kind, id); }

const Field* MapReader::field(std::string_view key, Need need) const {
    for (const Field& candidate : m_fields) {
        if (candidate.key == key) return &candidate;
    }
    if (need == Need::required) {
        m_scope.error(m_map, fmt::format("missing required key '{}' in {}", key, m_label));
    }
    return nullptr;
}

std::optional<std::string> MapReader::scalar(const Field& field, std::string_view what) const {
    if (field.value.IsScalar()) return field.value.Scalar();
    m_scope.error(field.mark(), fmt::format("expected {} for '{}', got {}", what, field.key,
                                            describe(field.value)));
    return std::nullopt;
}

std::optional<std::string> MapReader::text(std::string_view key, Need need) const {
    const Field* found = field(key, need);
    if (found == nullptr) return std::nullopt;
    // An optional text left empty ("intro:") simply says nothing.
    if (need == Need::optional && found->value.IsNull()) return std::string{};
    if (found->value.IsNull()) {
        m_scope.error(found->mark(), fmt::format("'{}' must not be empty", key));
        return std::nullopt;
    }
    auto value = scalar(*found, "text");
    if (value && need == Need::required && is_blank(*value)) {
        m_scope.error(found->mark(), fmt::format("'{}' must not be empty", key));
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> MapReader::id(std::string_view key, Need need) const {
    const Field* found = field(key, need);
    if (found == nullptr) return std::nullopt;
    auto value = scalar(*found, "an id");
    if (value && !is_snake_case(*value)) {
        m_scope.error(found->mark(),
                      fmt::format("invalid id '{}': ids are snake_case (lower-case letters, digits "
                                  "and '_', starting with a letter)",
                                  *value));
    }
    return value;
}

std::optional<std::string> MapReader::reference(std::string_view key, Need need) const {
    const Field* found = field(key, need);
    if (found == nullptr) return std::nullopt;
    auto value = scalar(*found, "an id");
    if (value && is_blank(*value)) {
        m_scope.error(found->mark(), fmt::format("'{}' must not be empty", key));
        return std::nullopt;
    }
    return value;
}

std::optional<double> MapReader::number(std::string_view key, Need need) const {
    const Field* found = field(key, need);
    if (found == nullptr) return std::nullopt;
    const auto value = scalar(*found, "a number");
    if (!value) return std::nullopt;
    const auto parsed = parse_number(*value);
    if (!parsed) {
        m_scope.error(found->mark(), fmt::format("expected a number for '{}', got {}", key,
                                                 describe(found->value)));
    }
    return parsed;
}

std::optional<bool> MapReader::flag(std::string_view key) const {
    const Field* found = field(key);
    if (found == nullptr) return std::nullopt;
    const auto value = scalar(*found, "true or false");
    if (!value) return std::nullopt;
    const auto parsed = parse_yes_no(*value);
    if (!parsed) {
        m_scope.error(found->mark(), fmt::format("expected true or false for '{}', got {}", key,
                                                 describe(found->value)));
    }
    return parsed;
}

std::optional<Nodes> MapReader::scalars(std::string_view key, Need need,
                                                          Shape shape) const {
    const Field* found = field(key, need);
    if (found == nullptr) return std::nullopt;
    const YAML::Node& value = found->value;
    std::vector<YAML::Node> items;
    if (shape == Shape::one_or_list && value.IsScalar()) {
        items.push_back(value);
    } else if (value.IsSequence()) {
        for (const YAML::Node& item : value) items.push_back(item);
    } else {
        const char* expected = shape == Shape::list ? "a list" : "one item or a list";
        m_scope.error(found->mark(), fmt::format("expected {} for '{}', got {}", expected, key,
                                                 describe(value)));
        return std::nullopt;
    }
    if (items.empty() && need == Need::required) {
        m_scope.error(found->mark(), fmt::format("'{}' needs at least one item", key));
        return std::nullopt;
    }
    std::vector<YAML::Node> good;
    for (const YAML::Node& item : items) {
        if (!item.IsScalar()) {
            m_scope.error(item, fmt::format("expected text in '{}', got {}", key, describe(item)));
        } else if (is_blank(item.Scalar())) {
            m_scope.error(item, fmt::format("empty item in '{}'", key));
        } else {
            good.push_back(item);
        }
    }
    return good;
}

std::optional<Texts> MapReader::texts(std::string_view key, Need need,
                                                         Shape shape) const {
    const auto nodes = scalars(key, need, shape);
    if (!nodes) return std::nullopt;
    std::vector<std::string> result;
    for (const YAML::Node& node : *nodes) result.push_back(node.Scalar());
    return result;
}

std::optional<Nodes> MapReader::maps(std::string_view key, Need need) const {
    const Field* found = field(key, need);
    if (found == nullptr) return std::nullopt;
    if (!found->value.IsSequence()) {
        m_scope.error(found->mark(), fmt::format("expected a list for '{}', got {}", key,
                                                 describe(found->value)));
        return std::nullopt;
    }
    std::vector<YAML::Node> result;
    for (const YAML::Node& item : found->value) {
        if (item.IsMap()) {
            result.push_back(item);
        } else {
            m_scope.error(item, fmt::format("expected a map in '{}', got {}", key, describe(item)));
        }
    }
    return result;
}

}  // namespace runback::rules
