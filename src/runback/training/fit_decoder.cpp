#include <runback/training/fit_decoder.hpp>

#include <runback/training/sport.hpp>
#include <runback/training/track.hpp>

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace runback::training {
namespace {

// FIT times count seconds from 1989-12-31T00:00:00Z.
constexpr std::int64_t k_fit_epoch = 631065600;
constexpr double k_semicircle_degrees = 180.0 / 2147483648.0;

// Global message numbers and field numbers from the FIT profile.
constexpr unsigned k_file_id = 0, k_sport = 12, k_session = 18, k_lap = 19, k_record = 20;
constexpr unsigned k_timestamp = 253;

struct FieldDefinition {
    unsigned number = 0;
    unsigned size = 0;
};

struct MessageDefinition {
    bool defined = false;
    bool big_endian = false;
    unsigned global = 0;
    std::vector<FieldDefinition> fields;
    unsigned developer_bytes = 0;
};

// A message's fields that runback reads, by field number; a field the file marks invalid
// (all bits set, or zero for the "z" types) is absent.
// The values of the few fields runback reads (by field number, of any message): a record
// message comes every second of a run, so this is kept small rather than 256 wide.
class Values {
public:
    const std::optional<std::uint64_t>& operator[](unsigned number) const {
        static const std::optional<std::uint64_t> none;
        const int at = slot(number);
        return at < 0 ? none : m_slots[static_cast<std::size_t>(at)];
    }

    void set(unsigned number, std::uint64_t value) {
        if (const int at = slot(number); at >= 0) m_slots[static_cast<std::size_t>(at)] = value;
    }

private:
    static int slot(unsigned number) {
        switch (number) {
        case 0: return 0;
        case 1: return 1;
        case 2: return 2;
        case 5: return 3;
        case 7: return 4;
        case 9: return 5;
        case 25: return 6;
        case 253: return 7;   // k_timestamp
        default: return -1;
        }
    }

    std::array<std::optional<std::uint64_t>, 8> m_slots{};
};

// A session, or a lap where the file has no sessions.
struct Summary {
    std::optional<std::uint64_t> start, elapsed_ms, distance_cm, sport;
};

struct FitError {
    std::string message;
};

std::uint64_t read_unsigned(const unsigned char* data, unsigned size, bool big_endian) {
    std::uint64_t value = 0;
    for (unsigned i = 0; i < size; ++i) {
        const unsigned byte = big_endian ? data[i] : data[size - 1 - i];
        value = (value << 8) | byte;
    }
    return value;
}

bool invalid(std::uint64_t value, unsigned size) {
    // Every base type's invalid value is all ones (signed types: the largest positive value,
    // which no field runback reads can hold) or zero for uint32z; treat both as missing.
    const std::uint64_t ones = size >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (size * 8)) - 1;
    return value == ones || value == (ones >> 1);
}

class Decoder {
public:
    Decoder(std::string_view bytes, const std::string& origin, TrainingLog& log)
        : m_bytes(reinterpret_cast<const unsigned char*>(bytes.data())), m_size(bytes.size()), m_origin(origin), m_log(log) {}

    void run() {
        std::size_t at = 0;
        int file = 0;
        while (at < m_size) {
            ++file;
            const std::size_t before = m_log.activities.size();
            try {
                at = decode_file(at);
            } catch (const FitError& error) {
                m_log.activities.resize(before);
                m_log.problems.push_back({m_origin, error.message + "; the file was left out"});
                return;
            }
            if (m_log.activities.size() == before)
                m_log.problems.push_back({file == 1 ? m_origin : fmt::format("{} (file {} of the chain)", m_origin, file),
                                          "holds no session, lap or record, so no activity"});
        }
    }

private:
    [[noreturn]] void fail(std::size_t at, const std::string& what) const {
        throw FitError{m_record > 0 ? fmt::format("record {} (byte {}): {}", m_record, at, what) : fmt::format("byte {}: {}", at, what)};
    }

    std::size_t decode_file(std::size_t start) {
        if (m_size - start < 12) fail(start, "too short for a FIT header");
        const unsigned header_size = m_bytes[start];
        if ((header_size != 12 && header_size != 14) || m_size - start < header_size)
            fail(start, fmt::format("not a FIT file (header size {})", header_size));
        if (std::string_view(reinterpret_cast<const char*>(m_bytes + start + 8), 4) != ".FIT")
            fail(start + 8, "not a FIT file (no \".FIT\" signature)");
        const std::uint64_t data_size = read_unsigned(m_bytes + start + 4, 4, false);
        const std::string_view whole(reinterpret_cast<const char*>(m_bytes), m_size);
        if (header_size == 14) {
            const auto stated = static_cast<unsigned>(read_unsigned(m_bytes + start + 12, 2, false));
            if (stated != 0 && stated != fit_crc(whole.substr(start, 12)))
                fail(start + 12, "bad header CRC (the file is damaged)");
        }
        const std::size_t end = start + header_size + data_size;
        if (data_size > m_size || end + 2 > m_size)
            fail(start, fmt::format("cut short: the header promises {} bytes of data, the file has {}", data_size,
                                    m_size - start - header_size));
        const auto stated = static_cast<unsigned>(read_unsigned(m_bytes + end, 2, false));
        const unsigned computed = fit_crc(whole.substr(start, end - start));
        if (stated != computed)
            fail(end, fmt::format("bad CRC (the file is damaged): it says {:04X}, its content gives {:04X}", stated, computed));
        decode_records(start + header_size, end);
        finish_file();
        return end + 2;
    }

    void decode_records(std::size_t at, std::size_t end) {
        m_definitions = {};
        m_record = 0;
        m_last_timestamp = 0;
        while (at < end) {
            ++m_record;
            const unsigned header = m_bytes[at++];
            if (header & 0x80) {   // compressed timestamp header: local type in bits 5-6
                const unsigned offset = header & 0x1F;
                std::uint64_t timestamp = (m_last_timestamp & ~std::uint64_t{0x1F}) + offset;
                if (offset < (m_last_timestamp & 0x1F)) timestamp += 0x20;
                m_last_timestamp = timestamp;
                at = data_message((header >> 5) & 0x3, at, end, timestamp);
            } else if (header & 0x40) {
                at = definition_message(header & 0x0F, (header & 0x20) != 0, at, end);
            } else {
                at = data_message(header & 0x0F, at, end, std::nullopt);
            }
        }
    }

    std::size_t definition_message(unsigned local, bool developer, std::size_t at, std::size_t end) {
        if (end - at < 5) fail(at, "definition message cut short");
        MessageDefinition definition;
        definition.defined = true;
        const unsigned architecture = m_bytes[at + 1];
        if (architecture > 1) fail(at + 1, fmt::format("unknown architecture {} in a definition message", architecture));
        definition.big_endian = architecture == 1;
        definition.global = static_cast<unsigned>(read_unsigned(m_bytes + at + 2, 2, definition.big_endian));
        const unsigned count = m_bytes[at + 4];
        at += 5;
        if (end - at < std::size_t{count} * 3) fail(at, "definition message cut short");
        for (unsigned i = 0; i < count; ++i, at += 3) {
            const unsigned size = m_bytes[at + 1];
            if (size == 0) fail(at + 1, "a field of size 0");
            definition.fields.push_back({m_bytes[at], size});
        }
        if (developer) {
            if (end - at < 1) fail(at, "definition message cut short");
            const unsigned developer_count = m_bytes[at++];
            if (end - at < std::size_t{developer_count} * 3) fail(at, "definition message cut short");
            for (unsigned i = 0; i < developer_count; ++i, at += 3) definition.developer_bytes += m_bytes[at + 1];
        }
        m_definitions[local] = std::move(definition);
        return at;
    }

    std::size_t data_message(unsigned local, std::size_t at, std::size_t end, std::optional<std::uint64_t> timestamp) {
        const MessageDefinition& definition = m_definitions[local];
        if (!definition.defined) fail(at - 1, fmt::format("a data message of local type {} before its definition", local));
        Values values;
        for (const auto& field : definition.fields) {
            if (end - at < field.size) fail(at, "data message cut short");
            // Only scalar fields of up to 8 bytes carry what runback reads; arrays and strings are skipped.
            if (field.size <= 8) {
                const std::uint64_t value = read_unsigned(m_bytes + at, field.size, definition.big_endian);
                if (!invalid(value, field.size)) values.set(field.number, value);
            }
            at += field.size;
        }
        if (end - at < definition.developer_bytes) fail(at, "data message cut short");
        at += definition.developer_bytes;
        if (values[k_timestamp]) m_last_timestamp = *values[k_timestamp];
        else if (timestamp) values.set(k_timestamp, *timestamp);
        take(definition.global, values);
        return at;
    }

    void take(unsigned global, const Values& values) {
        const Values& f = values;
        switch (global) {
        case k_file_id:
            if (f[0] && *f[0] != 4) m_not_activity = static_cast<unsigned>(*f[0]);
            break;
        case k_sport:
            if (f[0]) m_sport = f[0];
            break;
        case k_session:
            m_sessions.push_back({f[2] ? f[2] : f[k_timestamp], f[7], f[9], f[5]});
            break;
        case k_lap:
            m_laps.push_back({f[2] ? f[2] : f[k_timestamp], f[7], f[9], f[25]});
            break;
        case k_record:
            if (f[0] && f[1] && f[k_timestamp]) {
                TrackPoint point;
                point.latitude = static_cast<double>(static_cast<std::int32_t>(*f[0])) * k_semicircle_degrees;
                point.longitude = static_cast<double>(static_cast<std::int32_t>(*f[1])) * k_semicircle_degrees;
                point.time = static_cast<std::int64_t>(*f[k_timestamp]) + k_fit_epoch;
                m_points.push_back(point);
            }
            break;
        default: break;
        }
    }

    Activity activity_from(const Summary& summary) const {
        Activity activity;
        activity.start = summary.start ? static_cast<std::int64_t>(*summary.start) + k_fit_epoch : 0;
        activity.duration_s = summary.elapsed_ms ? static_cast<double>(*summary.elapsed_ms) / 1000 : 0;
        activity.distance_km = summary.distance_cm ? static_cast<double>(*summary.distance_cm) / 100000 : 0;
        const auto sport = summary.sport ? summary.sport : m_sport;
        activity.sport = sport ? sport_from_fit(static_cast<unsigned>(*sport)) : Sport::unknown;
        activity.sport_name = sport ? fmt::format("FIT sport {}", *sport) : "";
        activity.origin = m_origin;
        return activity;
    }

    void finish_file() {
        std::vector<Activity> found;
        if (m_not_activity) {
            m_log.problems.push_back({m_origin, fmt::format("not an activity file (FIT file type {}); left out", *m_not_activity)});
        } else if (!m_sessions.empty()) {
            for (const auto& session : m_sessions) found.push_back(activity_from(session));
        } else if (!m_laps.empty()) {
            Summary whole = m_laps.front();
            std::uint64_t elapsed = 0, distance = 0;
            for (const auto& lap : m_laps) {
                elapsed += lap.elapsed_ms.value_or(0);
                distance += lap.distance_cm.value_or(0);
            }
            whole.elapsed_ms = elapsed;
            whole.distance_cm = distance;
            found.push_back(activity_from(whole));
        } else if (m_points.size() > 1) {
            Summary track;
            track.start = static_cast<std::uint64_t>(m_points.front().time - k_fit_epoch);
            track.elapsed_ms = static_cast<std::uint64_t>(m_points.back().time - m_points.front().time) * 1000;
            found.push_back(activity_from(track));
            found.back().distance_km = measure_track(m_points).km;
        }
        // The records' track finds GPS jumps; where it has some, the distance is the track's
        // without them (a one-session file only: the records are not split by session).
        if (found.size() == 1 && m_points.size() > 1) {
            const TrackLength length = measure_track(m_points);
            found.front().has_track = true;
            if (length.jumps > 0) {
                found.front().gps_jumps = length.jumps;
                found.front().gps_jump_km = length.jump_km;
                found.front().distance_km = length.km;
            }
        }
        for (auto& activity : found) {
            if (activity.start == 0) continue;
            m_log.activities.push_back(std::move(activity));
        }
        m_sessions.clear();
        m_laps.clear();
        m_points.clear();
        m_sport.reset();
        m_not_activity.reset();
    }

    const unsigned char* m_bytes;
    std::size_t m_size;
    const std::string& m_origin;
    TrainingLog& m_log;
    std::array<MessageDefinition, 16> m_definitions{};
    std::size_t m_record = 0;
    std::uint64_t m_last_timestamp = 0;
    std::vector<Summary> m_sessions, m_laps;
    std::vector<TrackPoint> m_points;
    std::optional<std::uint64_t> m_sport;
    std::optional<unsigned> m_not_activity;
};

}  // namespace

namespace {

// FIT's CRC is CRC-16/ARC (polynomial 0x8005, reflected). The protocol's example works a
// nibble at a time; a table of all 256 bytes, built at compile time, does a byte per step,
// twice as fast over the megabytes of a year of FIT files, to the same value.
constexpr std::array<std::uint16_t, 256> crc_table() {
    std::array<std::uint16_t, 256> table{};
    for (unsigned byte = 0; byte < 256; ++byte) {
        unsigned crc = byte;
        for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? (crc >> 1) ^ 0xA001 : crc >> 1;
        table[byte] = static_cast<std::uint16_t>(crc);
    }
    return table;
}

constexpr std::array<std::uint16_t, 256> k_crc_table = crc_table();

}  // namespace

unsigned fit_crc(std::string_view bytes, unsigned crc) {
    for (const char c : bytes) crc = (crc >> 8) ^ k_crc_table[(crc ^ static_cast<unsigned char>(c)) & 0xFF];
    return crc;
}

void read_fit(std::string_view bytes, const std::string& origin, TrainingLog& log) {
    Decoder(bytes, origin, log).run();
}

}  // namespace runback::training
