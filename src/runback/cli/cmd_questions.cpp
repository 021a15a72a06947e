// runback questions: the rule base's questions, for people (text) or scripts (JSON).

#include <runback/cli/command.hpp>
#include <runback/cli/command_line.hpp>
#include <runback/cli/rule_base_option.hpp>
#include <runback/engine/answers.hpp>
#include <runback/util/json_writer.hpp>
#include <runback/util/output.hpp>
#include <runback/util/text_wrap.hpp>

#include <fmt/format.h>

#include <cmath>
#include <memory>

namespace runback::cli {
namespace {

struct QuestionsOptions {
    std::string format = "text";
    std::string rules_dir;
    bool csv_template = false;
};

// The header row a survey tool needs, and an example row to show the spellings; the example is
// commented out so that it is not read as a respondent.
std::string csv_template(const rules::RuleBase& rule_base) {
    std::string header = "id";
    std::string example = "# example (delete this line): p001";
    for (const auto& question : rule_base.questions) {
        header += "," + question.id;
        example += ',';
        if (question.type == rules::QuestionType::number)
            example += fmt::format("{}", std::round(question.min + (question.max - question.min) / 4));
        else
            example += question.options.front().id;
    }
    return header + "\n" + example + "\n";
}

std::string questions_json(const rules::RuleBase& rule_base) {
    std::string out;
    util::JsonWriter json(out);
    json.begin_array();
    for (const auto& question : rule_base.questions) {
        json.begin_object();
        json.key("id").value(question.id);
        json.key("type").value(rules::to_id(question.type));
        json.key("text").value(question.text);
        json.key("help").value(question.help);
        json.key("section").value(rule_base.sections[static_cast<std::size_t>(question.section)].id);
        json.key("red_flag").value(question.red_flag);
        if (question.type == rules::QuestionType::number) {
            json.key("min").value(question.min).key("max").value(question.max);
            json.key("unit").value(question.unit);
        } else {
            json.key("options").begin_array();
            for (const auto& option : question.options)
                json.begin_object().key("id").value(option.id).key("label").value(option.label).end_object();
            json.end_array();
        }
        json.end_object();
    }
    json.end_array();
    out += '\n';
    return out;
}

std::string questions_text(const rules::RuleBase& rule_base) {
    std::string out;
    int section = -1;
    for (const auto& question : rule_base.questions) {
        if (question.section != section) {
            section = question.section;
            out += fmt::format("\n{}\n", rule_base.sections[static_cast<std::size_t>(section)].title);
        }
        out += fmt::format("  {}{}\n", question.id, question.red_flag ? "  (warning sign)" : "");
        util::append_wrapped(out, question.text, "      ", "      ");
        util::append_wrapped(out, "answers: " + engine::accepted_values(question), "      ", "        ");
    }
    return out.substr(1);
}

}  // namespace

Handler setup_questions(CLI::App& command) {
    auto options = std::make_shared<QuestionsOptions>();
    command.add_option("--format", options->format, "text (the default) or json")
        ->check(one_of({"text", "json"}));
    command.add_flag("--csv-template", options->csv_template,
                     "Print a CSV header row of question ids (and an example row) for a survey tool");
    add_rules_option(command, options->rules_dir);
    command.footer("Examples:\n  runback questions\n  runback questions --format json\n"
                   "  runback questions --csv-template > survey.csv");
    return [options] {
        const auto rule_base = load_rules(options->rules_dir);
        util::Output output("");
        output.write(options->csv_template       ? csv_template(*rule_base)
                     : options->format == "json" ? questions_json(*rule_base)
                                                 : questions_text(*rule_base));
        output.commit();
        return ExitStatus::success;
    };
}

}  // namespace runback::cli
