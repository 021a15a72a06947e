#include <runback/cli/man_page.hpp>

#include <runback/cli/command_line.hpp>

#include <fmt/format.h>

namespace runback::cli {
namespace {

// Text for roff: backslashes as \e, hyphens as \- (so that options copy and paste as typed),
// and a line starting with a dot or quote protected by \&.
std::string roff(std::string_view text) {
    std::string out;
    bool line_start = true;
    for (char c : text) {
        if (line_start && (c == '.' || c == '\'')) out += "\\&";
        if (c == '\\') out += "\\e";
        else if (c == '-') out += "\\-";
        else out += c;
        line_start = c == '\n';
    }
    return out;
}

std::string trim(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    while (!text.empty() && (text.front() == '\n' || text.front() == ' ')) text.erase(text.begin());
    return text;
}

void write_options(std::string& out, const CLI::App& command, const CLI::Formatter& formatter) {
    for (const CLI::Option* option : command.get_options()) {
        const bool positional = !option->nonpositional();
        const std::string name = roff(trim(formatter.make_option_name(option, positional)));
        const std::string value = trim(formatter.make_option_opts(option));
        out += ".TP\n";
        out += value.empty() ? ".B " + name + "\n" : "\\fB" + name + "\\fR \\fI" + roff(value) + "\\fR\n";
        out += roff(option->get_description()) + "\n";
    }
}

// Examples (an app's footer) as lines kept as they are.
void write_examples(std::string& out, const std::string& footer) {
    const std::string text = trim(footer);
    if (text.empty()) return;
    out += ".PP\n.nf\n" + roff(text) + "\n.fi\n";
}

std::string usage_of(const CLI::App& command, const CLI::Formatter& formatter) {
    std::string usage = trim(formatter.make_usage(&command, command_path(command)));
    if (usage.rfind("Usage: ", 0) == 0) usage.erase(0, 7);
    return usage;
}

// The synopsis: the usage of runback and of every command, a line each.
void write_usages(std::string& out, const CLI::App& command, const CLI::Formatter& formatter) {
    out += "\\fB" + roff(usage_of(command, formatter)) + "\\fR\n";
    for (const CLI::App* sub : subcommands_of(command)) write_usages(out, *sub, formatter);
}

void write_command(std::string& out, const CLI::App& command, const CLI::Formatter& formatter) {
    out += ".SS \"" + roff(usage_of(command, formatter)) + "\"\n";
    out += roff(command.get_description()) + "\n";
    write_options(out, command, formatter);
    write_examples(out, command.get_footer());
    for (const CLI::App* sub : subcommands_of(command)) write_command(out, *sub, formatter);
}

constexpr std::string_view k_exit_status = R"(.TP
.B 0
Done: every record assessed without error; a questionnaire finished, or stopped with
.B q
and its progress saved.
.TP
.B 1
Done, but something was wrong in the input or a check failed: records with errors (each has an
error row), problems found by
.BR "rules check" ,
failed
.B rules test
cases, or mis-triaged vignettes.
.TP
.B 2
Nothing done: a usage error, or an input that cannot be used at all (a missing or unreadable
file, an invalid rule base, a CSV header without one question, an output that cannot be
written, a full disk).
.TP
.B 130
Interrupted (SIGINT or SIGTERM), after saving what can be saved (the questionnaire's progress)
and removing partial output files.
.PP
A closed standard output (\fBrunback batch ... | head\fR) ends the run quietly.
)";

constexpr std::string_view k_environment = R"(.TP
.B NO_COLOR
When set (to anything), no colour or bold in the terminal, as with \fB\-\-no\-color\fR.
.TP
.B XDG_STATE_HOME
Where the questionnaire keeps its progress between sessions:
\fI$XDG_STATE_HOME/runback/progress.yaml\fR (default \fI~/.local/state/runback/progress.yaml\fR).
.TP
.BR LC_ALL ", " LC_MESSAGES ", " LANG
The country part of the locale (en_GB: GB) chooses the emergency number named in urgent
advice, unless \fB\-\-country\fR is given.
.TP
.B RUNBACK_PDF_MODULE
The PDF module to load for PDF sheets, instead of \fIrunback\-pdf.so\fR beside the program or in
\fI../lib/runback/\fR.
)";

constexpr std::string_view k_files = R"(.TP
.I ~/.local/state/runback/progress.yaml
The questionnaire's answers so far, when it was stopped part way; readable by you only, in a
folder only you may enter. Removed when the questionnaire ends.
.TP
.I /usr/share/runback/rules/
The default rule base as YAML files, to read or to copy and change. The program has its own
copy built in; \fB\-\-rules\fR \fIDIR\fR uses another (check it first with
\fBrunback rules check \-\-rules\fR \fIDIR\fR).
.TP
.I /usr/share/doc/runback/
The user guide, the rule format and authoring guide, the sources behind the rules, and notes on
the advice sheet, batch at scale and reliability.
)";

// Each question: its id, what it takes, and whether it is a warning sign, in asking order of
// the files (red flags are asked first whatever their place).
void write_questions(std::string& out, const rules::RuleBase& rule_base) {
    out += fmt::format("The built\\-in rule base ({} {}) asks these questions; their ids are the CSV columns and "
                       "the keys of an answers file. Warning signs are marked; \\fBrunback questions\\fR prints "
                       "their words.\n",
                       roff(rule_base.name), roff(rule_base.version));
    for (const rules::Question& question : rule_base.questions) {
        std::string takes;
        switch (question.type) {
        case rules::QuestionType::yes_no: takes = "yes or no"; break;
        case rules::QuestionType::number:
            takes = fmt::format("a number from {} to {} ({})", question.min, question.max, question.unit);
            break;
        case rules::QuestionType::choice:
            for (const auto& option : question.options) takes += (takes.empty() ? "" : ", ") + option.id;
            break;
        }
        out += ".TP\n.B " + roff(question.id) + "\n" + roff(takes) + (question.red_flag ? "; a warning sign" : "") +
               (question.ask_if ? "; asked only where it matters" : "") + ".\n";
    }
}

}  // namespace

std::string man_page(const CLI::App& app, std::string_view version, std::string_view date,
                     const rules::RuleBase& rule_base) {
    const CLI::Formatter formatter;
    std::string out;
    out += ".\\\" runback(1), generated by runback-docgen from the program's own command line; do not edit.\n";
    out += fmt::format(".TH RUNBACK 1 \"{}\" \"runback {}\" \"User Commands\"\n", date, version);
    out += ".SH NAME\nrunback \\- triage for runners with back pain after running\n";
    out += ".SH SYNOPSIS\n.nf\n";
    write_usages(out, app, formatter);
    out += ".fi\n";
    out += ".SH DESCRIPTION\n" + roff(app.get_description()) + "\n";
    out += ".PP\nIn a terminal, \\fBrunback\\fR alone asks the questionnaire: warning signs first (it stops at "
           "once, with what to do now, when an answer makes it an emergency), then the pain, running and "
           "habits. \\fBassess\\fR reads one set of answers from a file, \\fBbatch\\fR many from a CSV or JSONL "
           "export, and \\fBsheet\\fR makes a printable advice sheet. Answers are health data: files that "
           "hold them are created readable by their owner only, and nothing is sent anywhere.\n";
    out += ".SH OPTIONS\n";
    write_options(out, app, formatter);
    out += ".SH COMMANDS\n";
    for (const CLI::App* sub : subcommands_of(app)) write_command(out, *sub, formatter);
    out += ".SH QUESTIONS\n";
    write_questions(out, rule_base);
    out += ".SH EXIT STATUS\n";
    out += k_exit_status;
    out += ".SH ENVIRONMENT\n";
    out += k_environment;
    out += ".SH FILES\n";
    out += k_files;
    out += ".SH EXAMPLES\n";
    write_examples(out, app.get_footer());
    out += ".SH SEE ALSO\n.BR man (1)\n.PP\n\\fI/usr/share/doc/runback/user\\-guide.md\\fR\n";
    out += ".SH NOTES\nrunback names likely causes; it does not diagnose, and it does not replace a doctor or "
           "physiotherapist.\n";
    return out;
}

}  // namespace runback::cli
