// libFuzzer target: the CSV reader on any bytes, with tiny blocks and a small record limit so
// that refills and oversized records are reached. Invariants: it ends, every record's fields lie
// inside the buffer it reads (AddressSanitizer checks every access), and leaving plain records
// whole for split_plain_record gives the same records as splitting them at once.
#include <runback/batch/csv_reader.hpp>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

using runback::batch::CsvReader;
using runback::batch::CsvRecord;
using runback::batch::Split;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const char delimiter = ",;\t|"[data[0] % 4];
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    const runback::batch::CsvOptions options{delimiter, std::size_t{1} + data[0] % 64U, 64};
    std::istringstream now_in(text);
    std::istringstream later_in(text);
    CsvReader now_reader(now_in, options);
    CsvReader later_reader(later_in, options);
    CsvRecord now;
    CsvRecord later;
    std::vector<std::string_view> room;
    for (;;) {
        const bool more = now_reader.next(now);
        if (more != later_reader.next(later, Split::plain_later)) __builtin_trap();
        if (!more) break;
        if (now.number > size + 1) __builtin_trap();   // more records than bytes
        if (now.number != later.number || now.line != later.line || now.error != later.error) __builtin_trap();
        if (later.deferred) {
            const std::size_t count = runback::batch::split_plain_record(later.plain_text, delimiter, room);
            if (count != now.fields.size()) __builtin_trap();
            for (std::size_t i = 0; i < count; ++i)
                if (room[i] != now.fields[i]) __builtin_trap();
        } else if (later.fields != now.fields) {
            __builtin_trap();
        }
    }
    return 0;
}
