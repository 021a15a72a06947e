#include <runback/rules/loader.hpp>
#include <runback/util/error.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#ifndef RUNBACK_SOURCE_DIR
#error "tests/CMakeLists.txt defines RUNBACK_SOURCE_DIR"
#endif

using runback::rules::Condition;
using runback::rules::k_no;
using runback::rules::k_yes;
using runback::rules::load_from_string;
using runback::rules::load_rule_base;
using runback::rules::LoadError;
using runback::rules::LoadProblem;
using runback::rules::QuestionType;
using runback::rules::read_rule_files;
using runback::rules::RuleBase;
using runback::rules::SourceFile;
using runback::rules::Urgency;

namespace fs = std::filesystem;

namespace {

// A small valid rule base. Scenarios add a second file, "t.yaml", with the mistake under test,
// so that the expected lines and columns count from the top of that file.
const char* const k_base = R"(rulebase:
  name: test rules
  version: 1.0.0
sections:
  - id: flags
    title: Warning signs
  - id: pain
    title: Pain
    intro: About the pain itself.
questions:
  - id: fever
    section: flags
    type: yes_no
    text: Do you have a fever?
    help: Fever with back pain can mean an infection.
    red_flag: true
  - id: radiates
    section: pain
    type: choice
    text: Does the pain spread?
    help: Spreading pain points to a nerve.
    options:
      - {id: none, label: No}
      - {id: above_knee, label: Above the knee}
      - {id: below_knee, label: Below the knee}
  - id: age
    section: pain
    type: number
    text: How old are you?
    help: Age changes what is likely.
    min: 10
    max: 100
    unit: years
causes:
  - id: nerve
    name: Irritated nerve
    explanation: A nerve root is irritated.
    source: NHS Sciatica
actions:
  - id: see_doctor
    title: See a doctor
    category: seek_care
    steps: [Book an appointment.]
    source: [NHS Back pain, NICE NG59]
rules:
  - id: fever_urgent
    when: {question: fever, equals: yes}
    urgency: urgent
    because: Fever with back pain needs a doctor.
    source: NHS Back pain
)";

// The problems of loading these files, one per line, or "loaded" when there are none.
std::string problems_of(const std::vector<SourceFile>& files) {
    try {
        load_rule_base(files);
    } catch (const LoadError& error) {
        return error.what();
    }
    return "loaded";
}

// The problems of the base rule base with `text` added as "t.yaml".
std::string problems_with(const std::string& text) {
    return problems_of({{"base.yaml", k_base}, {"t.yaml", text}});
}

RuleBase load_with(const std::string& text) {
    return load_rule_base({{"base.yaml", k_base}, {"t.yaml", text}});
}

// A fresh empty folder under the system's temporary folder, removed again on destruction.
class TempDir {
public:
    TempDir() {
        static int counter = 0;
        m_path = fs::temp_directory_path() /
                 ("runback_test_rules_" + std::to_string(::getpid()) + "_" +
                  std::to_string(++counter));
        fs::remove_all(m_path);
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::permissions(m_path, fs::perms::owner_all, ignored);
        fs::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return m_path; }
    void write(const std::string& name, const std::string& text) const {
        std::ofstream(m_path / name) << text;
    }

private:
    fs::path m_path;
};

// The runback::Error that reading `dir` throws: its message, then " | " and its hint.
std::string read_error(const fs::path& dir) {
    try {
        read_rule_files(dir);
    } catch (const runback::Error& error) {
        CHECK(error.status() == runback::ExitStatus::usage);
        return std::string(error.what()) + " | " + error.hint();
    }
    return "read";
}

}  // namespace

TEST_CASE("rules::load") {
    SUBCASE("a valid rule base loads, with references resolved to indices") {
        // The extra file comes first: its question is question 0, and its rules refer to
        // questions, causes and actions of a later file.
        const RuleBase base = load_rule_base({{"first.yaml", R"(questions:
  - id: numb
    section: pain
    type: yes_no
    text: Is your leg numb?
    help: Numbness points to a nerve.
actions:
  - id: fold
    title: Seated forward fold
    category: self_care
    steps: [Sit., Lean forward.]
    addresses: [nerve]
    for_urgency: [self_care, see_clinician]
    unsuitable:
      - when: {question: radiates, equals: below_knee}
        reason: It can aggravate nerve symptoms.
    cautions:
      - when: {question: numb, equals: true}
        note: Go gently.
    source: 002_db2eb9e5b229300c.txt
    involves: []
rules:
  - id: nerve_root
    when:
      all:
        - {question: radiates, one_of: [above_knee, below_knee]}
        - {question: fever, equals: no}
        - not: {question: age, less_than: 18.5}
        - any: [{question: numb, equals: false}, {question: age, equals: 40}]
    cause: nerve
    weight: 2.5
    recommend: [see_doctor, fold]
    warning: not_lower_back
    because: Spreading pain suggests an irritated nerve root.
    source: [NHS Sciatica, Nielsen 2014]
)"},
                                               {"base.yaml", k_base}});
        CHECK(base.name == "test rules");
        CHECK(base.version == "1.0.0");
        REQUIRE(base.sections.size() == 2);
        CHECK(base.sections[1].intro == "About the pain itself.");
        CHECK(base.sections[0].intro.empty());

        REQUIRE(base.questions.size() == 4);
        CHECK(base.questions[0].id == "numb");
        CHECK(base.questions[0].section == 1);
        CHECK(base.questions[0].where.file == "first.yaml");
        CHECK(base.questions[0].where.line == 2);
        CHECK(base.questions[0].where.column == 5);
        const auto& fever = base.questions[1];
        CHECK(fever.id == "fever");
        CHECK(fever.section == 0);
        CHECK(fever.red_flag);
        REQUIRE(fever.options.size() == 2);
        CHECK(fever.options[k_no].id == "no");
        CHECK(fever.options[k_no].label == "No");
        CHECK(fever.options[k_yes].id == "yes");
        CHECK(fever.options[k_yes].label == "Yes");
        CHECK_FALSE(fever.ask_if.has_value());
        const auto& radiates = base.questions[2];
        CHECK(radiates.type == QuestionType::choice);
        REQUIRE(radiates.options.size() == 3);
        CHECK(radiates.options[0].label == "No");   // a plain YAML `No` stays text
        CHECK(radiates.options[2].id == "below_knee");
        const auto& age = base.questions[3];
        CHECK(age.type == QuestionType::number);
        CHECK(age.min == 10);
        CHECK(age.max == 100);
        CHECK(age.unit == "years");

        REQUIRE(base.causes.size() == 1);
        CHECK(base.causes[0].sources == std::vector<std::string>{"NHS Sciatica"});

        REQUIRE(base.actions.size() == 2);
        const auto& fold = base.actions[0];
        CHECK(fold.id == "fold");
        CHECK(fold.steps == std::vector<std::string>{"Sit.", "Lean forward."});
        CHECK(fold.addresses == std::vector<int>{0});
        CHECK(fold.for_urgency == std::vector<Urgency>{Urgency::self_care, Urgency::see_clinician});
        REQUIRE(fold.unsuitable.size() == 1);
        CHECK(fold.unsuitable[0].text == "It can aggravate nerve symptoms.");
        CHECK(fold.unsuitable[0].when.kind == Condition::Kind::equals);
        CHECK(fold.unsuitable[0].when.question == 2);
        CHECK(fold.unsuitable[0].when.options == std::vector<int>{2});
        REQUIRE(fold.cautions.size() == 1);
        CHECK(fold.cautions[0].when.options == std::vector<int>{k_yes});
        CHECK(base.actions[1].sources == std::vector<std::string>{"NHS Back pain", "NICE NG59"});

        REQUIRE(base.rules.size() == 2);
        const auto& rule = base.rules[0];
        CHECK(rule.id == "nerve_root");
        CHECK(rule.cause == 0);
        CHECK(rule.weight == 2.5);
        CHECK_FALSE(rule.urgency.has_value());
        CHECK(rule.recommend == std::vector<int>{1, 0});
        CHECK(rule.warning == "not_lower_back");
        CHECK(rule.sources == std::vector<std::string>{"NHS Sciatica", "Nielsen 2014"});
        const Condition& when = rule.when;
        CHECK(when.kind == Condition::Kind::all);
        REQUIRE(when.children.size() == 4);
        CHECK(when.children[0].kind == Condition::Kind::one_of);
        CHECK(when.children[0].question == 2);
        CHECK(when.children[0].options == std::vector<int>{1, 2});
        CHECK(when.children[1].question == 1);
        CHECK(when.children[1].options == std::vector<int>{k_no});
        CHECK(when.children[2].kind == Condition::Kind::negation);
        REQUIRE(when.children[2].children.size() == 1);
        CHECK(when.children[2].children[0].kind == Condition::Kind::less_than);
        CHECK(when.children[2].children[0].question == 3);
        CHECK(when.children[2].children[0].number == 18.5);
        CHECK(when.children[3].kind == Condition::Kind::any);
        CHECK(when.children[3].children[0].options == std::vector<int>{k_no});
        CHECK(when.children[3].children[1].kind == Condition::Kind::equals);
        CHECK(when.children[3].children[1].number == 40);
        CHECK(when.where.line == 25);
        CHECK(when.where.column == 7);
        CHECK(base.rules[1].urgency == Urgency::urgent);
        CHECK(base.rules[1].cause == -1);
    }

    SUBCASE("load_from_string reads one file as a whole rule base") {
        const RuleBase base = load_from_string(k_base, "rules.yaml");
        CHECK(base.questions.size() == 3);
        CHECK(base.find_question("age") == 2);
        CHECK(base.rules[0].where.file == "rules.yaml");
    }

    SUBCASE("yes_no tests take yes, no, true and false in any case") {
        const RuleBase base = load_with(R"(rules:
  - id: r
    when:
      any:
        - {question: fever, equals: "yes"}
        - {question: fever, equals: No}
        - {question: fever, equals: TRUE}
        - {question: fever, one_of: [false, yes]}
    warning: w
    because: b
    source: s
)");
        const Condition& when = base.rules[1].when;
        REQUIRE(when.children.size() == 4);
        CHECK(when.children[0].options == std::vector<int>{k_yes});
        CHECK(when.children[1].options == std::vector<int>{k_no});
        CHECK(when.children[2].options == std::vector<int>{k_yes});
        CHECK(when.children[3].options == std::vector<int>{k_no, k_yes});
    }

    SUBCASE("invalid YAML") {
        CHECK(problems_with("rules: [1\nfoo: 2\n") ==
              "t.yaml:2:4: error: invalid YAML: end of sequence flow not found");
        CHECK(problems_with("rules:\n  - id: a\n   - b: c\n") ==
              "t.yaml:3:4: error: invalid YAML: end of sequence not found");
    }

    SUBCASE("the top level") {
        CHECK(problems_with("- a\n- b\n") ==
              "t.yaml:1:1: error: expected a map with some of the keys rulebase, safety, sections, "
              "questions, causes, actions, rules at the top of the file, got a list");
        CHECK(problems_with("rulse: []\nquestions: {id: x}\ncauses:\nrules: []\nrules: []\n") ==
              "t.yaml:1:1: error: unknown top-level key 'rulse' (did you mean 'rules'?); "
              "expected one of: rulebase, safety, sections, questions, causes, actions, rules\n"
              "t.yaml:2:12: error: expected a list of questions for 'questions', got a map\n"
              "t.yaml:3:1: error: expected a list of causes for 'causes', got nothing\n"
              "t.yaml:5:1: error: duplicate top-level key 'rules' (first at t.yaml:4:1); put all "
              "the entries in one list");
        CHECK(problems_with("causes: [just_an_id]\n") ==
              "t.yaml:1:10: error: expected a cause (a map of keys and values), got 'just_an_id'");
        CHECK(problems_with("") == "loaded");
        CHECK(problems_with("# nothing yet\n") == "loaded");
    }

    SUBCASE("unknown and repeated keys") {
        CHECK(problems_with(R"(rules:
  - id: r
    when: {question: radiates, equal: none}
    cause: nerve
    wieght: 5
    because: b
    because: c
    source: s
)") == "t.yaml:3:11: error: test of question 'radiates' needs one of: equals, one_of, "
       "less_than, at_most, more_than, at_least\n"
       "t.yaml:3:32: error: unknown key 'equal' in condition (did you mean 'equals'?); "
       "expected one of: question, equals, one_of, less_than, at_most, more_than, at_least, all, "
       "any, not\n"
       "t.yaml:4:5: error: rule 'r' has a cause but no weight; give the number it adds to the "
       "cause's score\n"
       "t.yaml:5:5: error: unknown key 'wieght' in rule (did you mean 'weight'?); expected one "
       "of: id, when, cause, weight, urgency, recommend, warning, because, source\n"
       "t.yaml:7:5: error: duplicate key 'because' in rule (first at t.yaml:6:5)");
    }

    SUBCASE("missing keys, wrong types and empty texts") {
        CHECK(problems_with(R"(sections:
  - id: extra
    title: [Two, titles]
    intro:
questions:
  - id: q
    section: pain
    type: choice
    text: ""
    help:
    options: {id: a, label: A}
causes:
  - id: c
    name: Cause
    explanation: Text.
    source: {file: x.txt}
actions:
  - title: T
    category: self_care
    steps: {do: this}
    source: []
    involves: []
)") == "t.yaml:3:12: error: expected text for 'title', got a list\n"
       "t.yaml:9:11: error: 'text' must not be empty\n"
       "t.yaml:10:5: error: 'help' must not be empty\n"
       "t.yaml:11:14: error: expected a list for 'options', got a map\n"
       "t.yaml:16:13: error: expected one item or a list for 'source', got a map\n"
       "t.yaml:18:5: error: missing required key 'id' in action\n"
       "t.yaml:20:12: error: expected a list for 'steps', got a map\n"
       "t.yaml:21:13: error: 'source' needs at least one item");
        CHECK(problems_with(R"(rules:
  - id: r
    urgency: urgent
    because: b
)") == "t.yaml:2:5: error: missing required key 'when' in rule 'r'\n"
       "t.yaml:2:5: error: missing required key 'source' in rule 'r'");
    }

    SUBCASE("numbers") {
        CHECK(problems_with(R"(questions:
  - id: q
    section: pain
    type: number
    text: T?
    help: H.
    min: low
    max: 1,5
    unit: km
rules:
  - id: r
    when: {question: age, at_least: 18}
    cause: nerve
    weight: heavy
    because: b
    source: s
)") == "t.yaml:7:10: error: expected a number for 'min', got 'low'\n"
       "t.yaml:8:10: error: expected a number for 'max', got '1,5'\n"
       "t.yaml:14:13: error: expected a number for 'weight', got 'heavy'");
    }

    SUBCASE("ids") {
        CHECK(problems_with(R"(causes:
  - id: Hard-Surface
    name: N
    explanation: E.
    source: s
  - id: 2nd
    name: N
    explanation: E.
    source: s
)") == "t.yaml:2:9: error: invalid id 'Hard-Surface': ids are snake_case (lower-case letters, "
       "digits and '_', starting with a letter)\n"
       "t.yaml:6:9: error: invalid id '2nd': ids are snake_case (lower-case letters, digits and "
       "'_', starting with a letter)");
        CHECK(problems_with(R"(sections:
  - id: pain
    title: Again
rules:
  - id: fever_urgent
    when: {question: fever, equals: yes}
    urgency: emergency
    because: b
    source: s
  - id: fever_urgent
    when: {question: fever, equals: yes}
    urgency: emergency
    because: b
    source: s
)") == "t.yaml:2:9: error: duplicate section id 'pain' (first defined at base.yaml:7:9)\n"
       "t.yaml:5:9: error: duplicate rule id 'fever_urgent' (first defined at base.yaml:46:9)\n"
       "t.yaml:10:9: error: duplicate rule id 'fever_urgent' (first defined at base.yaml:46:9)");
    }

    SUBCASE("unknown references") {
        CHECK(problems_with(R"(questions:
  - id: q
    section: pian
    type: yesno
    text: T?
    help: H.
actions:
  - id: a
    title: T
    category: self_cere
    steps: [Do it.]
    addresses: [nerv]
    for_urgency: [urgnt]
    source: s
rules:
  - id: r
    when: {question: radiates, equals: belo_knee}
    cause: nervv
    weight: 1
    urgency: soon
    recommend: [see_docter]
    because: b
    source: s
  - id: r2
    when: {question: fevr, equals: yes}
    warning: w
    because: b
    source: s
)") == "t.yaml:3:14: error: unknown section 'pian' (did you mean 'pain'?)\n"
       "t.yaml:4:11: error: unknown question type 'yesno' (did you mean 'yes_no'?); expected "
       "one of: yes_no, choice, number\n"
       "t.yaml:10:15: error: unknown category 'self_cere' (did you mean 'self_care'?); expected "
       "one of: self_care, prevention, seek_care\n"
       "t.yaml:12:17: error: unknown cause 'nerv' (did you mean 'nerve'?)\n"
       "t.yaml:13:19: error: unknown urgency 'urgnt' (did you mean 'urgent'?); expected one of: "
       "self_care, see_clinician, urgent, emergency\n"
       "t.yaml:17:40: error: unknown option 'belo_knee' of question 'radiates' (did you mean "
       "'below_knee'?); expected one of: none, above_knee, below_knee\n"
       "t.yaml:18:12: error: unknown cause 'nervv' (did you mean 'nerve'?)\n"
       "t.yaml:20:14: error: unknown urgency 'soon'; expected one of: self_care, "
       "see_clinician, urgent, emergency\n"
       "t.yaml:21:17: error: unknown action 'see_docter' (did you mean 'see_doctor'?)\n"
       "t.yaml:25:22: error: unknown question 'fevr' (did you mean 'fever'?)");
    }

    SUBCASE("tests that do not fit the question") {
        CHECK(problems_with(R"(rules:
  - id: r
    when:
      any:
        - {question: fever, equals: maybe}
        - {question: fever, one_of: [yes, 1]}
        - {question: radiates, less_than: 3}
        - {question: radiates, one_of: []}
        - {question: radiates, one_of: none}
        - {question: age, one_of: [20, 30]}
        - {question: age, equals: old}
        - {question: age, at_most: 5}
        - {question: age, more_than: 100.5}
        - {question: age, equals: 100}
    warning: w
    because: b
    source: s
)") == "t.yaml:5:37: error: expected yes or no for yes_no question 'fever', got 'maybe'\n"
       "t.yaml:6:43: error: expected yes or no for yes_no question 'fever', got '1'\n"
       "t.yaml:7:32: error: 'less_than' is for number questions; question 'radiates' is a "
       "choice question\n"
       "t.yaml:8:40: error: 'one_of' needs at least one option\n"
       "t.yaml:9:40: error: expected a list of options for 'one_of', got 'none'\n"
       "t.yaml:10:27: error: 'one_of' is for choice and yes_no questions; question 'age' is a "
       "number question\n"
       "t.yaml:11:35: error: expected a number for 'equals' (question 'age' is a number "
       "question), got 'old'\n"
       "t.yaml:12:36: error: 5 is outside the range of question 'age' (10 to 100)\n"
       "t.yaml:13:38: error: 100.5 is outside the range of question 'age' (10 to 100)");
    }

    SUBCASE("the shape of conditions") {
        CHECK(problems_with(R"(rules:
  - id: r
    when:
      all:
        - {question: age, less_than: 50, equals: 3}
        - {question: age}
        - {equals: 3}
        - {}
        - {question: age, at_least: 20, all: [{question: fever, equals: no}]}
        - {all: [], any: [{question: fever, equals: no}]}
        - {any: []}
        - not: [{question: fever, equals: no}]
        - any: {question: fever, equals: no}
        - 7
    warning: w
    because: b
    source: s
)") == "t.yaml:5:42: error: test of question 'age' has both 'less_than' and 'equals'; give "
       "exactly one, and combine tests with 'all' or 'any'\n"
       "t.yaml:6:11: error: test of question 'age' needs one of: equals, one_of, less_than, "
       "at_most, more_than, at_least\n"
       "t.yaml:7:11: error: missing required key 'question' in condition\n"
       "t.yaml:8:11: error: expected a condition: a map with 'question' and a test, or with "
       "'all', 'any' or 'not'\n"
       "t.yaml:9:41: error: a condition is either a test of one question or a combination with "
       "'all', 'any' or 'not'; this one has both 'question' and 'all'\n"
       "t.yaml:10:17: error: 'all' needs at least one condition\n"
       "t.yaml:10:21: error: a condition has both 'all' and 'any'; put one inside the other\n"
       "t.yaml:11:17: error: 'any' needs at least one condition\n"
       "t.yaml:12:16: error: expected a condition for 'not' (a map with 'question' and a test, "
       "or with 'all', 'any' or 'not'), got a list\n"
       "t.yaml:13:16: error: expected a list of conditions for 'any', got a map\n"
       "t.yaml:14:11: error: expected a condition in 'all' (a map with 'question' and a test, "
       "or with 'all', 'any' or 'not'), got '7'");
    }

    SUBCASE("rule effects, causes and weights") {
        CHECK(problems_with(R"(rules:
  - id: no_effect
    when: {question: fever, equals: no}
    recommend: []
    because: b
    source: s
  - id: no_weight
    when: {question: fever, equals: no}
    cause: nerve
    because: b
    source: s
  - id: no_cause
    when: {question: fever, equals: no}
    weight: 2
    urgency: self_care
    because: b
    source: s
  - id: zero
    when: {question: fever, equals: no}
    cause: nerve
    weight: 0
    because: b
    source: s
  - id: negative
    when: {question: fever, equals: no}
    cause: nerve
    weight: -1.5
    because: b
    source: s
)") == "t.yaml:2:5: error: rule 'no_effect' has no effect; give it at least one of 'cause', "
       "'urgency', 'recommend' or 'warning'\n"
       "t.yaml:9:5: error: rule 'no_weight' has a cause but no weight; give the number it adds "
       "to the cause's score\n"
       "t.yaml:14:5: error: rule 'no_cause' has a weight but no cause; a weight only adds to "
       "the score of the rule's cause\n"
       "t.yaml:21:13: error: weight must be above 0, got 0\n"
       "t.yaml:27:13: error: weight must be above 0, got -1.5");
    }

    SUBCASE("questions: types, options and ranges") {
        CHECK(problems_with(R"(questions:
  - id: weight_kg
    section: pain
    type: number
    text: T?
    help: H.
    red_flag: true
    options: [light, heavy]
    min: 200
    max: 30
  - id: shoes
    section: pain
    type: choice
    text: T?
    help: H.
    red_flag: false
    options:
      - {id: new, label: New}
      - {id: new, label: Also new}
      - {id: Old, label: Old}
      - {id: 300_to_600, label: 300 to 600 km}
    unit: km
  - id: one_option
    section: pain
    type: choice
    text: T?
    help: H.
    options:
      - {id: only, lable: Only}
  - id: numb
    section: pain
    type: yes_no
    text: T?
    help: H.
    red_flag: maybe
    options: [yes, no]
    min: 0
)") == "t.yaml:2:5: error: missing required key 'unit' in question 'weight_kg'\n"
       "t.yaml:7:5: error: 'red_flag' is only for yes_no questions; question 'weight_kg' is a "
       "number question\n"
       "t.yaml:8:5: error: 'options' is only for choice questions; question 'weight_kg' is a "
       "number question\n"
       "t.yaml:10:10: error: max 30 is less than min 200 in question 'weight_kg'\n"
       "t.yaml:19:14: error: duplicate option 'new' in question 'shoes' (first at t.yaml:18:14)\n"
       "t.yaml:20:14: error: invalid option id 'Old': option ids are lower-case letters, digits "
       "and '_'\n"
       "t.yaml:22:5: error: 'unit' is only for number questions; question 'shoes' is a choice "
       "question\n"
       "t.yaml:29:7: error: a choice question needs at least two options; question "
       "'one_option' has 1\n"
       "t.yaml:29:9: error: missing required key 'label' in option\n"
       "t.yaml:29:20: error: unknown key 'lable' in option (did you mean 'label'?); expected "
       "one of: id, label, neutral\n"
       "t.yaml:35:15: error: expected true or false for 'red_flag', got 'maybe'\n"
       "t.yaml:36:5: error: 'options' is only for choice questions; yes_no question 'numb' has "
       "the options no and yes built in\n"
       "t.yaml:37:5: error: 'min' is only for number questions; question 'numb' is a yes_no "
       "question");
    }

    SUBCASE("the rulebase block") {
        CHECK(problems_of({{"a.yaml", "questions: []\n"}}) ==
              "error: the rule base has no 'rulebase' block; add one with 'name' and 'version' "
              "to one of its files\n"
              "error: the rule base has no questions; add a 'questions' list to one of its files");
        CHECK(problems_with("rulebase:\n  name: \"\"\n  nmae: x\n") ==
              "t.yaml:1:1: error: duplicate 'rulebase' block (first at base.yaml:1:1); a rule "
              "base has exactly one\n"
              "t.yaml:2:3: error: missing required key 'version' in rulebase\n"
              "t.yaml:2:9: error: 'name' must not be empty\n"
              "t.yaml:3:3: error: unknown key 'nmae' in rulebase (did you mean 'name'?); "
              "expected one of: name, version");
        CHECK(problems_of({{"a.yaml", "rulebase: [x]\n"}, {"b.yaml", k_base}}) ==
              "a.yaml:1:11: error: expected a map with 'name' and 'version' for 'rulebase', got "
              "a list\n"
              "b.yaml:1:1: error: duplicate 'rulebase' block (first at a.yaml:1:1); a rule base "
              "has exactly one");
    }

    SUBCASE("red flags and safety questions") {
        CHECK(problems_with(R"(questions:
  - id: trauma
    section: flags
    type: yes_no
    text: T?
    help: H.
    red_flag: true
    ask_if: {question: age, at_least: 50}
  - id: night_pain
    section: flags
    type: yes_no
    text: T?
    help: H.
    red_flag: true
  - id: numb
    section: pain
    type: yes_no
    text: T?
    help: H.
    ask_if: {question: numb, equals: yes}
rules:
  - id: trauma_in_a_mix
    when: {all: [{question: trauma, equals: yes}, {question: age, at_least: 50}]}
    urgency: urgent
    because: b
    source: s
  - id: night_pain_self_care
    when: {question: night_pain, equals: yes}
    urgency: self_care
    because: b
    source: s
  - id: numb_later
    when: {not: {question: numb, equals: no}}
    urgency: see_clinician
    because: b
    source: s
)") == "t.yaml:2:5: error: red-flag question 'trauma' needs a rule that tests it alone "
       "({question: trauma, equals: yes}) and sets an urgency above self_care\n"
       "t.yaml:8:13: error: red-flag question 'trauma' may not have 'ask_if': safety questions "
       "are always asked\n"
       "t.yaml:9:5: error: red-flag question 'night_pain' needs a rule that tests it alone "
       "({question: night_pain, equals: yes}) and sets an urgency above self_care\n"
       "t.yaml:20:13: error: question 'numb' is asked only sometimes ('ask_if'), yet rule 'numb_later' "
       "(line 32) sets an urgency from it without requiring what the 'ask_if' asks for; add the 'ask_if' "
       "condition to the rule's 'all:' list, or remove the 'ask_if'\n"
       "t.yaml:20:13: error: the 'ask_if' of question 'numb' tests the question itself, so it "
       "would never be asked");
        // A follow-up may set an urgency where the rule requires what its ask_if asks for:
        // the same test, a narrower option list, a stricter bound, inside all/any.
        CHECK(problems_with(R"(questions:
  - id: trauma
    section: flags
    type: yes_no
    text: T?
    help: H.
    red_flag: true
  - id: how
    section: flags
    type: choice
    text: T?
    help: H.
    ask_if: {any: [{question: trauma, equals: yes}, {question: radiates, equals: below_knee}]}
    options: [{id: minor, label: M, neutral: true}, {id: serious, label: S}]
  - id: teen
    section: pain
    type: yes_no
    text: T?
    help: H.
    ask_if: {question: age, less_than: 20}
rules:
  - id: trauma_alone
    when: {question: trauma, equals: yes}
    urgency: urgent
    because: b
    source: s
  - id: serious_trauma
    when: {all: [{question: trauma, equals: yes}, {question: how, equals: serious}]}
    urgency: emergency
    because: b
    source: s
  - id: teen_pain
    when: {all: [{question: age, less_than: 18}, {question: teen, equals: yes}]}
    urgency: see_clinician
    because: b
    source: s
  - id: teen_too_loose
    when: {all: [{question: age, at_most: 20}, {question: teen, equals: yes}]}
    urgency: see_clinician
    because: b
    source: s
)") == "t.yaml:20:13: error: question 'teen' is asked only sometimes ('ask_if'), yet rule 'teen_too_loose' "
       "(line 37) sets an urgency from it without requiring what the 'ask_if' asks for; add the 'ask_if' "
       "condition to the rule's 'all:' list, or remove the 'ask_if'");
        // Checklist sections: yes/no questions (follow-ups apart), all red flags or none.
        CHECK(problems_with(R"(sections:
  - {id: list, title: L, checklist: true}
questions:
  - {id: chest, section: list, type: yes_no, red_flag: true, warn_when_unanswered: false, text: T, help: H}
  - {id: lump, section: list, type: yes_no, text: T, help: H}
  - {id: kind, section: list, type: choice, text: T, help: H, options: [{id: a, label: A, neutral: true}, {id: b, label: B}]}
  - {id: pregnant, section: list, type: yes_no, text: T, help: H, ask_if: {question: chest, equals: yes}}
  - {id: plain, section: pain, type: yes_no, warn_when_unanswered: false, text: T, help: H}
rules:
  - {id: chest_alone, when: {question: chest, equals: yes}, urgency: emergency, because: b, source: s}
)") == "t.yaml:2:5: error: checklist section 'list' mixes red flags and other questions, which are "
       "asked apart (red flags first); make them all red flags or none\n"
       "t.yaml:6:5: error: question 'kind' is in checklist section 'list', which asks yes/no questions in "
       "one step; make it yes_no, give it an 'ask_if' (a follow-up is asked on its own), or move it to "
       "another section\n"
       "t.yaml:8:46: error: question 'plain' has 'warn_when_unanswered' but is not a red flag; only an "
       "unanswered red flag is warned about, so remove the key or add 'red_flag: true'");
        // An ask_if on a question that only cause rules use is fine.
        CHECK(problems_with(R"(questions:
  - id: numb
    section: pain
    type: yes_no
    text: T?
    help: H.
    ask_if: {question: radiates, one_of: [above_knee, below_knee]}
rules:
  - id: numb_nerve
    when: {question: numb, equals: yes}
    cause: nerve
    weight: 1
    because: b
    source: s
)") == "loaded");
    }

    SUBCASE("every problem in one pass, in file and line order") {
        // Three mistakes in a.yaml, two in z.yaml; z.yaml is given first, so it comes first.
        const std::vector<SourceFile> files{
            {"z.yaml", "causes:\n  - id: c\n    nmae: N\n    explanation: E.\n    source: s\n"},
            {"base.yaml", k_base},
            {"a.yaml", "sections:\n  - id: Extra\n    title: \"\"\n    intro: [x]\n"}};
        try {
            load_rule_base(files);
            FAIL("the rule base loaded");
        } catch (const LoadError& error) {
            const auto& problems = error.problems();
            REQUIRE(problems.size() == 5);
            CHECK(problems[0].where.file == "z.yaml");
            CHECK(problems[0].where.line == 2);
            CHECK(problems[0].where.column == 5);
            CHECK(problems[0].message == "missing required key 'name' in cause 'c'");
            CHECK(problems[1].to_string() ==
                  "z.yaml:3:5: error: unknown key 'nmae' in cause (did you mean 'name'?); "
                  "expected one of: id, name, explanation, source, serious, fragile_bone");
            CHECK(problems[2].to_string() ==
                  "a.yaml:2:9: error: invalid id 'Extra': ids are snake_case (lower-case "
                  "letters, digits and '_', starting with a letter)");
            CHECK(problems[3].to_string() == "a.yaml:3:12: error: 'title' must not be empty");
            CHECK(problems[4].to_string() ==
                  "a.yaml:4:12: error: expected text for 'intro', got a list");
            std::string joined;
            for (const LoadProblem& problem : problems) {
                joined += (joined.empty() ? "" : "\n") + problem.to_string();
            }
            CHECK(std::string(error.what()) == joined);
        }
    }

    SUBCASE("LoadProblem::to_string") {
        CHECK(LoadProblem{{"r.yaml", 3, 7}, "m"}.to_string() == "r.yaml:3:7: error: m");
        CHECK(LoadProblem{{"r.yaml", 3, 0}, "m"}.to_string() == "r.yaml:3: error: m");
        CHECK(LoadProblem{{"r.yaml", 0, 0}, "m"}.to_string() == "r.yaml: error: m");
        CHECK(LoadProblem{{"", 0, 0}, "m"}.to_string() == "error: m");
    }

    SUBCASE("the default rule base in rules/ loads") {
        try {
            const RuleBase base = load_rule_base(read_rule_files(RUNBACK_SOURCE_DIR "/rules"));
            CHECK_FALSE(base.name.empty());
            CHECK_FALSE(base.version.empty());
            for (const char* id : {"bladder_bowel_change", "saddle_numbness", "fever", "trauma"}) {
                const int index = base.find_question(id);
                REQUIRE_MESSAGE(index >= 0, id);
                CHECK(base.questions[static_cast<std::size_t>(index)].red_flag);
            }
        } catch (const LoadError& error) {
            FAIL(error.what());
        }
    }
}

TEST_CASE("rules::read_rule_files") {
    SUBCASE("every *.yaml file directly in the folder, by name") {
        const TempDir dir;
        dir.write("b.yaml", "rules: []\n");
        dir.write("a.yaml", "causes: []\n");
        dir.write("notes.txt", "not rules\n");
        dir.write("c.yml", "not a .yaml file\n");
        fs::create_directory(dir.path() / "tests");
        dir.write("tests/case.yaml", "in a subfolder\n");
        fs::create_directory(dir.path() / "folder.yaml");
        const auto files = read_rule_files(dir.path());
        REQUIRE(files.size() == 2);
        CHECK(files[0].name == (dir.path() / "a.yaml").string());
        CHECK(files[0].text == "causes: []\n");
        CHECK(files[1].name == (dir.path() / "b.yaml").string());
        // A trailing separator does not double in the names.
        const auto again = read_rule_files(dir.path().string() + "/");
        CHECK(again[0].name == (dir.path() / "a.yaml").string());
    }

    SUBCASE("a relative folder gives names relative to it") {
        const TempDir dir;
        fs::create_directory(dir.path() / "rules");
        dir.write("rules/questions.yaml", "questions: []\n");
        // Run from the temporary folder, and back again even when reading throws.
        struct WorkingDir {
            fs::path old = fs::current_path();
            explicit WorkingDir(const fs::path& path) { fs::current_path(path); }
            ~WorkingDir() { fs::current_path(old); }
        };
        std::vector<SourceFile> files;
        {
            const WorkingDir in_temp(dir.path());
            files = read_rule_files("rules");
        }
        REQUIRE(files.size() == 1);
        CHECK(files[0].name == "rules/questions.yaml");
    }

    SUBCASE("folders that cannot be used") {
        const TempDir dir;
        const std::string base = dir.path().string();
        CHECK(read_error(dir.path() / "missing") ==
              "rule folder '" + base + "/missing' does not exist | give --rules the folder that "
              "holds the rule base's *.yaml files");
        dir.write("file.yaml", "rules: []\n");
        CHECK(read_error(dir.path() / "file.yaml") ==
              "rule folder '" + base + "/file.yaml' is not a folder | give --rules the folder "
              "that holds the rule base's *.yaml files");
        fs::create_directory(dir.path() / "empty");
        dir.write("empty/readme.txt", "no rules here\n");
        CHECK(read_error(dir.path() / "empty") ==
              "rule folder '" + base + "/empty' has no *.yaml files | give --rules the folder "
              "that holds the rule base's *.yaml files");
    }

    SUBCASE("a folder that cannot be read") {
        const TempDir dir;
        const fs::path locked = dir.path() / "locked";
        fs::create_directory(locked);
        fs::permissions(locked, fs::perms::none);
        std::error_code error;
        fs::directory_iterator probe(locked, error);
        if (!error) {
            MESSAGE("skipped: this user may read any folder (root)");
        } else {
            CHECK(read_error(locked) == "cannot read rule folder '" + locked.string() +
                                            "': Permission denied | check that you may read "
                                            "the folder");
        }
        fs::permissions(locked, fs::perms::owner_all);
    }
}
