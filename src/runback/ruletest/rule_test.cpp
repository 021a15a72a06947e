#include <runback/ruletest/rule_test.hpp>

#include <runback/engine/engine.hpp>
#include <runback/input/answer_mapper.hpp>
#include <runback/input/answers_yaml.hpp>
#include <runback/rules/loader.hpp>
#include <runback/util/edit_distance.hpp>
#include <runback/util/error.hpp>
#include <runback/util/read_file.hpp>
#include <runback/util/yaml_errors.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

namespace runback::ruletest {
namespace {

constexpr std::string_view k_case_keys[] = {"name", "answers", "expect"};
constexpr std::string_view k_vignette_keys[] = {"name", "source", "answers", "triage", "any_answer_to"};
constexpr std::string_view k_expect_keys[] = {"urgency", "urgency_at_least", "causes",   "top",
                                              "not_causes", "actions",        "not_actions", "cautioned",
                                              "avoid",   "warnings",         "not_warnings"};

class SuiteReader {
public:
    SuiteReader(const rules::RuleBase& rule_base, RuleTestSuite& suite)
        : m_mapper(rule_base), m_suite(suite) {
        for (const auto& question : rule_base.questions) m_question_ids.push_back(question.id);
        for (const auto& cause : rule_base.causes) m_cause_ids.push_back(cause.id);
        for (const auto& action : rule_base.actions) m_action_ids.push_back(action.id);
        m_warning_codes.emplace_back(engine::k_red_flags_unanswered);
        m_warning_codes.emplace_back("unknown_question");
        m_warning_codes.emplace_back(engine::k_urgency_raised_for_unanswered);
        for (const auto& rule : rule_base.rules)
            if (!rule.warning.empty() &&
                std::find(m_warning_codes.begin(), m_warning_codes.end(), rule.warning) == m_warning_codes.end())
                m_warning_codes.push_back(rule.warning);
    }

    void read(const rules::SourceFile& file) {
        m_file = file.name;
        YAML::Node root;
        try {
            root = YAML::Load(file.text);
        } catch (const YAML::ParserException& e) {
            problem(e.mark, util::yaml_error_message(e));
            return;
        }
        const auto is_list = [&](const char* key) { return root.IsMap() && root[key] && root[key].IsSequence(); };
        if (!is_list("tests") && !is_list("vignettes")) {
            problem(root.Mark(), "expected a map with a list under 'tests:' or 'vignettes:'");
            return;
        }
        for (const auto& entry : root) {
            const std::string key = entry.first.Scalar();
            if (key != "tests" && key != "vignettes")
                problem(entry.first.Mark(), fmt::format("unknown key '{}' (expected 'tests' or 'vignettes')", key));
            else if (!entry.second.IsSequence())
                problem(entry.second.Mark(), fmt::format("expected a list under '{}:'", key));
        }
        if (is_list("tests"))
            for (const auto& node : root["tests"]) read_case(node);
        if (is_list("vignettes"))
            for (const auto& node : root["vignettes"]) read_vignette(node);
    }

private:
    void problem(const YAML::Mark& mark, std::string_view message) {
        m_suite.problems.push_back(fmt::format("{}:{}:{}: error: {}", m_file, mark.line + 1, mark.column + 1, message));
    }

    template <std::size_t N>
    void check_keys(const YAML::Node& map, const std::string_view (&known)[N], std::string_view what) {
        std::vector<std::string> names(std::begin(known), std::end(known));
        for (const auto& entry : map) {
            const std::string key = entry.first.Scalar();
            if (std::find(names.begin(), names.end(), key) != names.end()) continue;
            const auto guess = util::nearest(key, names);
            problem(entry.first.Mark(), fmt::format("unknown key '{}' in {}{}", key, what,
                                                    guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
        }
    }

    // A case's answers, with their problems reported as the rest are.
    engine::Answers read_answers(const YAML::Node& answers) {
        const auto read = input::read_answer_map(m_mapper, answers, m_file);
        // "file:line:column: message" as every problem here reads: "...: error: message".
        for (const auto& error : read.errors) {
            const auto place = error.find(": ") + 2;
            m_suite.problems.push_back(error.substr(0, place) + "error: " + error.substr(place));
        }
        for (const auto& key : read.unknown_keys) {
            const auto guess = util::nearest(key, m_question_ids);
            problem(answers.Mark(), fmt::format("answers: '{}' is not a question{}", key,
                                                guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
        }
        return read.answers;
    }

    void read_vignette(const YAML::Node& node) {
        if (!node.IsMap()) {
            problem(node.Mark(), "a vignette is a map with name, source, answers and triage");
            return;
        }
        check_keys(node, k_vignette_keys, "a vignette");
        Vignette vignette;
        vignette.where = {m_file, node.Mark().line + 1, node.Mark().column + 1};
        if (!node["name"] || !node["name"].IsScalar() || node["name"].Scalar().empty())
            problem(node.Mark(), "a vignette needs a 'name'");
        else
            vignette.name = node["name"].Scalar();
        vignette.sources = list(node["source"]);
        if (vignette.sources.empty())
            problem(node.Mark(), "a vignette needs a 'source': the guideline or study its triage comes from");
        vignette.answers = node["answers"] ? read_answers(node["answers"]) : m_mapper.empty_answers();
        if (!node["triage"]) problem(node.Mark(), "a vignette needs a 'triage': the disposition its source gives");
        else if (const auto level = urgency(node["triage"])) vignette.triage = *level;
        vignette.any_answer_to = ids(node["any_answer_to"], m_question_ids, "question");
        m_suite.vignettes.push_back(std::move(vignette));
    }

    void read_case(const YAML::Node& node) {
        if (!node.IsMap()) {
            problem(node.Mark(), "a test case is a map with name, answers and expect");
            return;
        }
        check_keys(node, k_case_keys, "a test case");
        RuleTestCase test;
        test.where = {m_file, node.Mark().line + 1, node.Mark().column + 1};
        if (!node["name"] || !node["name"].IsScalar() || node["name"].Scalar().empty()) {
            problem(node.Mark(), "a test case needs a 'name'");
        } else {
            test.name = node["name"].Scalar();
        }
        test.answers = node["answers"] ? read_answers(node["answers"]) : m_mapper.empty_answers();
        const auto expect = node["expect"];
        if (!expect || !expect.IsMap()) {
            problem(node.Mark(), "a test case needs 'expect:' with at least one expectation");
            return;
        }
        check_keys(expect, k_expect_keys, "expect");
        test.urgency = urgency(expect["urgency"]);
        test.urgency_at_least = urgency(expect["urgency_at_least"]);
        test.causes = ids(expect["causes"], m_cause_ids, "cause");
        test.not_causes = ids(expect["not_causes"], m_cause_ids, "cause");
        test.actions = ids(expect["actions"], m_action_ids, "action");
        test.not_actions = ids(expect["not_actions"], m_action_ids, "action");
        test.cautioned = ids(expect["cautioned"], m_action_ids, "action");
        test.avoid = ids(expect["avoid"], m_action_ids, "action");
        test.warnings = codes(expect["warnings"]);
        test.not_warnings = codes(expect["not_warnings"]);
        if (const auto top = expect["top"]) {
            try {
                const int value = top.as<int>();
                if (value < 1) throw YAML::Exception(top.Mark(), "");
                test.top = static_cast<std::size_t>(value);
            } catch (const YAML::Exception&) {
                problem(top.Mark(), "top: expected a whole number of 1 or more");
            }
            if (!expect["causes"]) problem(top.Mark(), "top: goes with 'causes:', the causes that must be in the top N");
        }
        m_suite.cases.push_back(std::move(test));
    }

    std::optional<rules::Urgency> urgency(const YAML::Node& node) {
        if (!node) return std::nullopt;
        if (node.IsScalar())
            if (auto level = rules::urgency_from_id(node.Scalar())) return level;
        problem(node.Mark(), fmt::format("expected an urgency: emergency, urgent, see_clinician or self_care{}",
                                         node.IsScalar() ? ", found '" + node.Scalar() + "'" : ""));
        return std::nullopt;
    }

    std::vector<std::string> list(const YAML::Node& node) {
        std::vector<std::string> items;
        if (!node) return items;
        if (node.IsScalar()) return {node.Scalar()};
        if (!node.IsSequence()) {
            problem(node.Mark(), "expected a list of ids, such as [a, b]");
            return items;
        }
        for (const auto& item : node) {
            if (item.IsScalar()) items.push_back(item.Scalar());
            else problem(item.Mark(), "expected an id");
        }
        return items;
    }

    std::vector<int> ids(const YAML::Node& node, const std::vector<std::string>& known, std::string_view kind) {
        std::vector<int> indices;
        const auto items = list(node);
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto found = std::find(known.begin(), known.end(), items[i]);
            if (found != known.end()) {
                indices.push_back(static_cast<int>(found - known.begin()));
                continue;
            }
            const auto guess = util::nearest(items[i], known);
            problem(node.IsSequence() ? node[i].Mark() : node.Mark(),
                    fmt::format("unknown {} '{}'{}", kind, items[i], guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
        }
        return indices;
    }

    std::vector<std::string> codes(const YAML::Node& node) {
        auto items = list(node);
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (std::find(m_warning_codes.begin(), m_warning_codes.end(), items[i]) != m_warning_codes.end()) continue;
            const auto guess = util::nearest(items[i], m_warning_codes);
            problem(node.IsSequence() ? node[i].Mark() : node.Mark(),
                    fmt::format("unknown warning code '{}'{}", items[i], guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
        }
        return items;
    }

    input::AnswerMapper m_mapper;
    RuleTestSuite& m_suite;
    std::string m_file;
    std::vector<std::string> m_question_ids, m_cause_ids, m_action_ids, m_warning_codes;
};

}  // namespace

RuleTestSuite read_rule_tests(const rules::RuleBase& rule_base, const std::vector<rules::SourceFile>& files) {
    RuleTestSuite suite;
    SuiteReader reader(rule_base, suite);
    for (const auto& file : files) reader.read(file);
    return suite;
}

std::vector<rules::SourceFile> read_test_files(const std::vector<std::string>& paths) {
    std::vector<rules::SourceFile> files;
    for (const auto& path : paths) {
        std::error_code error;
        if (std::filesystem::is_directory(path, error)) {
            std::vector<std::filesystem::path> found;
            for (const auto& entry : std::filesystem::directory_iterator(path))
                if (entry.is_regular_file() && entry.path().extension() == ".yaml") found.push_back(entry.path());
            std::sort(found.begin(), found.end());
            for (const auto& file : found) files.push_back({file.string(), util::read_file(file.string())});
        } else if (std::filesystem::exists(path, error)) {
            files.push_back({path, util::read_file(path)});
        } else {
            throw Error(fmt::format("cannot read '{}': no such file or folder", path),
                        "give test files or folders of them (rules/tests/ by default)");
        }
    }
    return files;
}

}  // namespace runback::ruletest
