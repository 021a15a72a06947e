// The floor under `runback training` on a Strava export: read every GPX and TCX file of a
// folder, inflate the .gz ones with libdeflate and parse them with pugixml as runback does,
// and nothing else (no FIT file, no points read). Prints the seconds each step took.
//
//   g++ -O2 -std=c++17 bench/xml_floor.cpp -o /tmp/xml_floor -lpugixml -ldeflate
//   taskset -c 0 /tmp/xml_floor bench/.cache/strava-3000/activities

#include <pugixml.hpp>
#include <libdeflate.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_between(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

bool ends_with(const std::string& text, const std::string& end) {
    return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

std::string read_whole(const std::string& path) {
    const int fd = open(path.c_str(), O_RDONLY);
    if (fd < 0) return {};
    struct stat status {};
    fstat(fd, &status);
    std::string text(static_cast<std::size_t>(status.st_size), '\0');
    std::size_t filled = 0;
    while (filled < text.size()) {
        const auto got = read(fd, text.data() + filled, text.size() - filled);
        if (got <= 0) break;
        filled += static_cast<std::size_t>(got);
    }
    close(fd);
    text.resize(filled);
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: xml_floor FOLDER (such as bench/.cache/strava-3000/activities)\n");
        return 2;
    }
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
        const std::string path = entry.path().string();
        if (ends_with(path, ".gpx") || ends_with(path, ".tcx") || ends_with(path, ".gpx.gz") || ends_with(path, ".tcx.gz"))
            files.push_back(path);
    }
    libdeflate_decompressor* inflater = libdeflate_alloc_decompressor();
    double read_s = 0, inflate_s = 0, parse_s = 0;
    std::size_t xml_bytes = 0;
    for (const auto& path : files) {
        const auto t0 = Clock::now();
        std::string text = read_whole(path);
        const auto t1 = Clock::now();
        if (ends_with(path, ".gz") && text.size() >= 18) {
            const auto* tail = reinterpret_cast<const unsigned char*>(text.data() + text.size() - 4);
            const std::size_t size = tail[0] | (tail[1] << 8) | (tail[2] << 16) | (std::size_t{tail[3]} << 24);
            std::string inflated(size, '\0');
            std::size_t actual = 0;
            if (libdeflate_gzip_decompress(inflater, text.data(), text.size(), inflated.data(), size, &actual) != LIBDEFLATE_SUCCESS)
                std::fprintf(stderr, "%s: not inflated\n", path.c_str());
            inflated.resize(actual);
            text.swap(inflated);
        }
        const auto t2 = Clock::now();
        pugi::xml_document document;
        document.load_buffer_inplace(text.data(), text.size(), pugi::parse_minimal | pugi::parse_embed_pcdata);
        const auto t3 = Clock::now();
        xml_bytes += text.size();
        read_s += seconds_between(t0, t1);
        inflate_s += seconds_between(t1, t2);
        parse_s += seconds_between(t2, t3);
    }
    libdeflate_free_decompressor(inflater);
    std::printf("%zu files, %zu MiB of XML: read %.2f s, inflate %.2f s, parse %.2f s, total %.2f s\n", files.size(),
                xml_bytes >> 20, read_s, inflate_s, parse_s, read_s + inflate_s + parse_s);
}
