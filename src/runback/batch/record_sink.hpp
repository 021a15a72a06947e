#pragma once
// The output side of a batch: renders each record's result in the chosen format, buffers it,
// counts what the summary needs, and writes through util::Output in large blocks.

#include <runback/batch/batch_run.hpp>
#include <runback/engine/answers.hpp>
#include <runback/engine/engine.hpp>
#include <runback/report/record_output.hpp>
#include <runback/util/output.hpp>

#include <string>
#include <vector>

namespace runback::batch {

class RecordSink {
public:
    RecordSink(const engine::Engine& engine, OutputFormat format, util::Output& output,
               std::vector<std::string> kept_columns);

    // Assesses `answers` and writes the result; `info.error` non-empty marks a bad record.
    void assessed(const engine::Answers& answers, const report::RecordInfo& info);
    // Writes the error row of a record that could not be read.
    void unreadable(const report::RecordInfo& info);
    // Writes what is buffered and commits the output.
    void finish();

    const BatchSummary& summary() const { return m_summary; }

private:
    void flush_if_full();

    const engine::Engine& m_engine;
    OutputFormat m_format;
    util::Output& m_output;
    std::size_t m_kept_columns;
    std::string m_buffer;
    BatchSummary m_summary;
};

}  // namespace runback::batch
