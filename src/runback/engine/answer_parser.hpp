#pragma once
// parse_answer prepared once per rule base, for the batch's hot path: every spelling a
// question accepts ("na", "yes", "true", option ids ...) lower-case in a small hash table per
// question. A spelling's key is its length and its first and last eight bytes, lower-cased
// eight at a time; the two overlap, so for up to 16 bytes the key is the whole text and a
// look-up is two loads, a few bit operations and a compare of two words. Numbers of up to 15
// digits are read directly. No allocation, and the same results as parse_answer.
//
// try_parse's common case (text of 1 to 16 bytes without surrounding spaces) is defined here
// so that it inlines into the batch's decoding loop; the rest is out of line.

#include <runback/engine/answers.hpp>
#include <runback/engine/spelling_tables.hpp>
#include <runback/rules/model.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace runback::engine {

class AnswerParser {
public:
    // Prepares every question of `rule_base`, which must outlive the parser.
    explicit AnswerParser(const rules::RuleBase& rule_base);

    // The fast path: true when `text` is an answer to `question` (an index into the rule
    // base's questions) or means unanswered, with `answer` set. False when it is not, or needs
    // the general reading (non-ASCII text); `answer` is then not given, and parse() gives the
    // full result with its error.
    bool try_parse(int question, std::string_view text, DecimalMark mark, Answer& answer) const {
        return try_parse_short(question, text, mark, answer, Reach::text_only);
    }

    // How many bytes from a text's start try_parse_padded reads.
    static constexpr std::size_t k_padded_reach = 32;

    // try_parse for text followed by readable bytes up to k_padded_reach from its start (a
    // field of a batch record): an option's spelling is found with one look-up in a table of
    // 16- or 32-byte keys (see spelling_tables.hpp).
    bool try_parse_padded(int question, std::string_view text, DecimalMark mark, Answer& answer) const {
        return try_parse_short(question, text, mark, answer, Reach::padded);
    }

    // The same result as parse_answer(rule_base.questions[question], text, mark).
    ParsedAnswer parse(int question, std::string_view text,
                       DecimalMark mark = DecimalMark::point) const;

private:
    // The key of a text: its length and its first and last bytes, lower-case (see key_of).
    struct Key {
        std::uint64_t head;
        std::uint64_t tail;
        std::uint64_t size;
        bool operator==(const Key&) const = default;
    };
    // One accepted spelling, lower-case, at m_text[offset, offset + key.size).
    struct Spelling {
        Key key;
        std::uint32_t offset;
        int option;             // an option index, or k_unanswered
    };
    struct Prepared {
        rules::QuestionType type;
        std::uint32_t slots;    // its hash table: m_slots[slots, slots + mask + 1)
        std::uint32_t mask;
        double min;
        double max;
        int short_table = -1;   // its spellings of up to 16 bytes in m_short, for options
        int long_table = -1;    // those of 17 to 32 bytes in m_long, where it has any
    };
    static constexpr int k_unanswered = -1;
    static constexpr std::int32_t k_empty = -1;

    template <typename Word>
    static Word load(const char* p) {
        Word word;
        std::memcpy(&word, p, sizeof word);
        return word;
    }
    // Every ASCII capital in `word` made small, eight bytes at once; other bytes unchanged.
    static constexpr std::uint64_t lower_word(std::uint64_t word) {
        constexpr std::uint64_t ones = 0x0101010101010101ULL;
        const std::uint64_t low7 = word & (0x7f * ones);
        const std::uint64_t from_a = low7 + (0x80 - 'A') * ones;       // top bit: byte >= 'A'
        const std::uint64_t past_z = low7 + (0x80 - 'Z' - 1) * ones;   // top bit: byte > 'Z'
        const std::uint64_t capital = from_a & ~past_z & ~word & (0x80 * ones);
        return word | (capital >> 2);
    }
    // Up to 16 bytes the key is the text itself, read as two overlapping loads (or, under four
    // bytes, its first, middle and last byte); longer text is compared in full once its key
    // matches. Reads nothing outside the text. key_of() is lower-case, raw_key_of() as typed.
    static Key key_of(std::string_view text) {
        Key key = raw_key_of(text);
        key.head = lower_word(key.head);
        key.tail = lower_word(key.tail);
        return key;
    }
    static Key raw_key_of(std::string_view text) {
        const char* p = text.data();
        const std::size_t n = text.size();
        Key key{0, 0, n};
        if (n >= 8) {
            key.head = load<std::uint64_t>(p);
            key.tail = load<std::uint64_t>(p + n - 8);
        } else if (n >= 4) {
            key.head = load<std::uint32_t>(p);
            key.tail = load<std::uint32_t>(p + n - 4);
        } else if (n > 0) {
            const auto byte = [](char c) { return std::uint64_t{static_cast<unsigned char>(c)}; };
            key.head = byte(p[0]) | byte(p[n / 2]) << 8 | byte(p[n - 1]) << 16;
        }
        return key;
    }
    static std::uint32_t hash(const Key& key) {
        const std::uint64_t mixed =
            (key.head * 0x9e3779b97f4a7c15ULL) ^ (key.tail * 0xc2b2ae3d27d4eb4fULL) ^ key.size;
        return static_cast<std::uint32_t>(mixed >> 32);
    }
    // The spelling with this key, for keys of text up to 16 bytes (the key is all of it).
    const Spelling* probe(const Prepared& prepared, const Key& key) const {
        const std::int32_t* slots = m_slots.data() + prepared.slots;
        for (std::uint32_t slot = hash(key);; ++slot) {
            const std::int32_t index = slots[slot & prepared.mask];
            if (index == k_empty) return nullptr;
            const Spelling& spelling = m_spellings[static_cast<std::size_t>(index)];
            if (spelling.key == key) return &spelling;
        }
    }
    // find_spelling for text of 1 to 16 bytes. Most text is typed in small letters, as the
    // spellings are kept: its own bytes find it, and only text with capitals needs lowering.
    const Spelling* find_short(const Prepared& prepared, std::string_view text) const {
        const Key typed = raw_key_of(text);
        if (const Spelling* spelling = probe(prepared, typed)) return spelling;
        const Key lowered{lower_word(typed.head), lower_word(typed.tail), typed.size};
        return lowered == typed ? nullptr : probe(prepared, lowered);
    }
    // The spelling `text` is, in any case, or nullptr.
    const Spelling* find_spelling(const Prepared& prepared, std::string_view text) const;
    // The answer a spelling stands for (not given for a spelling of "unanswered"); false when
    // there is none.
    static bool take(const Spelling* spelling, Answer& answer) {
        answer = Answer{};
        if (spelling == nullptr) return false;
        answer.given = spelling->option != k_unanswered;
        answer.option = answer.given ? spelling->option : -1;
        return true;
    }
    // For text over 16 bytes whose key matches: whether the bytes between head and tail do.
    bool same_middle(const Spelling& spelling, std::string_view text) const;

    using ShortSpellings = SpellingTables<16>;
    using LongSpellings = SpellingTables<32>;
    // How far past a text's start may be read: to its end, or k_padded_reach bytes.
    enum class Reach { text_only, padded };
    static_assert(ShortSpellings::k_longest == 16 && LongSpellings::k_longest == k_padded_reach,
                  "try_parse_short's keys and tables are of 16 and 32 bytes");

    // try_parse and try_parse_padded (`reach` is a constant where they inline): text of 1 to
    // 16 bytes with no space around it is looked up here, and with padding text of 17 to 32
    // bytes too; the rest goes to try_parse_any.
    bool try_parse_short(int question, std::string_view text, DecimalMark mark, Answer& answer, Reach reach) const {
        const std::size_t size = text.size();
        if (size == 0) {
            answer = Answer{};
            return true;
        }
        // Spaces are below '!': text that starts and ends above it needs no trimming.
        if (size > 16 || text.front() <= ' ' || text.back() <= ' ') {
            return reach == Reach::padded ? try_parse_long(question, text, mark, answer)
                                          : try_parse_any(question, text, mark, answer);
        }
        const Prepared& prepared = m_questions[static_cast<std::size_t>(question)];
        if (prepared.type == rules::QuestionType::number) return try_parse_number(prepared, text, mark, answer);
        if (reach == Reach::text_only || prepared.short_table < 0) return take(find_short(prepared, text), answer);
        return take_slot(m_short.find(prepared.short_table, text), answer);
    }
    // The answer a table's slot stands for, as take() for a Spelling.
    template <typename Slot>
    static bool take_slot(const Slot* slot, Answer& answer) {
        answer = Answer{};
        if (slot == nullptr) return false;
        answer.option = slot->option;   // k_unanswered is -1, an unanswered Answer's option
        answer.given = slot->option != k_unanswered;
        return true;
    }

    // The rest of try_parse_padded: text of 17 to 32 bytes with no space around it is looked
    // up in the 32-byte tables, the rest goes to try_parse_any. Not inline, to keep the common
    // case small where it is.
    bool try_parse_long(int question, std::string_view text, DecimalMark mark, Answer& answer) const;
    // The rest of try_parse: text to trim, long text, numbers.
    bool try_parse_any(int question, std::string_view text, DecimalMark mark, Answer& answer) const;
    bool try_parse_number(const Prepared& prepared, std::string_view text, DecimalMark mark, Answer& answer) const;
    void add_spelling(Prepared& prepared, std::string_view text, int option);

    const rules::RuleBase& m_rule_base;
    std::vector<Prepared> m_questions;
    ShortSpellings m_short;
    LongSpellings m_long;
    std::vector<Spelling> m_spellings;
    std::vector<std::int32_t> m_slots;   // indices into m_spellings, or k_empty
    std::string m_text;
};

}  // namespace runback::engine
