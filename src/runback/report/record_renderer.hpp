#pragma once
// The batch's renderer of one record: the same bytes as append_json and append_csv in
// record_output.hpp, written in place through a TextCursor, from fragments prepared once per rule base (quoted ids, whole action
// objects, every "because" entry of every option, the red-flag warning for each count), so
// that rendering a record is mostly copying. Const after construction: threads may share one.

#include <runback/engine/answers.hpp>
#include <runback/engine/assessment.hpp>
#include <runback/report/record_output.hpp>
#include <runback/rules/model.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace runback::report {

class TextCursor;

class RecordRenderer {
public:
    // Prepares the fragments of `rule_base`, which must outlive the renderer; its version is
    // the records' rules_version.
    explicit RecordRenderer(const rules::RuleBase& rule_base);

    // As report::append_json: the assessment as one JSON object (no newline).
    void write_json(TextCursor& out, const engine::Answers& answers, const engine::Assessment& assessment,
                    const RecordInfo& info) const;
    // As report::append_unreadable_json.
    void append_unreadable_json(std::string& out, const RecordInfo& info) const;

    // As report::csv_header: the header line (with a newline), then the kept columns' names.
    std::string csv_header(const std::vector<std::string>& kept_columns) const;
    // As report::append_csv: one CSV row (with a newline).
    void write_csv(TextCursor& out, const engine::Assessment& assessment, const RecordInfo& info) const;
    // As report::append_unreadable_csv.
    void append_unreadable_csv(std::string& out, const RecordInfo& info,
                               std::size_t kept_columns) const;

private:
    // A fragment: m_text[offset, offset + size).
    struct Piece {
        std::uint32_t offset = 0;
        std::uint32_t size = 0;
    };
    // A warning whose opening ({"code":...,"message":...) is prepared.
    struct KnownWarning {
        std::string code;
        std::string message;
        Piece head;
    };

    Piece add(std::string_view text);
    Piece add_json_string(std::string_view text);
    std::string_view view(Piece piece) const { return {m_text.data() + piece.offset, piece.size}; }
    void put(TextCursor& out, Piece piece) const;

    void write_causes(TextCursor& out, const engine::Answers& answers,
                      const engine::Assessment& assessment) const;
    void write_actions(TextCursor& out, const engine::Assessment& assessment) const;
    void write_warnings(TextCursor& out, const engine::Assessment& assessment) const;
    void write_tail(TextCursor& out, const RecordInfo& info) const;
    Piece known_warning(const engine::Warning& warning) const;

    const rules::RuleBase& m_rule_base;
    std::string m_text;                                  // every fragment, end to end

    std::array<Piece, 4> m_urgency_head;   // ,"rules_version":"..","urgency":"..","red_flags":[
    std::vector<Piece> m_question_json;    // per question: "id"
    std::vector<std::uint32_t> m_because_first;   // per question: its first m_because entry
    std::vector<unsigned char> m_number;   // per question: a number question
    std::vector<Piece> m_because;          // per option {"question":"q","answer":"o"}; per
                                           // number question {"question":"q","answer":
    std::vector<Piece> m_cause_head;       // per cause: {"id":"c","score":
    std::vector<Piece> m_action_object;    // per action: {"id":"a","title":"t"}
    std::vector<Piece> m_avoid_head;       // per action: {"id":"a","reason":
    // Per action, the whole objects of its guards (cautions, the safety principles' two, then
    // the unsuitable guards' reasons and the fragile-bone one): {"id":"a","title":"t","caution":"c"},
    // {"id":"a","reason":"r"}.
    std::vector<std::uint32_t> m_caution_first;   // per action, and one past the last
    std::vector<std::uint32_t> m_avoid_first;
    std::vector<Piece> m_guard_objects;
    // The object of the guard at `index` among [first, end), or an empty piece when there is
    // no such guard (a result not made by the engine).
    Piece guard_object(std::uint32_t first, std::uint32_t end, int index) const;
    std::vector<KnownWarning> m_unanswered;   // per count of unanswered red flags
    std::vector<KnownWarning> m_rule_warnings;

    // CSV: ids, and whether one holds a character that makes its cell quoted.
    std::vector<std::string_view> m_question_csv, m_cause_csv, m_action_csv;
    bool m_ids_need_quotes = false;
};

}  // namespace runback::report
