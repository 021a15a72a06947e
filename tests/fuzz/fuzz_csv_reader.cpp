// libFuzzer target: the CSV reader on any bytes, with tiny blocks and a small record limit so
// that refills and oversized records are reached. Invariants: it ends, and every record's
// fields lie inside the buffer it reads (AddressSanitizer checks every access).
#include <runback/batch/csv_reader.hpp>

#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const char delimiter = ",;\t|"[data[0] % 4];
    std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
    runback::batch::CsvOptions options{delimiter, std::size_t{1} + data[0] % 64U, 64};
    runback::batch::CsvReader reader(in, options);
    runback::batch::CsvRecord record;
    std::size_t total = 0;
    while (reader.next(record)) {
        for (auto field : record.fields) total += field.size();   // touch every field
        if (record.number > size + 1) __builtin_trap();            // more records than bytes
    }
    return static_cast<int>(total & 0);
}
