// runback ask: the interactive questionnaire, from the first question to the assessment, with
// progress kept between sessions.

#include <runback/cli/command.hpp>
#include <runback/cli/rule_base_option.hpp>
#include <runback/cli/training_log_option.hpp>
#include <runback/engine/engine.hpp>
#include <runback/input/answers_file.hpp>
#include <runback/input/answers_yaml.hpp>
#include <runback/input/progress_file.hpp>
#include <runback/questionnaire/dialogue.hpp>
#include <runback/report/text_report.hpp>
#include <runback/sheet/sheet_render.hpp>
#include <runback/util/dates.hpp>
#include <runback/util/ansi.hpp>
#include <runback/util/output.hpp>
#include <runback/util/text_wrap.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace runback::cli {
namespace {

struct AskOptions {
    std::string answers_file;
    std::string save_file;
    std::string sheet_file;
    std::string name;
    std::string country;
    std::string rules_dir;
    bool no_color = false;
    TrainingLogOptions training_log;
};

void save_answers(const std::string& path, const rules::RuleBase& rule_base, const engine::Answers& answers) {
    util::Output output(path);   // owner-only and atomic: answers are health data
    output.write("# runback answers. This is health data: keep it private.\n"
                 "# Use again with: runback assess FILE, or runback ask --answers FILE\n");
    output.write(input::answers_to_yaml(rule_base, answers));
    output.commit();
}

class Ask {
public:
    Ask(const AskOptions& options, const rules::RuleBase& rule_base)
        : m_options(options), m_rules(rule_base), m_engine(rule_base), m_mapper(rule_base),
          m_interactive(questionnaire::stdio_is_terminal()),
          m_input(m_interactive ? questionnaire::make_terminal_source()
                                : questionnaire::make_stream_source(std::cin, std::cout)),
          m_progress_path(input::default_progress_path()) {
        m_dialogue_options.colour = !options.no_color && util::colour_suits(STDOUT_FILENO);
        m_log = use_training_log(rule_base, options.training_log);
        if (m_log) {
            m_dialogue_options.offered = m_log->answers.answers;
            m_dialogue_options.offered_basis = m_log->answers.basis;
        }
        m_dialogue_options.width = std::min<std::size_t>(util::terminal_width(STDOUT_FILENO), 100);
        m_dialogue_options.emergency_number = emergency_number_for(options.country);
    }

    ExitStatus run() {
        questionnaire::Dialogue dialogue(m_engine, *m_input, std::cout, m_dialogue_options);
        dialogue.welcome();
        input::Progress progress = starting_point();
        const auto ending = dialogue.run(progress);
        switch (ending) {
        case questionnaire::Ending::finished: return finish(progress, true);
        case questionnaire::Ending::emergency: return finish(progress, false);
        case questionnaire::Ending::quit:
        case questionnaire::Ending::end_of_input: return stop(progress, ExitStatus::success);
        case questionnaire::Ending::interrupted: return stop(progress, ExitStatus::interrupted);
        }
        return ExitStatus::success;
    }

private:
    // Saved answers from --answers, else an offer to resume saved progress, else nothing.
    input::Progress starting_point() {
        const std::size_t count = m_rules.questions.size();
        if (!m_options.answers_file.empty()) {
            auto file = input::read_answers_file(m_mapper, m_options.answers_file);
            for (const auto& error : file.errors) std::cerr << error << "\n";
            if (const auto near = m_mapper.near_red_flag_warning(file.unknown_keys))
                std::cerr << "runback: warning: " << near->message << "; the questionnaire asks that warning sign\n";
            if (!file.unknown_keys.empty())
                std::cerr << "runback: warning: " << m_mapper.unknown_keys_warning(file.unknown_keys).message << "\n";
            return {std::move(file.answers), std::vector<char>(count, 0)};
        }
        auto loaded = input::load_progress(m_progress_path, m_mapper);
        if (!loaded.problem.empty()) std::cerr << "runback: warning: " << loaded.problem << "\n";
        if (loaded.progress) {
            const auto answered = std::count_if(loaded.progress->answers.begin(), loaded.progress->answers.end(),
                                                [](const engine::Answer& a) { return a.given; });
            const auto reply = m_input->read_line(fmt::format(
                "You stopped part way last time ({} answered). Carry on from there? [Y/n] > ", answered));
            if (reply.status == questionnaire::LineStatus::line &&
                (reply.text.empty() || reply.text[0] == 'y' || reply.text[0] == 'Y'))
                return std::move(*loaded.progress);
            if (reply.status != questionnaire::LineStatus::line) throw StopRequested{reply.status};
        }
        return {engine::Answers(count), std::vector<char>(count, 0)};
    }

    ExitStatus finish(const input::Progress& progress, bool show_result) {
        std::error_code ignored;
        std::filesystem::remove(m_progress_path, ignored);
        const auto assessment = m_engine.evaluate(progress.answers);
        if (show_result) {
            report::TextOptions text{m_dialogue_options.width, m_dialogue_options.emergency_number,
                                     m_dialogue_options.colour, log_notes(progress.answers)};
            std::cout << "\n" << report::render_text(m_rules, progress.answers, assessment, text);
        }
        std::string path = m_options.save_file;
        if (path.empty() && show_result && m_interactive) {
            const auto reply = m_input->read_line(
                "\nSave your answers to a file? Type a file name, or press Enter to skip: ");
            if (reply.status == questionnaire::LineStatus::line) path = reply.text;
        }
        if (!path.empty()) {
            save_answers(path, m_rules, progress.answers);
            std::string text;
            util::append_wrapped(text, fmt::format("Your answers are saved in {} (readable by you only).", path),
                                 "", "", m_dialogue_options.width);
            std::cout << text;
        }
        offer_sheet(progress.answers, assessment, show_result);
        return ExitStatus::success;
    }

    // With --sheet, or when asked at the end, the advice sheet in the format its name implies.
    void offer_sheet(const engine::Answers& answers, const engine::Assessment& assessment, bool asking) {
        std::string path = m_options.sheet_file;
        if (path.empty() && asking && m_interactive) {
            // The question once, wrapped; a short prompt, so that the line being typed never
            // wraps in a narrow terminal.
            std::string question;
            util::append_wrapped(question,
                                 "Make a printable advice sheet? Type a file name ending in .pdf, .html, .md or "
                                 ".txt, or press Enter to skip.",
                                 "", "", m_dialogue_options.width);
            std::cout << "\n" << question;
        }
        while (path.empty() && asking && m_interactive) {
            const auto reply = m_input->read_line("Sheet file > ");
            if (reply.status != questionnaire::LineStatus::line || reply.text.empty()) return;
            if (sheet::sheet_format_from_path(reply.text)) path = reply.text;
            else std::cout << "Please end the name in .pdf, .html, .md or .txt.\n";
        }
        if (path.empty()) return;
        const auto format = sheet::sheet_format_from_path(path);
        if (!format)
            throw Error(fmt::format("--sheet: cannot tell the format from the name '{}'", path),
                        "end the name in .pdf, .html, .md or .txt");
        sheet::SheetOptions options;
        if (!m_options.name.empty()) options.name = m_options.name;
        options.date = util::today_iso_date();
        options.emergency_number = m_dialogue_options.emergency_number;
        options.answer_notes = log_notes(answers);
        if (m_log) options.training = sheet_training(m_rules, *m_log, options.answer_notes);
        const auto content = sheet::build_sheet(m_rules, answers, assessment, options);
        util::Output output(path);
        output.write(sheet::render_sheet(content, *format, {}));
        output.commit();
        std::string text;
        util::append_wrapped(text, fmt::format("Your advice sheet is in {} (readable by you only).", path), "", "",
                             m_dialogue_options.width);
        std::cout << text;
    }

    // Per question, "from your training log" where the answer is the one the log offered and
    // the runner kept.
    std::vector<std::string> log_notes(const engine::Answers& answers) const {
        std::vector<std::string> notes(answers.size());
        if (!m_log) return notes;
        for (std::size_t q = 0; q < answers.size() && q < m_log->answers.answers.size(); ++q) {
            const auto& offered = m_log->answers.answers[q];
            if (offered.given && answers[q].given && offered.option == answers[q].option && offered.number == answers[q].number)
                notes[q] = "from your training log";
        }
        return notes;
    }

    ExitStatus stop(const input::Progress& progress, ExitStatus status) {
        input::save_progress(m_progress_path, m_rules, progress);
        // The path on a line of its own: it may be wider than the terminal, the words are not.
        std::string text = "\nYour answers so far are saved in:\n  " + m_progress_path.string() + "\n";
        util::append_wrapped(text, "Run 'runback ask' to carry on where you stopped.", "", "",
                             m_dialogue_options.width);
        std::cout << text;
        return status;
    }

public:
    // Thrown when the person ends the session at the resume question.
    struct StopRequested {
        questionnaire::LineStatus status;
    };

private:
    const AskOptions& m_options;
    const rules::RuleBase& m_rules;
    engine::Engine m_engine;
    input::AnswerMapper m_mapper;
    bool m_interactive;
    std::unique_ptr<questionnaire::LineSource> m_input;
    std::filesystem::path m_progress_path;
    questionnaire::DialogueOptions m_dialogue_options;
    std::optional<TrainingLogUse> m_log;
};

ExitStatus ask(const AskOptions& options) {
    if (::isatty(STDIN_FILENO) != 1 && options.answers_file.empty())
        throw Error("'runback ask' needs a terminal, and standard input is not one: use 'runback "
                    "assess FILE' for answers in a file, or 'runback ask --answers FILE'");
    const auto rule_base = load_rules(options.rules_dir);
    // SIGINT or SIGTERM from outside (a closing terminal window, a shutdown) stops the session
    // as Ctrl-C does, with the answers so far saved, instead of losing them.
    util::defer_termination_signals();
    Ask session(options, *rule_base);
    try {
        return session.run();
    } catch (const Ask::StopRequested& stop) {
        // Nothing new was answered: the saved progress stays as it was.
        return stop.status == questionnaire::LineStatus::interrupted ? ExitStatus::interrupted
                                                                      : ExitStatus::success;
    }
}

}  // namespace

Handler setup_ask(CLI::App& command) {
    auto options = std::make_shared<AskOptions>();
    command.add_option("--answers", options->answers_file,
                       "Start from the answers in this file and ask only what is missing")
        ->type_name("FILE");
    command.add_option("--save", options->save_file, "Write the answers to this file at the end")
        ->type_name("FILE");
    command.add_option("--sheet", options->sheet_file,
                       "Write an advice sheet to this file at the end (.pdf, .html, .md or .txt)")
        ->type_name("FILE");
    command.add_option("--name", options->name, "The name to print on the advice sheet")->type_name("NAME");
    add_country_option(command, options->country);
    command.add_flag("--no-color", options->no_color, "No colour or bold");
    add_training_log_option(command, options->training_log);
    add_rules_option(command, options->rules_dir);
    command.footer(
        "Examples:\n"
        "  runback ask\n"
        "  runback ask --training-log export_12345.zip\n"
        "  runback ask --country GB --save my-answers.yaml\n"
        "  runback ask --answers my-answers.yaml");
    return [options] { return ask(*options); };
}

}  // namespace runback::cli
