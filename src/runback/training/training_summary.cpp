#include <runback/training/training_summary.hpp>

#include <runback/training/log_time.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace runback::training {
namespace {

// The definitions, with their sources in docs/training-log.md.
constexpr int k_volume_weeks = 4;          // weekly_distance_km: the mean of the last 4 weeks
constexpr int k_recent_days = 14;          // a "recent" long run: in the last 2 weeks
constexpr int k_reference_days = 30;       // against the longest of the 30 days before it (Frandsen 2025)
constexpr double k_spike_ratio = 1.10;     // more than 10% longer
constexpr std::int64_t k_break_days = 28;  // a gap of 4 weeks or more: a break
constexpr std::int64_t k_new_days = 91;    // under 3 months: new, or just back
constexpr std::int64_t k_year_days = 365;

std::string number_text(double value) {
    std::string text = fmt::format("{:.1f}", value);
    if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
    return text;
}

std::string percent_text(double change) {
    if (std::isinf(change)) return "from none";
    return fmt::format("{:+.0f}%", change * 100);
}

class Summariser {
public:
    Summariser(RunList list, std::int64_t as_of) {
        m_summary.as_of = as_of;
        m_summary.first_day = list.runs.empty() && list.first_day == 0 ? as_of : list.first_day;
        m_summary.list = std::move(list);
    }

    TrainingSummary run() {
        weeks();
        if (runs().empty()) {
            for (const char* question : {"weekly_distance_km", "volume_change", "rest_days_per_week", "running_experience", "longest_run_jump"})
                cannot(question, "the log holds no run");
            return std::move(m_summary);
        }
        gps();
        weekly_distance();
        volume_change();
        rest_days();
        experience();
        longest_run();
        return std::move(m_summary);
    }

private:
    const std::vector<Activity>& runs() const { return m_summary.list.runs; }

    // Week `back` weeks before the latest (0 is the week ending on the day assessed).
    WeekTotal week(int back) const {
        WeekTotal total;
        total.last_day = m_summary.as_of - 7 * back;
        total.first_day = total.last_day - 6;
        total.covered = m_summary.first_day <= total.first_day;
        std::set<std::int64_t> days;
        for (const auto& run : runs()) {
            const std::int64_t day = local_day(run.start);
            if (day < total.first_day || day > total.last_day) continue;
            total.km += run.distance_km;
            ++total.runs;
            days.insert(day);
        }
        total.run_days = static_cast<int>(days.size());
        return total;
    }

    // Mean weekly km over weeks [from, from + count) back; empty unless the log covers them.
    std::optional<double> mean_km(int from, int count) const {
        double sum = 0;
        for (int back = from; back < from + count; ++back) {
            const WeekTotal total = week(back);
            if (!total.covered) return std::nullopt;
            sum += total.km;
        }
        return sum / count;
    }

    int covered_weeks(int most) const {
        int count = 0;
        while (count < most && week(count).covered) ++count;
        return count;
    }

    void answer(const std::string& question, const std::string& value, const std::string& basis) {
        m_summary.answers.push_back({question, value, basis});
    }
    void cannot(const std::string& question, const std::string& reason) {
        m_summary.not_derived.push_back({question, reason});
    }

    std::string coverage_reason(int weeks_needed) const {
        return fmt::format("the log begins on {}, so it covers {} of the {} weeks this needs", day_text(m_summary.first_day),
                           covered_weeks(weeks_needed), weeks_needed);
    }

    void weeks() {
        for (int back = k_chart_weeks - 1; back >= 0; --back) m_summary.weeks.push_back(week(back));
    }

    void gps() {
        for (const auto& run : runs())
            if (run.gps_jumps > 0) m_summary.gps_jumps.push_back({run.origin, run.gps_jumps, run.gps_jump_km, run.distance_km});
    }

    void weekly_distance() {
        const int weeks = covered_weeks(k_volume_weeks);
        if (weeks == 0) return cannot("weekly_distance_km", coverage_reason(1));
        const double mean = *mean_km(0, weeks);
        std::string list;
        for (int back = weeks - 1; back >= 0; --back) list += (list.empty() ? "" : ", ") + number_text(week(back).km);
        answer("weekly_distance_km", number_text(mean),
               weeks == k_volume_weeks ? fmt::format("the mean of the last 4 weeks ({} km)", list)
                                       : fmt::format("the mean of the {} week{} the log covers ({} km)", weeks, weeks == 1 ? "" : "s", list));
    }

    // The larger rise of two comparisons, both against the 4 weeks before: the last 2 weeks
    // (Nielsen 2014 measured progression over 2 weeks) and the last 4.
    void volume_change() {
        struct Comparison {
            int weeks;
            double recent, before, change;
        };
        std::vector<Comparison> comparisons;
        for (const int recent_weeks : {2, 4}) {
            const auto recent = mean_km(0, recent_weeks);
            const auto before = mean_km(recent_weeks, 4);
            if (!recent || !before) continue;
            const double change = *before > 0 ? *recent / *before - 1
                                  : *recent > 0 ? std::numeric_limits<double>::infinity() : 0.0;
            comparisons.push_back({recent_weeks, *recent, *before, change});
        }
        if (comparisons.empty()) return cannot("volume_change", coverage_reason(6));
        const auto& larger = *std::max_element(comparisons.begin(), comparisons.end(),
                                               [](const Comparison& a, const Comparison& b) { return a.change < b.change; });
        // Rounded to a millionth, so that 33 km against 30 is exactly +10%, as a person reckons.
        const double c = std::isinf(larger.change) ? larger.change : std::round(larger.change * 1e6) / 1e6;
        const char* option = c > 0.30 ? "up_over_30pct" : c >= 0.10 ? "up_10_to_30pct" : c > 0.05 ? "up_under_10pct"
                                                                     : c >= -0.05 ? "steady" : "decreased";
        std::string basis = fmt::format("the last {} weeks averaged {} km a week against {} in the 4 weeks before ({})", larger.weeks,
                                        number_text(larger.recent), number_text(larger.before), percent_text(c));
        if (comparisons.size() == 2) {
            const auto& other = &larger == &comparisons[0] ? comparisons[1] : comparisons[0];
            basis += fmt::format("; over {} weeks it was {}, and the larger rise counts", other.weeks, percent_text(other.change));
        }
        answer("volume_change", option, basis);
    }

    void rest_days() {
        const int weeks = covered_weeks(k_volume_weeks);
        if (weeks == 0) return cannot("rest_days_per_week", coverage_reason(1));
        int run_days = 0;
        for (int back = 0; back < weeks; ++back) run_days += week(back).run_days;
        const double rest = static_cast<double>(7 * weeks - run_days) / weeks;
        answer("rest_days_per_week", number_text(std::round(rest * 10) / 10),
               fmt::format("days without a run over the last {} week{}: {} of {}", weeks, weeks == 1 ? "" : "s",
                           7 * weeks - run_days, 7 * weeks));
    }

    void experience() {
        if (runs().empty()) return cannot("running_experience", "the log holds no run");
        std::vector<std::int64_t> days;
        for (const auto& run : runs()) days.push_back(local_day(run.start));
        std::int64_t since = days.front();
        std::int64_t gap = 0;
        for (std::size_t i = 1; i < days.size(); ++i)
            if (days[i] - days[i - 1] >= k_break_days) {
                since = days[i];
                gap = days[i] - days[i - 1];
            }
        const std::int64_t running_for = m_summary.as_of - since;
        if (gap > 0 && running_for < k_new_days)
            return answer("running_experience", "returning_after_break",
                          fmt::format("back on {} after {} weeks without a run", day_text(since), gap / 7));
        const std::string basis = gap > 0 ? fmt::format("running regularly since {}, after a break of {} weeks", day_text(since), gap / 7)
                                          : fmt::format("the first run in the log is on {}", day_text(since));
        const char* option = running_for < k_new_days ? "new_under_3_months" : running_for < k_year_days ? "3_to_12_months" : "over_1_year";
        answer("running_experience", option, basis);
    }

    // Frandsen 2025 compared each run with the longest of the 30 days before it. Each run of
    // the last 2 weeks is compared so; the one that went furthest beyond it is shown.
    void longest_run() {
        LongestRun& chosen = m_summary.longest;
        double chosen_ratio = -1;
        for (const auto& run : runs()) {
            const std::int64_t day = local_day(run.start);
            if (day <= m_summary.as_of - k_recent_days || day > m_summary.as_of) continue;
            LongestRun candidate;
            candidate.found = true;
            candidate.km = run.distance_km;
            candidate.day = day;
            candidate.origin = run.origin;
            for (const auto& before : runs()) {
                const std::int64_t before_day = local_day(before.start);
                if (before_day < day - k_reference_days || before_day >= day || before.distance_km <= candidate.previous_km)
                    continue;
                candidate.previous_km = before.distance_km;
                candidate.previous_day = before_day;
            }
            candidate.previous_covered = m_summary.first_day <= day - k_reference_days;
            candidate.spike = candidate.km > k_spike_ratio * candidate.previous_km;
            const double ratio = candidate.previous_km > 0 ? candidate.km / candidate.previous_km
                                                           : std::numeric_limits<double>::infinity();
            // Among equal ratios the longer run, then the later: the one a runner remembers.
            if (ratio > chosen_ratio || (ratio == chosen_ratio && candidate.km >= chosen.km)) {
                chosen = candidate;
                chosen_ratio = ratio;
            }
        }
        if (!chosen.found) return answer("longest_run_jump", "no", "no run in the last 2 weeks");
        const std::string run = fmt::format("{} km on {}", number_text(chosen.km), day_text(chosen.day));
        if (chosen.previous_km == 0 && !chosen.previous_covered)
            return cannot("longest_run_jump", fmt::format("the log does not reach the 30 days before {}", run));
        if (chosen.previous_km == 0)
            return answer("longest_run_jump", "yes", fmt::format("{}, with no run in the 30 days before it", run));
        const std::string against = fmt::format("{}% {} than the longest of the 30 days before it ({} km on {})",
                                                number_text(std::fabs(chosen.km / chosen.previous_km - 1) * 100),
                                                chosen.km >= chosen.previous_km ? "longer" : "shorter",
                                                number_text(chosen.previous_km), day_text(chosen.previous_day));
        answer("longest_run_jump", chosen.spike ? "yes" : "no",
               (chosen.spike ? run + " is " : "No run of the last 2 weeks went more than 10% beyond its month: " + run + " is ") +
                   against);
    }

    TrainingSummary m_summary;
};

}  // namespace

TrainingSummary summarise(RunList list, std::int64_t as_of) { return Summariser(std::move(list), as_of).run(); }

}  // namespace runback::training
