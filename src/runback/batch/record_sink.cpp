#include <runback/batch/record_sink.hpp>

namespace runback::batch {
namespace {
constexpr std::size_t k_flush_size = std::size_t{1} << 16;
}

RecordSink::RecordSink(const engine::Engine& engine, OutputFormat format, util::Output& output,
                       std::vector<std::string> kept_columns)
    : m_engine(engine), m_format(format), m_output(output), m_kept_columns(kept_columns.size()) {
    if (m_format == OutputFormat::csv) m_buffer = report::csv_header(kept_columns);
}

void RecordSink::assessed(const engine::Answers& answers, const report::RecordInfo& info) {
    const auto assessment = m_engine.evaluate(answers);
    if (m_format == OutputFormat::jsonl) {
        report::append_json(m_buffer, m_engine.rule_base(), answers, assessment, info);
        m_buffer += '\n';
    } else {
        report::append_csv(m_buffer, m_engine.rule_base(), assessment, info);
    }
    ++m_summary.records;
    ++m_summary.by_urgency[static_cast<std::size_t>(assessment.urgency)];
    if (!info.error.empty()) ++m_summary.errors;
    flush_if_full();
}

void RecordSink::unreadable(const report::RecordInfo& info) {
    if (m_format == OutputFormat::jsonl) {
        report::append_unreadable_json(m_buffer, info);
        m_buffer += '\n';
    } else {
        report::append_unreadable_csv(m_buffer, info, m_kept_columns);
    }
    ++m_summary.records;
    ++m_summary.errors;
    flush_if_full();
}

void RecordSink::flush_if_full() {
    if (m_buffer.size() < k_flush_size) return;
    m_output.write(m_buffer);
    m_buffer.clear();
}

void RecordSink::finish() {
    m_output.write(m_buffer);
    m_buffer.clear();
    m_output.commit();
}

}  // namespace runback::batch
