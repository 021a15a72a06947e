// RecordRenderer against the plain renderers of record_output.hpp: byte for byte the same
// rows for generated assessments of the default rule base, for a copy of it with ids and
// texts that need escaping and quoting, for parts that come from outside the rule base, and
// for numbers.

#include <runback/engine/engine.hpp>
#include <runback/report/record_output.hpp>
#include <runback/report/record_renderer.hpp>
#include <runback/report/text_cursor.hpp>
#include <runback/rules/embedded.hpp>
#include <runback/rules/loader.hpp>
#include <runback/util/json_writer.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>

using namespace runback;

namespace {

// Answers as a batch gives them: about one in eight unanswered, red flags mostly no, numbers
// whole or with one decimal.
engine::Answers generated_answers(const rules::RuleBase& rb, std::mt19937& random) {
    engine::Answers answers(rb.questions.size());
    for (std::size_t q = 0; q < rb.questions.size(); ++q) {
        const auto& question = rb.questions[q];
        if (random() % 8 == 0) continue;
        engine::Answer& a = answers[q];
        a.given = true;
        if (question.type == rules::QuestionType::number) {
            const auto steps = static_cast<unsigned>((question.max - question.min) * 10);
            a.number = question.min + (random() % 3 == 0 ? (random() % (steps + 1)) / 10.0
                                                          : std::floor((random() % (steps + 1)) / 10.0));
        } else if (question.red_flag) {
            a.option = random() % 10 == 0 ? rules::k_yes : rules::k_no;
        } else {
            a.option = static_cast<int>(random() % question.options.size());
        }
    }
    return answers;
}

// What a source says about a record: ids, errors and kept columns, some needing escapes.
report::RecordInfo generated_info(std::mt19937& random, long row) {
    static const char* const k_texts[] = {"p17", "", "a \"quoted\" id", "x,y", "line\nbreak",
                                          "tab\tand\rreturn", "ctl\x01\x1f", "é ü 東京", "back\\slash"};
    const auto text = [&] { return std::string(k_texts[random() % std::size(k_texts)]); };
    report::RecordInfo info;
    info.row = row;
    if (random() % 5 != 0) info.id = text();
    if (random() % 6 == 0) info.error = fmt::format("row {}: '{}' is not an answer", row, text());
    if (random() % 6 == 0) info.kept = {{"note", text()}, {"with,comma \"key\"", text()}};
    return info;
}

// A record rendered as the batch does it: in place at the end of a TextSpace that already
// holds `before`; the space's whole text.
std::string json_row(const report::RecordRenderer& renderer, std::string_view before, const engine::Answers& answers,
                     const engine::Assessment& assessment, const report::RecordInfo& info) {
    report::TextSpace space;
    space.append(before);
    report::TextCursor out(space);
    renderer.write_json(out, answers, assessment, info);
    out.finish();
    return std::string(space.view());
}

std::string csv_row(const report::RecordRenderer& renderer, std::string_view before,
                    const engine::Assessment& assessment, const report::RecordInfo& info) {
    report::TextSpace space;
    space.append(before);
    report::TextCursor out(space);
    renderer.write_csv(out, assessment, info);
    out.finish();
    return std::string(space.view());
}

void check_same_rows(const rules::RuleBase& rb, int count, std::uint32_t seed) {
    const engine::Engine engine(rb);
    const report::RecordRenderer renderer(rb);
    std::mt19937 random(seed);
    engine::Assessment assessment;
    for (int n = 0; n < count; ++n) {
        const auto answers = generated_answers(rb, random);
        const auto info = generated_info(random, n + 1);
        engine.evaluate_into(answers, assessment);
        std::string expected = "earlier output\n";
        report::append_json(expected, rb, answers, assessment, info);
        REQUIRE(json_row(renderer, "earlier output\n", answers, assessment, info) == expected);
        expected = "earlier output\n";
        report::append_csv(expected, rb, assessment, info);
        REQUIRE(csv_row(renderer, "earlier output\n", assessment, info) == expected);
    }
}

}  // namespace

TEST_CASE("report::RecordRenderer") {
    const auto rb = rules::load_rule_base(rules::embedded_rule_files());

    SUBCASE("JSON and CSV rows as append_json and append_csv write them") {
        check_same_rows(rb, 3000, 20261122);
    }
    SUBCASE("ids, titles and texts that need escaping and quoting") {
        rules::RuleBase odd = rb;
        odd.version = "1.0 \"beta\"\n";
        for (auto& question : odd.questions) {
            question.id += ",\"q\"";
            for (auto& option : question.options) option.id = "\t" + option.id + ";\\";
        }
        for (auto& cause : odd.causes) cause.id += "\r\n";
        for (auto& action : odd.actions) {
            action.id = "\"" + action.id + "\",";
            action.title += " \x02 é";
            for (auto& guard : action.cautions) guard.text += " \"careful\"\n";
            for (auto& guard : action.unsuitable) guard.text = "\x1f" + guard.text;
        }
        for (auto& rule : odd.rules) rule.because += " \\ \"why\"";
        check_same_rows(odd, 1000, 7);
    }
    SUBCASE("warnings, cautions and reasons that do not come from the rule base") {
        const engine::Engine engine(rb);
        const report::RecordRenderer renderer(rb);
        std::mt19937 random(99);
        const std::string caution = "Caution from \"elsewhere\"";
        const std::string reason = "A reason\nfrom elsewhere";
        for (int n = 0; n < 200; ++n) {
            const auto answers = generated_answers(rb, random);
            auto assessment = engine.evaluate(answers);
            assessment.warnings.push_back({"unknown_question", "not a question: 'feverr'", {}, {"feverr", "x\"y"}});
            if (!assessment.warnings.front().questions.empty()) assessment.warnings.front().message += " (edited)";
            // Texts of no guard of the rule base: their places say so (-1).
            if (!assessment.actions.empty()) assessment.actions.back() = {assessment.actions.back().action, caution, -1};
            if (!assessment.avoid.empty()) assessment.avoid.front() = {assessment.avoid.front().action, reason, -1};
            const auto info = generated_info(random, n + 1);
            std::string expected;
            report::append_json(expected, rb, answers, assessment, info);
            REQUIRE(json_row(renderer, "", answers, assessment, info) == expected);
            expected.clear();
            report::append_csv(expected, rb, assessment, info);
            REQUIRE(csv_row(renderer, "", assessment, info) == expected);
        }
    }
    SUBCASE("unreadable records and the CSV header") {
        const report::RecordRenderer renderer(rb);
        std::mt19937 random(5);
        for (int n = 0; n < 100; ++n) {
            const auto info = generated_info(random, n + 1);
            for (std::size_t kept = 0; kept < 3; ++kept) {
                std::string expected, got;
                report::append_unreadable_csv(expected, info, kept);
                renderer.append_unreadable_csv(got, info, kept);
                CHECK(got == expected);
            }
            std::string expected, got;
            report::append_unreadable_json(expected, info);
            renderer.append_unreadable_json(got, info);
            CHECK(got == expected);
        }
        const std::vector<std::string> kept{"note", "with,comma", "q\"uote", ""};
        CHECK(renderer.csv_header(kept) == report::csv_header(kept));
        CHECK(renderer.csv_header({}) == report::csv_header({}));
    }
    SUBCASE("numbers as fmt writes them (shortest form), fast paths included") {
        std::mt19937_64 random(3);
        const auto check = [](double value) {
            char buffer[util::k_json_number_bound];
            const std::string got(buffer, util::write_json_number(buffer, value));
            REQUIRE(got == fmt::format("{}", value));
        };
        for (long i = -20000; i <= 20000; i += 7)
            for (double scale : {1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0}) check(static_cast<double>(i) / scale);
        for (double power = 1e-6; power < 1e18; power *= 10) {
            for (double value : {power, std::nextafter(power, 0.0), std::nextafter(power, 1e300), power * 0.999999}) {
                check(value);
                check(-value);
            }
        }
        for (int n = 0; n < 100000; ++n) {
            const auto bits = random();
            double value;
            std::memcpy(&value, &bits, sizeof value);
            check(value);
            check(static_cast<double>(static_cast<std::int64_t>(random() % 2000000000000) - 1000000000000) / 1000);
        }
        for (double value : {0.0, -0.0, 1e15, 1e15 - 1, 1e9, 999999999.9999, 0.0001, 0.00009, 4294967295.0,
                             4294967296.0, 4294967296.5, std::nan(""), HUGE_VAL, -HUGE_VAL, 5e-324})
            check(value);
    }
}
