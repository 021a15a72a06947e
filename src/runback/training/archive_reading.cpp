#include <runback/training/archive_reading.hpp>

#include <runback/util/error.hpp>

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <memory>

namespace runback::training {

std::string gunzip(std::string_view compressed) {
    std::string out;
    z_stream stream{};
    // 15 + 32: a window of 32 KiB, and a gzip or zlib header detected by itself.
    if (inflateInit2(&stream, 15 + 32) != Z_OK) throw Error("cannot start decompressing (zlib)");
    std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, inflateEnd);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    char chunk[1 << 16];
    for (;;) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = sizeof chunk;
        const int status = inflate(&stream, Z_NO_FLUSH);
        out.append(chunk, sizeof chunk - stream.avail_out);
        if (status == Z_STREAM_END) {
            if (stream.avail_in == 0) return out;
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
        content.clear();
        char chunk[1 << 16];
        for (;;) {
            const la_ssize_t got = archive_read_data(zip.get(), chunk, sizeof chunk);
            if (got == 0) break;
            if (got < 0) {
                const char* why = archive_error_string(zip.get());
                return name + ": " + (why ? why : "the entry is damaged");
            }
            content.append(chunk, static_cast<std::size_t>(got));
        }
        entry(name, content);
    }
}

}  // namespace runback::training
