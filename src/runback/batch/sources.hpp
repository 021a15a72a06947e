#pragma once
// The input side of a batch, one function per format: each reads records, turns them into
// answers and hands every record, good, bad or unreadable, to the sink.

#include <runback/batch/batch_run.hpp>
#include <runback/batch/record_sink.hpp>
#include <runback/input/answer_mapper.hpp>

#include <iosfwd>
#include <memory>

namespace runback::batch {

// Reads the CSV header first (so whole-file problems surface before any output exists), then
// returns the function that streams the records into a sink.
class CsvSource {
public:
    CsvSource(std::istream& in, const BatchOptions& options, const input::AnswerMapper& mapper,
              std::ostream& diagnostics);
    ~CsvSource();
    // The kept columns, as the header names them, in --keep order.
    const std::vector<std::string>& kept_columns() const;
    void stream(RecordSink& sink);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// Streams JSONL records into the sink; keys that name no question are reported once at the end.
void stream_jsonl(std::istream& in, const BatchOptions& options,
                  const input::AnswerMapper& mapper, RecordSink& sink, std::ostream& diagnostics);

// "row N (line L): " — the prefix of every record error.
std::string record_place(std::size_t row, std::size_t line);

}  // namespace runback::batch
