#include <runback/questionnaire/line_source.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using runback::questionnaire::LineResult;
using runback::questionnaire::LineStatus;
using runback::questionnaire::make_stream_source;

namespace {

// One read as text: the line in brackets, or the status.
std::string shown(const LineResult& result)
{
    switch (result.status) {
    case LineStatus::line: return "[" + result.text + "]";
    case LineStatus::end_of_input: return "end of input";
    case LineStatus::interrupted: return "interrupted";
    }
    return "?";
}

// Every read until the end of input (at most 10), one per line.
std::string read_all(const std::string& input, std::string* written = nullptr)
{
    std::istringstream in(input);
    std::ostringstream out;
    const auto source = make_stream_source(in, out);
    std::string reads;
    for (int n = 0; n < 10; ++n) {
        const LineResult result = source->read_line("> ");
        reads += shown(result) + "\n";
        if (result.status != LineStatus::line) break;
    }
    if (written != nullptr) *written = out.str();
    return reads;
}

}  // namespace

TEST_CASE("questionnaire::make_stream_source") {
    SUBCASE("lines in order, without their line ends, then the end of input") {
        CHECK(read_all("yes\nlower_back\n\n  spaced  \n") ==
              "[yes]\n[lower_back]\n[]\n[  spaced  ]\nend of input\n");
    }
    SUBCASE("CR LF line ends lose the CR too; a CR inside a line stays") {
        CHECK(read_all("yes\r\nno\r\na\rb\n") == "[yes]\n[no]\n[a\rb]\nend of input\n");
    }
    SUBCASE("a last line without a line end is still a line") {
        CHECK(read_all("yes\nno") == "[yes]\n[no]\nend of input\n");
        CHECK(read_all("no\r") == "[no]\nend of input\n");
    }
    SUBCASE("empty input is the end of input at once, and stays so") {
        std::istringstream in("");
        std::ostringstream out;
        const auto source = make_stream_source(in, out);
        CHECK(shown(source->read_line("a> ")) == "end of input");
        CHECK(shown(source->read_line("b> ")) == "end of input");
        CHECK(out.str() == "a> b> ");
    }
    SUBCASE("UTF-8 text is passed through as it is") {
        CHECK(read_all("café\nüber\n") == "[café]\n[über]\nend of input\n");
    }
    SUBCASE("each prompt is written to the stream, as given, before its read") {
        std::string written;
        read_all("a\nb\n", &written);
        CHECK(written == "> > > ");
        std::istringstream in("x\n");
        std::ostringstream out;
        const auto source = make_stream_source(in, out);
        source->read_line("\x1b[1mPain?\x1b[0m [y/n] > ");
        CHECK(out.str() == "\x1b[1mPain?\x1b[0m [y/n] > ");
    }
    SUBCASE("completion words are accepted and change nothing") {
        std::istringstream in("low\n");
        std::ostringstream out;
        const auto source = make_stream_source(in, out);
        source->set_completions({"lower_back", "upper_back"});
        CHECK(shown(source->read_line("> ")) == "[low]");
    }
}
