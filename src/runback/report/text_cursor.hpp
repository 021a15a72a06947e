#pragma once
// Writes one record through a raw pointer, for renderers whose output is mostly prepared
// fragments: room is made ahead (reserve), so that each piece is one memcpy with no capacity
// check. The record is built in place at the end of a TextSpace rather than a std::string,
// which cannot grow without filling the new bytes first (resize_and_overwrite is C++23): that
// would double the work. One cursor at a time per space.

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace runback::report {

// Text that grows without being written twice: `room` only ever grows (its new bytes are
// zeroed once, when it does), and its first `size` bytes are the text. The batch keeps each
// batch's output in one, reused from batch to batch, and a TextCursor writes into it in place.
struct TextSpace {
    std::string room;
    std::size_t size = 0;

    std::string_view view() const { return {room.data(), size}; }
    void clear() { size = 0; }
    void append(std::string_view text);
};

class TextCursor {
public:
    // A record written in place at the end of `space`, which finish() extends over it.
    explicit TextCursor(TextSpace& space);

    // Makes room for `size` more bytes; every write must be covered by a reserve before it.
    void reserve(std::size_t size) {
        if (static_cast<std::size_t>(m_end - m_next) < size) grow(size);
    }
    void put(char c) { *m_next++ = c; }
    void put(std::string_view text) {
        if (!text.empty()) std::memcpy(m_next, text.data(), text.size());
        m_next += text.size();
    }
    // Copies `size` bytes with no call and, for up to k_short bytes (most fragments), no
    // branch: a loop over blocks ends where the fragment's length says, which changes from
    // fragment to fragment and defeats a branch predictor. `text` must be readable for
    // k_readable bytes from its start and past its end (prepared fragments are padded); makes
    // its own room.
    static constexpr std::size_t k_short = 128;
    static constexpr std::size_t k_block = 32;
    static constexpr std::size_t k_readable = k_short;
    void put_block(const char* text, std::size_t size) {
        reserve(size + k_short);
        std::memcpy(m_next, text, k_short);
        for (std::size_t i = k_short; i < size; i += k_block) std::memcpy(m_next + i, text + i, k_block);
        m_next += size;
    }
    // For writers that take a pointer and return their end (util::write_json_string ...).
    char* position() { return m_next; }
    void advance_to(char* end) { m_next = end; }

    // How much is written, what was written from a mark on, and a way back to a mark.
    std::size_t written() const { return static_cast<std::size_t>(m_next - m_begin); }
    std::string_view since(std::size_t mark) const { return {m_begin + mark, written() - mark}; }
    void rewind(std::size_t mark) { m_next = m_begin + mark; }

    // Makes what was written part of the space's text.
    void finish() const { m_space.size = m_start + written(); }

private:
    void grow(std::size_t size);

    TextSpace& m_space;
    std::string& m_buffer;     // m_space.room
    std::size_t m_start;       // where the record begins in m_buffer
    char* m_begin;
    char* m_next;
    char* m_end;
};

}  // namespace runback::report
