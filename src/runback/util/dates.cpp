#include <runback/util/dates.hpp>

#include <ctime>

namespace runback::util {

std::string today_iso_date() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    ::localtime_r(&now, &local);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &local);
    return text;
}

bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8}, sizes[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i) {
        for (std::size_t j = 0; j < sizes[i]; ++j) {
            const char c = text[starts[i] + j];
            if (c < '0' || c > '9') return false;
            parts[i] = parts[i] * 10 + (c - '0');
        }
    }
    const int year = parts[0], month = parts[1], day = parts[2];
    if (month < 1 || month > 12 || day < 1) return false;
    static constexpr int k_days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= (month == 2 && !leap ? 28 : k_days[month - 1]);
}

}  // namespace runback::util
