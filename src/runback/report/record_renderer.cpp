#include <runback/report/record_renderer.hpp>

#include <runback/engine/engine.hpp>
#include <runback/report/text_cursor.hpp>
#include <runback/util/json_writer.hpp>

namespace runback::report {

using util::json_string_bound;
using util::k_json_number_bound;

namespace {

std::string json_string(std::string_view text) {
    std::string quoted;
    util::append_json_string(quoted, text);
    return quoted;
}

void put_json_string(TextCursor& out, std::string_view text) {
    out.reserve(json_string_bound(text.size()));
    out.advance_to(util::write_json_string(out.position(), text));
}

void put_json_number(TextCursor& out, double value) {
    out.reserve(k_json_number_bound);
    out.advance_to(util::write_json_number(out.position(), value));
}

}  // namespace

RecordRenderer::RecordRenderer(const rules::RuleBase& rule_base) : m_rule_base(rule_base) {
    for (std::size_t level = 0; level < m_urgency_head.size(); ++level) {
        m_urgency_head[level] =
            add(",\"rules_version\":" + json_string(rule_base.version) + ",\"urgency\":" +
                json_string(rules::to_id(static_cast<rules::Urgency>(level))) + ",\"red_flags\":[");
    }
    for (const auto& question : rule_base.questions) {
        m_question_json.push_back(add_json_string(question.id));
        m_because_first.push_back(static_cast<std::uint32_t>(m_because.size()));
        const std::string head = "{\"question\":" + json_string(question.id) + ",\"answer\":";
        m_number.push_back(question.type == rules::QuestionType::number ? 1 : 0);
        if (question.type == rules::QuestionType::number) {
            m_because.push_back(add(head));
        } else {
            for (const auto& option : question.options)
                m_because.push_back(add(head + json_string(option.id) + "}"));
        }
        m_question_csv.push_back(question.id);
    }
    for (const auto& cause : rule_base.causes) {
        m_cause_head.push_back(add("{\"id\":" + json_string(cause.id) + ",\"score\":"));
        m_cause_csv.push_back(cause.id);
    }
    for (const auto& action : rule_base.actions) {
        const std::string head = "{\"id\":" + json_string(action.id);
        const std::string with_title = head + ",\"title\":" + json_string(action.title);
        m_action_object.push_back(add(with_title + "}"));
        m_avoid_head.push_back(add(head + ",\"reason\":"));
        // Numbered as rules::until_checked_caution and its kin: the action's own, then the
        // safety principles'.
        const auto caution_object = [&](std::string_view text) {
            m_guard_objects.push_back(add(with_title + ",\"caution\":" + json_string(text) + "}"));
        };
        const auto reason_object = [&](std::string_view text) {
            m_guard_objects.push_back(add(head + ",\"reason\":" + json_string(text) + "}"));
        };
        m_caution_first.push_back(static_cast<std::uint32_t>(m_guard_objects.size()));
        for (const auto& guard : action.cautions) caution_object(guard.text);
        caution_object(rules::until_checked_text(rule_base, action));
        caution_object(rules::fragile_bone_caution_text(action));
        m_avoid_first.push_back(static_cast<std::uint32_t>(m_guard_objects.size()));
        for (const auto& guard : action.unsuitable) reason_object(guard.text);
        reason_object(rules::fragile_bone_reason_text(rule_base));
        m_action_csv.push_back(action.id);
    }
    m_caution_first.push_back(static_cast<std::uint32_t>(m_guard_objects.size()));

    const auto warning_head = [this](std::string_view code, std::string_view message) {
        return KnownWarning{std::string(code), std::string(message),
                            add("{\"code\":" + json_string(code) + ",\"message\":" + json_string(message))};
    };
    const std::size_t red_flags = rules::warned_red_flag_count(rule_base);
    m_unanswered.emplace_back();   // no warning for 0
    for (std::size_t count = 1; count <= red_flags; ++count) {
        m_unanswered.push_back(warning_head(engine::k_red_flags_unanswered,
                                            engine::red_flags_unanswered_message(count, red_flags)));
    }
    for (const auto& rule : rule_base.rules) {
        if (!rule.warning.empty()) m_rule_warnings.push_back(warning_head(rule.warning, rule.because));
    }

    m_text.append(TextCursor::k_readable, '\0');   // put_block reads past a fragment's end

    const auto quoted = [](std::string_view id) { return id.find_first_of(",\"\r\n") != std::string_view::npos; };
    for (const auto* ids : {&m_question_csv, &m_cause_csv, &m_action_csv}) {
        for (auto id : *ids) m_ids_need_quotes = m_ids_need_quotes || quoted(id);
    }
}

RecordRenderer::Piece RecordRenderer::add(std::string_view text) {
    const Piece piece{static_cast<std::uint32_t>(m_text.size()), static_cast<std::uint32_t>(text.size())};
    m_text += text;
    return piece;
}

RecordRenderer::Piece RecordRenderer::add_json_string(std::string_view text) {
    return add(json_string(text));
}

RecordRenderer::Piece RecordRenderer::guard_object(std::uint32_t first, std::uint32_t end, int index) const {
    if (index < 0 || static_cast<std::uint32_t>(index) >= end - first) return {};
    return m_guard_objects[first + static_cast<std::uint32_t>(index)];
}

void RecordRenderer::put(TextCursor& out, Piece piece) const {
    out.put_block(m_text.data() + piece.offset, piece.size);
}

void RecordRenderer::write_json(TextCursor& out, const engine::Answers& answers,
                                const engine::Assessment& assessment, const RecordInfo& info) const {
    out.reserve(8);
    out.put('{');
    if (info.id) {
        out.put("\"id\":");
        put_json_string(out, *info.id);
        out.reserve(1);
        out.put(',');
    }
    out.reserve(6);
    out.put("\"row\":");
    put_json_number(out, static_cast<double>(info.row));
    put(out, m_urgency_head[static_cast<std::size_t>(assessment.urgency)]);
    for (std::size_t i = 0; i < assessment.red_flags.size(); ++i) {
        out.reserve(1);
        if (i > 0) out.put(',');
        put(out, m_question_json[static_cast<std::size_t>(assessment.red_flags[i])]);
    }
    write_causes(out, answers, assessment);
    write_actions(out, assessment);
    write_warnings(out, assessment);
    write_tail(out, info);
}

void RecordRenderer::write_causes(TextCursor& out, const engine::Answers& answers,
                                  const engine::Assessment& assessment) const {
    out.reserve(12);
    out.put("],\"causes\":[");
    for (std::size_t i = 0; i < assessment.causes.size(); ++i) {
        const auto& cause = assessment.causes[i];
        out.reserve(1);
        if (i > 0) out.put(',');
        put(out, m_cause_head[static_cast<std::size_t>(cause.cause)]);
        put_json_number(out, cause.score);
        out.reserve(12);
        out.put(",\"because\":[");
        for (std::size_t j = 0; j < cause.because.size(); ++j) {
            const auto question = static_cast<std::size_t>(cause.because[j]);
            const auto& answer = answers[question];
            const std::uint32_t first = m_because_first[question];
            out.reserve(1);
            if (j > 0) out.put(',');
            if (m_number[question]) {
                put(out, m_because[first]);
                put_json_number(out, answer.number);
                out.reserve(1);
                out.put('}');
            } else {
                put(out, m_because[first + static_cast<std::uint32_t>(answer.option)]);
            }
        }
        out.reserve(2);
        out.put("]}");
    }
}

void RecordRenderer::write_actions(TextCursor& out, const engine::Assessment& assessment) const {
    out.reserve(13);
    out.put("],\"actions\":[");
    for (std::size_t i = 0; i < assessment.actions.size(); ++i) {
        const auto& action = assessment.actions[i];
        const auto index = static_cast<std::size_t>(action.action);
        out.reserve(1);
        if (i > 0) out.put(',');
        if (action.caution.empty()) {
            put(out, m_action_object[index]);
            continue;
        }
        const Piece known = guard_object(m_caution_first[index], m_avoid_first[index], action.caution_index);
        if (known.size > 0) {
            put(out, known);
            continue;
        }
        Piece open = m_action_object[index];
        --open.size;   // without its '}'
        put(out, open);
        out.reserve(11);
        out.put(",\"caution\":");
        put_json_string(out, action.caution);
        out.reserve(1);
        out.put('}');
    }

    out.reserve(11);
    out.put("],\"avoid\":[");
    for (std::size_t i = 0; i < assessment.avoid.size(); ++i) {
        const auto& avoid = assessment.avoid[i];
        const auto index = static_cast<std::size_t>(avoid.action);
        out.reserve(1);
        if (i > 0) out.put(',');
        const Piece known = guard_object(m_avoid_first[index], m_caution_first[index + 1], avoid.reason_index);
        if (known.size > 0) {
            put(out, known);
            continue;
        }
        put(out, m_avoid_head[index]);
        put_json_string(out, avoid.reason);
        out.reserve(1);
        out.put('}');
    }
}

RecordRenderer::Piece RecordRenderer::known_warning(const engine::Warning& warning) const {
    const auto matches = [&](const KnownWarning& known) {
        return warning.code == known.code && warning.message == known.message;
    };
    const std::size_t count = warning.questions.size();
    if (count > 0 && count < m_unanswered.size() && matches(m_unanswered[count]))
        return m_unanswered[count].head;
    for (const auto& known : m_rule_warnings)
        if (matches(known)) return known.head;
    return {};
}

void RecordRenderer::write_warnings(TextCursor& out, const engine::Assessment& assessment) const {
    out.reserve(14);
    out.put("],\"warnings\":[");
    for (std::size_t i = 0; i < assessment.warnings.size(); ++i) {
        const auto& warning = assessment.warnings[i];
        out.reserve(1);
        if (i > 0) out.put(',');
        const Piece head = known_warning(warning);
        if (head.size > 0) {
            put(out, head);
        } else {
            out.reserve(8);
            out.put("{\"code\":");
            put_json_string(out, warning.code);
            out.reserve(11);
            out.put(",\"message\":");
            put_json_string(out, warning.message);
        }
        if (!warning.questions.empty()) {
            out.reserve(14);
            out.put(",\"questions\":[");
            for (std::size_t q = 0; q < warning.questions.size(); ++q) {
                out.reserve(1);
                if (q > 0) out.put(',');
                put(out, m_question_json[static_cast<std::size_t>(warning.questions[q])]);
            }
            out.reserve(1);
            out.put(']');
        }
        if (!warning.keys.empty()) {
            out.reserve(9);
            out.put(",\"keys\":[");
            for (std::size_t k = 0; k < warning.keys.size(); ++k) {
                out.reserve(1);
                if (k > 0) out.put(',');
                put_json_string(out, warning.keys[k]);
            }
            out.reserve(1);
            out.put(']');
        }
        out.reserve(1);
        out.put('}');
    }
    out.reserve(1);
    out.put(']');
}

void RecordRenderer::write_tail(TextCursor& out, const RecordInfo& info) const {
    for (const auto& [column, value] : info.kept) {
        out.reserve(1);
        out.put(',');
        put_json_string(out, column);
        out.reserve(1);
        out.put(':');
        put_json_string(out, value);
    }
    if (!info.error.empty()) {
        out.reserve(9);
        out.put(",\"error\":");
        put_json_string(out, info.error);
    }
    out.reserve(1);
    out.put('}');
}

void RecordRenderer::append_unreadable_json(std::string& out, const RecordInfo& info) const {
    report::append_unreadable_json(out, info);
}

}  // namespace runback::report
