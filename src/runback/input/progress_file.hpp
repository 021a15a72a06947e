#pragma once
// A questionnaire's progress, kept between sessions: the answers so far and the questions the
// person chose to skip. The file is health data: created readable by its owner only, in a
// folder only they can enter, and replaced atomically.

#include <runback/engine/answers.hpp>
#include <runback/input/answer_mapper.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace runback::input {

struct Progress {
    engine::Answers answers;
    std::vector<char> skipped;     // per question: skipped on purpose (not asked again)
};

// $XDG_STATE_HOME/runback/progress.yaml, else ~/.local/state/runback/progress.yaml.
std::filesystem::path default_progress_path();

// Writes `progress` to `path` atomically (mode 0600; the folder is created with 0700).
// Throws runback::Error when it cannot.
void save_progress(const std::filesystem::path& path, const rules::RuleBase& rule_base,
                   const Progress& progress);

struct LoadedProgress {
    std::optional<Progress> progress;   // empty when there is no file or it could not be used
    std::string problem;                // why a file could not be used, and where it was moved
};

// Reads the progress file if there is one. A file that cannot be read or understood is never
// silently lost: it is renamed aside (progress.yaml.unreadable-<time>) and `problem` says so.
LoadedProgress load_progress(const std::filesystem::path& path, const AnswerMapper& mapper);

}  // namespace runback::input
