#include <runback/training/log_reader.hpp>

#include <runback/training/archive_reading.hpp>
#include <runback/training/fit_decoder.hpp>
#include <runback/training/xml_activity.hpp>
#include <runback/util/error.hpp>
#include <runback/util/read_file.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

namespace runback::training {
namespace {

namespace fs = std::filesystem;

bool ends_with(std::string_view text, std::string_view end) {
    if (text.size() < end.size()) return false;
    for (std::size_t i = 0; i < end.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[text.size() - end.size() + i])) != end[i]) return false;
    return true;
}

enum class Kind { gpx, tcx, fit, csv, zip, none };

Kind kind_of(std::string_view name) {
    if (ends_with(name, ".gz")) name.remove_suffix(3);
    if (ends_with(name, ".gpx")) return Kind::gpx;
    if (ends_with(name, ".tcx")) return Kind::tcx;
    if (ends_with(name, ".fit")) return Kind::fit;
    if (ends_with(name, ".csv")) return Kind::csv;
    if (ends_with(name, ".zip")) return Kind::zip;
    return Kind::none;
}

class Reader {
public:
    Reader(const ReadOptions& options, TrainingLog& log) : m_options(options), m_log(log) {}

    // `named`: given on the command line, rather than found in a folder.
    void path(const std::string& path, bool named = true) {
        std::error_code error;
        const auto status = fs::status(path, error);
        if (error || !fs::exists(status)) return problem(path, "no such file or folder");
        if (fs::is_directory(status)) return folder(path);
        const Kind kind = kind_of(path);
        if (kind == Kind::none)
            return problem(path, "not a training log runback reads (GPX, TCX or FIT, each also .gz; a Strava or "
                                 "Garmin activities CSV; a folder or zip of them)");
        if (kind == Kind::zip) return zip(path);
        std::string content;
        try {
            content = util::read_file(path);
        } catch (const Error& e) {
            return problem(path, e.what());
        }
        entry(path, path, content, named);
    }

private:
    void problem(const std::string& where, const std::string& message) { m_log.problems.push_back({where, message}); }

    void folder(const std::string& root) {
        std::vector<std::string> files;
        std::error_code error;
        for (fs::recursive_directory_iterator it(root, error), end; !error && it != end; it.increment(error)) {
            if (!it->is_regular_file(error)) continue;
            const std::string name = it->path().string();
            if (kind_of(name) != Kind::none && kind_of(name) != Kind::zip) files.push_back(name);
        }
        if (error) problem(root, "could not be read in full: " + error.message());
        // Sorted, so that results and messages do not depend on the file system's order.
        std::sort(files.begin(), files.end());
        for (const auto& file : files) path(file, false);
        if (files.empty()) problem(root, "holds no GPX, TCX, FIT or activities CSV file");
    }

    void zip(const std::string& archive) {
        const std::string why = read_zip(archive, [&](const std::string& name, std::string& content) {
            if (kind_of(name) == Kind::none || kind_of(name) == Kind::zip) return;
            entry(archive + ": " + name, name, content, false);
        });
        if (!why.empty()) problem(archive, "the zip archive is damaged or cut short (" + why + "); the entries before the damage were used");
    }

    // One file's content, named `origin` in messages; `name` tells its kind. `named`: the
    // runner named this file, rather than it being found in a folder or archive.
    void entry(const std::string& origin, const std::string& name, std::string& content, bool named) {
        if (ends_with(name, ".gz")) {
            try {
                content = gunzip(content);
            } catch (const Error& e) {
                return problem(origin, e.what() + std::string("; the file was left out"));
            }
        }
        if (kind_of(name) != Kind::csv) ++m_log.files_read;
        switch (kind_of(name)) {
        case Kind::gpx: read_gpx(content, origin, m_log); break;
        case Kind::tcx: read_tcx(content, origin, m_log); break;
        case Kind::fit: read_fit(content, origin, m_log); break;
        case Kind::csv:
            // A CSV in an export that is not an activities list (Strava's profile.csv, say)
            // is none of runback's business; one named on the command line is.
            if (!named && !is_activities_csv(content)) return;
            ++m_log.files_read;
            read_activities_csv(content, origin, m_options.csv_unit, m_log);
            break;
        case Kind::zip:
        case Kind::none: break;
        }
    }

    const ReadOptions& m_options;
    TrainingLog& m_log;
};

}  // namespace

TrainingLog read_training_log(const std::vector<std::string>& paths, const ReadOptions& options) {
    TrainingLog log;
    Reader reader(options, log);
    for (const auto& path : paths) reader.path(path);
    return log;
}

}  // namespace runback::training
