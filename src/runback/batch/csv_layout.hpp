#pragma once
// What each column of a CSV holds: a question, the record id, a column to keep, or nothing
// used; read from the header row, or from --columns for headerless chunks of a split file.

#include <runback/input/answer_mapper.hpp>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace runback::batch {

class CsvLayout {
public:
    // Checks the header's names: a duplicated column, or not one question among them (the
    // wrong file or delimiter), is an error (runback::Error) naming `source`. Columns that are
    // no question are noted once on `diagnostics` unless kept.
    CsvLayout(const std::vector<std::string_view>& names, const input::AnswerMapper& mapper,
              const std::vector<std::string>& keep, char delimiter, const std::string& source,
              std::ostream& diagnostics);

    std::size_t columns() const { return m_columns; }
    // The kept columns: their positions, and their names as the header writes them.
    const std::vector<std::size_t>& kept_positions() const { return m_kept_positions; }
    const std::vector<std::string>& kept_names() const { return m_kept_names; }
    // The columns that are no question, not the id and not kept, as the header names them.
    const std::vector<std::string>& unknown_names() const { return m_unknown_names; }

    // The columns that are questions, in column order, for a loop that reads only those.
    struct QuestionColumn {
        std::size_t column;
        int question;
    };
    const std::vector<QuestionColumn>& question_columns() const { return m_question_columns; }
    // The id column (a header names it once at most), or -1.
    long id_column() const { return m_id_column; }

private:
    std::size_t m_columns = 0;
    std::vector<QuestionColumn> m_question_columns;
    long m_id_column = -1;
    std::vector<std::size_t> m_kept_positions;
    std::vector<std::string> m_kept_names;
    std::vector<std::string> m_unknown_names;
};

// Splits a --columns list ("id,fever,age") into names.
std::vector<std::string> split_column_list(std::string_view list);

}  // namespace runback::batch
