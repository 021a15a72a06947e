// AnswerParser against parse_answer: the same answer and the same error for every spelling of
// every question of the default rule base in varied case and spacing, for numbers of every
// form, for bad values, and for a question with awkward option ids.

#include <runback/engine/answer_parser.hpp>
#include <runback/rules/embedded.hpp>
#include <runback/rules/loader.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cctype>
#include <cstring>
#include <string>
#include <vector>

using namespace runback;
using engine::DecimalMark;

namespace {

// The text in the ways people write it: as is, upper case, capitalised, alternating case, and
// with spaces, a tab or a line end around it.
std::vector<std::string> spellings(const std::string& text) {
    std::string upper = text, capital = text, alternating = text;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!capital.empty()) capital[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(capital[0])));
    for (std::size_t i = 0; i < alternating.size(); i += 2)
        alternating[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(alternating[i])));
    return {text, upper, capital, alternating, " " + text, text + " ", "\t" + capital + "\r\n", "  " + upper + "  "};
}

// The same result as parse_answer from parse(), and from try_parse() when it takes the text.
void check_same(const rules::RuleBase& rb, const engine::AnswerParser& parser, int question,
                const std::string& text) {
    for (auto mark : {DecimalMark::point, DecimalMark::point_or_comma}) {
        CAPTURE(text);
        CAPTURE(rb.questions[static_cast<std::size_t>(question)].id);
        const auto expected = engine::parse_answer(rb.questions[static_cast<std::size_t>(question)], text, mark);
        const auto got = parser.parse(question, text, mark);
        CHECK(got.error == expected.error);
        CHECK(got.answer.given == expected.answer.given);
        CHECK(got.answer.option == expected.answer.option);
        CHECK(std::memcmp(&got.answer.number, &expected.answer.number, sizeof(double)) == 0);
        engine::Answer fast;
        if (parser.try_parse(question, text, mark, fast)) {
            CHECK(expected.error.empty());
            CHECK(fast.given == expected.answer.given);
            CHECK(fast.option == expected.answer.option);
            CHECK(std::memcmp(&fast.number, &expected.answer.number, sizeof(double)) == 0);
        } else {
            CHECK_FALSE(fast.given);
        }
        // try_parse_padded agrees with try_parse, whatever follows the text (here bytes that
        // would change the answer if they were read as part of it).
        const std::string_view afters[] = {"sYES;no,\"\n", std::string_view("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16),
                                           "AAAAAAAAAAAAAAAA"};
        for (const std::string_view after : afters) {
            const std::string padded = text + std::string(after) +
                                       std::string(engine::AnswerParser::k_padded_reach, 'x');
            engine::Answer padded_answer;
            engine::Answer plain_answer;
            const bool took = parser.try_parse_padded(question, std::string_view(padded).substr(0, text.size()), mark,
                                                      padded_answer);
            CHECK(took == parser.try_parse(question, text, mark, plain_answer));
            CHECK(padded_answer.given == plain_answer.given);
            CHECK(padded_answer.option == plain_answer.option);
            CHECK(std::memcmp(&padded_answer.number, &plain_answer.number, sizeof(double)) == 0);
        }
    }
}

const char* const k_words[] = {"yes", "no", "y", "n", "true", "false", "1", "0", "na", "n/a", "-", "",
                               " ", "--", "yess", "nope", "maybe", "yes please", "ÿes", "é", "\xff", "n\xc3\xa1"};

const char* const k_numbers[] = {"0", "5", "5.5", "5,5", "-0", "-0.0", "+3", "-3", ".5", "5.", "-.5", "+.5",
                                 "007", "1e2", "inf", "nan", "0x1A", "1 000", "1.2.3", "3,", ",5", ".", "+",
                                 "12345678901234567890", "123456789012345", "1234567890123456", "0.1234567890123456789",
                                 "99.99", "100", "100.0000001", "300", "300.5", "-5", "12,5", "1,2,3", "٣"};

}  // namespace

TEST_CASE("engine::AnswerParser") {
    const auto rb = rules::load_rule_base(rules::embedded_rule_files());
    const engine::AnswerParser parser(rb);

    SUBCASE("every option and word of every question, in any case and spacing") {
        for (std::size_t q = 0; q < rb.questions.size(); ++q) {
            std::vector<std::string> texts(std::begin(k_words), std::end(k_words));
            for (const auto& other : rb.questions)   // other questions' options too
                for (const auto& option : other.options) texts.push_back(option.id);
            for (const auto& text : texts)
                for (const auto& spelling : spellings(text)) check_same(rb, parser, static_cast<int>(q), spelling);
        }
    }
    SUBCASE("numbers of every form, in and out of range, with either decimal mark") {
        for (std::size_t q = 0; q < rb.questions.size(); ++q) {
            const auto& question = rb.questions[q];
            std::vector<std::string> texts(std::begin(k_numbers), std::end(k_numbers));
            for (double value : {question.min, question.max, question.min - 1, question.max + 1,
                                 question.min - 0.01, question.max + 0.01, (question.min + question.max) / 2}) {
                texts.push_back(fmt::format("{}", value));
                texts.push_back(fmt::format("{:.3f}", value));
            }
            for (const auto& text : texts)
                for (const auto& spelling : spellings(text)) check_same(rb, parser, static_cast<int>(q), spelling);
        }
    }
    SUBCASE("awkward option ids: NA, repeats after folding case, capitals, long and non-ASCII ids") {
        rules::RuleBase odd;
        rules::Question question;
        question.id = "odd";
        question.type = rules::QuestionType::choice;
        // Ids of 17 to 32 bytes go to the 32-byte tables: at both ends of that range, and
        // alike but for one byte past the sixteenth, or past the sixteenth and the last.
        const std::string long_id(40, 'l'), longer_id(70, 'm'), widest_id(32, 'k');
        question.options = {{"NA", "Shadowed by unanswered"}, {"Alpha", "A"}, {"alpha", "Repeat"},
                            {"x", "X"}, {long_id, "Long"}, {longer_id, "Longer"}, {"\xc3\xa9t\xc3\xa9", "Summer"},
                            {"n/a", "Also shadowed"}, {"yes", "Plain yes"}, {"a_b-c.d", "Punctuation"},
                            {"seventeen_letters", "17"}, {widest_id, "32"}, {"returning_after_break", "Back"},
                            {"returning_after_brake", "Slowing"}, {"returning_after_Break", "Repeat"}};
        odd.questions.push_back(question);
        const engine::AnswerParser odd_parser(odd);
        std::vector<std::string> texts(std::begin(k_words), std::end(k_words));
        for (const auto& option : question.options) texts.push_back(option.id);
        texts.insert(texts.end(), {"ALPHA", "alph", "alphaa", long_id + "l", "\xc3\x89T\xc3\x89", "X ",
                                   "seventeen_letter", "seventeen_letterss", widest_id + "k", widest_id.substr(1),
                                   "returning_after_breaks", "returning_after_\xc3\xa9reak",
                                   std::string("returning_after_break").replace(16, 1, 1, '\0')});
        // Texts that share an id's first 16 bytes and length: some land in its slot, and only
        // the bytes past the sixteenth tell them apart.
        for (char a = 'a'; a <= 'z'; ++a)
            for (char b = 'a'; b <= 'z'; ++b) texts.push_back(std::string("returning_after_bre") + a + b);
        for (const auto& text : texts)
            for (const auto& spelling : spellings(text)) check_same(odd, odd_parser, 0, spelling);
    }
}
