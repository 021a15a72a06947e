// RuleConditions against CompiledConditions, the plain tree walk: for random condition trees
// over a few questions (one of them tested more than 64 times, some trees too large for the
// compiled terms) and random answers, whether each condition holds and which questions
// support it.

#include <runback/engine/compiled_condition.hpp>
#include <runback/engine/rule_conditions.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

using namespace runback;
using Kind = rules::Condition::Kind;

namespace {

rules::RuleBase four_questions() {
    rules::RuleBase rb;
    rules::Question flag;
    flag.id = "flag";
    flag.options = {{"no", "No"}, {"yes", "Yes"}};
    rules::Question choice;
    choice.id = "choice";
    choice.type = rules::QuestionType::choice;
    for (int i = 0; i < 10; ++i) choice.options.push_back({"o" + std::to_string(i), "O"});
    rules::Question km;
    km.id = "km";
    km.type = rules::QuestionType::number;
    km.max = 100;
    rules::Question balance = km;
    balance.id = "balance";
    balance.min = -5;
    balance.max = 5;
    rb.questions = {flag, choice, km, balance};
    return rb;
}

rules::Condition random_test(std::mt19937& random) {
    rules::Condition test;
    test.question = static_cast<int>(random() % 4);
    if (test.question < 2) {
        test.kind = random() % 2 == 0 ? Kind::equals : Kind::one_of;
        const unsigned options = test.question == 0 ? 2 : 10;
        for (unsigned i = 0, n = test.kind == Kind::equals ? 1 : 1 + random() % 4; i < n; ++i)
            test.options.push_back(static_cast<int>(random() % options));
        return test;
    }
    static constexpr Kind k_kinds[] = {Kind::less_than, Kind::at_most, Kind::more_than, Kind::at_least, Kind::equals};
    test.kind = k_kinds[random() % 5];
    test.number = static_cast<double>(random() % 21) / 2 - (test.question == 3 ? 5 : -40);
    if (random() % 40 == 0) test.number = random() % 2 == 0 ? HUGE_VAL : -HUGE_VAL;
    return test;
}

rules::Condition random_condition(std::mt19937& random, int depth) {
    if (depth == 0 || random() % 4 == 0) return random_test(random);
    rules::Condition node;
    const auto pick = random() % 5;
    node.kind = pick < 2 ? Kind::all : pick < 4 ? Kind::any : Kind::negation;
    const unsigned parts = node.kind == Kind::negation ? 1 : 1 + random() % 4;
    for (unsigned i = 0; i < parts; ++i) node.children.push_back(random_condition(random, depth - 1));
    return node;
}

engine::Answers random_answers(std::mt19937& random) {
    engine::Answers answers(4);
    for (std::size_t q = 0; q < 4; ++q) {
        if (random() % 5 == 0) continue;
        engine::Answer& a = answers[q];
        a.given = true;
        if (q < 2) a.option = static_cast<int>(random() % (q == 0 ? 2 : 10));
        else a.number = static_cast<double>(random() % 21) / 2 - (q == 3 ? 5 : -40);
        if (q >= 2 && random() % 20 == 0) a.option = static_cast<int>(random() % 3);   // built by hand
    }
    return answers;
}

// The questions sorted and once each, as text for doctest to show.
std::string sorted(std::vector<int> questions) {
    std::sort(questions.begin(), questions.end());
    questions.erase(std::unique(questions.begin(), questions.end()), questions.end());
    std::string text;
    for (int q : questions) text += std::to_string(q) + " ";
    return text;
}

}  // namespace

TEST_CASE("engine::RuleConditions") {
    const auto rb = four_questions();
    std::mt19937 random(20261122);
    engine::CompiledConditions plain;
    engine::RuleConditions compiled;
    std::vector<std::pair<int, int>> handles;   // plain, compiled
    for (int i = 0; i < 70; ++i) {             // more than 64 tests on one question
        rules::Condition test;
        test.question = 2;
        test.kind = Kind::at_least;
        test.number = i;
        handles.emplace_back(plain.add(test), compiled.add(test));
    }
    {
        // A term over two words of the planes: the first question's test and the last of the 70.
        rules::Condition across;
        across.kind = Kind::all;
        rules::Condition flag_yes;
        flag_yes.kind = Kind::equals;
        flag_yes.question = 0;
        flag_yes.options = {1};
        rules::Condition far;
        far.kind = Kind::at_least;
        far.question = 2;
        far.number = 69;
        across.children = {flag_yes, far};
        handles.emplace_back(plain.add(across), compiled.add(across));
    }
    for (int i = 0; i < 400; ++i) {
        const auto condition = random_condition(random, 1 + i % 5);
        handles.emplace_back(plain.add(condition), compiled.add(condition));
    }
    compiled.prepare(rb);
    // Check sets of every condition (several words of them) and of 60 of the random ones (one
    // word) select what holds() says, in order.
    std::vector<int> all_handles, some_handles;
    for (const auto& pair : handles) all_handles.push_back(pair.second);
    some_handles.assign(all_handles.begin() + 100, all_handles.begin() + 160);
    const auto all_set = compiled.check_set(all_handles);
    const auto some_set = compiled.check_set(some_handles);
    CHECK(!all_set.walked.empty());   // conditions of too many terms are walked as trees
    CHECK(all_set.term_words > 1);    // terms of several words
    // And a set of up to 64 terms, some beyond their condition's first (the one-word path):
    // conditions added while their terms fit, from the 61st on (the last ten single tests,
    // the two-word term, then random conditions).
    std::vector<int> few_handles;
    for (std::size_t i = 60; i < all_handles.size() && few_handles.size() < 50; ++i) {
        few_handles.push_back(all_handles[i]);
        if (compiled.check_set(few_handles).term_words > 1) few_handles.pop_back();
    }
    const auto few_set = compiled.check_set(few_handles);
    REQUIRE(few_set.term_words == 1);
    CHECK(!few_set.extras.empty());
    CHECK(!few_set.walked.empty());

    std::vector<std::uint64_t> bits, room;
    std::vector<int> expected, got, expected_all, expected_some;
    int held = 0;
    for (int n = 0; n < 3000; ++n) {
        const auto answers = random_answers(random);
        compiled.run_tests(answers, bits);
        expected_all.clear();
        expected_some.clear();
        for (std::size_t place = 0; place < all_handles.size(); ++place) {
            if (!compiled.holds(all_handles[place], bits)) continue;
            expected_all.push_back(static_cast<int>(place));
            if (place >= 100 && place < 160) expected_some.push_back(static_cast<int>(place - 100));
        }
        compiled.select(all_set, bits, room, got);
        REQUIRE(got == expected_all);
        compiled.select(some_set, bits, room, got);
        REQUIRE(got == expected_some);
        expected.clear();
        for (std::size_t place = 0; place < few_handles.size(); ++place)
            if (compiled.holds(few_handles[place], bits)) expected.push_back(static_cast<int>(place));
        compiled.select(few_set, bits, room, got);
        REQUIRE(got == expected);
        for (const auto& [plain_handle, compiled_handle] : handles) {
            const bool holds = plain.evaluate(plain_handle, answers) == engine::Truth::yes;
            REQUIRE(compiled.holds(compiled_handle, bits) == holds);
            if (!holds) continue;
            ++held;
            expected.clear();
            got.clear();
            plain.collect_support(plain_handle, answers, expected);
            compiled.collect_support(compiled_handle, bits, got);
            CAPTURE(plain_handle);
            REQUIRE(sorted(got) == sorted(expected));
        }
    }
    CHECK(held > 100000);   // both outcomes were well exercised
}
