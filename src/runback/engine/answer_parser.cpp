#include <runback/engine/answer_parser.hpp>

#include <array>
#include <cstring>

namespace runback::engine {
namespace {

// The spellings of "unanswered", checked before any option as parse_answer does.
constexpr std::array<std::string_view, 3> k_unanswered_words{"na", "n/a", "-"};
constexpr std::array<std::string_view, 4> k_yes_words{"yes", "y", "true", "1"};
constexpr std::array<std::string_view, 4> k_no_words{"no", "n", "false", "0"};

constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// ASCII only: parse_answer's std::tolower agrees on ASCII, and non-ASCII text never matches
// an ASCII spelling here, so it falls to parse_answer.
constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr std::array<double, 16> k_powers_of_ten{1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

// A decimal of up to 15 digits: its digits as an integer and a power of ten are both exact
// doubles, so one division rounds correctly, to what from_chars gives. False for anything
// else (parse_decimal then decides).
bool parse_short_decimal(std::string_view text, DecimalMark mark, double& out) {
    std::size_t i = 0;
    const bool negative = !text.empty() && text[0] == '-';
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) i = 1;
    std::int64_t digits = 0;
    int count = 0;
    int fraction = -1;   // digits after the mark, once seen
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            if (++count > 15) return false;
            digits = digits * 10 + (c - '0');
            if (fraction >= 0) ++fraction;
        } else if ((c == '.' || (c == ',' && mark == DecimalMark::point_or_comma)) && fraction < 0) {
            fraction = 0;
        } else {
            return false;
        }
    }
    if (count == 0) return false;
    double value = static_cast<double>(digits);
    if (fraction > 0) value /= k_powers_of_ten[static_cast<std::size_t>(fraction)];
    out = negative && digits != 0 ? -value : value;   // "-0" is plain zero
    return true;
}

}  // namespace

const AnswerParser::Spelling* AnswerParser::find_spelling(const Prepared& prepared, std::string_view text) const {
    const Key key = key_of(text);
    if (key.size <= 16) return probe(prepared, key);
    const std::int32_t* slots = m_slots.data() + prepared.slots;
    for (std::uint32_t slot = hash(key);; ++slot) {
        const std::int32_t index = slots[slot & prepared.mask];
        if (index == k_empty) return nullptr;
        const Spelling& spelling = m_spellings[static_cast<std::size_t>(index)];
        if (spelling.key == key && same_middle(spelling, text)) return &spelling;
    }
}

bool AnswerParser::same_middle(const Spelling& spelling, std::string_view text) const {
    const char* letters = m_text.data() + spelling.offset;
    for (std::size_t i = 8; i + 8 < text.size(); ++i)
        if (lower(text[i]) != letters[i]) return false;
    return true;
}

AnswerParser::AnswerParser(const rules::RuleBase& rule_base) : m_rule_base(rule_base) {
    for (const auto& question : rule_base.questions) {
        // A table at most a quarter full, so that most look-ups probe one slot.
        const std::size_t spellings = k_unanswered_words.size() + k_yes_words.size() +
                                      k_no_words.size() + question.options.size();
        std::uint32_t size = 16;
        while (size < 4 * spellings) size *= 2;
        Prepared prepared{question.type, static_cast<std::uint32_t>(m_slots.size()), size - 1,
                          question.min, question.max};
        m_slots.resize(m_slots.size() + size, k_empty);
        const std::size_t first_spelling = m_spellings.size();
        for (auto word : k_unanswered_words) add_spelling(prepared, word, k_unanswered);
        if (question.type == rules::QuestionType::yes_no) {
            for (auto word : k_yes_words) add_spelling(prepared, word, rules::k_yes);
            for (auto word : k_no_words) add_spelling(prepared, word, rules::k_no);
        } else if (question.type == rules::QuestionType::choice) {
            for (std::size_t i = 0; i < question.options.size(); ++i)
                add_spelling(prepared, question.options[i].id, static_cast<int>(i));
        }
        if (question.type != rules::QuestionType::number && ShortSpellings::available()) {
            // Each table holds the spellings of the lengths it is asked for; longer ones need
            // no place, as no text find() reads is one.
            std::vector<ShortSpellings::Spelling> short_ones;
            std::vector<LongSpellings::Spelling> long_ones;
            for (std::size_t i = first_spelling; i < m_spellings.size(); ++i) {
                const Spelling& spelling = m_spellings[i];
                std::string text = m_text.substr(spelling.offset, spelling.key.size);
                if (spelling.key.size <= ShortSpellings::k_longest)
                    short_ones.push_back({std::move(text), spelling.option});
                else if (spelling.key.size <= LongSpellings::k_longest)
                    long_ones.push_back({std::move(text), spelling.option});
            }
            prepared.short_table = m_short.add(short_ones);
            if (!long_ones.empty()) prepared.long_table = m_long.add(long_ones);
        }
        m_questions.push_back(prepared);
    }
}

void AnswerParser::add_spelling(Prepared& prepared, std::string_view text, int option) {
    // An empty spelling never matches (empty text means unanswered); one with non-ASCII
    // letters is left to parse_answer; a repeated one keeps its first meaning, as
    // parse_answer takes the first match ("na" is unanswered even if an option is "NA").
    if (text.empty() || find_spelling(prepared, text) != nullptr) return;
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return;
    const auto index = static_cast<std::int32_t>(m_spellings.size());
    const Key key = key_of(text);
    m_spellings.push_back({key, static_cast<std::uint32_t>(m_text.size()), option});
    for (char c : text) m_text += lower(c);
    std::uint32_t slot = hash(key);
    while (m_slots[prepared.slots + (slot & prepared.mask)] != k_empty) ++slot;
    m_slots[prepared.slots + (slot & prepared.mask)] = index;
}

bool AnswerParser::try_parse_long(int question, std::string_view text, DecimalMark mark,
                                  Answer& answer) const {
    const bool spaced = text.front() <= ' ' || text.back() <= ' ';
    if (!spaced && text.size() <= k_padded_reach) {
        const Prepared& prepared = m_questions[static_cast<std::size_t>(question)];
        if (prepared.long_table >= 0) return take_slot(m_long.find(prepared.long_table, text), answer);
    }
    return try_parse_any(question, text, mark, answer);
}

bool AnswerParser::try_parse_any(int question, std::string_view text, DecimalMark mark,
                                 Answer& answer) const {
    answer = Answer{};
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    if (text.empty()) return true;
    const Prepared& prepared = m_questions[static_cast<std::size_t>(question)];
    if (prepared.type == rules::QuestionType::number) return try_parse_number(prepared, text, mark, answer);
    // The first match wins, so "unanswered" comes before any option.
    return take(find_spelling(prepared, text), answer);
}

bool AnswerParser::try_parse_number(const Prepared& prepared, std::string_view text, DecimalMark mark,
                                    Answer& answer) const {
    answer = Answer{};
    // No text is both "unanswered" and a number.
    if (!parse_short_decimal(text, mark, answer.number)) {
        if (find_spelling(prepared, text) != nullptr) return true;
        if (!parse_decimal(text, mark, answer.number)) {
            answer = Answer{};
            return false;
        }
    }
    if (!(answer.number >= prepared.min && answer.number <= prepared.max)) {
        answer = Answer{};
        return false;
    }
    answer.given = true;
    return true;
}

ParsedAnswer AnswerParser::parse(int question, std::string_view text, DecimalMark mark) const {
    ParsedAnswer parsed;
    if (try_parse(question, text, mark, parsed.answer)) return parsed;
    return parse_answer(m_rule_base.questions[static_cast<std::size_t>(question)], text, mark);
}

}  // namespace runback::engine
