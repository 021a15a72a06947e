#pragma once
// The set bits of a run of 64-bit words, lowest first, as indices (word * 64 + bit): how the
// engine's bit sets (rules that hold, guards, questions behind a cause) are read back.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>

namespace runback::util {

template <typename Use>
void for_each_set_bit(std::span<const std::uint64_t> words, Use&& use) {
    for (std::size_t w = 0; w < words.size(); ++w) {
        for (std::uint64_t word = words[w]; word != 0; word &= word - 1)
            use(w * 64 + static_cast<std::size_t>(std::countr_zero(word)));
    }
}

}  // namespace runback::util
