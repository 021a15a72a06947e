#pragma once
// A strict check that text is one well-formed JSON value (RFC 8259) in valid UTF-8, for the
// fuzz targets' invariants. Small and independent of runback's own writer on purpose: the
// thing checked must not check itself.

#include <cstddef>
#include <string_view>

namespace fuzz {

class JsonCheck {
public:
    static bool valid(std::string_view text) {
        JsonCheck check(text);
        check.space();
        if (!check.value(0)) return false;
        check.space();
        return check.m_at == text.size();
    }

private:
    explicit JsonCheck(std::string_view text) : m_text(text) {}

    bool more() const { return m_at < m_text.size(); }
    char peek() const { return more() ? m_text[m_at] : '\0'; }
    bool take(char c) {
        if (peek() != c) return false;
        ++m_at;
        return true;
    }
    void space() {
        while (more() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++m_at;
    }
    bool literal(std::string_view word) {
        if (m_text.substr(m_at, word.size()) != word) return false;
        m_at += word.size();
        return true;
    }

    bool value(int depth) {
        if (depth > 64) return false;
        switch (peek()) {
        case '{': return object(depth);
        case '[': return array(depth);
        case '"': return string();
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default: return number();
        }
    }

    bool object(int depth) {
        ++m_at;
        space();
        if (take('}')) return true;
        do {
            space();
            if (!string()) return false;
            space();
            if (!take(':')) return false;
            space();
            if (!value(depth + 1)) return false;
            space();
        } while (take(','));
        return take('}');
    }

    bool array(int depth) {
        ++m_at;
        space();
        if (take(']')) return true;
        do {
            space();
            if (!value(depth + 1)) return false;
            space();
        } while (take(','));
        return take(']');
    }

    bool digits() {
        const auto start = m_at;
        while (peek() >= '0' && peek() <= '9') ++m_at;
        return m_at > start;
    }

    bool number() {
        take('-');
        if (take('0')) {
        } else if (!digits()) {
            return false;
        }
        if (take('.') && !digits()) return false;
        if (peek() == 'e' || peek() == 'E') {
            ++m_at;
            if (!take('+')) take('-');
            if (!digits()) return false;
        }
        return true;
    }

    bool string() {
        if (!take('"')) return false;
        while (more()) {
            const auto byte = static_cast<unsigned char>(m_text[m_at]);
            if (byte == '"') {
                ++m_at;
                return true;
            }
            if (byte < 0x20) return false;   // control characters must be escaped
            if (byte == '\\') {
                ++m_at;
                const char escaped = peek();
                ++m_at;
                if (escaped == 'u') {
                    for (int i = 0; i < 4; ++i, ++m_at) {
                        const char c = peek();
                        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
                    }
                } else if (std::string_view("\"\\/bfnrt").find(escaped) == std::string_view::npos || escaped == '\0') {
                    return false;
                }
                continue;
            }
            if (!utf8_sequence()) return false;
        }
        return false;
    }

    // One UTF-8 character at m_at: shortest form, no surrogates, at most U+10FFFF.
    bool utf8_sequence() {
        const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(m_text[m_at + i]); };
        const auto b0 = byte(0);
        std::size_t length = b0 < 0x80 ? 1 : b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3
                           : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0;
        if (length == 0 || m_at + length > m_text.size()) return false;
        for (std::size_t i = 1; i < length; ++i)
            if ((byte(i) & 0xC0) != 0x80) return false;
        if (length == 3 && ((b0 == 0xE0 && byte(1) < 0xA0) || (b0 == 0xED && byte(1) > 0x9F))) return false;
        if (length == 4 && ((b0 == 0xF0 && byte(1) < 0x90) || (b0 == 0xF4 && byte(1) > 0x8F))) return false;
        m_at += length;
        return true;
    }

    std::string_view m_text;
    std::size_t m_at = 0;
};

}  // namespace fuzz
