#include <runback/rules/implication.hpp>

#include <algorithm>

namespace runback::rules {
namespace {

using Kind = Condition::Kind;

bool same_shape(const Condition& a, const Condition& b) {
    if (a.kind != b.kind || a.question != b.question || a.options != b.options || a.number != b.number ||
        a.children.size() != b.children.size())
        return false;
    for (std::size_t i = 0; i < a.children.size(); ++i)
        if (!same_shape(a.children[i], b.children[i])) return false;
    return true;
}

bool options_test(const Condition& c) {
    return (c.kind == Kind::equals || c.kind == Kind::one_of) && !c.options.empty();
}

// One test implying another on the same question.
bool test_implies(const Condition& given, const Condition& then) {
    if (given.question != then.question) return false;
    if (options_test(given) && options_test(then)) {
        return std::all_of(given.options.begin(), given.options.end(), [&](int option) {
            return std::find(then.options.begin(), then.options.end(), option) != then.options.end();
        });
    }
    const double g = given.number;
    const double t = then.number;
    switch (given.kind) {
    case Kind::less_than:   // x < g
        return (then.kind == Kind::less_than && g <= t) || (then.kind == Kind::at_most && g <= t);
    case Kind::at_most:     // x <= g
        return (then.kind == Kind::at_most && g <= t) || (then.kind == Kind::less_than && g < t);
    case Kind::more_than:   // x > g
        return (then.kind == Kind::more_than && g >= t) || (then.kind == Kind::at_least && g >= t);
    case Kind::at_least:    // x >= g
        return (then.kind == Kind::at_least && g >= t) || (then.kind == Kind::more_than && g > t);
    default: return false;
    }
}

}  // namespace

bool implies(const Condition& given, const Condition& then) {
    if (same_shape(given, then)) return true;
    if (given.kind == Kind::all &&
        std::any_of(given.children.begin(), given.children.end(), [&](const Condition& c) { return implies(c, then); }))
        return true;
    if (given.kind == Kind::any && !given.children.empty() &&
        std::all_of(given.children.begin(), given.children.end(), [&](const Condition& c) { return implies(c, then); }))
        return true;
    if (then.kind == Kind::all)
        return std::all_of(then.children.begin(), then.children.end(), [&](const Condition& c) { return implies(given, c); });
    if (then.kind == Kind::any)
        return std::any_of(then.children.begin(), then.children.end(), [&](const Condition& c) { return implies(given, c); });
    return given.is_test() && then.is_test() && test_implies(given, then);
}

}  // namespace runback::rules
