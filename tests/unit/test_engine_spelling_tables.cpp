// SpellingTables of 16- and 32-byte keys, directly: every spelling is found in any letter case
// whatever bytes follow it, with its option; texts one byte off, one byte short or one byte
// long are not found; a set added again shares its table; sets no hash can keep apart are
// refused.

#include <runback/engine/spelling_tables.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

using namespace runback;

namespace {

template <std::size_t Width>
void check_table(const std::vector<std::string>& texts) {
    using Tables = engine::SpellingTables<Width>;
    Tables tables;
    std::vector<typename Tables::Spelling> spellings;
    for (std::size_t i = 0; i < texts.size(); ++i) spellings.push_back({texts[i], static_cast<int>(i)});
    const int handle = tables.add(spellings);
    REQUIRE(handle >= 0);
    CHECK(tables.add(spellings) == handle);

    // The text, then bytes that would change the answer if they were read as part of it.
    const auto find = [&](const std::string& text, char after) {
        const std::string padded = text + std::string(Width, after);
        return tables.find(handle, std::string_view(padded).substr(0, text.size()));
    };
    const auto option_of = [&](const std::string& text) -> int {
        const auto at = std::find(texts.begin(), texts.end(), text);
        return at == texts.end() ? -1 : static_cast<int>(at - texts.begin());
    };
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const std::string& text = texts[i];
        CAPTURE(text);
        std::string upper = text;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        std::string mixed = text;
        for (std::size_t j = 0; j < mixed.size(); j += 2)
            mixed[j] = static_cast<char>(std::toupper(static_cast<unsigned char>(mixed[j])));
        for (const auto& spelling : {text, upper, mixed}) {
            for (char after : {'\0', 'a', 'Z', ','}) {
                const auto* slot = find(spelling, after);
                REQUIRE(slot != nullptr);
                CHECK(slot->option == static_cast<int>(i));
                CHECK(slot->size == text.size());
            }
        }
        // Near misses: each byte changed, one byte less, one more.
        std::vector<std::string> misses;
        for (std::size_t j = 0; j < text.size(); ++j) {
            std::string changed = text;
            changed[j] = changed[j] == 'q' ? 'w' : 'q';
            misses.push_back(changed);
        }
        if (text.size() > 1) misses.push_back(text.substr(0, text.size() - 1));
        if (text.size() < Width) misses.push_back(text + text.back());
        for (const auto& miss : misses) {
            CAPTURE(miss);
            const auto* slot = find(miss, 'x');
            const int expected = option_of(miss);
            if (expected < 0) {
                CHECK(slot == nullptr);
            } else {
                REQUIRE(slot != nullptr);
                CHECK(slot->option == expected);
            }
        }
    }
}

}  // namespace

TEST_CASE("engine::SpellingTables") {
    REQUIRE(engine::SpellingTables<16>::available());
    SUBCASE("16-byte keys: words of 1 to 16 bytes") {
        check_table<16>({"yes", "no", "y", "n", "na", "n/a", "-", "true", "false", "1", "0", "upper_back",
                         "concrete_asphalt", "lower_back", "buttock_hip", "up_10_to_30pct", "grade_01",
                         "grade_02", "lower_back_pain1", "lower_back_pain2"});
    }
    SUBCASE("32-byte keys: ids of 17 to 32 bytes, some alike in their first 16") {
        check_table<32>({"cushioned_running", "returning_after_break", "returning_after_brake",
                         "overstriding_heel_strike", "leaning_forward_hunched", "new_under_3_months",
                         "seventeen_letters", std::string(32, 'k'), std::string(31, 'k') + "l"});
    }
    SUBCASE("keys alike but for their length are refused, not confused") {
        engine::SpellingTables<16> tables;
        CHECK(tables.add({{"ab", 0}, {std::string("ab\0", 3), 1}}) == -1);
        CHECK(tables.add({{"", 0}}) == -1);
        CHECK(tables.add({{std::string(17, 'x'), 0}}) == -1);   // too long for the table
    }
}
