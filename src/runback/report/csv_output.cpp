#include <runback/report/record_output.hpp>

#include <fmt/format.h>

namespace runback::report {
namespace {

constexpr const char* k_columns = "id,row,urgency,red_flags,causes,actions,avoid,warnings,error";

// Quotes a cell when it holds a delimiter, a quote or a line break (RFC 4180).
void append_cell(std::string& out, std::string_view cell) {
    if (cell.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += cell;
        return;
    }
    out += '"';
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

template <typename Items, typename Name>
std::string joined(const Items& items, Name name) {
    std::string cell;
    for (const auto& item : items) {
        if (!cell.empty()) cell += ';';
        cell += name(item);
    }
    return cell;
}

void append_row_tail(std::string& out, const RecordInfo& info, std::size_t kept_columns) {
    out += ',';
    append_cell(out, info.error);
    for (std::size_t i = 0; i < kept_columns; ++i) {
        out += ',';
        if (i < info.kept.size()) append_cell(out, info.kept[i].second);
    }
    out += '\n';
}

}  // namespace

std::string csv_header(const std::vector<std::string>& kept_columns) {
    std::string header = k_columns;
    for (const auto& column : kept_columns) {
        header += ',';
        append_cell(header, column);
    }
    header += '\n';
    return header;
}

void append_csv(std::string& out, const rules::RuleBase& rule_base,
                const engine::Assessment& assessment, const RecordInfo& info) {
    const auto id_of = [](const auto& items) {
        return [&items](const auto& item) -> const std::string& {
            return items[static_cast<std::size_t>(item)].id;
        };
    };
    append_cell(out, info.id.value_or(""));
    fmt::format_to(std::back_inserter(out), ",{},{},", info.row, rules::to_id(assessment.urgency));
    append_cell(out, joined(assessment.red_flags, id_of(rule_base.questions)));
    out += ',';
    append_cell(out, joined(assessment.causes, [&](const engine::CauseResult& cause) {
                    return fmt::format("{}:{}", rule_base.causes[static_cast<std::size_t>(cause.cause)].id,
                                       cause.score);
                }));
    out += ',';
    append_cell(out, joined(assessment.actions, [&](const engine::ActionResult& action) {
                    return rule_base.actions[static_cast<std::size_t>(action.action)].id;
                }));
    out += ',';
    append_cell(out, joined(assessment.avoid, [&](const engine::AvoidResult& avoid) {
                    return rule_base.actions[static_cast<std::size_t>(avoid.action)].id;
                }));
    out += ',';
    append_cell(out, joined(assessment.warnings, [](const engine::Warning& w) { return w.code; }));
    append_row_tail(out, info, info.kept.size());
}

void append_unreadable_csv(std::string& out, const RecordInfo& info, std::size_t kept_columns) {
    append_cell(out, info.id.value_or(""));
    fmt::format_to(std::back_inserter(out), ",{},,,,,,", info.row);
    append_row_tail(out, info, kept_columns);
}

}  // namespace runback::report
