#include <runback/rules/binary_form.hpp>

#include <runback/util/error.hpp>

#include <bit>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace runback::rules {
namespace {

constexpr std::string_view k_magic{"RBRB", 4};
// Bump whenever the layout below changes: a stale blob is refused rather than misread.
constexpr std::uint32_t k_format_version = 4;
// Far deeper than any rule base nests; it keeps a damaged blob from exhausting the stack.
constexpr int k_max_condition_depth = 200;

[[noreturn]] void fail(const std::string& what) {
    throw Error("the rule base's binary form is damaged: " + what,
                "rebuild runback; its built-in rule base is written at build time",
                ExitStatus::failed);
}

// The largest value of each enum, so that a damaged byte is refused rather than cast.
constexpr Condition::Kind last_value(Condition::Kind) { return Condition::Kind::at_least; }
constexpr QuestionType last_value(QuestionType) { return QuestionType::number; }
constexpr Urgency last_value(Urgency) { return Urgency::emergency; }
constexpr ActionCategory last_value(ActionCategory) { return ActionCategory::seek_care; }

// The layout is each struct's fields in declaration order: put_all here and get_all in Reader
// list them identically. Integers go byte by byte so the blob is little-endian on any host.
class Writer {
public:
    std::string take() { return std::move(m_out); }

    void put_raw(std::string_view bytes) { m_out += bytes; }
    void put_u32(std::uint32_t value) {
        for (int shift = 0; shift < 32; shift += 8) {
            m_out.push_back(static_cast<char>(value >> shift));
        }
    }
    void put_count(std::size_t count) {
        if (count > std::numeric_limits<std::uint32_t>::max()) fail("a list or text is too long");
        put_u32(static_cast<std::uint32_t>(count));
    }

    void put(bool value) { m_out.push_back(value ? 1 : 0); }
    void put(int value) { put_u32(static_cast<std::uint32_t>(value)); }
    void put(double value) {
        const auto bits = std::bit_cast<std::uint64_t>(value);
        put_u32(static_cast<std::uint32_t>(bits));
        put_u32(static_cast<std::uint32_t>(bits >> 32));
    }
    template <typename Enum>
        requires std::is_enum_v<Enum>
    void put(Enum value) {
        m_out.push_back(static_cast<char>(value));
    }
    void put(const std::string& text) {
        put_count(text.size());
        m_out += text;
    }
    template <typename Item>
    void put(const std::vector<Item>& items) {
        put_count(items.size());
        for (const auto& item : items) put(item);
    }
    template <typename Item>
    void put(const std::optional<Item>& item) {
        put(item.has_value());
        if (item) put(*item);
    }

    void put(const SourceLocation& w) { put_all(w.file, w.line, w.column); }
    void put(const Option& o) { put_all(o.id, o.label, o.neutral); }
    void put(const Condition& c) {
        put_all(c.kind, c.question, c.options, c.number, c.children, c.where);
    }
    void put(const Section& s) { put_all(s.id, s.title, s.intro, s.checklist, s.where); }
    void put(const Question& q) {
        put_all(q.id, q.section, q.type, q.text, q.help, q.red_flag, q.warn_when_unanswered, q.options, q.min, q.max,
                q.unit, q.ask_if, q.where);
    }
    void put(const Cause& c) { put_all(c.id, c.name, c.explanation, c.sources, c.serious, c.fragile_bone, c.where); }
    void put(const Guard& g) { put_all(g.when, g.text, g.waits_for_check, g.where); }
    void put(const Action& a) {
        put_all(a.id, a.title, a.category, a.steps, a.addresses, a.for_urgency, a.unsuitable,
                a.cautions, a.involves, a.waits_for_check, a.until_checked,
                a.with_fragile_bone, a.sources, a.where);
    }
    void put(const Rule& r) {
        put_all(r.id, r.when, r.cause, r.weight, r.urgency, r.recommend, r.warning, r.because,
                r.sources, r.where);
    }
    void put(const Safety& s) { put_all(s.until_checked, s.fragile_bone, s.fragile_bone_reason, s.sources, s.where); }
    void put(const RuleBase& b) {
        put_all(b.name, b.version, b.sections, b.questions, b.causes, b.actions, b.rules, b.safety);
    }

private:
    // A fold over the comma operator, so the fields are written strictly left to right.
    template <typename... Fields>
    void put_all(const Fields&... fields) {
        (put(fields), ...);
    }

    std::string m_out;
};

// The mirror of Writer; every read checks the bytes left before it takes any.
class Reader {
public:
    explicit Reader(std::string_view bytes) : m_bytes(bytes) {}

    std::size_t left() const { return m_bytes.size() - m_at; }

    std::string_view get_raw(std::size_t size) {
        if (size > left()) fail("it ends too early, at byte " + std::to_string(m_bytes.size()));
        const auto raw = m_bytes.substr(m_at, size);
        m_at += size;
        return raw;
    }
    std::uint8_t get_u8() { return static_cast<std::uint8_t>(get_raw(1)[0]); }
    std::uint32_t get_u32() {
        const auto raw = get_raw(4);
        std::uint32_t value = 0;
        for (int i = 0; i < 4; ++i) {
            value |= std::uint32_t{static_cast<std::uint8_t>(raw[i])} << (8 * i);
        }
        return value;
    }
    // Every item takes at least a byte, so a count above the bytes left is damage, refused
    // before anything reserves room for it.
    std::size_t get_count() {
        const std::size_t count = get_u32();
        if (count > left()) fail("a length of " + std::to_string(count) + " runs past the end");
        return count;
    }

    void get(bool& value) {
        const auto byte = get_u8();
        if (byte > 1) fail("a flag holds " + std::to_string(byte));
        value = byte == 1;
    }
    void get(int& value) { value = static_cast<std::int32_t>(get_u32()); }
    void get(double& value) {
        const std::uint64_t low = get_u32();
        const std::uint64_t high = get_u32();
        value = std::bit_cast<double>(low | (high << 32));
    }
    template <typename Enum>
        requires std::is_enum_v<Enum>
    void get(Enum& value) {
        const auto byte = get_u8();
        if (byte > static_cast<std::uint8_t>(last_value(Enum{}))) {
            fail("an enumeration holds " + std::to_string(byte));
        }
        value = static_cast<Enum>(byte);
    }
    void get(std::string& text) { text = get_raw(get_count()); }
    template <typename Item>
    void get(std::vector<Item>& items) {
        const std::size_t count = get_count();
        items.clear();
        items.reserve(count);
        for (std::size_t i = 0; i < count; ++i) get(items.emplace_back());
    }
    template <typename Item>
    void get(std::optional<Item>& item) {
        bool present = false;
        get(present);
        if (present) get(item.emplace());
        else item.reset();
    }

    void get(SourceLocation& w) { get_all(w.file, w.line, w.column); }
    void get(Option& o) { get_all(o.id, o.label, o.neutral); }
    void get(Condition& c) {
        if (++m_depth > k_max_condition_depth) fail("conditions nest too deeply");
        get_all(c.kind, c.question, c.options, c.number, c.children, c.where);
        --m_depth;
    }
    void get(Section& s) { get_all(s.id, s.title, s.intro, s.checklist, s.where); }
    void get(Question& q) {
        get_all(q.id, q.section, q.type, q.text, q.help, q.red_flag, q.warn_when_unanswered, q.options, q.min, q.max,
                q.unit, q.ask_if, q.where);
    }
    void get(Cause& c) { get_all(c.id, c.name, c.explanation, c.sources, c.serious, c.fragile_bone, c.where); }
    void get(Guard& g) { get_all(g.when, g.text, g.waits_for_check, g.where); }
    void get(Action& a) {
        get_all(a.id, a.title, a.category, a.steps, a.addresses, a.for_urgency, a.unsuitable,
                a.cautions, a.involves, a.waits_for_check, a.until_checked,
                a.with_fragile_bone, a.sources, a.where);
    }
    void get(Rule& r) {
        get_all(r.id, r.when, r.cause, r.weight, r.urgency, r.recommend, r.warning, r.because,
                r.sources, r.where);
    }
    void get(Safety& s) { get_all(s.until_checked, s.fragile_bone, s.fragile_bone_reason, s.sources, s.where); }
    void get(RuleBase& b) {
        get_all(b.name, b.version, b.sections, b.questions, b.causes, b.actions, b.rules, b.safety);
    }

private:
    // A fold over the comma operator, so the fields are read strictly left to right.
    template <typename... Fields>
    void get_all(Fields&... fields) {
        (get(fields), ...);
    }

    std::string_view m_bytes;
    std::size_t m_at = 0;
    int m_depth = 0;
};

}  // namespace

std::string to_binary(const RuleBase& rule_base) {
    Writer writer;
    writer.put_raw(k_magic);
    writer.put_u32(k_format_version);
    writer.put(rule_base);
    return writer.take();
}

RuleBase from_binary(std::string_view bytes) {
    if (bytes.substr(0, k_magic.size()) != k_magic) fail("it does not start with the magic");
    Reader reader(bytes);
    reader.get_raw(k_magic.size());
    if (const auto version = reader.get_u32(); version != k_format_version) {
        fail("it has format version " + std::to_string(version) + ", this runback reads version " +
             std::to_string(k_format_version));
    }
    RuleBase rule_base;
    reader.get(rule_base);
    if (reader.left() != 0) fail(std::to_string(reader.left()) + " bytes follow the rule base");
    return rule_base;
}

}  // namespace runback::rules
