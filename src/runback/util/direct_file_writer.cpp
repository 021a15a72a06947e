#include <runback/util/direct_file_writer.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <sys/mman.h>
#include <unistd.h>

namespace runback::util {
namespace {

// The buffers in one block, on 2 MiB huge pages where the system gives them: O_DIRECT pins a
// buffer's pages for every write, and pinning one huge page instead of 512 small ones took a
// fifth off the system time of a run.
char* allocate_buffers() {
    constexpr std::size_t k_huge_page = std::size_t{2} << 20;
    const std::size_t size = DirectFileWriter::k_buffers * DirectFileWriter::k_buffer_size;
    void* memory = std::aligned_alloc(k_huge_page, size);
    if (memory == nullptr) throw std::bad_alloc();
    ::madvise(memory, size, MADV_HUGEPAGE);
    return static_cast<char*>(memory);
}

// Sets or clears O_DIRECT on `fd`; false when the system refuses.
bool set_direct(int fd, bool on) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0) return false;
    return ::fcntl(fd, F_SETFL, on ? flags | O_DIRECT : flags & ~O_DIRECT) == 0;
}

}  // namespace

DirectFileWriter::DirectFileWriter(int fd, WriteAt write_at)
    : m_fd(fd), m_write_at(write_at ? std::move(write_at) : WriteAt(::pwrite)),
      m_memory(allocate_buffers(), std::free) {
    static_assert(k_buffer_size % k_alignment == 0 && k_buffers >= 2);
    m_direct = set_direct(fd, true);
    m_filling = {m_memory.get(), 0, 0};
    m_free.reserve(k_buffers);   // the writing thread returns buffers there, and must not fail
    for (std::size_t i = 1; i < k_buffers; ++i) m_free.push_back(m_memory.get() + i * k_buffer_size);
    m_thread = std::thread([this] { write_loop(); });
}

DirectFileWriter::~DirectFileWriter() {
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
        m_queued.clear();   // abandoned: the caller removes the file
    }
    m_changed.notify_all();
    m_thread.join();
}

int DirectFileWriter::error() const {
    std::lock_guard lock(m_mutex);
    return m_error;
}

bool DirectFileWriter::direct() const {
    std::lock_guard lock(m_mutex);
    return m_direct;
}

bool DirectFileWriter::write(std::string_view text) {
    if (m_filling.data == nullptr || error() != 0) return false;   // after finish() or a failure
    while (!text.empty()) {
        const std::size_t part = std::min(k_buffer_size - m_filling.size, text.size());
        std::memcpy(m_filling.data + m_filling.size, text.data(), part);
        m_filling.size += part;
        m_size += part;
        text.remove_prefix(part);
        if (m_filling.size == k_buffer_size && !hand_over()) return false;
    }
    return error() == 0;
}

bool DirectFileWriter::hand_over() {
    std::unique_lock lock(m_mutex);
    m_filling.offset = m_next_offset;
    m_next_offset += m_filling.size;
    m_queued.push_back(m_filling);
    m_changed.notify_all();
    m_changed.wait(lock, [this] { return !m_free.empty() || m_error != 0; });
    if (m_error != 0) return false;
    m_filling = {m_free.back(), 0, 0};
    m_free.pop_back();
    return true;
}

bool DirectFileWriter::finish() {
    std::unique_lock lock(m_mutex);
    if (m_filling.data == nullptr) return false;   // finished before
    if (m_filling.size > 0 && m_error == 0) {
        // The last buffer as whole blocks, padded with zeros; the file is cut to size after.
        const std::size_t used = m_filling.size;
        const std::size_t blocks = (used + k_alignment - 1) / k_alignment * k_alignment;
        std::memset(m_filling.data + used, 0, blocks - used);
        m_queued.push_back({m_filling.data, blocks, m_next_offset});
        m_next_offset += blocks;
        m_changed.notify_all();
    }
    // The buffer may come back to the free list now: the caller has none any more.
    m_filling = {};
    m_changed.wait(lock, [this] { return (m_queued.empty() && !m_writing) || m_error != 0; });
    if (m_error == 0 && ::ftruncate(m_fd, static_cast<off_t>(m_size)) != 0) m_error = errno;
    // The descriptor as it was given: whoever writes to it next expects the usual writes.
    if (m_direct) set_direct(m_fd, false);
    return m_error == 0;
}

void DirectFileWriter::write_loop() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return !m_queued.empty() || m_closing; });
        if (m_closing) return;
        const Buffer buffer = m_queued.front();
        m_queued.pop_front();
        m_writing = true;
        const bool failed = m_error != 0;
        lock.unlock();
        // After a failure nothing more is written, but every buffer still comes back, so that
        // the caller never waits for one.
        const int error = failed ? 0 : write_out(buffer);
        lock.lock();
        m_writing = false;
        if (error != 0 && m_error == 0) m_error = error;
        m_free.push_back(buffer.data);
        m_changed.notify_all();
    }
}

int DirectFileWriter::write_out(const Buffer& buffer) {
    const char* from = buffer.data;
    std::size_t left = buffer.size;
    auto at = static_cast<off_t>(buffer.offset);
    bool direct = this->direct();
    while (left > 0) {
        const ssize_t written = m_write_at(m_fd, from, left, at);
        if (written < 0) {
            const int error = errno;
            if (error == EINTR) continue;
            // EINVAL: this file system does not take O_DIRECT (or not at this alignment):
            // the same bytes the usual way, now and from now on.
            if (error == EINVAL && direct) {
                direct = stop_direct();
                if (!direct) continue;
            }
            return error;
        }
        if (written == 0) return EIO;
        from += written;
        left -= static_cast<std::size_t>(written);
        at += written;
        // A short write leaves the rest unaligned: it goes the usual way.
        if (direct && left > 0 && static_cast<std::size_t>(written) % k_alignment != 0) direct = stop_direct();
    }
#if defined(SYNC_FILE_RANGE_WRITE)
    // Written the usual way, the pages would wait in memory for the caller's fsync (the system
    // starts on its own only once a tenth of memory is waiting), and the disk would work after
    // the assessing instead of during it: each buffer is sent on its way now, without waiting.
    // Only a hint: should it fail, the fsync still writes everything.
    if (!direct)
        ::sync_file_range(m_fd, static_cast<off_t>(buffer.offset), static_cast<off_t>(buffer.size),
                          SYNC_FILE_RANGE_WRITE);
#endif
    return 0;
}

bool DirectFileWriter::stop_direct() {
    const bool cleared = set_direct(m_fd, false);
    std::lock_guard lock(m_mutex);
    if (cleared) m_direct = false;
    return m_direct;
}

}  // namespace runback::util
