#pragma once
// Runs clinical vignettes through the engine and scores the triage as symptom-checker audits
// do (Semigran 2015; Hill 2020; Ceney 2021): right when runback gives the vignette's
// disposition, over-triaged when it is more urgent, under-triaged when less. A vignette with
// `any_answer_to` is run with every answer to those questions (each option or number, and
// unanswered): one way that comes out less urgent makes it under-triaged.

#include <runback/engine/engine.hpp>
#include <runback/ruletest/rule_test.hpp>

#include <array>
#include <string>
#include <vector>

namespace runback::ruletest {

enum class Triage { right, over, under };

struct VignetteResult {
    const Vignette* vignette = nullptr;
    Triage triage = Triage::right;
    rules::Urgency got = rules::Urgency::self_care;   // the deviating result, or the result
    std::string with;                                 // the answers that gave it ("" as written)
    std::vector<int> fired_rules;                     // for those answers
};

// Per triage level (self_care first): the vignettes and how they were triaged.
struct TriageRow {
    std::size_t cases = 0;
    std::size_t right = 0;
    std::size_t over = 0;
    std::size_t under = 0;
};

struct VignetteRun {
    std::vector<VignetteResult> results;
    std::array<TriageRow, 4> by_level;
    TriageRow all;
};

// `reached` (per rule, cause and action, as Coverage holds them) gets what the vignettes reach.
VignetteRun run_vignettes(const engine::Engine& engine, const std::vector<Vignette>& vignettes,
                          std::vector<char>& rules_reached, std::vector<char>& causes_reached,
                          std::vector<char>& actions_reached);

// The table printed by `runback rules test`: a row per level and one for all, with rates.
std::string triage_table(const VignetteRun& run);

}  // namespace runback::ruletest
