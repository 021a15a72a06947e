#pragma once
// Tables of the spellings a question accepts ("yes", "n/a", an option id), for the batch's
// hottest look-up. A text of up to Width bytes is loaded as Width/16 vectors, cut to its length
// and lower-cased there; a hash chosen when the table is built sends each spelling to a slot of
// its own, so a look-up is one slot and one compare, with no branch on the text's length or
// letter case (which vary from field to field and defeat a branch predictor).
//
// Two widths serve the parser: 16 bytes for the short spellings, which are most, and 32 for the
// option ids of 17 to 32 bytes ("returning_after_break"), which would otherwise take the general
// hash-and-compare path. One 32-byte table for all would make every look-up twice the work.
//
// find() reads Width bytes from the start of the text whatever its length: the caller
// guarantees they are readable (the batch keeps spare bytes after every record).

#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace runback::engine {

template <std::size_t Width>
class SpellingTables {
    static_assert(Width % 16 == 0, "a table's keys are whole 16-byte vectors");

public:
    static constexpr std::size_t k_longest = Width;

    struct Spelling {
        std::string text;   // lower-case ASCII, 1 to Width bytes, no two alike
        int option;         // what it stands for, for the caller
    };
    struct Slot {
        alignas(16) char bytes[Width];   // the spelling, zero-padded
        std::uint32_t size;              // 0 for an empty slot: no text matches it
        int option;
    };

    // Adds a table of `spellings` and returns its handle; a set added before gives the same
    // handle. -1 when no hash keeps them apart (then find() is not for them).
    int add(const std::vector<Spelling>& spellings);

    // The slot of the spelling `text` is in any letter case, or nullptr. `text` holds 1 to
    // Width bytes, and Width bytes from its start are readable.
    const Slot* find(int table, std::string_view text) const {
#if defined(__SSE2__)
        constexpr std::size_t vectors = Width / 16;
        const Table& chosen = m_tables[static_cast<std::size_t>(table)];
        const std::size_t size = text.size();
        __m128i bytes[vectors];
        std::uint64_t halves[2 * vectors];
        for (std::size_t v = 0; v < vectors; ++v) {
            const char* keep = k_keep.data() + Width - size + 16 * v;
            __m128i part = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + 16 * v));
            part = _mm_and_si128(part, _mm_loadu_si128(reinterpret_cast<const __m128i*>(keep)));
            // Capitals (bytes from 'A' to 'Z'; bytes of 0x80 and up compare below, as
            // negative) made small.
            const __m128i capital = _mm_and_si128(_mm_cmpgt_epi8(part, _mm_set1_epi8('A' - 1)),
                                                  _mm_cmpgt_epi8(_mm_set1_epi8('Z' + 1), part));
            bytes[v] = _mm_or_si128(part, _mm_and_si128(capital, _mm_set1_epi8(0x20)));
            std::memcpy(halves + 2 * v, &bytes[v], 16);
        }
        const Slot& slot = m_slots[chosen.first + slot_of(halves, chosen)];
        int same = 0xffff;
        for (std::size_t v = 0; v < vectors; ++v) {
            const __m128i stored = _mm_load_si128(reinterpret_cast<const __m128i*>(slot.bytes + 16 * v));
            same &= _mm_movemask_epi8(_mm_cmpeq_epi8(bytes[v], stored));
        }
        return same == 0xffff && slot.size == size ? &slot : nullptr;
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
    // The key's 8-byte halves folded into one word (each but the first multiplied by its own
    // odd constant, so that equal halves in different places do not cancel), then hashed. A
    // product's low bits depend only on its factors' low bits, so the high half is folded down
    // first: keys that differ only in a half's last byte (the top of its word, as in
    // "grade_01" and "grade_02") would otherwise land in the same slot whatever the multiplier.
    static std::uint32_t slot_of(const std::uint64_t (&halves)[Width / 8], const Table& table) {
        constexpr std::uint64_t k_spread[] = {0x9e3779b97f4a7c15ULL, 0xc2b2ae3d27d4eb4fULL, 0x165667b19e3779f9ULL};
        static_assert(Width / 8 <= 1 + std::size(k_spread));
        std::uint64_t folded = halves[0];
        for (std::size_t i = 1; i < Width / 8; ++i) folded ^= halves[i] * k_spread[i - 1];
        folded ^= folded >> 32;
        return static_cast<std::uint32_t>((folded * table.multiplier) >> 40) & table.mask;
    }

    // Width bytes of 0xff then Width of 0: from k_keep + Width - n, a mask of the first n bytes.
    static constexpr std::array<char, 2 * Width> k_keep = [] {
        std::array<char, 2 * Width> keep{};
        for (std::size_t i = 0; i < Width; ++i) keep[i] = -1;
        return keep;
    }();

    std::vector<Table> m_tables;
    std::vector<Slot> m_slots;
};

extern template class SpellingTables<16>;
extern template class SpellingTables<32>;

}  // namespace runback::engine
