// libFuzzer target: the training-log readers on any bytes. The first byte picks the reader:
// the FIT decoder on the bytes as they are, or with a valid header and CRC wrapped around them
// (so that fuzzing reaches the records instead of stopping at the CRC), GPX, TCX, an activities
// CSV, or gunzip. Invariants: it ends, every access is in bounds (AddressSanitizer), and every
// activity read has a finite, non-negative distance and duration, and the summary of them
// gives answers only of the kinds the questions take.
#include <runback/training/activity_csv.hpp>
#include <runback/training/archive_reading.hpp>
#include <runback/training/fit_decoder.hpp>
#include <runback/training/run_list.hpp>
#include <runback/training/training_summary.hpp>
#include <runback/training/xml_activity.hpp>
#include <runback/util/error.hpp>

#include <cmath>
#include <cstdint>
#include <string>

namespace {

using namespace runback::training;

std::string wrapped_fit(const std::string& records) {
    std::string file(14, '\0');
    file[0] = 14;
    file[1] = 0x20;
    const auto size = static_cast<std::uint32_t>(records.size());
    for (int i = 0; i < 4; ++i) file[4 + i] = static_cast<char>((size >> (8 * i)) & 0xFF);
    file.replace(8, 4, ".FIT");
    const unsigned header_crc = fit_crc(std::string_view(file).substr(0, 12));
    file[12] = static_cast<char>(header_crc & 0xFF);
    file[13] = static_cast<char>(header_crc >> 8);
    file += records;
    const unsigned crc = fit_crc(file);
    file += static_cast<char>(crc & 0xFF);
    file += static_cast<char>(crc >> 8);
    return file;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    TrainingLog log;
    switch (data[0] % 6) {
    case 0: read_fit(text, "x.fit", log); break;
    case 1: read_fit(wrapped_fit(text), "x.fit", log); break;
    case 2: read_gpx(text, "x.gpx", log); break;
    case 3: read_tcx(text, "x.tcx", log); break;
    case 4: read_activities_csv(text, "x.csv", CsvDistanceUnit::km, log); break;
    case 5:
        try {
            (void)gunzip(text);
        } catch (const runback::Error&) {
        }
        break;
    }
    for (const auto& activity : log.activities) {
        if (!std::isfinite(activity.distance_km) || activity.distance_km < 0) __builtin_trap();
        if (!std::isfinite(activity.duration_s)) __builtin_trap();
    }
    const auto as_of = newest_run_day(log.activities);
    if (!as_of) return 0;
    const TrainingSummary summary = summarise(list_runs(log.activities, *as_of), *as_of);
    for (const auto& answer : summary.answers)
        if (answer.value.empty() || answer.value.find("nan") != std::string::npos || answer.value.find("inf") != std::string::npos)
            __builtin_trap();
    return 0;
}
