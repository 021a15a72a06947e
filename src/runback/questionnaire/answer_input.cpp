#include <runback/questionnaire/answer_input.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace runback::questionnaire {
namespace {

constexpr double k_km_per_mile = 1.609344;

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

Typed choice(const rules::Question& question, std::string_view text) {
    Typed typed;
    const std::string wanted = lower(text);
    const auto& options = question.options;
    // A number picks the option shown with it.
    if (std::all_of(wanted.begin(), wanted.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        const auto n = std::strtoul(wanted.c_str(), nullptr, 10);
        if (n >= 1 && n <= options.size()) {
            typed.answer = engine::Answer{true, static_cast<int>(n - 1), 0};
            return typed;
        }
        typed.error = fmt::format("There is no option {}. Type a number from 1 to {}.", wanted, options.size());
        return typed;
    }
    std::vector<std::size_t> matches;
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (lower(options[i].id) == wanted) {
            typed.answer = engine::Answer{true, static_cast<int>(i), 0};
            return typed;
        }
        if (starts_with(lower(options[i].label), wanted) || starts_with(lower(options[i].id), wanted))
            matches.push_back(i);
    }
    if (matches.size() == 1) {
        typed.answer = engine::Answer{true, static_cast<int>(matches[0]), 0};
    } else if (matches.empty()) {
        typed.error = fmt::format("'{}' is not one of the options. Type its number (1 to {}) or the "
                                  "start of its words.", text, options.size());
    } else {
        std::string candidates;
        for (auto i : matches) candidates += fmt::format("{}{} ({})", candidates.empty() ? "" : ", ", i + 1, options[i].label);
        typed.error = fmt::format("'{}' could be {}. Type its number.", text, candidates);
    }
    return typed;
}

Typed number(const rules::Question& question, std::string_view text) {
    // Split off a unit the person may have typed: "20 km", "12.5 mi", "20 miles".
    std::string_view value = text;
    bool miles = false;
    const std::string lowered = lower(text);
    for (std::string_view suffix : {"miles", "mile", "mi", "km"}) {
        if (lowered.size() > suffix.size() && std::string_view(lowered).substr(lowered.size() - suffix.size()) == suffix) {
            miles = suffix != "km";
            value = trim(text.substr(0, text.size() - suffix.size()));
            break;
        }
    }
    const bool distance = question.unit.find("km") != std::string::npos;
    const std::string range = fmt::format("Please give a number from {} to {} ({}){}.", question.min,
                                          question.max, question.unit,
                                          distance ? "; for miles add mi, as in 20 mi" : "");
    Typed typed;
    if (miles && !distance) {
        typed.error = fmt::format("This question asks for {}, not a distance.", question.unit);
        return typed;
    }
    // Read the figure without the range first, so that miles are converted before the check.
    rules::Question unbounded = question;
    unbounded.min = -1e12;
    unbounded.max = 1e12;
    const auto figure = engine::parse_answer(unbounded, value, engine::DecimalMark::point_or_comma);
    if (!figure.error.empty() || !figure.answer.given) {
        typed.error = range;
        return typed;
    }
    double amount = figure.answer.number;
    if (miles) amount = std::round(amount * k_km_per_mile * 10) / 10;
    auto parsed = engine::parse_answer(question, fmt::format("{}", amount));
    if (!parsed.error.empty()) typed.error = range;
    else typed.answer = parsed.answer;
    return typed;
}

// The dialogue's commands, the same at every prompt: "" skip, "?" help, "b" back, "q" quit.
Command command_in(const std::string& word) {
    if (word.empty()) return Command::skip;
    if (word == "?" || word == "help") return Command::help;
    if (word == "b" || word == "back") return Command::back;
    if (word == "q" || word == "quit") return Command::quit;
    return Command::none;
}

}  // namespace

Typed interpret(const rules::Question& question, std::string_view text) {
    text = trim(text);
    const std::string word = lower(text);
    Typed typed;
    typed.command = command_in(word);
    if (typed.command != Command::none) return typed;

    switch (question.type) {
    case rules::QuestionType::yes_no: {
        auto parsed = engine::parse_answer(question, text);
        if (!parsed.error.empty()) typed.error = "Please answer y (yes) or n (no).";
        typed.answer = parsed.answer;
        return typed;
    }
    case rules::QuestionType::choice: return choice(question, text);
    case rules::QuestionType::number: return number(question, text);
    }
    return typed;
}

TypedChecklist interpret_checklist(std::size_t count, std::string_view text) {
    text = trim(text);
    const std::string word = lower(text);
    TypedChecklist typed;
    typed.command = command_in(word);
    if (typed.command != Command::none) return typed;
    if (word == "n" || word == "no" || word == "none" || word == "0") {
        typed.yes.assign(count, false);
        return typed;
    }
    const std::string usage = fmt::format("Type the numbers of those that apply (for example 2, or 1 3), or n if none "
                                          "of them do.");
    if (word == "y" || word == "yes") {
        typed.error = "Which of them? " + usage;
        return typed;
    }
    typed.yes.assign(count, false);
    std::string number;
    const auto take = [&]() {
        if (number.empty()) return true;
        const auto n = std::strtoul(number.c_str(), nullptr, 10);
        number.clear();
        if (n < 1 || n > count) return false;
        typed.yes[n - 1] = true;
        return true;
    };
    bool in_range = true;
    for (char c : word) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            number += c;
        } else if (c == ' ' || c == ',' || c == ';' || c == '\t') {
            in_range = in_range && take();
        } else {
            typed.error = fmt::format("'{}' is not a list of numbers. {}", text, usage);
            typed.yes.clear();
            return typed;
        }
    }
    in_range = in_range && take();
    if (in_range && std::find(typed.yes.begin(), typed.yes.end(), true) == typed.yes.end()) {
        // Only separators: not "none", which is n.
        typed.error = usage;
        typed.yes.clear();
        return typed;
    }
    if (!in_range) {
        typed.error = fmt::format("The numbers go from 1 to {}. {}", count, usage);
        typed.yes.clear();
    }
    return typed;
}

std::string answer_hint(const rules::Question& question) {
    switch (question.type) {
    case rules::QuestionType::yes_no: return "[y/n]";
    case rules::QuestionType::choice: return fmt::format("[1-{}]", question.options.size());
    case rules::QuestionType::number:
        return fmt::format("[{}-{} {}]", question.min, question.max, question.unit);
    }
    return {};
}

}  // namespace runback::questionnaire
