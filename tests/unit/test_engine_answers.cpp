#include <runback/engine/answers.hpp>

#include <doctest/doctest.h>

using namespace runback;

namespace {

rules::Question yes_no_question() {
    rules::Question q;
    q.id = "fever";
    q.type = rules::QuestionType::yes_no;
    q.options = {{"no", "No"}, {"yes", "Yes"}};
    return q;
}

rules::Question choice_question() {
    rules::Question q;
    q.id = "surface";
    q.type = rules::QuestionType::choice;
    q.options = {{"track", "A track"}, {"trail_uneven", "Trails"}};
    return q;
}

rules::Question number_question() {
    rules::Question q;
    q.id = "weekly_distance_km";
    q.type = rules::QuestionType::number;
    q.min = 0;
    q.max = 300;
    q.unit = "km per week";
    return q;
}

}  // namespace

TEST_CASE("engine::parse_answer") {
    SUBCASE("yes/no spellings in any case, with spaces") {
        const auto q = yes_no_question();
        for (const char* text : {"yes", "Y", " TRUE ", "1"}) {
            const auto parsed = engine::parse_answer(q, text);
            CHECK(parsed.error.empty());
            CHECK(parsed.answer.given);
            CHECK(parsed.answer.option == rules::k_yes);
        }
        for (const char* text : {"no", "n", "False", "0"}) {
            CHECK(engine::parse_answer(q, text).answer.option == rules::k_no);
        }
    }
    SUBCASE("unanswered spellings") {
        for (const char* text : {"", "  ", "NA", "n/a", "N/A", "-"}) {
            const auto parsed = engine::parse_answer(yes_no_question(), text);
            CHECK(parsed.error.empty());
            CHECK_FALSE(parsed.answer.given);
        }
    }
    SUBCASE("a bad yes/no value names the value, the question and what is accepted") {
        const auto parsed = engine::parse_answer(yes_no_question(), "maybe");
        CHECK_FALSE(parsed.answer.given);
        CHECK(parsed.error == "'maybe' is not an answer to fever: expected yes or no");
    }
    SUBCASE("choice options match in any case") {
        const auto parsed = engine::parse_answer(choice_question(), " Trail_Uneven ");
        CHECK(parsed.answer.option == 1);
        CHECK(engine::parse_answer(choice_question(), "moon_dust").error ==
              "'moon_dust' is not an answer to surface: expected one of: track, trail_uneven");
    }
    SUBCASE("numbers: point, comma only where allowed, range, no exponents") {
        const auto q = number_question();
        CHECK(engine::parse_answer(q, "12.5").answer.number == 12.5);
        CHECK(engine::parse_answer(q, "+40").answer.number == 40);
        CHECK_FALSE(engine::parse_answer(q, "12,5").answer.given);
        CHECK(engine::parse_answer(q, "12,5", engine::DecimalMark::point_or_comma).answer.number == 12.5);
        CHECK(engine::parse_answer(q, "301").error ==
              "'301' is not an answer to weekly_distance_km: expected a number from 0 to 300 (km per week)");
        CHECK_FALSE(engine::parse_answer(q, "-1").answer.given);
        CHECK_FALSE(engine::parse_answer(q, "1e2").answer.given);
        CHECK_FALSE(engine::parse_answer(q, "nan").answer.given);
        CHECK_FALSE(engine::parse_answer(q, "1.2.3").answer.given);
        const auto zero = engine::parse_answer(q, "-0");
        CHECK(zero.answer.given);
        CHECK(engine::canonical_value(q, zero.answer) == "0");
    }
    SUBCASE("canonical values and labels") {
        const auto q = number_question();
        CHECK(engine::canonical_value(q, engine::parse_answer(q, "20").answer) == "20");
        CHECK(engine::canonical_value(q, engine::parse_answer(q, "20.25").answer) == "20.25");
        CHECK(engine::answer_label(q, engine::parse_answer(q, "20").answer) == "20 km per week");
        CHECK(engine::canonical_value(choice_question(), engine::parse_answer(choice_question(), "TRACK").answer) == "track");
    }
}
