// DirectFileWriter and Output::Volume::large: a file written around the page cache holds
// exactly the bytes given, whatever their sizes against the buffers and blocks; every direct
// write is aligned as O_DIRECT requires; a file system that refuses O_DIRECT, a short write and
// an interrupted one still give the same bytes; a failing write is reported, never waited on
// forever; and Output keeps its promises (owner-only, atomic) in this mode too. The writes go
// through a stand-in for pwrite where a test needs the system to misbehave.

#include <runback/util/direct_file_writer.hpp>
#include <runback/util/error.hpp>
#include <runback/util/output.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace runback;
using util::DirectFileWriter;

namespace {

// A folder for the test's files on `base`'s file system, removed afterwards.
struct Folder {
    std::filesystem::path path;
    explicit Folder(const std::filesystem::path& base) {
        std::string pattern = (base / "runback-direct-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~Folder() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Text of `size` bytes that differs from block to block and is never zeros.
std::string text_of(std::size_t size) {
    std::string text(size, '\0');
    for (std::size_t i = 0; i < size; ++i) text[i] = static_cast<char>('a' + (i * 7 + i / 4096) % 26);
    return text;
}

// A descriptor closed when the test is done with it, even when a REQUIRE ends the test.
struct Descriptor {
    int fd;
    explicit Descriptor(int opened) : fd(opened) { REQUIRE(fd >= 0); }
    ~Descriptor() { ::close(fd); }
};

bool direct_flag(int fd) { return (::fcntl(fd, F_GETFL) & O_DIRECT) != 0; }

// Whether a file in `folder` takes O_DIRECT at all (where it does not, the writer starts out
// writing the usual way, and tests of its direct writing have nothing to check).
bool direct_flag_possible(const std::filesystem::path& folder) {
    const auto probe = folder / "probe";
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_DIRECT, 0600);
    if (fd >= 0) ::close(fd);
    std::filesystem::remove(probe);
    return fd >= 0;
}

// Writes `text` through a DirectFileWriter in pieces of `piece` bytes; returns the file's bytes.
std::string write_through(const std::filesystem::path& folder, const std::string& text, std::size_t piece,
                          bool* direct = nullptr, DirectFileWriter::WriteAt write_at = nullptr) {
    const auto path = folder / "out";
    const Descriptor file(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600));
    {
        DirectFileWriter writer(file.fd, std::move(write_at));
        for (std::size_t at = 0; at < text.size(); at += piece)
            REQUIRE(writer.write(std::string_view(text).substr(at, piece)));
        REQUIRE(writer.finish());
        CHECK(writer.error() == 0);
        CHECK_FALSE(writer.write("more"));   // nothing after finish()
        CHECK_FALSE(direct_flag(file.fd));   // the descriptor as it was given
        if (direct) *direct = writer.direct();
    }
    return read_file(path);
}

void check_sizes(const std::filesystem::path& base) {
    Folder folder(base);
    const std::size_t buffer = DirectFileWriter::k_buffer_size;
    const std::size_t block = DirectFileWriter::k_alignment;
    for (std::size_t size : {std::size_t{0}, std::size_t{1}, block - 1, block, block + 1, buffer - 1, buffer,
                             buffer + 1, 3 * buffer, 3 * buffer + 4097, 7 * buffer + 17}) {
        for (std::size_t piece : {std::size_t{1000}, std::size_t{65536}, 5 * buffer}) {
            if (piece == 1000 && size > buffer + 1) continue;   // enough small pieces already
            CAPTURE(size);
            CAPTURE(piece);
            const std::string text = text_of(size);
            const std::string written = write_through(folder.path, text, piece);
            CHECK(written.size() == text.size());
            CHECK(written == text);
        }
    }
}

}  // namespace

TEST_CASE("a file written around the page cache holds exactly the bytes given") {
    check_sizes(std::filesystem::temp_directory_path());
}

TEST_CASE("on the disk the build is on (which takes O_DIRECT on Linux's usual file systems)") {
    Folder folder(std::filesystem::current_path());
    bool direct = false;
    const std::string text = text_of(2 * DirectFileWriter::k_buffer_size + 123);
    CHECK(write_through(folder.path, text, 100000, &direct) == text);
    const std::string how = direct ? "yes" : "no (refused here; written the usual way)";
    MESSAGE("written with O_DIRECT: " << how);
}

TEST_CASE("a file system in memory gets the same bytes, whether or not it takes O_DIRECT") {
    if (!std::filesystem::is_directory("/dev/shm")) {
        MESSAGE("skipped: no /dev/shm here");
        return;
    }
    check_sizes("/dev/shm");
}

TEST_CASE("every write with O_DIRECT on is aligned as O_DIRECT requires") {
    // A stand-in that refuses what O_DIRECT refuses, as a strict file system would: a fallback
    // would hide a misaligned write, so the writer must stay direct throughout.
    Folder folder(std::filesystem::temp_directory_path());
    std::atomic<int> misaligned{0};
    const auto strict = [&](int fd, const void* data, std::size_t size, off_t offset) -> ssize_t {
        const auto align = DirectFileWriter::k_alignment;
        if (direct_flag(fd) && (reinterpret_cast<std::uintptr_t>(data) % align != 0 ||
                                static_cast<std::size_t>(offset) % align != 0 || size % align != 0)) {
            ++misaligned;
            errno = EINVAL;
            return -1;
        }
        return ::pwrite(fd, data, size, offset);
    };
    const std::string text = text_of(3 * DirectFileWriter::k_buffer_size + 4097);
    bool direct = false;
    CHECK(write_through(folder.path, text, 300000, &direct, strict) == text);
    CHECK(misaligned == 0);
    if (direct_flag_possible(folder.path)) CHECK(direct);
}

TEST_CASE("a file system that refuses O_DIRECT, a short write and an interrupted one give the same bytes") {
    Folder folder(std::filesystem::temp_directory_path());
    const std::string text = text_of(4 * DirectFileWriter::k_buffer_size + 123);

    SUBCASE("every direct write refused (EINVAL): the usual way, from the first buffer on") {
        std::atomic<int> refused{0};
        const auto refusing = [&](int fd, const void* data, std::size_t size, off_t offset) -> ssize_t {
            if (direct_flag(fd)) {
                ++refused;
                errno = EINVAL;
                return -1;
            }
            return ::pwrite(fd, data, size, offset);
        };
        bool direct = true;
        CHECK(write_through(folder.path, text, 1 << 20, &direct, refusing) == text);
        CHECK_FALSE(direct);
        CHECK(refused <= 1);   // once refused, no direct write is tried again
    }
    SUBCASE("a write that falls short at an unaligned length: the rest the usual way") {
        std::atomic<int> calls{0};
        const auto short_once = [&](int fd, const void* data, std::size_t size, off_t offset) -> ssize_t {
            if (calls++ == 1) size = std::min<std::size_t>(size, 5000);
            return ::pwrite(fd, data, size, offset);
        };
        bool direct = true;
        CHECK(write_through(folder.path, text, 1 << 20, &direct, short_once) == text);
        if (direct_flag_possible(folder.path)) CHECK_FALSE(direct);
    }
    SUBCASE("every other write interrupted (EINTR): tried again") {
        std::atomic<int> calls{0};
        const auto interrupted = [&](int fd, const void* data, std::size_t size, off_t offset) -> ssize_t {
            if (calls++ % 2 == 0) {
                errno = EINTR;
                return -1;
            }
            return ::pwrite(fd, data, size, offset);
        };
        CHECK(write_through(folder.path, text, 1 << 20, nullptr, interrupted) == text);
    }
}

TEST_CASE("a write that fails is reported, and the caller is never left waiting for a buffer") {
    Folder folder(std::filesystem::temp_directory_path());
    const auto path = folder.path / "out";

    SUBCASE("a descriptor that cannot be written (EBADF)") {
        { std::ofstream(path) << ""; }
        const Descriptor file(::open(path.c_str(), O_RDONLY));
        DirectFileWriter writer(file.fd);
        // Ten buffers' worth in one call, far more than it has: a writer that lost failed
        // buffers, or did not stop waiting on a failure, would never return from this.
        const std::string text = text_of(10 * DirectFileWriter::k_buffer_size);
        CHECK_FALSE(writer.write(text));
        CHECK(writer.error() == EBADF);
        CHECK_FALSE(writer.finish());
    }
    SUBCASE("the disk full at the third buffer (ENOSPC), and on the last, padded one") {
        for (int failing_call : {2, 4}) {
            CAPTURE(failing_call);
            std::atomic<int> calls{0};
            const auto filling_up = [&](int fd, const void* data, std::size_t size, off_t offset) -> ssize_t {
                if (calls++ == failing_call) {
                    errno = ENOSPC;
                    return -1;
                }
                return ::pwrite(fd, data, size, offset);
            };
            const Descriptor file(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600));
            DirectFileWriter writer(file.fd, filling_up);
            const bool written = writer.write(text_of(4 * DirectFileWriter::k_buffer_size + 10));
            CHECK_FALSE((written && writer.finish()));
            CHECK(writer.error() == ENOSPC);
            CHECK_FALSE(writer.write("more"));
        }
    }
}

TEST_CASE("a writer given up before finish() stops, whatever it had queued") {
    Folder folder(std::filesystem::temp_directory_path());
    const auto path = folder.path / "out";
    const Descriptor file(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600));
    {
        DirectFileWriter writer(file.fd);
        const std::string text = text_of(DirectFileWriter::k_buffer_size);
        for (int i = 0; i < 6; ++i) REQUIRE(writer.write(text));
    }   // destroyed here, with buffers still queued: returns, and writes nothing after
    CHECK(std::filesystem::file_size(path) <= 6 * DirectFileWriter::k_buffer_size);
}

TEST_CASE("Output with Volume::large: atomic, owner-only, and the exact bytes") {
    Folder folder(std::filesystem::temp_directory_path());
    const auto target = folder.path / "results.jsonl";
    const std::string text = text_of(5 * DirectFileWriter::k_buffer_size + 999);
    {
        util::Output output(target.string(), util::Output::Volume::large);
        for (std::size_t at = 0; at < text.size(); at += 400000) {
            output.write(std::string_view(text).substr(at, 400000));
            output.flush();
        }
        CHECK_FALSE(std::filesystem::exists(target));   // not before commit()
        output.commit();
    }
    CHECK(read_file(target) == text);
    struct stat info {};
    REQUIRE(::stat(target.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(std::distance(std::filesystem::directory_iterator(folder.path), {}) == 1);   // no temporary left

    // Not committed: no file, no temporary.
    const auto abandoned = folder.path / "abandoned.jsonl";
    {
        util::Output output(abandoned.string(), util::Output::Volume::large);
        output.write(text);
    }
    CHECK_FALSE(std::filesystem::exists(abandoned));
    CHECK(std::distance(std::filesystem::directory_iterator(folder.path), {}) == 1);
}
