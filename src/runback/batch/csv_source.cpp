#include <runback/batch/csv_reader.hpp>
#include <runback/batch/sources.hpp>
#include <runback/util/error.hpp>

#include <fmt/format.h>

#include <ostream>

namespace runback::batch {

std::string record_place(std::size_t row, std::size_t line) {
    return fmt::format("row {} (line {}): ", row, line);
}

namespace {
constexpr int k_id_column = -2;
constexpr int k_other_column = -1;
}  // namespace

struct CsvSource::State {
    CsvReader reader;
    const input::AnswerMapper& mapper;
    engine::DecimalMark mark;
    std::vector<int> column_question;          // per column: question index, k_id_column, k_other_column
    std::vector<std::size_t> kept_positions;   // per kept column: its position in the header
    std::vector<std::string> kept_names;
    std::size_t columns = 0;

    State(std::istream& in, char delimiter, const input::AnswerMapper& answer_mapper)
        : reader(in, CsvOptions{delimiter}), mapper(answer_mapper),
          mark(delimiter == ',' ? engine::DecimalMark::point : engine::DecimalMark::point_or_comma) {}
};

CsvSource::CsvSource(std::istream& in, const BatchOptions& options,
                     const input::AnswerMapper& mapper, std::ostream& diagnostics)
    : m_state(std::make_unique<State>(in, options.delimiter, mapper)) {
    State& s = *m_state;
    CsvRecord header;
    const std::string name = options.input == "-" ? "standard input" : "'" + options.input + "'";
    if (!s.reader.next(header))
        throw Error(fmt::format("{} is empty: expected a header row of question ids", name),
                    "run 'runback questions' to see the ids");
    if (!header.ok()) throw Error(fmt::format("{}: the header row cannot be read: {}", name, header.error));

    std::vector<std::string> normal_names, unknown;
    bool any_question = false;
    for (const auto field : header.fields) {
        const std::string normal = input::normalise_key(field);
        for (std::size_t j = 0; j < normal_names.size(); ++j) {
            if (!normal.empty() && normal_names[j] == normal)
                throw Error(fmt::format("{}: the header has column '{}' twice (columns {} and {})",
                                        name, field, j + 1, normal_names.size() + 1),
                            "keep one of them, so that each answer has one place");
        }
        normal_names.push_back(normal);
        int role = input::AnswerMapper::is_id_key(normal) ? k_id_column : mapper.question_for(normal);
        if (role >= 0) any_question = true;
        if (role == k_other_column && !normal.empty()) unknown.emplace_back(field);
        s.column_question.push_back(role);
    }
    s.columns = header.fields.size();
    if (!any_question) {
        throw Error(fmt::format("{}: no column of the header is a question (the header has {} "
                                "column(s), separated by '{}')",
                                name, header.fields.size(), options.delimiter == '\t' ? "\\t" : std::string(1, options.delimiter)),
                    "check the file and the delimiter (--delimiter ';' or '\\t'); run "
                    "'runback questions' to see the ids");
    }
    for (const auto& keep : options.keep) {
        const std::string normal = input::normalise_key(keep);
        std::size_t position = 0;
        while (position < normal_names.size() && normal_names[position] != normal) ++position;
        if (position == normal_names.size())
            throw Error(fmt::format("--keep {}: the header has no such column", keep));
        s.kept_positions.push_back(position);
        s.kept_names.emplace_back(header.fields[position]);
        std::erase(unknown, std::string(header.fields[position]));
    }
    if (!unknown.empty())
        diagnostics << "runback: warning: " << mapper.unknown_keys_warning(unknown).message
                    << " (use --keep COLUMN to copy a column into the output)\n";
}

CsvSource::~CsvSource() = default;

const std::vector<std::string>& CsvSource::kept_columns() const { return m_state->kept_names; }

void CsvSource::stream(RecordSink& sink) {
    State& s = *m_state;
    CsvRecord record;
    engine::Answers answers = s.mapper.empty_answers();
    const auto& questions = s.mapper.rule_base().questions;
    report::RecordInfo info;
    while (s.reader.next(record)) {
        const std::size_t row = record.number - 1;
        info.row = static_cast<long>(row);
        info.id.reset();
        info.error.clear();
        info.kept.clear();
        for (std::size_t i = 0; i < record.fields.size() && i < s.columns; ++i) {
            if (s.column_question[i] == k_id_column && !record.fields[i].empty())
                info.id = std::string(record.fields[i]);
        }
        for (std::size_t k = 0; k < s.kept_positions.size(); ++k) {
            const std::size_t position = s.kept_positions[k];
            info.kept.emplace_back(s.kept_names[k], position < record.fields.size()
                                                        ? std::string(record.fields[position])
                                                        : std::string());
        }
        if (!record.ok() || record.fields.size() != s.columns) {
            info.error = record.ok()
                             ? record_place(row, record.line) +
                                   fmt::format("expected {} fields as in the header, found {}",
                                               s.columns, record.fields.size())
                             : fmt::format("row {}: {}", row, record.error);
            sink.unreadable(info);
            continue;
        }
        std::fill(answers.begin(), answers.end(), engine::Answer{});
        for (std::size_t i = 0; i < s.columns; ++i) {
            const int question = s.column_question[i];
            if (question < 0) continue;
            auto parsed = engine::parse_answer(questions[static_cast<std::size_t>(question)],
                                               record.fields[i], s.mark);
            if (!parsed.error.empty()) {
                info.error += info.error.empty() ? record_place(row, record.line) : "; ";
                info.error += parsed.error;
            }
            answers[static_cast<std::size_t>(question)] = parsed.answer;
        }
        sink.assessed(answers, info);
    }
}

}  // namespace runback::batch
