#include <runback/sheet/sheet_names.hpp>

#include <fmt/format.h>

namespace runback::sheet {
namespace {

constexpr std::size_t k_longest_stem = 80;

bool safe(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
}

std::string lower(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

}  // namespace

std::string safe_file_stem(std::string_view id) {
    std::string stem;
    for (char c : id) {
        const char kept = safe(c) ? c : '_';
        if (kept == '_' && !stem.empty() && stem.back() == '_') continue;
        if (kept == '.' && stem.empty()) continue;
        stem += kept;
        if (stem.size() == k_longest_stem) break;
    }
    while (!stem.empty() && (stem.back() == '_' || stem.back() == '.')) stem.pop_back();
    while (!stem.empty() && (stem.front() == '_' || stem.front() == '.')) stem.erase(stem.begin());
    return stem;
}

bool SheetNamer::claim(const std::string& name) { return m_used.insert(lower(name)).second; }

std::string SheetNamer::name_for(const std::optional<std::string>& id, std::size_t row) {
    const std::string stem = id ? safe_file_stem(*id) : std::string();
    const std::string row_name = fmt::format("row-{}", row);
    std::string name = (stem.empty() ? row_name : stem) + "." + m_extension;
    if (claim(name)) return name;
    // Taken by an earlier record: the row number makes it unique (rows are); should even that
    // be taken (an id such as "a-row-7"), count on.
    name = fmt::format("{}-{}.{}", stem.empty() ? "row" : stem, row_name, m_extension);
    for (int extra = 2; !claim(name); ++extra)
        name = fmt::format("{}-{}-{}.{}", stem.empty() ? "row" : stem, row_name, extra, m_extension);
    return name;
}

}  // namespace runback::sheet
