#include <runback/batch/batch_run.hpp>

#include <runback/batch/csv_layout.hpp>
#include <runback/batch/csv_reader.hpp>
#include <runback/batch/jsonl_reader.hpp>
#include <runback/batch/ordered_pipeline.hpp>
#include <runback/batch/progress_meter.hpp>
#include <runback/batch/record_work.hpp>
#include <runback/batch/stream_input.hpp>
#include <runback/engine/engine.hpp>
#include <runback/input/answer_mapper.hpp>
#include <runback/report/record_output.hpp>
#include <runback/sheet/sheet_names.hpp>
#include <runback/util/error.hpp>
#include <runback/util/output.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace runback::batch {
namespace {

// Records per batch: large enough to make handing batches between threads cheap, small enough
// to keep memory flat and the first output prompt.
constexpr std::size_t k_batch_records = 512;

struct Input {
    std::unique_ptr<std::ifstream> file;
    std::unique_ptr<StreamInput> arriving;   // standard input, a pipe or a FIFO
    std::unique_ptr<std::istream> arriving_stream;
    std::istream* stream = nullptr;
    double size = -1;   // bytes, when known
    std::string name;   // for messages
};

// Input that arrives over time is read as it comes (see stream_input.hpp).
void read_as_it_arrives(Input& input, int fd, bool owned) {
    input.arriving = std::make_unique<StreamInput>(fd, input.name);
    if (owned) input.arriving->close_on_destruction();
    input.arriving_stream = std::make_unique<std::istream>(input.arriving.get());
    input.stream = input.arriving_stream.get();
}

Input open_input(const std::string& path) {
    Input input;
    if (path == "-") {
        input.name = "standard input";
        read_as_it_arrives(input, STDIN_FILENO, false);
        return input;
    }
    input.name = "'" + path + "'";
    struct stat info {};
    const bool exists = ::stat(path.c_str(), &info) == 0;
    if (exists && S_ISDIR(info.st_mode))
        throw Error(fmt::format("cannot read '{}': it is a folder, not a file", path));
    if (exists && (S_ISFIFO(info.st_mode) || S_ISCHR(info.st_mode) || S_ISSOCK(info.st_mode))) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            throw Error(fmt::format("cannot read '{}': {}", path, std::strerror(errno)),
                        "check the path, or give - to read standard input");
        read_as_it_arrives(input, fd, true);
        return input;
    }
    input.file = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*input.file)
        throw Error(fmt::format("cannot read '{}': {}", path, std::strerror(errno)),
                    "check the path, or give - to read standard input");
    if (S_ISREG(info.st_mode)) input.size = static_cast<double>(info.st_size);
    input.stream = input.file.get();
    return input;
}

double position_of(const Input& input) {
    if (!input.file) return -1;
    const auto position = input.file->tellg();
    return position < 0 ? input.size : static_cast<double>(position);
}

void store_csv(RecordBatch& batch, const CsvRecord& record, std::size_t row) {
    const auto first = batch.fields.size();
    if (record.deferred) {
        // Most records: one copy of the line, split by the worker, padded so that it may read
        // RecordBatch::k_padding bytes from the start of any field.
        batch.records.push_back({.first_field = static_cast<std::uint32_t>(first),
                                 .deferred = true,
                                 .text_offset = batch.keep_padded(record.plain_text),
                                 .text_size = static_cast<std::uint32_t>(record.plain_text.size()),
                                 .number = row,
                                 .line = record.line,
                                 .error = {}});
        return;
    }
    batch.records.push_back({.first_field = static_cast<std::uint32_t>(first),
                             .field_count = static_cast<std::uint32_t>(record.fields.size()),
                             .number = row,
                             .line = record.line,
                             .error = record.error});
    if (record.fields.empty()) return;
    // The fields lie in order within the record's own bytes (quotes are collapsed in place),
    // so one copy of that span keeps them all; a copy per field costs more than the record's
    // assessment on this path.
    const char* span = record.fields.front().data();
    const auto& last = record.fields.back();
    const auto base = batch.keep_padded(std::string_view(span, static_cast<std::size_t>(last.data() + last.size() - span)));
    batch.fields.resize(first + record.fields.size());
    StoredField* stored = batch.fields.data() + first;
    for (const auto field : record.fields) {
        stored->text_offset = base + static_cast<std::uint32_t>(field.data() - span);
        stored->text_size = static_cast<std::uint32_t>(field.size());
        ++stored;
    }
}

void store_jsonl(RecordBatch& batch, const JsonlRecord& record, std::size_t row) {
    StoredRecord stored{.first_field = static_cast<std::uint32_t>(batch.fields.size()),
                        .field_count = static_cast<std::uint32_t>(record.fields.size()),
                        .number = row,
                        .line = record.line,
                        .error = record.error};
    for (const auto& field : record.fields) {
        StoredJsonField json;
        json.key_offset = batch.keep(field.key);
        json.key_size = static_cast<std::uint32_t>(field.key.size());
        json.kind = field.kind;
        json.boolean = field.boolean;
        json.number = field.number;
        batch.json_fields.push_back(json);
        batch.fields.push_back({batch.keep(field.text), static_cast<std::uint32_t>(field.text.size())});
    }
    batch.end_padded_record();   // values are read as padded text (AnswerParser::try_parse_padded)
    batch.records.push_back(std::move(stored));
}

// Writes finished batches in order (and each record's advice sheet, with --sheets), counts
// them, and stops at --max-errors.
class Writer {
public:
    Writer(const BatchOptions& options, util::Output& output, ProgressMeter& progress)
        : m_options(options), m_output(output), m_progress(progress),
          m_namer(options.sheets_dir.empty() ? "" : options.sheet_format) {}

    bool operator()(RecordBatch& batch) {
        std::size_t written_end = batch.output.size;
        std::size_t sheet_begin = 0;
        for (std::size_t i = 0; i < batch.outcomes.size(); ++i) {
            const auto& outcome = batch.outcomes[i];
            ++m_summary.records;
            if (outcome.urgency >= 0) ++m_summary.by_urgency[static_cast<std::size_t>(outcome.urgency)];
            if (outcome.error) ++m_summary.errors;
            if (outcome.sheet_end > sheet_begin) {
                write_sheet(outcome, batch.records[i].number,
                            std::string_view(batch.sheets).substr(sheet_begin, outcome.sheet_end - sheet_begin));
                sheet_begin = outcome.sheet_end;
            }
            if (m_options.max_errors > 0 && m_summary.errors >= m_options.max_errors) {
                written_end = outcome.output_end;
                m_summary.stopped_early = true;
                break;
            }
        }
        m_output.write(batch.output.view().substr(0, written_end));
        // A batch at a time: what a reader has, and what an interruption counts as written.
        m_output.flush();
        util::note_records_done(static_cast<long>(m_summary.records));
        m_progress.update(m_summary.records, batch.input_position);
        return !m_summary.stopped_early;
    }

    const BatchSummary& summary() const { return m_summary; }

private:
    void write_sheet(const RecordOutcome& outcome, std::size_t row, std::string_view text) {
        const auto path = std::filesystem::path(m_options.sheets_dir) / m_namer.name_for(outcome.id, row);
        util::Output file(path.string());
        file.write(text);
        file.commit();
        ++m_summary.sheets;
    }

    const BatchOptions& m_options;
    util::Output& m_output;
    ProgressMeter& m_progress;
    sheet::SheetNamer m_namer;
    BatchSummary m_summary;
};

// The folder for --sheets, made (readable by its owner only) when missing.
void prepare_sheets_dir(const std::string& dir) {
    std::error_code error;
    if (std::filesystem::exists(dir, error) && !std::filesystem::is_directory(dir, error))
        throw Error(fmt::format("--sheets: '{}' is not a folder", dir), "give a folder for the sheets");
    if (std::filesystem::create_directories(dir, error))
        std::filesystem::permissions(dir, std::filesystem::perms::owner_all, error);
    if (error) throw Error(fmt::format("--sheets: cannot make the folder '{}': {}", dir, error.message()));
}

// Reads records into batches and hands them to the pipeline until the input or the run ends.
// `read_next(record)` is the reader's next().
template <typename ReadNext, typename Record, typename Store>
void feed(ReadNext read_next, Record& record, const Input& input, OrderedPipeline& pipeline,
          const BatchOptions& options, std::size_t first_number, Store store) {
    RecordBatch* batch = nullptr;
    // Before waiting for more input, the records already read go on: a slow source's results
    // come out as its records arrive, not a batch at a time.
    if (input.arriving)
        input.arriving->on_wait([&] {
            if (!batch || batch->records.empty()) return;
            batch->input_position = position_of(input);
            pipeline.submit(batch);
            batch = nullptr;
        });
    while (read_next(record)) {
        if (!batch && !(batch = pipeline.acquire())) return;
        const auto row = record.number - first_number + 1 + static_cast<std::size_t>(options.row_offset);
        store(*batch, record, row);
        if (batch->records.size() == k_batch_records) {
            batch->input_position = position_of(input);
            pipeline.submit(batch);
            batch = nullptr;
        }
    }
    if (input.arriving) input.arriving->on_wait(nullptr);
    if (batch) {
        batch->input_position = position_of(input);
        pipeline.submit(batch);
    }
}

}  // namespace

BatchSummary run_batch(const BatchOptions& options, const rules::RuleBase& rule_base,
                       std::ostream& diagnostics) {
    // From here an interruption says how far the run got.
    util::note_batch_started(options.output.empty() || options.output == "-" ? "" : options.output);
    Input input = open_input(options.input);
    const input::AnswerMapper mapper(rule_base);
    const engine::Engine engine(rule_base);

    std::optional<CsvReader> csv;
    std::optional<CsvLayout> layout;
    CsvRecord csv_record;
    std::size_t first_number = 1;   // the reader's number of the first data record
    std::vector<std::string> kept = options.keep;
    if (options.from == InputFormat::csv) {
        csv.emplace(*input.stream, CsvOptions{options.delimiter});
        std::vector<std::string_view> names;
        const auto listed = options.columns;
        if (options.header) {
            if (!csv->next(csv_record))
                throw Error(fmt::format("{} is empty: expected a header row of question ids", input.name),
                            "run 'runback questions --csv-template' for a header to start from");
            if (!csv_record.ok())
                throw Error(fmt::format("{}: the header row cannot be read: {}", input.name, csv_record.error));
            names = csv_record.fields;
            first_number = 2;
        } else {
            names.assign(listed.begin(), listed.end());
        }
        layout.emplace(names, mapper, options.keep, options.delimiter, input.name, diagnostics);
        kept = layout->kept_names();
    }

    ProgressMeter progress(options.progress, input.size);
    const RecordWork work(engine, mapper, options, layout ? &*layout : nullptr);
    if (!options.sheets_dir.empty()) prepare_sheets_dir(options.sheets_dir);
    // Only now: whole-file problems leave no file behind. A batch writes much: large.
    util::Output output(options.output, util::Output::Volume::large);
    if (options.to == OutputFormat::csv) output.write(work.csv_header(kept));
    Writer writer(options, output, progress);
    OrderedPipeline pipeline(options.jobs, std::cref(work), std::ref(writer));
    if (csv) {
        // The workers split plain records: the reading thread only finds their line ends.
        const auto read_next = [&](CsvRecord& record) { return csv->next(record, Split::plain_later); };
        feed(read_next, csv_record, input, pipeline, options, first_number, store_csv);
    } else {
        JsonlReader reader(*input.stream);
        JsonlRecord record;
        feed([&](JsonlRecord& next) { return reader.next(next); }, record, input, pipeline, options, 1, store_jsonl);
    }
    pipeline.finish();
    output.commit();
    progress.finish(writer.summary().records);
    auto unknown = work.unknown_keys();
    if (!unknown.empty()) {
        std::sort(unknown.begin(), unknown.end());
        diagnostics << "runback: warning: " << mapper.unknown_keys_warning(unknown).message << "\n";
    }
    return writer.summary();
}

}  // namespace runback::batch
