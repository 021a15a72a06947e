#pragma once
// Reading batch input that arrives over time: standard input, a pipe or a FIFO. A stream over a
// file descriptor whose reads return what has arrived (std::ifstream waits to fill its whole
// request), and that says when it is about to wait for more, so that batch can hand on the
// records it already holds: `tail -f survey.csv | runback batch -` writes each result as soon
// as its record has come.

#include <functional>
#include <istream>
#include <streambuf>
#include <string>
#include <string_view>

namespace runback::batch {

// Up to `wanted` bytes of `in` into `data`, as the readers refill their buffers: all of them
// from a file, what has arrived from a pipe (StreamInput); 0 only at the end of the input.
// Throws runback::Error naming `what` ("the CSV input") when the stream has failed.
std::size_t read_block(std::istream& in, char* data, std::size_t wanted, std::string_view what);

class StreamInput final : public std::streambuf {
public:
    // Reads `fd`, which stays open; `name` is for messages ("standard input").
    StreamInput(int fd, std::string name);
    ~StreamInput() override;

    StreamInput(const StreamInput&) = delete;
    StreamInput& operator=(const StreamInput&) = delete;

    // Called before a read that would wait, with nothing more to read yet.
    void on_wait(std::function<void()> hook) { m_on_wait = std::move(hook); }

    // Closes the descriptor when the stream goes (for a FIFO opened by name).
    void close_on_destruction() { m_owned = true; }

protected:
    // What has arrived, up to `count` bytes, waiting only when nothing has; 0 at the end.
    std::streamsize xsgetn(char* data, std::streamsize count) override;
    int_type underflow() override;

private:
    std::streamsize read_some(char* data, std::streamsize count);

    int m_fd;
    bool m_owned = false;
    std::string m_name;
    std::function<void()> m_on_wait;
    char m_byte = 0;   // underflow's one-byte buffer
};

}  // namespace runback::batch
