// The FIT decoder on files built here byte by byte from the protocol: a session's sport,
// start, duration and distance; laps where there is no session; compressed timestamps; and a
// clear problem, with no activity, for each way a file can be damaged.

#include <runback/training/fit_decoder.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using namespace runback::training;

namespace {

constexpr std::int64_t k_fit_epoch = 631065600;

struct Field {
    unsigned number, size, base;
    std::uint64_t value;
};

void put(std::string& out, std::uint64_t value, unsigned size) {
    for (unsigned i = 0; i < size; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

// A definition message for `local`, then its data message.
void message(std::string& out, unsigned local, unsigned global, const std::vector<Field>& fields) {
    out += static_cast<char>(0x40 | local);
    out += '\0';
    out += '\0';   // little-endian
    put(out, global, 2);
    out += static_cast<char>(fields.size());
    for (const auto& f : fields) {
        out += static_cast<char>(f.number);
        out += static_cast<char>(f.size);
        out += static_cast<char>(f.base);
    }
    out += static_cast<char>(local);
    for (const auto& f : fields) put(out, f.value, f.size);
}

std::string file_of(const std::string& records) {
    std::string file;
    file += static_cast<char>(14);
    file += static_cast<char>(0x20);
    put(file, 2132, 2);
    put(file, records.size(), 4);
    file += ".FIT";
    put(file, fit_crc(file), 2);
    file += records;
    put(file, fit_crc(file), 2);
    return file;
}

std::uint64_t fit_time(std::int64_t unix_time) { return static_cast<std::uint64_t>(unix_time - k_fit_epoch); }

const std::int64_t k_start = 1793686354;   // 2026-11-03T06:12:34Z

std::string session(unsigned sport, double km, double seconds) {
    std::string records;
    message(records, 0, 0, {{0, 1, 0x00, 4}, {4, 4, 0x86, fit_time(k_start)}});
    message(records, 1, 18, {{253, 4, 0x86, fit_time(k_start + 3000)}, {2, 4, 0x86, fit_time(k_start)},
                              {5, 1, 0x00, sport}, {7, 4, 0x86, static_cast<std::uint64_t>(seconds * 1000)},
                              {9, 4, 0x86, static_cast<std::uint64_t>(km * 100000)}});
    return records;
}

}  // namespace

TEST_CASE("training: FIT's CRC is CRC-16/ARC, as the protocol's FitCRC_Get16") {
    CHECK(fit_crc("123456789") == 0xBB3D);   // the published check value
    CHECK(fit_crc("") == 0);
}

TEST_CASE("training: a FIT session gives its sport, start, duration and distance") {
    TrainingLog log;
    read_fit(file_of(session(1, 10.5, 3000)), "a.fit", log);
    REQUIRE(log.problems.empty());
    REQUIRE(log.activities.size() == 1);
    const auto& run = log.activities.front();
    CHECK(run.sport == Sport::run);
    CHECK(run.start == k_start);
    CHECK(run.duration_s == doctest::Approx(3000));
    CHECK(run.distance_km == doctest::Approx(10.5));

    TrainingLog rides;
    read_fit(file_of(session(2, 40, 5400)), "b.fit", rides);
    REQUIRE(rides.activities.size() == 1);
    CHECK(rides.activities.front().sport == Sport::ride);
}

TEST_CASE("training: FIT laps stand in for a missing session, and compressed timestamps count up") {
    std::string records;
    message(records, 2, 12, {{0, 1, 0x00, 1}});   // sport: running
    message(records, 3, 19, {{2, 4, 0x86, fit_time(k_start)}, {7, 4, 0x86, 600000}, {9, 4, 0x86, 200000}});
    message(records, 3, 19, {{2, 4, 0x86, fit_time(k_start + 600)}, {7, 4, 0x86, 600000}, {9, 4, 0x86, 250000}});
    // A record with its own timestamp, then records on local type 2 (redefined without a
    // timestamp field) behind compressed-timestamp headers, 10 s apart. The last one is 5 km
    // north: in 10 s, a GPS jump, which only a decoder that got the times right can tell.
    const std::uint64_t first = fit_time(k_start);
    message(records, 1, 20, {{253, 4, 0x86, first}, {0, 4, 0x85, 614000000}, {1, 4, 0x85, 0}});
    records += static_cast<char>(0x40 | 2);
    records += std::string("\0\0", 2);
    put(records, 20, 2);
    records += static_cast<char>(2);
    records += std::string("\x00\x04\x85\x01\x04\x85", 6);
    const std::uint64_t north_per_km = 2147483648.0 / 180.0 / 111.195;   // semicircles per km of latitude
    for (int step = 1; step <= 3; ++step) {
        const std::uint64_t time = first + 10 * static_cast<std::uint64_t>(step);
        records += static_cast<char>(0x80 | (2u << 5) | (time & 0x1F));   // offset: the time's low 5 bits
        const std::uint64_t km = step < 3 ? static_cast<std::uint64_t>(step) * 30 / 1000 : 5;
        put(records, 614000000 + (step < 3 ? step * 30 * north_per_km / 1000 : km * north_per_km), 4);
        put(records, 0, 4);
    }
    TrainingLog log;
    read_fit(file_of(records), "c.fit", log);
    REQUIRE(log.problems.empty());
    REQUIRE(log.activities.size() == 1);
    const auto& run = log.activities.front();
    CHECK(run.sport == Sport::run);
    CHECK(run.start == k_start);
    CHECK(run.duration_s == doctest::Approx(1200));
    CHECK(run.has_track);
    CHECK(run.gps_jumps == 1);
    CHECK(run.gps_jump_km == doctest::Approx(4.94).epsilon(0.01));

    // A compressed header for a lap with its fields missing: cut short, and said so.
    std::string cut = records;
    cut += static_cast<char>(0x80 | (3u << 5));
    TrainingLog wrong;
    read_fit(file_of(cut), "d.fit", wrong);
    CHECK(wrong.activities.empty());
    REQUIRE(wrong.problems.size() == 1);
    CHECK(wrong.problems.front().message.find("cut short") != std::string::npos);

    // A data message of a local type never defined: said so, not guessed.
    std::string undefined = records;
    undefined += static_cast<char>(7);
    TrainingLog unknown;
    read_fit(file_of(undefined), "e.fit", unknown);
    REQUIRE(unknown.problems.size() == 1);
    CHECK(unknown.problems.front().message.find("before its definition") != std::string::npos);
}

TEST_CASE("training: a damaged FIT file is one problem naming where, and gives no activity") {
    const std::string good = file_of(session(1, 10, 3000));
    SUBCASE("bad CRC") {
        std::string bad = good;
        bad.back() = static_cast<char>(bad.back() ^ 0x01);
        TrainingLog log;
        read_fit(bad, "bad.fit", log);
        CHECK(log.activities.empty());
        REQUIRE(log.problems.size() == 1);
        CHECK(log.problems.front().where == "bad.fit");
        CHECK(log.problems.front().message.find("bad CRC") != std::string::npos);
    }
    SUBCASE("cut short") {
        TrainingLog log;
        read_fit(good.substr(0, good.size() - 9), "cut.fit", log);
        CHECK(log.activities.empty());
        REQUIRE(log.problems.size() == 1);
        CHECK(log.problems.front().message.find("cut short") != std::string::npos);
    }
    SUBCASE("not FIT at all") {
        TrainingLog log;
        read_fit("<gpx></gpx> and some more text", "x.fit", log);
        REQUIRE(log.problems.size() == 1);
        CHECK(log.problems.front().message.find("not a FIT file") != std::string::npos);
    }
    SUBCASE("a definition that runs past the data, with a valid CRC") {
        std::string records;
        records += static_cast<char>(0x40);
        records += std::string("\0\0\x12\x00\x09", 5);   // 9 fields promised, none there
        TrainingLog log;
        read_fit(file_of(records), "short.fit", log);
        CHECK(log.activities.empty());
        REQUIRE(log.problems.size() == 1);
        CHECK(log.problems.front().message.find("record 1") != std::string::npos);
    }
}

TEST_CASE("training: a FIT file that is not an activity is named so") {
    std::string records;
    message(records, 0, 0, {{0, 1, 0x00, 6}});   // file type 6: a workout
    TrainingLog log;
    read_fit(file_of(records), "workout.fit", log);
    CHECK(log.activities.empty());
    REQUIRE(!log.problems.empty());
    CHECK(log.problems.front().message.find("not an activity file") != std::string::npos);
}
