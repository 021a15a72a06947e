// Lines from a stream: what the questionnaire reads in unit tests and from a pipe.

#include <runback/questionnaire/line_source.hpp>
#include <runback/util/output.hpp>

#include <istream>
#include <ostream>

namespace runback::questionnaire {
namespace {

class StreamSource final : public LineSource {
public:
    StreamSource(std::istream& in, std::ostream& out) : m_in(in), m_out(out) {}

    LineResult read_line(const std::string& prompt) override
    {
        // Flushed so that a person or program at the other end of a pipe sees the question
        // before we wait for its answer.
        m_out << prompt << std::flush;
        LineResult result;
        // A last line without a line end is still a line; only a read that finds nothing is
        // the end of input.
        if (util::termination_requested() != 0) return {LineStatus::interrupted, {}};
        if (!std::getline(m_in, result.text))
            return {util::termination_requested() != 0 ? LineStatus::interrupted : LineStatus::end_of_input, {}};
        // Answer files written on Windows end their lines with CR LF.
        if (!result.text.empty() && result.text.back() == '\r') result.text.pop_back();
        return result;
    }

private:
    std::istream& m_in;
    std::ostream& m_out;
};

}  // namespace

std::unique_ptr<LineSource> make_stream_source(std::istream& in, std::ostream& out)
{
    return std::make_unique<StreamSource>(in, out);
}

}  // namespace runback::questionnaire
