#include <runback/rules/binary_form.hpp>
#include <runback/rules/embedded.hpp>
#include <runback/rules/loader.hpp>
#include <runback/util/error.hpp>

#include <doctest/doctest.h>

#include <limits>
#include <string>

using runback::rules::Action;
using runback::rules::ActionCategory;
using runback::rules::Condition;
using runback::rules::embedded_rule_base_binary;
using runback::rules::embedded_rule_files;
using runback::rules::from_binary;
using runback::rules::Guard;
using runback::rules::k_no;
using runback::rules::k_yes;
using runback::rules::load_rule_base;
using runback::rules::Question;
using runback::rules::QuestionType;
using runback::rules::Rule;
using runback::rules::RuleBase;
using runback::rules::Section;
using runback::rules::SourceLocation;
using runback::rules::to_binary;
using runback::rules::Urgency;

namespace {

SourceLocation at(int line, int column) { return {"rules/t.yaml", line, column}; }

Condition leaf(Condition::Kind kind, int question, std::vector<int> options, double number,
               int line) {
    return Condition{kind, question, std::move(options), number, {}, at(line, 7)};
}

Condition combine(Condition::Kind kind, std::vector<Condition> children, int line) {
    return Condition{kind, -1, {}, 0, std::move(children), at(line, 5)};
}

// Every field set to something other than its default, and every kind of condition, nested,
// so that a field the binary form forgot or swapped cannot round-trip by luck.
RuleBase hand_written() {
    using Kind = Condition::Kind;
    RuleBase base;
    base.name = "hand written";
    base.version = "2.3.4";
    base.sections = {{"flags", "Warning signs", "", true, at(1, 3)},
                     {"pain", "Pain", "About the pain itself.", false, at(4, 3)}};

    Question fever{"fever", 0, QuestionType::yes_no, "Fever?", "Infection.", true, false,
                   {{"no", "No"}, {"yes", "Yes"}}, 0, 0, "", std::nullopt, at(10, 5)};
    Question spreads{"spreads", 1, QuestionType::choice, "Spreads?", "Nerves.", false, true,
                     {{"none", "No"}, {"above_knee", "Above the knee"}, {"below", "Below ü"}},
                     0, 0, "", leaf(Kind::equals, 0, {k_no}, 0, 20), at(17, 5)};
    Question age{"age", 1, QuestionType::number, "Age?", "", false, true, {}, -1.5, 1e300, "years",
                 std::nullopt, at(25, 5)};
    base.questions = {fever, spreads, age};

    base.causes = {{"strain", "Strain", "A pulled muscle.", {"NICE NG59", "a second source"}, true, false,
                    at(30, 5)},
                   {"nerve", "Nerve", "", {}, false, true, at(36, 5)}};
    base.safety = {"Wait.", leaf(Kind::equals, 0, {k_yes}, 0, 2), "Fragile.", {"IOF"}, at(2, 1)};

    const Condition every_kind = combine(
        Kind::any,
        {combine(Kind::all,
                 {leaf(Kind::equals, 0, {k_yes}, 0, 41), leaf(Kind::one_of, 1, {0, 2}, 0, 42),
                  leaf(Kind::equals, 2, {}, 40, 43)},
                 40),
         combine(Kind::negation, {leaf(Kind::less_than, 2, {}, 18.25, 45)}, 44),
         leaf(Kind::at_most, 2, {}, 0.1, 46), leaf(Kind::more_than, 2, {}, -3, 47),
         leaf(Kind::at_least, 2, {}, 65, 48)},
        39);
    base.rules = {
        Rule{"fever_strain", every_kind, 0, 2.5, Urgency::urgent, {1, 0}, "red_flag",
             "Because it said so.", {"NICE NG59"}, at(38, 5)},
        Rule{"no_cause", leaf(Kind::equals, 0, {k_no}, 0, 51), -1, 0, std::nullopt, {}, "", "",
             {}, at(50, 5)},
    };

    base.actions = {
        Action{"walk", "Keep walking", ActionCategory::prevention, {"Walk.", "Then walk more."},
               {0, 1}, {Urgency::self_care, Urgency::see_clinician},
               {Guard{leaf(Kind::equals, 0, {k_yes}, 0, 61), "Not with a fever.", false, at(60, 9)}},
               {Guard{leaf(Kind::more_than, 2, {}, 80, 63), "Gently.", true, at(62, 9)}},
               runback::rules::activity::running | runback::rules::activity::massage, true, "Wait for it.", "Not on bone.",
               {"a source"}, at(55, 5)},
        Action{"call", "Call for help", ActionCategory::seek_care, {}, {}, {Urgency::emergency},
               {}, {}, 0, false, "", "", {}, at(70, 5)},
    };
    return base;
}

}  // namespace

TEST_CASE("rules::binary_form") {
    SUBCASE("the default rule base round-trips") {
        const RuleBase base = load_rule_base(embedded_rule_files());
        CHECK(from_binary(to_binary(base)) == base);
    }

    SUBCASE("a hand-written rule base with every kind of condition round-trips") {
        const RuleBase base = hand_written();
        const RuleBase back = from_binary(to_binary(base));
        CHECK(back == base);
        CHECK(back.rules[0].where.file == "rules/t.yaml");
        CHECK(back.rules[0].when.children[0].children[1].where.line == 42);
        CHECK(back.questions[2].max == 1e300);
    }

    SUBCASE("the bytes round-trip too") {
        // Equal rule bases write equal bytes, and one changed field changes them.
        RuleBase base = hand_written();
        const std::string before = to_binary(base);
        base.actions[0].cautions[0].where.column = 10;
        CHECK(to_binary(base) != before);
        CHECK(to_binary(from_binary(before)) == before);
    }

    SUBCASE("the embedded blob is the binary form of the embedded YAML") {
        // Fails when the build-time blob is stale or the embedder loaded different names.
        const std::string expected = to_binary(load_rule_base(embedded_rule_files()));
        CHECK(embedded_rule_base_binary() == expected);
        CHECK(from_binary(embedded_rule_base_binary()) == load_rule_base(embedded_rule_files()));
    }

    SUBCASE("a truncated blob throws at every length") {
        for (const std::string& blob : {to_binary(hand_written()),
                                        std::string(embedded_rule_base_binary())}) {
            const std::size_t step = blob.size() < 2000 ? 1 : 7;
            for (std::size_t size = 0; size < blob.size(); size += step) {
                CAPTURE(size);
                CHECK_THROWS_AS(from_binary(std::string_view(blob).substr(0, size)),
                                runback::Error);
            }
        }
    }

    SUBCASE("trailing bytes throw") {
        CHECK_THROWS_AS(from_binary(to_binary(hand_written()) + '\0'), runback::Error);
    }

    SUBCASE("a foreign blob throws with a message") {
        std::string blob = to_binary(hand_written());
        blob[0] = 'X';
        CHECK_THROWS_WITH_AS(from_binary(blob),
                             "the rule base's binary form is damaged: it does not start with "
                             "the magic",
                             runback::Error);
        CHECK_THROWS_AS(from_binary("rules:\n  - id: x\n"), runback::Error);
    }

    SUBCASE("another format version throws") {
        std::string blob = to_binary(hand_written());
        blob[4] = 99;
        CHECK_THROWS_WITH_AS(from_binary(blob),
                             "the rule base's binary form is damaged: it has format version 99, "
                             "this runback reads version 4",
                             runback::Error);
    }

    SUBCASE("a huge count throws instead of allocating") {
        // The rule base's name length comes right after the magic and the version.
        std::string blob = to_binary(hand_written());
        for (int i = 8; i < 12; ++i) blob[i] = '\xff';
        CHECK_THROWS_AS(from_binary(blob), runback::Error);
    }

    SUBCASE("an out-of-range enumeration or flag throws") {
        RuleBase base;
        base.sections.push_back(Section{});
        Question question;
        question.where.file = "q";
        base.questions.push_back(question);
        const std::string blob = to_binary(base);
        // The question's type byte: after the magic, the version, two empty strings, one
        // section of three empty strings, its checklist flag and a location, the count, an
        // empty id and section.
        const std::size_t type_at = 8 + 4 + 4 + 4 + (4 + 4 + 4 + 1 + 4 + 4 + 4) + 4 + 4 + 4;
        REQUIRE(blob[type_at] == char(QuestionType::yes_no));
        std::string bad_type = blob;
        bad_type[type_at] = 3;
        CHECK_THROWS_WITH_AS(from_binary(bad_type),
                             "the rule base's binary form is damaged: an enumeration holds 3",
                             runback::Error);
        std::string bad_flag = blob;
        bad_flag[type_at + 1 + 4 + 4] = 2;   // red_flag, after the type and two empty strings
        CHECK_THROWS_WITH_AS(from_binary(bad_flag),
                             "the rule base's binary form is damaged: a flag holds 2",
                             runback::Error);
    }

    SUBCASE("conditions nested too deeply throw instead of exhausting the stack") {
        RuleBase base;
        Rule rule;
        Condition* innermost = &rule.when;
        for (int depth = 1; depth < 1000; ++depth) {
            innermost->kind = Condition::Kind::negation;
            innermost = &innermost->children.emplace_back();
        }
        base.rules.push_back(rule);
        CHECK_THROWS_WITH_AS(from_binary(to_binary(base)),
                             "the rule base's binary form is damaged: conditions nest too deeply",
                             runback::Error);
    }
}
