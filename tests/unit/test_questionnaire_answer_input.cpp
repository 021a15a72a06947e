#include <runback/questionnaire/answer_input.hpp>

#include <doctest/doctest.h>

using namespace runback;
using questionnaire::Command;
using questionnaire::interpret;

namespace {

rules::Question surface() {
    rules::Question q;
    q.id = "surface";
    q.type = rules::QuestionType::choice;
    q.options = {{"concrete_asphalt", "Pavements or roads"}, {"track", "A running track"},
                 {"trail_uneven", "Trails"}, {"treadmill", "A treadmill"}};
    return q;
}

rules::Question distance() {
    rules::Question q;
    q.id = "weekly_distance_km";
    q.type = rules::QuestionType::number;
    q.min = 0;
    q.max = 300;
    q.unit = "km per week";
    return q;
}

rules::Question yes_no() {
    rules::Question q;
    q.id = "fever";
    q.type = rules::QuestionType::yes_no;
    q.options = {{"no", "No"}, {"yes", "Yes"}};
    return q;
}

}  // namespace

TEST_CASE("questionnaire::interpret") {
    SUBCASE("commands") {
        CHECK(interpret(surface(), "").command == Command::skip);
        CHECK(interpret(surface(), "  ").command == Command::skip);
        CHECK(interpret(surface(), "?").command == Command::help);
        CHECK(interpret(surface(), "B").command == Command::back);
        CHECK(interpret(surface(), "q").command == Command::quit);
    }
    SUBCASE("a choice by number, id, or an unambiguous start of a label or id") {
        CHECK(interpret(surface(), "2").answer.option == 1);
        CHECK(interpret(surface(), "TRACK").answer.option == 1);
        CHECK(interpret(surface(), "pave").answer.option == 0);
        CHECK(interpret(surface(), "trai").answer.option == 2);
        CHECK(interpret(surface(), "a ").answer.option == -1);
        CHECK(interpret(surface(), "a").error == "'a' could be 2 (A running track), 4 (A treadmill). Type its number.");
        CHECK(interpret(surface(), "9").error == "There is no option 9. Type a number from 1 to 4.");
        CHECK(interpret(surface(), "moon").error ==
              "'moon' is not one of the options. Type its number (1 to 4) or the start of its words.");
    }
    SUBCASE("yes and no") {
        CHECK(interpret(yes_no(), "y").answer.option == rules::k_yes);
        CHECK(interpret(yes_no(), "No").answer.option == rules::k_no);
        CHECK(interpret(yes_no(), "maybe").error == "Please answer y (yes) or n (no).");
    }
    SUBCASE("numbers with units; miles converted to km; range checked with the unit") {
        CHECK(interpret(distance(), "42").answer.number == 42);
        CHECK(interpret(distance(), "42 km").answer.number == 42);
        CHECK(interpret(distance(), "12,5").answer.number == 12.5);
        CHECK(interpret(distance(), "20 mi").answer.number == doctest::Approx(32.2));
        CHECK(interpret(distance(), "20miles").answer.number == doctest::Approx(32.2));
        CHECK(interpret(distance(), "301").error ==
              "Please give a number from 0 to 300 (km per week); for miles add mi, as in 20 mi.");
        CHECK_FALSE(interpret(distance(), "190 mi").answer.given);   // 305.8 km
        CHECK_FALSE(interpret(distance(), "lots").answer.given);
    }
    SUBCASE("hints") {
        CHECK(questionnaire::answer_hint(yes_no()) == "[y/n]");
        CHECK(questionnaire::answer_hint(surface()) == "[1-4]");
        CHECK(questionnaire::answer_hint(distance()) == "[0-300 km per week]");
    }
}

TEST_CASE("questionnaire::interpret_checklist") {
    using questionnaire::interpret_checklist;
    CHECK(interpret_checklist(3, "n").yes == std::vector<bool>{false, false, false});
    CHECK(interpret_checklist(3, "none").yes == std::vector<bool>{false, false, false});
    CHECK(interpret_checklist(3, "1 3").yes == std::vector<bool>{true, false, true});
    CHECK(interpret_checklist(3, "3,1,").yes == std::vector<bool>{true, false, true});
    CHECK(interpret_checklist(3, "2 2").yes == std::vector<bool>{false, true, false});
    CHECK(interpret_checklist(3, "").command == questionnaire::Command::skip);
    CHECK(interpret_checklist(3, "b").command == questionnaire::Command::back);
    // Never taken as "none": only n, none or 0 are.
    for (const char* text : {",", " , ;", "y", "4", "1 x", "99999999999999999999999"}) {
        CAPTURE(text);
        const auto typed = interpret_checklist(3, text);
        CHECK(typed.command == questionnaire::Command::none);
        CHECK(typed.yes.empty());
        CHECK_FALSE(typed.error.empty());
    }
}
