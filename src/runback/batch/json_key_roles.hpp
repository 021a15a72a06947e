#pragma once
// What each key of a JSONL record stands for in a batch: the record's id, columns to carry into
// the output (--keep), a question, or nothing. Keys match ignoring letter case and surrounding
// spaces (input::normalise_key), and are looked up once per field of every record, so a key as
// most files write it (already in its normal form) is found with one probe of a small table,
// hashed from its length and first and last bytes, and no copy.

#include <runback/input/answer_mapper.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace runback::batch {

struct KeyRole {
    bool id = false;                  // the record's id (input::k_id_key)
    std::vector<std::size_t> kept;    // its places in --keep (a name given twice keeps twice)
    int question = -1;                // the question it names, or -1
};

class JsonKeyRoles {
public:
    JsonKeyRoles(const input::AnswerMapper& mapper, const std::vector<std::string>& keep);

    // The role of `key` as written, or nullptr for a key with none.
    const KeyRole* find(std::string_view key) const;

private:
    // The role of a normalised key, or nullptr.
    const KeyRole* find_normal(std::string_view key) const;
    KeyRole& role_of(const std::string& normal_key);
    static std::uint64_t hash(std::string_view key);

    std::vector<std::string> m_keys;    // normalised, in the order added
    std::vector<KeyRole> m_roles;       // at the same index
    std::vector<std::int32_t> m_slots;  // indices into m_keys, or -1; a power of two, at most half full
};

}  // namespace runback::batch
