#pragma once
// Helpers that walk yaml-cpp nodes for the loader. They check keys and types and record each
// problem with its file, line and column, then let the caller go on, so that one load reports
// every problem. Only the loader's files include this (and so yaml-cpp).

#include <runback/rules/loader.hpp>
#include <runback/rules/model.hpp>

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runback::rules {

using Texts = std::vector<std::string>;
using Nodes = std::vector<YAML::Node>;

// Every problem found so far, in the order found.
class Problems {
public:
    void add(SourceLocation where, std::string message);
    bool empty() const { return m_problems.empty(); }
    // The problems by file (in the order of `files`; unknown files last), line and column.
    std::vector<LoadProblem> sorted(const std::vector<SourceFile>& files) const;

private:
    std::vector<LoadProblem> m_problems;
};

// The file that nodes came from, so that their problems carry its name. Cheap to copy.
class FileScope {
public:
    FileScope(const std::string& file, Problems& problems) : m_file(&file), m_problems(&problems) {}

    const std::string& file() const { return *m_file; }
    Problems& problems() const { return *m_problems; }
    // 1-based line and column; 0 for yaml-cpp's null mark.
    SourceLocation where(const YAML::Mark& mark) const;
    SourceLocation where(const YAML::Node& node) const { return where(node.Mark()); }
    void error(const YAML::Mark& mark, std::string message) const;
    void error(const YAML::Node& node, std::string message) const;

private:
    const std::string* m_file;
    Problems* m_problems;
};

// "a map", "a list", "nothing" or the scalar in quotes, for "expected X, got Y".
std::string describe(const YAML::Node& node);
// " (did you mean 'x'?)" when a candidate is close to `word`, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);
// "a, b, c".
std::string join(const std::vector<std::string>& words);
// Lower-case letters, digits and '_', starting with a letter.
bool is_snake_case(std::string_view id);
// A plain decimal number ("5", "-0.5", "1e3"); nothing else, not even "inf".
std::optional<double> parse_number(std::string_view text);
// "yes", "no", "true", "false" in any case: the values YAML itself reads as booleans.
std::optional<bool> parse_yes_no(std::string_view text);
// "rules/rules.yaml:12:5", for "first defined at ...".
std::string format_location(const SourceLocation& where);

// One key of a map as written, and its value.
struct Field {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;

    // Where the value is. yaml-cpp marks an empty value at the next token, often on a later
    // line, so an empty value is placed at its key instead.
    YAML::Mark mark() const;
};

// Reads one YAML map: reports unknown and repeated keys, and reads typed values so that a
// missing key, a wrong type or an empty text becomes a problem at the right place. Each reader
// returns nullopt after reporting a problem (or when an optional key is absent).
class MapReader {
public:
    enum class Need : std::uint8_t { required, optional };
    // A key that takes a list, or a single item or a list (`source`).
    enum class Shape : std::uint8_t { list, one_or_list };

    // `map` must be a map node; `kind` names it in messages ("rule", "condition").
    MapReader(const YAML::Node& map, FileScope scope, std::string kind);

    // Reports each key not in `allowed`, with the nearest one as a suggestion, and keys that
    // appear twice. Called once per map: a map read in two passes must not report twice.
    void check_keys(const std::vector<std::string>& allowed) const;
    // Names the map in later messages: "rule 'sciatica'" rather than "rule".
    void set_name(std::string_view id);
    const std::string& label() const { return m_label; }

    const FileScope& scope() const { return m_scope; }
    SourceLocation where() const { return m_scope.where(m_map); }
    const YAML::Node& node() const { return m_map; }

    // The field for `key` (the first, if repeated) or nullptr; reports it when required.
    const Field* field(std::string_view key, Need need = Need::optional) const;
    bool has(std::string_view key) const { return field(key) != nullptr; }

    std::optional<std::string> text(std::string_view key, Need need) const;
    // The id that an entity defines; one that is not snake_case is reported but returned, so
    // that references to it do not draw more problems.
    std::optional<std::string> id(std::string_view key, Need need) const;
    // A non-empty scalar naming something defined elsewhere: an id or an enum value.
    std::optional<std::string> reference(std::string_view key, Need need) const;
    std::optional<double> number(std::string_view key, Need need) const;
    std::optional<bool> flag(std::string_view key) const;
    // A list of non-empty scalars (items that are not are reported and left out); required
    // means at least one. The nodes keep their marks for later checks.
    std::optional<Nodes> scalars(std::string_view key, Need need,
                                                   Shape shape = Shape::list) const;
    std::optional<Texts> texts(std::string_view key, Need need,
                                                  Shape shape = Shape::list) const;
    // A list whose items are maps (items that are not are reported and left out).
    std::optional<Nodes> maps(std::string_view key, Need need) const;

private:
    // The field's scalar value, or nullopt after reporting "expected <what> for '<key>'".
    std::optional<std::string> scalar(const Field& field, std::string_view what) const;

    YAML::Node m_map;
    FileScope m_scope;
    std::string m_kind;
    std::string m_label;
    std::vector<Field> m_fields;
};

}  // namespace runback::rules
