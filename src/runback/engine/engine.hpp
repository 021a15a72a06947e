#pragma once
// The compiled rule base and the one pure function that assesses answers against it.

#include <runback/engine/assessment.hpp>
#include <runback/engine/compiled_condition.hpp>
#include <runback/rules/model.hpp>

#include <vector>

namespace runback::engine {

class Engine {
public:
    // Compiles the rule base once; it must outlive the engine.
    explicit Engine(const rules::RuleBase& rule_base);

    const rules::RuleBase& rule_base() const { return m_rule_base; }

    // Assesses one set of answers (one slot per question). Pure: no I/O, no shared state, so
    // threads may call it at once.
    Assessment evaluate(const Answers& answers) const;

private:
    struct CompiledRule {
        int condition;
        int cause;
        double weight;
        bool sets_urgency;
        rules::Urgency urgency;
    };

    void select_actions(const Answers& answers, Assessment& result) const;
    bool is_unsuitable(int action, const Answers& answers, Assessment& result) const;
    void add_warnings(const Answers& answers, Assessment& result) const;

    const rules::RuleBase& m_rule_base;
    CompiledConditions m_conditions;
    std::vector<CompiledRule> m_rules;
    std::vector<std::vector<int>> m_unsuitable;   // per action: condition handles
    std::vector<std::vector<int>> m_cautions;     // per action: condition handles
    std::vector<int> m_red_flags;                 // question indices
};

}  // namespace runback::engine
