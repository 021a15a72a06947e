#include <runback/batch/record_work.hpp>

#include <runback/batch/csv_reader.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace runback::batch {
namespace {

// The answer look-ups read this far from a stored value's start; store_csv and store_jsonl pad
// records for them.
static_assert(RecordBatch::k_padding >= engine::AnswerParser::k_padded_reach);

// "row N: ", with "(line L)" where the record does not start on the line its row implies (a
// quoted newline or a blank line came before it). Leaving the line out otherwise keeps the
// messages of a file split into chunks identical to those of the whole file.
std::string record_place(const StoredRecord& record, std::size_t expected_line) {
    if (record.line == expected_line) return fmt::format("row {}: ", record.number);
    return fmt::format("row {} (line {}): ", record.number, record.line);
}

// The text a JSON value stands for as an answer: booleans become yes/no, and a number in
// exponent form its plain decimal form; null is unanswered. `stored` when it is the value's
// text as the batch keeps it, with the record's padding after it.
struct AnswerText {
    std::string_view text;
    bool stored;
};
AnswerText answer_text(const StoredJsonField& field, std::string_view text, std::string& scratch) {
    switch (field.kind) {
    case JsonKind::boolean: return {field.boolean ? "yes" : "no", false};
    case JsonKind::null: return {{}, false};
    case JsonKind::number:
        if (text.find_first_of("eE") == std::string_view::npos) return {text, true};
        scratch = fmt::format("{}", field.number);
        return {scratch, false};
    default: return {text, true};
    }
}

}  // namespace

RecordWork::RecordWork(const engine::Engine& engine, const input::AnswerMapper& mapper,
                       const BatchOptions& options, const CsvLayout* layout)
    : m_engine(engine), m_mapper(mapper), m_options(options), m_layout(layout),
      m_mark(options.delimiter == ',' ? engine::DecimalMark::point : engine::DecimalMark::point_or_comma),
      m_parser(engine.rule_base()), m_renderer(engine.rule_base()) {
    if (!layout) m_key_roles.emplace(mapper, options.keep);
    if (layout) m_csv_near_red_flag = mapper.near_red_flag_warning(layout->unknown_names());
    // A CSV with a column for a quiet red flag asked them: empty cells there are skipped ones.
    if (layout) {
        const auto& questions = engine.rule_base().questions;
        for (const auto& column : layout->question_columns()) {
            const auto& question = questions[static_cast<std::size_t>(column.question)];
            m_quiet_flags_asked = m_quiet_flags_asked || (question.red_flag && !question.warn_when_unanswered);
        }
    }
    if (!options.sheets_dir.empty()) m_sheet_format = sheet::sheet_format_from_id(options.sheet_format);
}

void RecordWork::add_sheet(RecordBatch& batch, const engine::Answers& answers, const engine::Assessment& assessment,
                           const report::RecordInfo& info) const {
    sheet::SheetOptions options;
    options.id = info.id;
    options.date = m_options.sheet_date;
    options.emergency_number = m_options.emergency_number;
    const auto content = sheet::build_sheet(m_engine.rule_base(), answers, assessment, options);
    batch.sheets += sheet::render_sheet(content, *m_sheet_format, {});
}

void RecordWork::read_answer_slowly(int question, std::string_view text, engine::DecimalMark mark,
                                    engine::Answers& answers, report::RecordInfo& info,
                                    const StoredRecord& record) const {
    auto parsed = engine::parse_answer(m_engine.rule_base().questions[static_cast<std::size_t>(question)], text, mark);
    if (!parsed.error.empty()) add_problem(info, record, parsed.error);
    answers[static_cast<std::size_t>(question)] = parsed.answer;
}

std::size_t RecordWork::expected_line(const StoredRecord& record) const {
    const bool header = m_layout && m_options.header;
    return record.number - static_cast<std::size_t>(m_options.row_offset) + (header ? 1 : 0);
}

void RecordWork::add_problem(report::RecordInfo& info, const StoredRecord& record, std::string_view problem) const {
    info.error += info.error.empty() ? record_place(record, expected_line(record)) : std::string("; ");
    info.error += problem;
}

void RecordWork::operator()(RecordBatch& batch) const {
    engine::Answers answers = m_mapper.empty_answers();
    engine::Assessment assessment;   // reused: its vectors keep their capacity
    report::RecordInfo info;
    std::vector<std::string_view> room;   // for a CSV record's fields, reused
    std::string line;                     // an unreadable record's output
    UnknownKeys noted_keys;               // unknown JSONL keys this call has noted
    std::vector<std::string> near_keys;   // the record's keys near a red flag
    std::span<const std::string_view> fields;
    for (const auto& record : batch.records) {
        info.row = static_cast<long>(record.number);
        info.id.reset();
        info.error.clear();
        info.kept.clear();
        // A CSV record that is assessed sets every answer its columns hold, and the others are
        // never set; a JSONL record sets only those it has.
        if (!m_layout) std::fill(answers.begin(), answers.end(), engine::Answer{});
        RecordOutcome outcome;
        near_keys.clear();
        if (m_layout) {
            fields = csv_fields(batch, record, room);
            decode_csv(fields, record, answers, info);
        } else {
            decode_jsonl(batch, record, answers, info, noted_keys, near_keys);
        }
        if (!record.error.empty()) {
            info.error = fmt::format("row {}: {}", record.number, record.error);
            append_unreadable(batch, info, line);
            outcome.error = true;
        } else if (m_layout && fields.size() != m_layout->columns()) {
            info.error = record_place(record, expected_line(record)) +
                         fmt::format("expected {} fields as in the header, found {}", m_layout->columns(), fields.size());
            append_unreadable(batch, info, line);
            outcome.error = true;
        } else {
            m_engine.evaluate_into(answers, assessment, m_quiet_flags_asked);
            // A misspelt warning sign goes first, on every record it concerns.
            if (m_csv_near_red_flag) {
                assessment.warnings.insert(assessment.warnings.begin(), *m_csv_near_red_flag);
            } else if (!near_keys.empty()) {
                if (auto near = m_mapper.near_red_flag_warning(near_keys))
                    assessment.warnings.insert(assessment.warnings.begin(), std::move(*near));
            }
            // Written in place at the end of the batch's output, the bulk of the run's writing.
            report::TextCursor out(batch.output);
            if (m_options.to == OutputFormat::jsonl) {
                m_renderer.write_json(out, answers, assessment, info);
                out.reserve(1);
                out.put('\n');
            } else {
                m_renderer.write_csv(out, assessment, info);
            }
            out.finish();
            outcome.urgency = static_cast<std::int8_t>(assessment.urgency);
            outcome.error = !info.error.empty();
            if (m_sheet_format) {
                add_sheet(batch, answers, assessment, info);
                outcome.id = info.id;
            }
        }
        outcome.output_end = static_cast<std::uint32_t>(batch.output.size);
        outcome.sheet_end = static_cast<std::uint32_t>(batch.sheets.size());
        batch.outcomes.push_back(std::move(outcome));
    }
}

void RecordWork::append_unreadable(RecordBatch& batch, const report::RecordInfo& info, std::string& line) const {
    line.clear();
    if (m_options.to == OutputFormat::jsonl) {
        m_renderer.append_unreadable_json(line, info);
        line += '\n';
    } else {
        m_renderer.append_unreadable_csv(line, info, m_layout ? m_layout->kept_names().size() : m_options.keep.size());
    }
    batch.output.append(line);
}

std::span<const std::string_view> RecordWork::csv_fields(const RecordBatch& batch, const StoredRecord& record,
                                                         std::vector<std::string_view>& room) const {
    if (record.deferred) {
        const auto text = batch.text(record.text_offset, record.text_size);
        const std::size_t count = split_plain_record(text, m_options.delimiter, room);   // may move room
        return {room.data(), count};
    }
    if (room.size() < record.field_count) room.resize(record.field_count);
    for (std::size_t i = 0; i < record.field_count; ++i) {
        const StoredField& field = batch.fields[record.first_field + i];
        room[i] = batch.text(field.text_offset, field.text_size);
    }
    return {room.data(), record.field_count};
}

void RecordWork::decode_csv(std::span<const std::string_view> fields, const StoredRecord& record,
                            engine::Answers& answers, report::RecordInfo& info) const {
    const long id_column = m_layout->id_column();
    if (id_column >= 0 && static_cast<std::size_t>(id_column) < fields.size() && !fields[static_cast<std::size_t>(id_column)].empty())
        info.id = std::string(fields[static_cast<std::size_t>(id_column)]);
    // A record with the wrong number of fields is not assessed: its answers are not read.
    if (record.error.empty() && fields.size() == m_layout->columns()) {
        for (const auto& [column, question] : m_layout->question_columns()) {
            const std::string_view text = fields[column];
            // The fast path inline, for the commonest call of the batch; store_csv pads records.
            if (!m_parser.try_parse_padded(question, text, m_mark, answers[static_cast<std::size_t>(question)]))
                read_answer_slowly(question, text, m_mark, answers, info, record);
        }
    }
    for (std::size_t k = 0; k < m_layout->kept_positions().size(); ++k) {
        const std::size_t position = m_layout->kept_positions()[k];
        std::string value;
        if (position < fields.size()) value = fields[position];
        info.kept.emplace_back(m_layout->kept_names()[k], std::move(value));
    }
}

void RecordWork::decode_jsonl(const RecordBatch& batch, const StoredRecord& record, engine::Answers& answers,
                              report::RecordInfo& info, UnknownKeys& noted, std::vector<std::string>& near) const {
    const auto& questions = m_engine.rule_base().questions;
    std::string scratch;
    for (const auto& keep : m_options.keep) info.kept.emplace_back(keep, std::string());
    for (std::uint32_t i = 0; i < record.field_count; ++i) {
        const StoredField& value = batch.fields[record.first_field + i];
        const StoredJsonField& field = batch.json_fields[record.first_field + i];
        const std::string_view key = batch.text(field.key_offset, field.key_size);
        const std::string_view text = batch.text(value.text_offset, value.text_size);
        const KeyRole* role = m_key_roles->find(key);
        if (role == nullptr) {
            note_unknown_key(key, noted, near);
            continue;
        }
        if (role->id) {
            if (field.kind == JsonKind::string || field.kind == JsonKind::number) info.id = std::string(text);
            continue;
        }
        if (field.kind != JsonKind::null)
            for (std::size_t k : role->kept) info.kept[k].second = std::string(text);
        const int index = role->question;
        if (index < 0) continue;   // kept only
        if (!record.error.empty()) continue;
        const auto& question = questions[static_cast<std::size_t>(index)];
        if (field.kind == JsonKind::nested) {
            add_problem(info, record, fmt::format("{}: expected a single value ({}), found {}", question.id,
                                                  engine::accepted_values(question), text));
            continue;
        }
        const AnswerText answer = answer_text(field, text, scratch);
        const auto mark = engine::DecimalMark::point;
        auto& slot = answers[static_cast<std::size_t>(index)];
        const bool read = answer.stored ? m_parser.try_parse_padded(index, answer.text, mark, slot)
                                        : m_parser.try_parse(index, answer.text, mark, slot);
        if (!read) read_answer_slowly(index, answer.text, mark, answers, info, record);
    }
}

void RecordWork::note_unknown_key(std::string_view key, UnknownKeys& noted, std::vector<std::string>& near) const {
    // Each call of operator() (a batch) keeps what it has noted, so that a key in every record
    // takes the lock once a batch, not once a record, and is matched against the red flags once.
    const auto seen = std::find(noted.keys.begin(), noted.keys.end(), key);
    if (seen != noted.keys.end()) {
        if (noted.near_red_flag[static_cast<std::size_t>(seen - noted.keys.begin())]) near.emplace_back(key);
        return;
    }
    noted.keys.emplace_back(key);
    const bool near_flag = m_mapper.near_red_flag(key) >= 0;
    noted.near_red_flag.push_back(near_flag ? 1 : 0);
    if (near_flag) near.emplace_back(key);
    std::lock_guard lock(m_unknown_mutex);
    if (std::find(m_unknown_keys.begin(), m_unknown_keys.end(), key) == m_unknown_keys.end())
        m_unknown_keys.emplace_back(key);
}

std::vector<std::string> RecordWork::unknown_keys() const {
    std::lock_guard lock(m_unknown_mutex);
    return m_unknown_keys;
}

}  // namespace runback::batch
