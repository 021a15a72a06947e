#pragma once
// Test cases for a rule base, as rule authors write them in rules/tests/*.yaml:
//
//   tests:
//     - name: numbness in the saddle area is an emergency
//       answers: {saddle_numbness: yes}
//       expect:
//         urgency: emergency            # exactly; or urgency_at_least: urgent
//         causes: [nerve_irritation]    # each among the likely causes ...
//         top: 3                        # ... and within the first 3 (optional)
//         not_causes: [hard_surface]
//         actions: [emergency_care]     # recommended
//         not_actions: [core_strengthening]
//         cautioned: [self_massage]     # recommended, with a caution
//         avoid: [seated_forward_fold]  # listed to avoid
//         warnings: [not_lower_back]    # warning codes raised
//         not_warnings: [red_flags_unanswered]
//
// and clinical vignettes, as symptom-checker audits use them (Semigran 2015), in the same
// files under `vignettes:`:
//
//   vignettes:
//     - name: over 50, constant pain for weeks, not settling
//       source: [CKS, Finucane 2020]    # where the disposition comes from
//       answers: {age: 56, pain_timing: constant, ...}
//       triage: see_clinician           # what the guideline gives; runback's result is compared
//       any_answer_to: [pain_severity]  # optional: the triage holds whatever these are
//
// Every id is checked against the rule base, with file, line and column and a did-you-mean,
// before any case runs.

#include <runback/engine/answers.hpp>
#include <runback/rules/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace runback::ruletest {

struct RuleTestCase {
    std::string name;
    rules::SourceLocation where;
    engine::Answers answers;
    std::optional<rules::Urgency> urgency;            // exactly
    std::optional<rules::Urgency> urgency_at_least;
    std::vector<int> causes;                          // cause indices
    std::size_t top = 0;                              // 0: anywhere among the causes
    std::vector<int> not_causes;
    std::vector<int> actions;                         // action indices
    std::vector<int> not_actions;
    std::vector<int> cautioned;                       // recommended with a caution
    std::vector<int> avoid;
    std::vector<std::string> warnings;                // warning codes
    std::vector<std::string> not_warnings;
};

struct Vignette {
    std::string name;
    rules::SourceLocation where;
    std::vector<std::string> sources;
    engine::Answers answers;
    rules::Urgency triage = rules::Urgency::self_care;
    std::vector<int> any_answer_to;                   // question indices
};

struct RuleTestSuite {
    std::vector<RuleTestCase> cases;
    std::vector<Vignette> vignettes;
    std::vector<std::string> problems;                // "file:line:column: error: ..."
};

// Reads test files (name and text) for `rule_base`; problems are collected, not thrown.
RuleTestSuite read_rule_tests(const rules::RuleBase& rule_base, const std::vector<rules::SourceFile>& files);

// The test files among `paths` (files, or folders whose *.yaml files are read in name order).
// Throws runback::Error for a path that does not exist.
std::vector<rules::SourceFile> read_test_files(const std::vector<std::string>& paths);

}  // namespace runback::ruletest
