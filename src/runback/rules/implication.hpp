#pragma once
// Whether one condition can only hold when another does, judged from their shape: enough to
// check that a rule reading a question asked only sometimes (`ask_if`) needs, among its own
// conditions, the answers that make the questionnaire ask it. The check is sound, never
// complete: a "no" means "not shown", and the rule author words the rule more plainly.

#include <runback/rules/model.hpp>

namespace runback::rules {

// True when every set of answers that makes `given` true makes `then` true too, as far as
// their shapes show: equal tests, an option list within another, a stricter number bound, a
// term of an `all`, a branch of an `any`.
bool implies(const Condition& given, const Condition& then);

}  // namespace runback::rules
