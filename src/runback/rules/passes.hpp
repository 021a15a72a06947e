#pragma once
// The loader's stages. collect_entries parses the files and sorts their entries by kind;
// declare_entities (pass 1) reads what each entity says about itself and learns every id;
// resolve_references (pass 2) reads what refers to other entities, so references work whatever
// the order of the files; validate checks the rule base as a whole. Each stage reports into
// Problems and reads on, so that one load finds every problem.

#include <runback/rules/id_table.hpp>
#include <runback/rules/model.hpp>
#include <runback/rules/yaml_reader.hpp>

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

namespace runback::rules {

// One entry of a top-level list, or one `rulebase` or `safety` block, with the file it came from.
struct Entry {
    YAML::Node node;
    YAML::Mark mark;   // the entry's place; for a rulebase block, its key's
    FileScope scope;
};

// The entries of all files by kind: in file order, then in order within each file. Entry i of
// a kind becomes item i of that kind in the RuleBase.
struct Entries {
    std::vector<Entry> rulebase;
    std::vector<Entry> safety;
    std::vector<Entry> sections;
    std::vector<Entry> questions;
    std::vector<Entry> causes;
    std::vector<Entry> actions;
    std::vector<Entry> rules;
};

// What a question's own definition lets conditions be checked against. Tests of a question
// whose type, options or range have problems are not checked further: one mistake, one problem.
struct QuestionFacts {
    bool type_known = false;
    bool options_known = false;   // a choice question's options list could be read
    bool range_known = false;     // min and max are numbers and min <= max
};

// Everything pass 1 learnt for pass 2.
struct Symbols {
    IdTable sections{"section"};
    IdTable questions{"question"};
    IdTable causes{"cause"};
    IdTable actions{"action"};
    IdTable rules{"rule"};
    std::vector<QuestionFacts> facts;   // by question index
};

// The urgency level `id`, or nullopt after reporting an unknown one at `mark`.
std::optional<Urgency> urgency_named(const std::string& id, const YAML::Mark& mark,
                                     const FileScope& scope);

// Parses each file (a syntax error is reported and the file skipped) and sorts the entries of
// its top-level keys by kind. The nodes stay valid as long as the Entries.
Entries collect_entries(const std::vector<SourceFile>& files, Problems& problems);

// Pass 1: fills base with one item per entry, with everything that refers to nothing else,
// and fills symbols with every id (reporting duplicates) and question facts.
void declare_entities(const Entries& entries, Problems& problems, RuleBase& base,
                      Symbols& symbols);

// Pass 2: reads sections of questions, conditions (the safety block's too), and references
// between entities.
void resolve_references(const Entries& entries, const Symbols& symbols, RuleBase& base);

// Checks across the whole rule base: that it has questions, that red flags have their rules,
// that no ask_if hides a safety question, and that the safety principles have their words.
void validate(const RuleBase& base, Problems& problems);

// "running, massage": the activities among `involves`' bits, in their order.
std::string activity_names(int involves);

}  // namespace runback::rules
