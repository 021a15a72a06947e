#include <runback/training/archive_reading.hpp>

#include <runback/util/error.hpp>

#include <archive.h>
#include <archive_entry.h>
#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <memory>
#include <optional>

namespace runback::training {

namespace {

// The size a single-member gzip stream says it inflates to (its trailer's ISIZE, the size
// modulo 4 GiB), capped so that a lying trailer cannot make us reserve gigabytes up front.
std::size_t expected_size(std::string_view compressed) {
    constexpr std::size_t k_cap = std::size_t{256} << 20;
    if (compressed.size() < 18 || static_cast<unsigned char>(compressed[0]) != 0x1f) return compressed.size() * 4;
    const auto* tail = reinterpret_cast<const unsigned char*>(compressed.data() + compressed.size() - 4);
    const std::size_t size = tail[0] | (tail[1] << 8) | (tail[2] << 16) | (std::size_t{tail[3]} << 24);
    return std::min(size, k_cap);
}

// libdeflate inflates a whole buffer in one call at about twice zlib's speed (and checks the
// CRC as fast): the way every well-formed .gz file goes. It tells nothing of what is wrong
// with a damaged one, so anything it does not inflate in full goes to zlib, for the message.
std::optional<std::string> gunzip_fast(std::string_view compressed) {
    if (compressed.size() < 18 || static_cast<unsigned char>(compressed[0]) != 0x1f ||
        static_cast<unsigned char>(compressed[1]) != 0x8b)
        return std::nullopt;
    std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> inflater(
        libdeflate_alloc_decompressor(), libdeflate_free_decompressor);
    if (!inflater) return std::nullopt;
    std::string out;
    std::size_t used = 0;
    // One member after another: a file may be gzip streams written one after the other.
    while (used < compressed.size()) {
        const std::string_view member = compressed.substr(used);
        const std::size_t filled = out.size();
        out.resize(filled + expected_size(member));
        std::size_t member_in = 0, member_out = 0;
        if (libdeflate_gzip_decompress_ex(inflater.get(), member.data(), member.size(), out.data() + filled,
                                          out.size() - filled, &member_in, &member_out) != LIBDEFLATE_SUCCESS)
            return std::nullopt;
        out.resize(filled + member_out);
        used += member_in;
    }
    return out;
}

}  // namespace

std::string gunzip(std::string_view compressed) {
    if (auto inflated = gunzip_fast(compressed)) return std::move(*inflated);
    z_stream stream{};
    // 15 + 32: a window of 32 KiB, and a gzip or zlib header detected by itself.
    if (inflateInit2(&stream, 15 + 32) != Z_OK) throw Error("cannot start decompressing (zlib)");
    std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, inflateEnd);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    // Inflating straight into the result, sized from the trailer, saves a copy of every byte
    // and the string's regrowth: a Strava export inflates some 300 MB this way.
    std::string out(expected_size(compressed) + 1, '\0');
    std::size_t filled = 0;
    for (;;) {
        if (filled == out.size()) out.resize(out.size() * 2);
        stream.next_out = reinterpret_cast<Bytef*>(out.data() + filled);
        const std::size_t room = std::min<std::size_t>(out.size() - filled, 1u << 30);
        stream.avail_out = static_cast<uInt>(room);
        const int status = inflate(&stream, Z_NO_FLUSH);
        filled += room - stream.avail_out;
        if (status == Z_STREAM_END) {
            if (stream.avail_in == 0) {
                out.resize(filled);
                return out;
            }
            inflateReset(&stream);   // another gzip member follows
            continue;
        }
        if (status == Z_BUF_ERROR && stream.avail_in == 0)
            throw Error("the compressed data ends early (the file is cut short)");
        if (status != Z_OK)
            throw Error(std::string("the compressed data is damaged (") + (stream.msg ? stream.msg : "zlib error") + ")");
    }
}

std::string read_zip(const std::string& path,
                     const std::function<void(const std::string& name, std::string& content)>& entry) {
    std::unique_ptr<archive, int (*)(archive*)> zip(archive_read_new(), archive_read_free);
    archive_read_support_format_zip_streamable(zip.get());
    if (archive_read_open_filename(zip.get(), path.c_str(), 1 << 16) != ARCHIVE_OK)
        return archive_error_string(zip.get()) ? archive_error_string(zip.get()) : "not a zip archive";
    archive_entry* header = nullptr;
    std::string content;
    for (;;) {
        const int status = archive_read_next_header(zip.get(), &header);
        if (status == ARCHIVE_EOF) return "";
        if (status < ARCHIVE_WARN) {
            const char* why = archive_error_string(zip.get());
            return why ? why : "the archive is damaged";
        }
        if (archive_entry_filetype(header) != AE_IFREG) continue;
        const std::string name = archive_entry_pathname(header) ? archive_entry_pathname(header) : "";
        // Read straight into the entry's buffer, sized from the header where it knows the size.
        const auto announced = archive_entry_size_is_set(header) ? archive_entry_size(header) : 0;
        content.resize(std::clamp<la_int64_t>(announced + 1, 1 << 16, la_int64_t{256} << 20));
        std::size_t filled = 0;
        for (;;) {
            if (filled == content.size()) content.resize(content.size() * 2);
            const la_ssize_t got = archive_read_data(zip.get(), content.data() + filled, content.size() - filled);
            if (got == 0) break;
            if (got < 0) {
                const char* why = archive_error_string(zip.get());
                return name + ": " + (why ? why : "the entry is damaged");
            }
            filled += static_cast<std::size_t>(got);
        }
        content.resize(filled);
        entry(name, content);
    }
}

}  // namespace runback::training
