#include <runback/batch/batch_run.hpp>

#include <runback/batch/record_sink.hpp>
#include <runback/batch/sources.hpp>
#include <runback/engine/engine.hpp>
#include <runback/input/answer_mapper.hpp>
#include <runback/util/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sys/stat.h>

namespace runback::batch {
namespace {

std::unique_ptr<std::ifstream> open_input(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode))
        throw Error(fmt::format("cannot read '{}': it is a folder, not a file", path));
    auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*file)
        throw Error(fmt::format("cannot read '{}': {}", path, std::strerror(errno)),
                    "check the path, or give - to read standard input");
    return file;
}

}  // namespace

BatchSummary run_batch(const BatchOptions& options, const rules::RuleBase& rule_base,
                       std::ostream& diagnostics) {
    std::unique_ptr<std::ifstream> file;
    if (options.input != "-") file = open_input(options.input);
    std::istream& in = file ? *file : std::cin;

    const input::AnswerMapper mapper(rule_base);
    const engine::Engine engine(rule_base);
    if (options.from == InputFormat::csv) {
        CsvSource source(in, options, mapper, diagnostics);   // checks the header first
        util::Output output(options.output);
        RecordSink sink(engine, options.to, output, source.kept_columns());
        source.stream(sink);
        sink.finish();
        return sink.summary();
    }
    util::Output output(options.output);
    RecordSink sink(engine, options.to, output, options.keep);
    stream_jsonl(in, options, mapper, sink, diagnostics);
    sink.finish();
    return sink.summary();
}

}  // namespace runback::batch
