// libFuzzer target: the JSONL reader on any bytes. It must end, and never read out of bounds.
#include <runback/batch/jsonl_reader.hpp>

#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    runback::batch::JsonlReader reader(in);
    runback::batch::JsonlRecord record;
    std::size_t total = 0;
    while (reader.next(record)) {
        for (const auto& field : record.fields) total += field.key.size() + field.text.size();
        if (record.number > size + 1) __builtin_trap();
    }
    return static_cast<int>(total & 0);
}
