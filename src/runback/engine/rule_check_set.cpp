#include <runback/engine/rule_conditions.hpp>

// A set of conditions tested in one pass (RuleConditions::CheckSet): its tables, built once,
// and the look-ups that decide every condition of the set for one set of answers.

#include <runback/util/bits.hpp>

#include <algorithm>
#include <map>

namespace runback::engine {

RuleConditions::CheckSet RuleConditions::check_set(const std::vector<int>& handles) const {
    CheckSet set;
    set.size = handles.size();
    // Each term's bits needed, per word of the planes; first terms at their places.
    std::vector<std::map<std::uint32_t, std::uint64_t>> needs(handles.size());
    std::vector<bool> has_terms(handles.size(), false);
    for (std::size_t place = 0; place < handles.size(); ++place) {
        const Compiled& compiled = m_compiled[static_cast<std::size_t>(handles[place])];
        if (compiled.terms == k_by_tree) {
            set.walked.push_back(static_cast<std::uint32_t>(place));
            set.walked_handles.push_back(handles[place]);
            continue;
        }
        for (std::uint32_t t = 0; t < compiled.terms; ++t) {
            const Term& term = m_terms[compiled.first_term + t];
            std::size_t index = place;
            if (t > 0) {
                index = needs.size();
                needs.emplace_back();
                set.extras.push_back({static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(place)});
            }
            has_terms[place] = true;
            for (int side = 0; side < 2; ++side)
                if (term.mask[side] != 0) needs[index][term.word[side]] |= term.mask[side];
        }
    }
    set.term_words = (needs.size() + 63) / 64;
    set.first_terms.assign(set.term_words, 0);
    for (std::size_t place = 0; place < handles.size(); ++place)
        if (has_terms[place]) set.first_terms[place / 64] |= std::uint64_t{1} << (place % 64);

    // A table for every nibble some term needs a bit of: for each of its 16 values, the terms
    // that miss one of theirs.
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> tables;   // (word, shift) -> first
    for (std::size_t index = 0; index < needs.size(); ++index) {
        for (const auto& [word, mask] : needs[index]) {
            for (std::uint32_t shift = 0; shift < 64; shift += 4) {
                const auto wanted = static_cast<std::uint32_t>((mask >> shift) & 15);
                if (wanted == 0) continue;
                auto [at, added] = tables.try_emplace({word, shift}, static_cast<std::uint32_t>(set.failing.size()));
                if (added) {
                    set.nibbles.push_back({word, shift, at->second});
                    set.failing.resize(set.failing.size() + 16 * set.term_words, 0);
                }
                for (std::uint32_t value = 0; value < 16; ++value)
                    if ((value & wanted) != wanted)
                        set.failing[at->second + value * set.term_words + index / 64] |= std::uint64_t{1} << (index % 64);
            }
        }
    }
    return set;
}

void RuleConditions::select(const CheckSet& set, const std::vector<std::uint64_t>& bits,
                            std::vector<std::uint64_t>& held, std::vector<int>& places) const {
    select_bits(set, bits, held);
    places.clear();
    util::for_each_set_bit(held, [&](std::size_t place) { places.push_back(static_cast<int>(place)); });
}

void RuleConditions::select_bits(const CheckSet& set, const std::vector<std::uint64_t>& bits,
                                 std::vector<std::uint64_t>& held) const {
    // The same look-ups whatever the answers, without a branch on their outcome. Up to 64
    // terms (those of most rule bases' rules) in a register.
    const std::uint64_t* const plane = bits.data();
    const std::uint64_t* const failing = set.failing.data();
    const std::size_t term_words = set.term_words;
    held.resize(std::max<std::size_t>(term_words, 1));
    std::uint64_t* const held_bits = held.data();
    if (term_words == 1) {
        std::uint64_t failed = 0;
        for (const auto& nibble : set.nibbles) failed |= failing[nibble.first + ((plane[nibble.word] >> nibble.shift) & 15)];
        const std::uint64_t passed = ~failed;
        std::uint64_t holding = passed & set.first_terms[0];
        for (const auto& extra : set.extras) holding |= ((passed >> extra.term) & 1) << extra.owner;
        held_bits[0] = holding;
    } else if (term_words == 2) {
        // Up to 128 terms (the default rule base has 75 rules) in two registers: or-ing rows
        // into the vector, as below, would store and reload both words at every look-up.
        std::uint64_t failed0 = 0;
        std::uint64_t failed1 = 0;
        for (const auto& nibble : set.nibbles) {
            const std::uint64_t* row = failing + nibble.first + ((plane[nibble.word] >> nibble.shift) & 15) * 2;
            failed0 |= row[0];
            failed1 |= row[1];
        }
        std::uint64_t holding[2] = {~failed0, ~failed1};
        const std::uint64_t passed[2] = {holding[0], holding[1]};
        for (const auto& extra : set.extras)
            holding[extra.owner / 64] |= ((passed[extra.term / 64] >> (extra.term % 64)) & 1) << (extra.owner % 64);
        held_bits[0] = holding[0] & set.first_terms[0];
        held_bits[1] = holding[1] & set.first_terms[1];
    } else {
        // The terms that pass, in place; then the others or-ed into their first's place, which
        // comes before every other term, and the places of conditions without terms cleared.
        std::fill(held.begin(), held.end(), 0);
        for (const auto& nibble : set.nibbles) {
            const std::uint64_t* row = failing + nibble.first + ((plane[nibble.word] >> nibble.shift) & 15) * term_words;
            for (std::size_t k = 0; k < term_words; ++k) held_bits[k] |= row[k];
        }
        for (std::size_t k = 0; k < term_words; ++k) held_bits[k] = ~held_bits[k];
        for (const auto& extra : set.extras) {
            const std::uint64_t passed = (held_bits[extra.term / 64] >> (extra.term % 64)) & 1;
            held_bits[extra.owner / 64] |= passed << (extra.owner % 64);
        }
        for (std::size_t k = 0; k < term_words; ++k) held_bits[k] &= set.first_terms[k];
    }
    held.resize((set.size + 63) / 64);   // never more: there is a term or a place for each
    for (std::size_t i = 0; i < set.walked.size(); ++i) {
        const std::uint32_t place = set.walked[i];
        if (holds(set.walked_handles[i], bits)) held[place / 64] |= std::uint64_t{1} << (place % 64);
    }
}

}  // namespace runback::engine
