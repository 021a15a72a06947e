#include <runback/engine/spelling_tables.hpp>

namespace runback::engine {

template <std::size_t Width>
int SpellingTables<Width>::add(const std::vector<Spelling>& spellings) {
    std::string signature;
    for (const auto& spelling : spellings) signature += spelling.text + '\n' + std::to_string(spelling.option) + '\n';
    for (std::size_t i = 0; i < m_tables.size(); ++i)
        if (m_tables[i].signature == signature) return static_cast<int>(i);

    // Beyond this, a table whose every key has a slot of its own gets too large to be cheap.
    constexpr std::size_t k_most_keys = 64;
    if (spellings.size() > k_most_keys) return -1;
    // The spellings as find() sees them: zero-padded keys of Width bytes.
    std::vector<Slot> keys;
    for (const auto& spelling : spellings) {
        if (spelling.text.empty() || spelling.text.size() > k_longest) return -1;
        Slot key{};
        std::memcpy(key.bytes, spelling.text.data(), spelling.text.size());
        key.size = static_cast<std::uint32_t>(spelling.text.size());
        key.option = spelling.option;
        keys.push_back(key);
    }
    // Keys alike but for their size (only a NUL byte tells them apart) share every slot.
    for (std::size_t i = 0; i < keys.size(); ++i)
        for (std::size_t j = i + 1; j < keys.size(); ++j)
            if (std::memcmp(keys[i].bytes, keys[j].bytes, k_longest) == 0) return -1;
    // Try multipliers (odd, from a fixed sequence, so that every run builds the same tables)
    // until every key has a slot of its own, doubling the table now and then. A table twice
    // as large as its keys usually takes a few tries.
    std::uint32_t size = 16;
    while (size < 2 * keys.size()) size *= 2;
    std::uint64_t state = 0x243f6a8885a308d3ULL;
    for (; size <= 1024; size *= 2) {
        for (int attempt = 0; attempt < 1000; ++attempt) {
            state += 0x9e3779b97f4a7c15ULL;   // splitmix64
            std::uint64_t multiplier = state;
            multiplier = (multiplier ^ (multiplier >> 30)) * 0xbf58476d1ce4e5b9ULL;
            multiplier = (multiplier ^ (multiplier >> 27)) * 0x94d049bb133111ebULL;
            multiplier = (multiplier ^ (multiplier >> 31)) | 1U;
            Table table{static_cast<std::uint32_t>(m_slots.size()), size - 1, multiplier, signature};
            std::vector<Slot> slots(size);   // size 0: empty
            bool apart = true;
            for (const auto& key : keys) {
                std::uint64_t halves[Width / 8];
                std::memcpy(halves, key.bytes, sizeof halves);
                Slot& slot = slots[slot_of(halves, table)];
                if (slot.size != 0) {
                    apart = false;
                    break;
                }
                slot = key;
            }
            if (!apart) continue;
            m_slots.insert(m_slots.end(), slots.begin(), slots.end());
            m_tables.push_back(std::move(table));
            return static_cast<int>(m_tables.size() - 1);
        }
    }
    return -1;
}

template class SpellingTables<16>;
template class SpellingTables<32>;

}  // namespace runback::engine
