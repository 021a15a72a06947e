#pragma once
// Writes a large new file around the page cache: from a few aligned buffers of our own, with
// O_DIRECT, on a thread of its own that waits for the disk while the caller fills the next
// buffer. For the batch's -o file (1.5 GB for a million records): written the usual way, the
// kernel copied every byte into fresh page-cache pages, which on the reference virtual machine
// cost from 0.65 to 1.8 s of system time per million records (up to as much as the assessing
// itself, taken from the same cores), and the pages then went to the disk anyway.
//
// Where the file system refuses O_DIRECT, the same thread writes the buffers the usual way and
// sends each on to the disk at once: the caller sees no difference but the speed.

#include <sys/types.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

namespace runback::util {

class DirectFileWriter {
public:
    // Buffers of this size, this many: what a run adds to its memory.
    static constexpr std::size_t k_buffer_size = std::size_t{2} << 20;
    static constexpr std::size_t k_buffers = 3;
    // O_DIRECT's unit: buffer addresses, file offsets and write sizes are multiples of it.
    static constexpr std::size_t k_alignment = 4096;

    // How a buffer reaches the file: pwrite(2), or a stand-in with its contract (a test's, to
    // make writes fail, fall short or wait).
    using WriteAt = std::function<ssize_t(int fd, const void* data, std::size_t size, off_t offset)>;

    // Writes the open, empty file `fd` (not owned: the caller closes it after finish()).
    explicit DirectFileWriter(int fd, WriteAt write_at = nullptr);
    // Stops the thread; what finish() has not written is abandoned (the caller removes the file).
    ~DirectFileWriter();
    DirectFileWriter(const DirectFileWriter&) = delete;
    DirectFileWriter& operator=(const DirectFileWriter&) = delete;

    // Appends `text` to the file. False when a write has failed (error() says why), or after
    // finish(); nothing more is written then.
    bool write(std::string_view text);
    // Writes what is left, cuts the file to the bytes given (the last block was padded) and
    // turns O_DIRECT off again; waits for all of it. False when something failed (error()).
    // The caller syncs the file. Once only: write() fails after it.
    bool finish();
    // The errno of the first failure, or 0.
    int error() const;
    // Whether the file is written around the page cache (false once the file system refused).
    bool direct() const;

private:
    struct Buffer {
        char* data;
        std::size_t size;          // bytes in it
        std::uint64_t offset;      // where they go in the file
    };
    void write_loop();
    // Writes one buffer at its offset: directly, or the usual way once that is refused. Returns
    // 0 or an errno. Called on the writing thread only.
    int write_out(const Buffer& buffer);
    // Clears O_DIRECT; returns whether it is still on (true only when it could not be cleared).
    bool stop_direct();
    // Hands the buffer being filled to the writing thread and takes a free one (waiting for
    // one if need be). False on failure.
    bool hand_over();

    int m_fd;
    WriteAt m_write_at;
    std::unique_ptr<char, void (*)(void*)> m_memory;
    Buffer m_filling{};                 // the caller's; no data after finish()
    std::uint64_t m_next_offset = 0;    // of the next buffer handed over
    std::uint64_t m_size = 0;           // bytes given so far

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;  // a buffer queued or freed, a failure, the end
    std::deque<Buffer> m_queued;        // for the writing thread, in order
    std::vector<char*> m_free;
    bool m_writing = false;             // the thread holds a buffer
    bool m_closing = false;
    int m_error = 0;
    bool m_direct = true;
    std::thread m_thread;
};

}  // namespace runback::util
