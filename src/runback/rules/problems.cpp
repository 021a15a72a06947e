#include <runback/rules/yaml_reader.hpp>

#include <runback/util/edit_distance.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace runback::rules {
namespace {

// Long texts (a whole explanation given where an id belongs) would drown the message.
constexpr std::size_t k_max_quoted = 40;

}  // namespace

void Problems::add(SourceLocation where, std::string message) {
    m_problems.push_back({std::move(where), std::move(message)});
}

std::vector<LoadProblem> Problems::sorted(const std::vector<SourceFile>& files) const {
    const auto file_rank = [&](const std::string& name) {
        const auto found = std::find_if(files.begin(), files.end(),
                                        [&](const SourceFile& file) { return file.name == name; });
        return static_cast<std::size_t>(found - files.begin());
    };
    std::vector<LoadProblem> result = m_problems;
    std::stable_sort(result.begin(), result.end(), [&](const LoadProblem& a, const LoadProblem& b) {
        const std::size_t rank_a = file_rank(a.where.file);
        const std::size_t rank_b = file_rank(b.where.file);
        if (rank_a != rank_b) return rank_a < rank_b;
        if (a.where.line != b.where.line) return a.where.line < b.where.line;
        return a.where.column < b.where.column;
    });
    return result;
}

SourceLocation FileScope::where(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.line < 0) return {*m_file, 0, 0};
    return {*m_file, mark.line + 1, mark.column + 1};
}

void FileScope::error(const YAML::Mark& mark, std::string message) const {
    m_problems->add(where(mark), std::move(message));
}

void FileScope::error(const YAML::Node& node, std::string message) const {
    error(node.Mark(), std::move(message));
}

std::string describe(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return "a map";
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Scalar: {
        const std::string& text = node.Scalar();
        if (text.size() <= k_max_quoted) return fmt::format("'{}'", text);
        return fmt::format("'{}...'", text.substr(0, k_max_quoted));
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return "nothing";
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string best = util::nearest(word, candidates);
    if (best.empty()) return {};
    return fmt::format(" (did you mean '{}'?)", best);
}

std::string join(const std::vector<std::string>& words) {
    return fmt::format("{}", fmt::join(words, ", "));
}

std::string format_location(const SourceLocation& where) {
    if (where.line <= 0) return where.file;
    if (where.column <= 0) return fmt::format("{}:{}", where.file, where.line);
    return fmt::format("{}:{}:{}", where.file, where.line, where.column);
}

}  // namespace runback::rules
