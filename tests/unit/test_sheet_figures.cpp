// The exercise figures: each belongs to an action of the default rule base (a renamed action
// would silently lose its picture) and stays inside its box.

#include <runback/rules/embedded.hpp>
#include <runback/rules/loader.hpp>
#include <runback/sheet/figures.hpp>

#include <doctest/doctest.h>

using namespace runback;

TEST_CASE("sheet::figure_for") {
    const auto rb = rules::load_rule_base(rules::embedded_rule_files());
    int found = 0;
    for (const auto& action : rb.actions) {
        const auto* figure = sheet::figure_for(action.id);
        if (!figure) continue;
        ++found;
        CAPTURE(action.id);
        CHECK(figure->action == action.id);
        CHECK_FALSE(figure->caption.empty());
        const auto inside = [](sheet::Point p, double margin) {
            return p.x >= margin && p.x <= sheet::k_figure_width - margin && p.y >= margin &&
                   p.y <= sheet::k_figure_height - margin;
        };
        CHECK(inside(figure->head, sheet::k_head_radius));
        for (const auto& line : figure->lines) {
            CHECK(line.size() >= 2);
            for (auto point : line) CHECK(inside(point, 0));
        }
    }
    for (auto id : {"stretch_hips_hamstrings", "core_strengthening", "leg_strengthening", "seated_forward_fold",
                    "legs_up_the_wall", "warm_up_routine"}) {
        CAPTURE(id);
        CHECK(rb.find_action(id) >= 0);
        CHECK(sheet::figure_for(id) != nullptr);
    }
    CHECK(found == 6);
    CHECK(sheet::figure_for("no_such_action") == nullptr);
}
