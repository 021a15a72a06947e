#include <runback/batch/csv_layout.hpp>

#include <runback/util/error.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace runback::batch {

CsvLayout::CsvLayout(const std::vector<std::string_view>& names, const input::AnswerMapper& mapper,
                     const std::vector<std::string>& keep, char delimiter, const std::string& source,
                     std::ostream& diagnostics) {
    std::vector<std::string> normal_names, unknown;
    for (const auto name : names) {
        const std::string normal = input::normalise_key(name);
        for (std::size_t j = 0; j < normal_names.size(); ++j) {
            if (!normal.empty() && normal_names[j] == normal)
                throw Error(fmt::format("{}: the header has column '{}' twice (columns {} and {})",
                                        source, name, j + 1, normal_names.size() + 1),
                            "keep one of them, so that each answer has one place");
        }
        normal_names.push_back(normal);
        const std::size_t column = m_columns++;
        if (input::AnswerMapper::is_id_key(normal)) {
            m_id_column = static_cast<long>(column);
        } else if (const int question = mapper.question_for(normal); question >= 0) {
            m_question_columns.push_back({column, question});
        } else if (!normal.empty()) {
            unknown.emplace_back(name);
        }
    }
    if (m_question_columns.empty()) {
        throw Error(fmt::format("{}: no column of the header is a question (the header has {} "
                                "column(s), separated by '{}')",
                                source, names.size(), delimiter == '\t' ? "\\t" : std::string(1, delimiter)),
                    "check the file and the delimiter (--delimiter ';' or '\\t'); run "
                    "'runback questions' to see the ids");
    }
    for (const auto& wanted : keep) {
        const auto position = std::find(normal_names.begin(), normal_names.end(), input::normalise_key(wanted));
        if (position == normal_names.end())
            throw Error(fmt::format("--keep {}: {} has no such column", wanted, source));
        const auto index = static_cast<std::size_t>(position - normal_names.begin());
        m_kept_positions.push_back(index);
        m_kept_names.emplace_back(names[index]);
        std::erase(unknown, std::string(names[index]));
    }
    if (const auto near = mapper.near_red_flag_warning(unknown))
        diagnostics << "runback: warning: " << near->message << " (every record carries this warning)\n";
    if (!unknown.empty())
        diagnostics << "runback: warning: " << mapper.unknown_keys_warning(unknown).message
                    << " (use --keep COLUMN to copy a column into the output)\n";
    m_unknown_names = std::move(unknown);
}

std::vector<std::string> split_column_list(std::string_view list) {
    std::vector<std::string> names;
    while (true) {
        const auto comma = list.find(',');
        names.emplace_back(list.substr(0, comma));
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return names;
}

}  // namespace runback::batch
