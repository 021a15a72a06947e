#pragma once
// Tables of the short spellings a question accepts ("yes", "n/a", an option id of up to 16
// bytes), for the batch's hottest look-up. A text is loaded as one 16-byte vector, cut to its
// length and lower-cased there; a hash chosen when the table is built sends each spelling to a
// slot of its own, so a look-up is one slot and one 16-byte compare, with no branch on the
// text's length or letter case (which vary from field to field and defeat a branch predictor).
//
// find() reads 16 bytes from the start of the text whatever its length: the caller guarantees
// they are readable (the batch keeps 16 spare bytes after every record).

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace runback::engine {

class ShortSpellings {
public:
    static constexpr std::size_t k_longest = 16;

    struct Spelling {
        std::string text;   // lower-case ASCII, 1 to 16 bytes, no two alike
        int option;         // what it stands for, for the caller
    };
    struct Slot {
        alignas(16) char bytes[k_longest];   // the spelling, zero-padded
        std::uint32_t size;                  // 0 for an empty slot: no text matches it
        int option;
    };

    // Adds a table of `spellings` and returns its handle; a set added before gives the same
    // handle. -1 when no hash keeps them apart (then find() is not for them).
    int add(const std::vector<Spelling>& spellings);

    // The slot of the spelling `text` is in any letter case, or nullptr. `text` holds 1 to 16
    // bytes, and 16 bytes from its start are readable.
    const Slot* find(int table, std::string_view text) const {
#if defined(__SSE2__)
        const Table& chosen = m_tables[static_cast<std::size_t>(table)];
        const std::size_t size = text.size();
        __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data()));
        bytes = _mm_and_si128(bytes, _mm_loadu_si128(reinterpret_cast<const __m128i*>(k_keep + k_longest - size)));
        // Capitals (bytes from 'A' to 'Z'; bytes of 0x80 and up compare below, as negative)
        // made small.
        const __m128i capital = _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8('A' - 1)),
                                              _mm_cmpgt_epi8(_mm_set1_epi8('Z' + 1), bytes));
        bytes = _mm_or_si128(bytes, _mm_and_si128(capital, _mm_set1_epi8(0x20)));
        std::uint64_t halves[2];
        std::memcpy(halves, &bytes, sizeof halves);
        const Slot& slot = m_slots[chosen.first + slot_of(halves[0], halves[1], chosen)];
        const __m128i stored = _mm_load_si128(reinterpret_cast<const __m128i*>(slot.bytes));
        const bool same = _mm_movemask_epi8(_mm_cmpeq_epi8(bytes, stored)) == 0xffff;
        return same && slot.size == size ? &slot : nullptr;
#else
        (void)table;
        (void)text;
        return nullptr;
#endif
    }

    // Whether find() works on this machine (it needs SSE2, which every x86-64 has).
    static constexpr bool available() {
#if defined(__SSE2__)
        return true;
#else
        return false;
#endif
    }

private:
    struct Table {
        std::uint32_t first;        // its slots: m_slots[first, first + mask + 1)
        std::uint32_t mask;
        std::uint64_t multiplier;   // the hash's, chosen so that no two spellings share a slot
        std::string signature;      // the spellings, to share the table with an equal set
    };
    static std::uint32_t slot_of(std::uint64_t low, std::uint64_t high, const Table& table) {
        const std::uint64_t mixed = (low ^ (high * 0x9e3779b97f4a7c15ULL)) * table.multiplier;
        return static_cast<std::uint32_t>(mixed >> 40) & table.mask;
    }

    // 16 bytes of 0xff then 16 of 0: from k_keep + 16 - n, a mask of the first n bytes.
    static constexpr char k_keep[2 * k_longest] = {
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0};

    std::vector<Table> m_tables;
    std::vector<Slot> m_slots;
};

}  // namespace runback::engine
