#include <runback/batch/stream_input.hpp>

#include <runback/util/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <unistd.h>

namespace runback::batch {

std::size_t read_block(std::istream& in, char* data, std::size_t wanted, std::string_view what) {
    if (in.bad()) throw Error(fmt::format("cannot read {}", what), {}, ExitStatus::failed);
    // The stream buffer's own bulk read: std::istream::read would insist on all `wanted` bytes.
    const auto got = in.rdbuf()->sgetn(data, static_cast<std::streamsize>(wanted));
    return got > 0 ? static_cast<std::size_t>(got) : 0;
}

StreamInput::StreamInput(int fd, std::string name) : m_fd(fd), m_name(std::move(name)) {}

StreamInput::~StreamInput() {
    if (m_owned) ::close(m_fd);
}

std::streamsize StreamInput::read_some(char* data, std::streamsize count) {
    if (m_on_wait) {
        pollfd ready{m_fd, POLLIN, 0};
        if (::poll(&ready, 1, 0) == 0) m_on_wait();   // nothing yet: hand on what is held
    }
    for (;;) {
        const auto got = ::read(m_fd, data, static_cast<std::size_t>(count));
        if (got >= 0) return got;
        if (errno != EINTR)
            throw Error(fmt::format("cannot read {}: {}", m_name, std::strerror(errno)), {}, ExitStatus::failed);
    }
}

std::streamsize StreamInput::xsgetn(char* data, std::streamsize count) {
    if (count <= 0) return 0;
    std::streamsize taken = 0;
    if (gptr() < egptr()) {   // a byte underflow read and nobody took
        *data = *gptr();
        gbump(1);
        ++taken;
        if (count == 1) return 1;
    }
    return taken + read_some(data + taken, count - taken);
}

StreamInput::int_type StreamInput::underflow() {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (read_some(&m_byte, 1) != 1) return traits_type::eof();
    setg(&m_byte, &m_byte, &m_byte + 1);
    return traits_type::to_int_type(m_byte);
}

}  // namespace runback::batch
