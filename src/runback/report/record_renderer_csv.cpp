// RecordRenderer's CSV rows: the same bytes as append_csv in csv_output.cpp.

#include <runback/report/record_renderer.hpp>

#include <runback/report/text_cursor.hpp>
#include <runback/util/json_writer.hpp>

#include <array>
#include <charconv>

namespace runback::report {
namespace {

constexpr std::array<bool, 256> k_special = [] {
    std::array<bool, 256> table{};
    table[','] = table['"'] = table['\r'] = table['\n'] = true;
    return table;
}();

bool needs_quotes(std::string_view cell) {
    for (char c : cell)
        if (k_special[static_cast<unsigned char>(c)]) return true;
    return false;
}

// As append_cell in csv_output.cpp: quoted when it holds a delimiter, a quote or a line break.
void put_cell(TextCursor& out, std::string_view cell) {
    if (!needs_quotes(cell)) {
        out.reserve(cell.size());
        out.put(cell);
        return;
    }
    out.reserve(2 * cell.size() + 2);
    out.put('"');
    for (char c : cell) {
        if (c == '"') out.put('"');
        out.put(c);
    }
    out.put('"');
}

// A list cell is written as it comes; when one of its items needed quotes (a rule base with
// odd ids, a warning code from elsewhere), the whole cell is written again, quoted.
void settle_cell(TextCursor& out, std::size_t mark, bool check) {
    if (!check || !needs_quotes(out.since(mark))) return;
    const std::string cell(out.since(mark));
    out.rewind(mark);
    put_cell(out, cell);
}

template <typename Items, typename Id>
void put_id_list(TextCursor& out, const Items& items, Id id_of, bool check) {
    const std::size_t mark = out.written();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string_view id = id_of(items[i]);
        out.reserve(1 + id.size());
        if (i > 0) out.put(';');
        out.put(id);
    }
    settle_cell(out, mark, check);
}

void put_row_tail(TextCursor& out, const RecordInfo& info, std::size_t kept_columns) {
    out.reserve(1);
    out.put(',');
    put_cell(out, info.error);
    for (std::size_t i = 0; i < kept_columns; ++i) {
        out.reserve(1);
        out.put(',');
        if (i < info.kept.size()) put_cell(out, info.kept[i].second);
    }
    out.reserve(1);
    out.put('\n');
}

}  // namespace

std::string RecordRenderer::csv_header(const std::vector<std::string>& kept_columns) const {
    return report::csv_header(kept_columns);
}

void RecordRenderer::write_csv(TextCursor& out, const engine::Assessment& assessment, const RecordInfo& info) const {
    if (info.id) put_cell(out, *info.id);
    const std::string_view urgency = rules::to_id(assessment.urgency);
    out.reserve(1 + 24 + 1 + urgency.size() + 1);
    out.put(',');
    out.advance_to(std::to_chars(out.position(), out.position() + 24, info.row).ptr);
    out.put(',');
    out.put(urgency);
    out.put(',');
    put_id_list(out, assessment.red_flags, [&](int q) { return m_question_csv[static_cast<std::size_t>(q)]; },
                m_ids_need_quotes);
    out.reserve(1);
    out.put(',');

    const std::size_t causes = out.written();
    for (std::size_t i = 0; i < assessment.causes.size(); ++i) {
        const auto& cause = assessment.causes[i];
        const std::string_view id = m_cause_csv[static_cast<std::size_t>(cause.cause)];
        out.reserve(2 + id.size() + util::k_json_number_bound);
        if (i > 0) out.put(';');
        out.put(id);
        out.put(':');
        out.advance_to(util::write_json_number(out.position(), cause.score));
    }
    settle_cell(out, causes, m_ids_need_quotes);
    out.reserve(1);
    out.put(',');

    const auto action_id = [&](const auto& item) { return m_action_csv[static_cast<std::size_t>(item.action)]; };
    put_id_list(out, assessment.actions, action_id, m_ids_need_quotes);
    out.reserve(1);
    out.put(',');
    put_id_list(out, assessment.avoid, action_id, m_ids_need_quotes);
    out.reserve(1);
    out.put(',');
    put_id_list(out, assessment.warnings, [](const engine::Warning& w) -> std::string_view { return w.code; },
                true);
    put_row_tail(out, info, info.kept.size());
}

void RecordRenderer::append_unreadable_csv(std::string& out, const RecordInfo& info,
                                           std::size_t kept_columns) const {
    report::append_unreadable_csv(out, info, kept_columns);
}

}  // namespace runback::report
