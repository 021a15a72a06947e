#include <runback/report/text_cursor.hpp>

#include <algorithm>

namespace runback::report {

TextCursor::TextCursor(TextSpace& space)
    : m_space(space), m_buffer(space.room), m_start(space.size), m_begin(m_buffer.data() + m_start),
      m_next(m_begin), m_end(m_buffer.data() + m_buffer.size()) {}

void TextCursor::grow(std::size_t size) {
    const std::size_t used = written();
    m_buffer.resize(std::max(2 * m_buffer.size(), m_start + used + size));
    m_begin = m_buffer.data() + m_start;
    m_next = m_begin + used;
    m_end = m_buffer.data() + m_buffer.size();
}

void TextSpace::append(std::string_view text) {
    TextCursor out(*this);
    out.reserve(text.size());
    out.put(text);
    out.finish();
}

}  // namespace runback::report
