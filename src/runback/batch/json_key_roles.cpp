#include <runback/batch/json_key_roles.hpp>

#include <cstring>

namespace runback::batch {
namespace {

// Up to 8 bytes from `p` as a number, the rest zero.
std::uint64_t load(const char* p, std::size_t n) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, n < 8 ? n : 8);
    return word;
}

}  // namespace

JsonKeyRoles::JsonKeyRoles(const input::AnswerMapper& mapper, const std::vector<std::string>& keep) {
    role_of(std::string(input::k_id_key)).id = true;
    for (std::size_t k = 0; k < keep.size(); ++k) role_of(input::normalise_key(keep[k])).kept.push_back(k);
    // As AnswerMapper::question_for finds them: a question id equal to the normalised key.
    for (const auto& question : mapper.rule_base().questions) {
        const int index = mapper.question_for(question.id);
        if (index >= 0 && input::is_normalised_key(question.id)) role_of(question.id).question = index;
    }
    std::size_t size = 16;
    while (size < 2 * m_keys.size()) size *= 2;
    m_slots.assign(size, -1);
    for (std::size_t i = 0; i < m_keys.size(); ++i) {
        std::size_t slot = hash(m_keys[i]) & (size - 1);
        while (m_slots[slot] >= 0) slot = (slot + 1) & (size - 1);
        m_slots[slot] = static_cast<std::int32_t>(i);
    }
}

KeyRole& JsonKeyRoles::role_of(const std::string& normal_key) {
    for (std::size_t i = 0; i < m_keys.size(); ++i)
        if (m_keys[i] == normal_key) return m_roles[i];
    m_keys.push_back(normal_key);
    return m_roles.emplace_back();
}

std::uint64_t JsonKeyRoles::hash(std::string_view key) {
    const std::size_t n = key.size();
    const std::uint64_t head = load(key.data(), n);
    const std::uint64_t tail = n > 8 ? load(key.data() + n - 8, 8) : 0;
    const std::uint64_t mixed = (head * 0x9e3779b97f4a7c15ULL) ^ (tail * 0xc2b2ae3d27d4eb4fULL) ^ n;
    return mixed ^ (mixed >> 29);
}

const KeyRole* JsonKeyRoles::find_normal(std::string_view key) const {
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t slot = hash(key) & mask;; slot = (slot + 1) & mask) {
        const std::int32_t index = m_slots[slot];
        if (index < 0) return nullptr;
        if (m_keys[static_cast<std::size_t>(index)] == key) return &m_roles[static_cast<std::size_t>(index)];
    }
}

const KeyRole* JsonKeyRoles::find(std::string_view key) const {
    if (const KeyRole* role = find_normal(key)) return role;
    if (input::is_normalised_key(key)) return nullptr;
    return find_normal(input::normalise_key(key));
}

}  // namespace runback::batch
