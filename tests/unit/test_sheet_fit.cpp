// Fitting a sheet to a page: what is shortened, in which order, and what never is.

#include <runback/sheet/sheet_fit.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace runback;

namespace {

sheet::SheetAction long_action(const std::string& id, const std::string& caution = "") {
    std::string step;   // three or four lines in a column
    for (int i = 0; i < 36; ++i) step += "word ";
    return {id, "Title " + id, {"First step of " + id + ".", step, step, step}, caution};
}

sheet::Sheet long_sheet() {
    sheet::Sheet sheet;
    sheet.meaning = "Manage it at home.";
    for (int i = 0; i < 6; ++i) sheet.causes.push_back({"Cause " + std::to_string(i), "Summary.", {{"Question?", "Yes"}}});
    for (int i = 0; i < 10; ++i) sheet.actions.push_back(long_action("a" + std::to_string(i), i == 6 ? "Mind the knee." : ""));
    // An exercise drawn on the sheet, ranked low.
    sheet.actions.push_back(long_action("core_strengthening"));
    sheet.see_someone.push_back(long_action("know_when_to_get_help"));
    sheet.avoid.push_back({"Seated forward fold", "It can aggravate nerve symptoms."});
    sheet.disclaimer = "runback does not diagnose.";
    return sheet;
}

}  // namespace

TEST_CASE("sheet::fit_to_page shortens the lower-ranked causes and actions, nothing else") {
    auto sheet = long_sheet();
    const double before = sheet::estimated_lines(sheet);
    REQUIRE(before > sheet::k_lines_per_page);
    sheet::fit_to_page(sheet);
    CHECK(sheet::estimated_lines(sheet) <= sheet::k_lines_per_page);

    // Causes: the likeliest stay whole, the rest are named, in rank order.
    REQUIRE(sheet.causes.size() >= sheet::k_full_causes);
    CHECK(sheet.causes.front().name == "Cause 0");
    CHECK(sheet.causes.size() + sheet.more_causes.size() == 6);
    for (std::size_t i = 0; i < sheet.more_causes.size(); ++i)
        CHECK(sheet.more_causes[i] == "Cause " + std::to_string(sheet.causes.size() + i));

    // Actions: nothing lost; the highest-ranked stay whole; the short list keeps rank order.
    REQUIRE(sheet.actions.size() >= sheet::k_full_actions);
    CHECK(sheet.actions.size() + sheet.more_actions.size() == 11);
    CHECK(sheet.actions[0].id == "a0");
    CHECK(sheet.actions[1].id == "a1");
    REQUIRE_FALSE(sheet.more_actions.empty());
    int last_rank = -1;
    for (const auto& brief : sheet.more_actions) {
        const int rank = brief.title == "Title core_strengthening" ? 10 : std::stoi(brief.title.substr(7));
        CHECK(rank > last_rank);
        last_rank = rank;
        CHECK(brief.summary.rfind("First step of", 0) == 0);
        if (brief.title == "Title a6") CHECK(brief.caution == "Mind the knee.");
    }
    // The exercise, though ranked last, outlasts the plain advice ranked above it.
    const bool exercise_whole = sheet.actions.back().id == "core_strengthening";
    const bool all_plain_short = sheet.actions.size() == sheet::k_full_actions + (exercise_whole ? 1 : 0);
    CHECK((exercise_whole || all_plain_short));

    // What keeps a runner safe is untouched.
    CHECK(sheet.see_someone.size() == 1);
    CHECK(sheet.see_someone[0].steps.size() == 4);
    CHECK(sheet.avoid.size() == 1);
}

TEST_CASE("sheet::fit_to_page leaves a sheet that fits alone") {
    sheet::Sheet sheet;
    sheet.meaning = "Manage it at home.";
    sheet.causes.push_back({"Cause", "Summary.", {}});
    for (int i = 0; i < 4; ++i) sheet.actions.push_back({"a", "Title", {"A step."}, ""});
    sheet::fit_to_page(sheet);
    CHECK(sheet.actions.size() == 4);
    CHECK(sheet.more_actions.empty());
    CHECK(sheet.more_causes.empty());
}
