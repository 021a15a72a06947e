#pragma once
// FIT activity files (Garmin's binary format, as watches write them and Strava exports them).
// Debian packages no FIT decoder, so this is a small one of our own, written from the published
// FIT protocol (Garmin's "Flexible and Interoperable Data Transfer Protocol", protocol 1.0 and
// 2.0): it checks the header and the file's CRC, follows definition messages, normal and
// compressed-timestamp headers and developer fields, and keeps only what runback needs: the
// session messages (sport, start, duration, distance), the laps where a file has no session,
// and the record messages' positions to find GPS jumps. It is fuzzed (tests/fuzz).

#include <runback/training/activity.hpp>

#include <string>
#include <string_view>

namespace runback::training {

// The FIT CRC-16 of `bytes` continuing from `crc`, as the protocol's FitCRC_Get16 computes it.
unsigned fit_crc(std::string_view bytes, unsigned crc = 0);

// Reads the FIT file (or chain of FIT files) in `bytes`, named `origin`, into `log`. A damaged
// file (bad CRC, cut short, a message that breaks the protocol) adds one problem naming the
// record and byte and yields no activities from the damaged part.
void read_fit(std::string_view bytes, const std::string& origin, TrainingLog& log);

}  // namespace runback::training
