#include <runback/input/progress_file.hpp>

#include <runback/input/answers_yaml.hpp>
#include <runback/util/error.hpp>
#include <runback/util/output.hpp>
#include <runback/util/read_file.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <sys/stat.h>

namespace runback::input {

namespace fs = std::filesystem;

fs::path default_progress_path() {
    const char* state = std::getenv("XDG_STATE_HOME");
    if (state && *state) return fs::path(state) / "runback" / "progress.yaml";
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : ".") / ".local" / "state" / "runback" / "progress.yaml";
}

void save_progress(const fs::path& path, const rules::RuleBase& rule_base, const Progress& progress) {
    std::error_code error;
    if (path.has_parent_path() && !fs::exists(path.parent_path())) {
        fs::create_directories(path.parent_path(), error);
        if (!error) ::chmod(path.parent_path().c_str(), 0700);
    }
    std::string text =
        "# runback: your answers so far. This is health data: keep it private.\n"
        "# 'runback ask' offers to carry on from here.\n"
        "answers:\n" + answers_to_yaml(rule_base, progress.answers, "  ");
    std::string skipped;
    for (std::size_t i = 0; i < rule_base.questions.size(); ++i) {
        if (progress.skipped[i]) skipped += (skipped.empty() ? "" : ", ") + rule_base.questions[i].id;
    }
    text += "skipped: [" + skipped + "]\n";
    util::Output output(path.string());
    output.write(text);
    output.commit();
}

LoadedProgress load_progress(const fs::path& path, const AnswerMapper& mapper) {
    LoadedProgress loaded;
    std::error_code error;
    if (!fs::exists(path, error)) return loaded;
    const std::string name = path.string();
    try {
        const YAML::Node root = parse_yaml(util::read_file(name), name);
        if (!root.IsMap() || !root["answers"])
            throw Error(fmt::format("{}: expected 'answers:' and 'skipped:'", name));
        const YAML::Node answers = root["answers"];
        AnswersFile file = answers.IsNull() ? AnswersFile{mapper.empty_answers(), {}, {}, {}}
                                            : read_answer_map(mapper, answers, name);
        if (!file.errors.empty()) throw Error(file.errors.front());
        Progress progress{std::move(file.answers), std::vector<char>(mapper.rule_base().questions.size(), 0)};
        if (const YAML::Node skipped = root["skipped"]; skipped && skipped.IsSequence()) {
            for (const auto& id : skipped) {
                const int question = mapper.question_for(id.Scalar());
                if (question >= 0) progress.skipped[static_cast<std::size_t>(question)] = 1;
            }
        }
        loaded.progress = std::move(progress);
    } catch (const std::exception& e) {
        const fs::path aside = path.string() + fmt::format(".unreadable-{}", std::time(nullptr));
        fs::rename(path, aside, error);
        loaded.problem = fmt::format("your saved progress could not be read ({}); it was moved to {}",
                                     e.what(), error ? path.string() + " (and could not be moved)" : aside.string());
    }
    return loaded;
}

}  // namespace runback::input
