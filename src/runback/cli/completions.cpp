#include <runback/cli/completions.hpp>

#include <runback/cli/command_line.hpp>
#include <runback/report/emergency_number.hpp>

#include <fmt/format.h>

namespace runback::cli {
namespace {

// What an option's value is, for completing it.
enum class ValueKind { none, file, folder, words, free };

struct OptionSpec {
    std::vector<std::string> names;   // "--format", "-o"
    std::string description;
    ValueKind kind = ValueKind::none;
    std::vector<std::string> words;   // for ValueKind::words
};

struct CommandSpec {
    std::string path;                 // "" for runback itself, "rules check"
    std::vector<std::string> subcommands;
    std::vector<std::string> summaries;
    std::vector<OptionSpec> options;
    bool takes_files = false;         // a positional that is a file
};

std::string type_head(const CLI::Option& option) {
    const std::string type = option.get_type_name();
    return type.substr(0, type.find(':'));
}

OptionSpec option_spec(const CLI::Option& option, const std::vector<std::string>& question_ids) {
    OptionSpec spec;
    for (const auto& name : option.get_lnames()) spec.names.push_back("--" + name);
    for (const auto& name : option.get_snames()) spec.names.push_back("-" + name);
    spec.description = option.get_description();
    if (option.get_type_size() == 0) return spec;   // a flag
    const std::string head = type_head(option);
    if (auto words = choices_of(option); !words.empty()) {
        spec.kind = ValueKind::words;
        spec.words = std::move(words);
    } else if (head == "DIR") {
        spec.kind = ValueKind::folder;
    } else if (head == "CODE") {
        spec.kind = ValueKind::words;
        spec.words = report::known_countries();
    } else if (head == "LIST" || head == "COLUMN") {
        spec.kind = ValueKind::words;
        spec.words = question_ids;
        spec.words.insert(spec.words.begin(), "id");
    } else if (head == "FILE" || head == "TEXT") {
        spec.kind = ValueKind::file;
    } else {
        spec.kind = ValueKind::free;
    }
    return spec;
}

void collect(const CLI::App& command, const std::string& path, const std::vector<std::string>& question_ids,
             std::vector<CommandSpec>& out) {
    CommandSpec spec;
    spec.path = path;
    for (const CLI::Option* option : command.get_options()) {
        if (!option->nonpositional()) {
            spec.takes_files = true;
            continue;
        }
        spec.options.push_back(option_spec(*option, question_ids));
    }
    const auto subs = subcommands_of(command);
    for (const CLI::App* sub : subs) {
        spec.subcommands.push_back(sub->get_name());
        spec.summaries.push_back(sub->get_description());
    }
    out.push_back(spec);
    for (const CLI::App* sub : subs)
        collect(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), question_ids, out);
}

std::string join(const std::vector<std::string>& words, std::string_view separator) {
    std::string out;
    for (const auto& word : words) out += (out.empty() ? "" : std::string(separator)) + word;
    return out;
}

// Text inside single quotes for any of the three shells.
std::string single_quoted(std::string_view text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// The word loop the bash and zsh scripts share: which command path the words so far name.
std::string path_cases(const std::vector<CommandSpec>& commands) {
    std::string cases;
    for (const auto& command : commands)
        for (const auto& sub : command.subcommands)
            cases += fmt::format("            \"{}|{}\") cmdpath=\"{}\" ;;\n", command.path, sub,
                                 command.path.empty() ? sub : command.path + " " + sub);
    return cases;
}

// The case arms, shared by bash and zsh, that complete an option's value: "path|--format")
// ACTION; return ;; with the shell's own action for each kind of value.
template <typename Action>
std::string value_cases(const std::vector<CommandSpec>& commands, Action action_for) {
    std::string cases;
    for (const auto& command : commands)
        for (const auto& option : command.options) {
            if (option.kind == ValueKind::none) continue;
            const std::string action = action_for(option);
            for (const auto& name : option.names)
                cases += fmt::format("        \"{}|{}\") {}; return ;;\n", command.path, name, action);
        }
    return cases;
}

std::string bash_script(const std::vector<CommandSpec>& commands) {
    const std::string values = value_cases(commands, [](const OptionSpec& option) -> std::string {
        switch (option.kind) {
        case ValueKind::file: return "_runback_files -f";
        case ValueKind::folder: return "_runback_files -d";
        case ValueKind::words: return "COMPREPLY=($(compgen -W " + single_quoted(join(option.words, " ")) + " -- \"$cur\"))";
        default: return "COMPREPLY=()";
        }
    });
    std::string word_cases;
    for (const auto& command : commands) {
        std::vector<std::string> names;
        for (const auto& option : command.options) names.insert(names.end(), option.names.begin(), option.names.end());
        word_cases += fmt::format("        \"{}\") options={}; subcommands={}; files={} ;;\n", command.path,
                                  single_quoted(join(names, " ")), single_quoted(join(command.subcommands, " ")),
                                  command.takes_files ? 1 : 0);
    }
    return fmt::format(R"(# bash completion for runback, generated by runback-docgen from the program's own command
# line; do not edit.

_runback_files() {{
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen "$1" -- "$cur"))
}}

_runback() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}
    local cmdpath="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "$cmdpath|${{COMP_WORDS[i]}}" in
{}        esac
    done
    case "$cmdpath|$prev" in
{}    esac
    local options="" subcommands="" files=0
    case "$cmdpath" in
{}    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
    elif [[ -n $subcommands ]]; then
        COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
    elif ((files)); then
        _runback_files -f
    fi
}}
complete -F _runback runback
)",
                       path_cases(commands), values, word_cases);
}

std::string zsh_script(const std::vector<CommandSpec>& commands) {
    const std::string values = value_cases(commands, [](const OptionSpec& option) -> std::string {
        switch (option.kind) {
        case ValueKind::file: return "_files";
        case ValueKind::folder: return "_files -/";
        case ValueKind::words: return "compadd -- " + join(option.words, " ");
        default: return "_message 'a value'";
        }
    });
    std::string word_cases;
    for (const auto& command : commands) {
        std::string described_options, described_subcommands;
        for (const auto& option : command.options)
            for (const auto& name : option.names)
                described_options += "            " + single_quoted(name + ":" + option.description) + "\n";
        for (std::size_t i = 0; i < command.subcommands.size(); ++i)
            described_subcommands +=
                "            " + single_quoted(command.subcommands[i] + ":" + command.summaries[i]) + "\n";
        word_cases += fmt::format("        \"{}\")\n            options=(\n{}            )\n            subcommands=(\n{}            )\n"
                                  "            files={} ;;\n",
                                  command.path, described_options, described_subcommands, command.takes_files ? 1 : 0);
    }
    return fmt::format(R"(#compdef runback
# zsh completion for runback, generated by runback-docgen from the program's own command line;
# do not edit.

_runback() {{
    local cmdpath="" i
    for ((i = 2; i < CURRENT; i++)); do
        case "$cmdpath|${{words[i]}}" in
{}        esac
    done
    case "$cmdpath|${{words[CURRENT-1]}}" in
{}    esac
    local -a options subcommands
    local files=0
    case "$cmdpath" in
{}    esac
    if [[ ${{words[CURRENT]}} == -* ]]; then
        _describe -t options option options
    elif (( ${{#subcommands}} )); then
        _describe -t commands command subcommands
    elif (( files )); then
        _files
    fi
}}

_runback "$@"
)",
                       path_cases(commands), values, word_cases);
}

std::string fish_script(const std::vector<CommandSpec>& commands) {
    std::string out = "# fish completion for runback, generated by runback-docgen from the program's own command\n"
                      "# line; do not edit.\n\ncomplete -c runback -f\n";
    for (const auto& command : commands) {
        // The condition that the words so far name this command and no deeper one.
        std::string condition;
        if (command.path.empty()) {
            condition = "__fish_use_subcommand";
        } else {
            std::string rest = command.path;
            std::vector<std::string> parts;
            for (std::size_t at = 0; at != std::string::npos;) {
                const auto space = rest.find(' ', at);
                parts.push_back(rest.substr(at, space == std::string::npos ? std::string::npos : space - at));
                at = space == std::string::npos ? space : space + 1;
            }
            for (const auto& part : parts)
                condition += (condition.empty() ? "" : "; and ") + std::string("__fish_seen_subcommand_from ") + part;
            if (!command.subcommands.empty())
                condition += "; and not __fish_seen_subcommand_from " + join(command.subcommands, " ");
        }
        const std::string when = " -n " + single_quoted(condition);
        for (std::size_t i = 0; i < command.subcommands.size(); ++i)
            out += "complete -c runback" + when + " -a " + command.subcommands[i] + " -d " +
                   single_quoted(command.summaries[i]) + "\n";
        if (command.takes_files && command.subcommands.empty()) out += "complete -c runback" + when + " -F\n";
        for (const auto& option : command.options) {
            std::string line = "complete -c runback" + when;
            for (const auto& name : option.names) line += name.rfind("--", 0) == 0 ? " -l " + name.substr(2) : " -s " + name.substr(1);
            switch (option.kind) {
            case ValueKind::file: line += " -r -F"; break;
            case ValueKind::folder: line += " -r -x -a '(__fish_complete_directories)'"; break;
            case ValueKind::words: line += " -x -a " + single_quoted(join(option.words, " ")); break;
            case ValueKind::free: line += " -x"; break;
            case ValueKind::none: break;
            }
            out += line + " -d " + single_quoted(option.description) + "\n";
        }
    }
    return out;
}

}  // namespace

std::string completion_script(const CLI::App& app, Shell shell, const std::vector<std::string>& question_ids) {
    std::vector<CommandSpec> commands;
    collect(app, "", question_ids, commands);
    switch (shell) {
    case Shell::bash: return bash_script(commands);
    case Shell::zsh: return zsh_script(commands);
    case Shell::fish: return fish_script(commands);
    }
    return {};
}

}  // namespace runback::cli
