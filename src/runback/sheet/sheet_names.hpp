#pragma once
// File names for `batch --sheets DIR`, one per respondent: made from the id with only safe
// characters (letters, digits, '-', '_', '.'; never a leading dot, so never "." or ".." or a
// hidden file), so that no id can name a path outside DIR; and unique within the run, ignoring
// letter case (some file systems do), so that two ids that clean to the same name do not
// overwrite each other: the later one gets its row number added.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace runback::sheet {

class SheetNamer {
public:
    explicit SheetNamer(std::string_view extension) : m_extension(extension) {}

    // The file name (no folder) for the record at `row` with this id, if it has one.
    std::string name_for(const std::optional<std::string>& id, std::size_t row);

private:
    bool claim(const std::string& name);

    std::string m_extension;
    std::unordered_set<std::string> m_used;   // lower-case
};

// The id with every character but ASCII letters, digits, '-', '_' and '.' made '_', runs of
// '_' collapsed, no leading dot, and at most 80 bytes; empty when nothing useful is left.
std::string safe_file_stem(std::string_view id);

}  // namespace runback::sheet
