// DirectFileWriter and Output::Volume::large: a file written around the page cache holds
// exactly the bytes given, whatever their sizes against the buffers and blocks, on a file
// system that takes O_DIRECT and on one that refuses it; a failing write is reported, never
// waited on forever; and Output keeps its promises (owner-only, atomic) in this mode too.

#include <runback/util/direct_file_writer.hpp>
#include <runback/util/error.hpp>
#include <runback/util/output.hpp>

#include <doctest/doctest.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
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

// Writes `text` through a DirectFileWriter in pieces of `piece` bytes; returns the file's bytes.
std::string write_through(const std::filesystem::path& folder, const std::string& text, std::size_t piece,
                          bool* direct = nullptr) {
    const auto path = folder / "out";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(fd >= 0);
    {
        DirectFileWriter writer(fd);
        for (std::size_t at = 0; at < text.size(); at += piece)
            REQUIRE(writer.write(std::string_view(text).substr(at, piece)));
        REQUIRE(writer.finish());
        CHECK(writer.error() == 0);
        if (direct) *direct = writer.direct();
    }
    ::close(fd);
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

TEST_CASE("a write that fails is reported, and the caller is never left waiting for a buffer") {
    Folder folder(std::filesystem::temp_directory_path());
    const auto path = folder.path / "read-only";
    { std::ofstream(path) << ""; }
    const int fd = ::open(path.c_str(), O_RDONLY);   // every write fails with EBADF
    REQUIRE(fd >= 0);
    {
        DirectFileWriter writer(fd);
        const std::string text = text_of(DirectFileWriter::k_buffer_size);
        bool failed = false;
        // Far more buffers than it has: a writer that lost its failed buffers would hang here.
        for (int i = 0; i < 20 && !failed; ++i) failed = !writer.write(text);
        CHECK((failed || !writer.finish()));
        CHECK(writer.error() == EBADF);
        CHECK_FALSE(writer.finish());
    }
    ::close(fd);
}

TEST_CASE("a writer given up before finish() stops without writing the rest") {
    Folder folder(std::filesystem::temp_directory_path());
    const auto path = folder.path / "out";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(fd >= 0);
    {
        DirectFileWriter writer(fd);
        const std::string text = text_of(DirectFileWriter::k_buffer_size);
        for (int i = 0; i < 6; ++i) REQUIRE(writer.write(text));
    }   // destroyed here, with buffers still queued
    ::close(fd);
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
