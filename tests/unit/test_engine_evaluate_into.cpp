// Engine::evaluate_into: one Assessment reused for many answers gives what a fresh evaluate()
// gives, whatever it held before, and once it has seen the answers it allocates nothing.

#include <runback/engine/engine.hpp>
#include <runback/rules/embedded.hpp>
#include <runback/rules/loader.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <new>
#include <random>

using namespace runback;

namespace {

// Allocations counted while t_counting is set, on this thread.
thread_local bool t_counting = false;
thread_local long t_allocations = 0;

}  // namespace

// The test binary's global allocation functions: malloc and free, with a count. (g++ takes
// free() in a replacement operator delete for a mismatch; here it is the matching half.)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    if (t_counting) ++t_allocations;
    return std::malloc(size == 0 ? 1 : size);
}
void* operator new(std::size_t size) {
    if (void* memory = ::operator new(size, std::nothrow)) return memory;
    throw std::bad_alloc();
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }
void operator delete(void* memory, const std::nothrow_t&) noexcept { std::free(memory); }
#pragma GCC diagnostic pop

namespace {

std::vector<engine::Answers> generated_answers(const rules::RuleBase& rb, int count) {
    std::mt19937 random(20261122);
    std::vector<engine::Answers> all;
    for (int n = 0; n < count; ++n) {
        engine::Answers answers(rb.questions.size());
        const unsigned unanswered = n % 3 == 0 ? 2 : 8;   // some with many answers missing
        for (std::size_t q = 0; q < rb.questions.size(); ++q) {
            const auto& question = rb.questions[q];
            if (random() % unanswered == 0) continue;
            engine::Answer& a = answers[q];
            a.given = true;
            if (question.type == rules::QuestionType::number)
                a.number = question.min + static_cast<double>(random() % static_cast<unsigned>(question.max - question.min + 1));
            else if (question.red_flag)
                a.option = random() % 6 == 0 ? rules::k_yes : rules::k_no;
            else
                a.option = static_cast<int>(random() % question.options.size());
        }
        all.push_back(std::move(answers));
    }
    return all;
}

void check_same(const engine::Assessment& got, const engine::Assessment& expected) {
    CHECK(got.urgency == expected.urgency);
    CHECK(got.red_flags == expected.red_flags);
    CHECK(got.fired_rules == expected.fired_rules);
    REQUIRE(got.causes.size() == expected.causes.size());
    for (std::size_t i = 0; i < got.causes.size(); ++i) {
        CHECK(got.causes[i].cause == expected.causes[i].cause);
        CHECK(got.causes[i].score == expected.causes[i].score);
        CHECK(got.causes[i].because == expected.causes[i].because);
    }
    REQUIRE(got.actions.size() == expected.actions.size());
    for (std::size_t i = 0; i < got.actions.size(); ++i) {
        CHECK(got.actions[i].action == expected.actions[i].action);
        CHECK(got.actions[i].caution == expected.actions[i].caution);
        CHECK(got.actions[i].caution_index == expected.actions[i].caution_index);
    }
    REQUIRE(got.avoid.size() == expected.avoid.size());
    for (std::size_t i = 0; i < got.avoid.size(); ++i) {
        CHECK(got.avoid[i].action == expected.avoid[i].action);
        CHECK(got.avoid[i].reason == expected.avoid[i].reason);
        CHECK(got.avoid[i].reason_index == expected.avoid[i].reason_index);
    }
    REQUIRE(got.warnings.size() == expected.warnings.size());
    for (std::size_t i = 0; i < got.warnings.size(); ++i) {
        CHECK(got.warnings[i].code == expected.warnings[i].code);
        CHECK(got.warnings[i].message == expected.warnings[i].message);
        CHECK(got.warnings[i].questions == expected.warnings[i].questions);
        CHECK(got.warnings[i].keys == expected.warnings[i].keys);
    }
}

}  // namespace

TEST_CASE("engine::Engine::evaluate_into") {
    const auto rb = rules::load_rule_base(rules::embedded_rule_files());
    const engine::Engine engine(rb);
    const auto all = generated_answers(rb, 3000);

    SUBCASE("a reused assessment gives what a fresh one gives") {
        engine::Assessment reused;
        // What cmd_assess adds, and more causes than most answers give: all must go.
        reused.warnings.push_back({"unknown_question", "not a question: 'x'", {}, {"x"}});
        reused.causes.resize(rb.causes.size(), {0, 9, {1, 2, 3}});
        for (const auto& answers : all) {
            engine.evaluate_into(answers, reused);
            check_same(reused, engine.evaluate(answers));
        }
    }
    SUBCASE("over 64 actions (tracked as flags rather than bits), the same actions") {
        // Actions that nothing recommends, added after the others, change nothing: the
        // engine's other way of tracking them must choose what the usual one does.
        auto wide = rb;
        for (std::size_t i = 0; wide.actions.size() <= 64; ++i) {
            rules::Action spare = rb.actions[i % rb.actions.size()];
            spare.id = "spare_" + std::to_string(i);
            spare.addresses.clear();
            spare.for_urgency.clear();
            spare.unsuitable.clear();
            spare.cautions.clear();
            wide.actions.push_back(spare);
        }
        const engine::Engine wide_engine(wide);
        for (std::size_t n = 0; n < all.size(); n += 3) check_same(wide_engine.evaluate(all[n]), engine.evaluate(all[n]));
    }
    SUBCASE("nothing is allocated once the assessment has seen the answers") {
        engine::Assessment reused;
        for (const auto& answers : all) engine.evaluate_into(answers, reused);
        t_allocations = 0;
        t_counting = true;
        void* volatile probe = ::operator new(16);   // the count works
        ::operator delete(probe);
        for (const auto& answers : all) engine.evaluate_into(answers, reused);
        t_counting = false;
        CHECK(t_allocations == 1);
    }
}
