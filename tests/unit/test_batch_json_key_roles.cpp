// JsonKeyRoles against the plain way of reading a JSONL key (normalise it, then compare it with
// "id", with each --keep name normalised, and look its question up): the same role for keys as
// files write them, in other letter cases, with spaces around them, and for keys that are none.

#include <runback/batch/json_key_roles.hpp>
#include <runback/input/answer_mapper.hpp>
#include <runback/rules/embedded.hpp>
#include <runback/rules/loader.hpp>

#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <vector>

using namespace runback;

TEST_CASE("batch::JsonKeyRoles") {
    const auto rb = rules::load_rule_base(rules::embedded_rule_files());
    const input::AnswerMapper mapper(rb);
    // A name kept twice (in two spellings), a kept question, a kept id, one never seen, and
    // one whose only capital is a Z when written.
    const std::vector<std::string> keep = {"clinic", " Clinic", "AGE", "id", "notes", "zone"};
    const batch::JsonKeyRoles roles(mapper, keep);

    std::vector<std::string> keys = {"id", "ID", " id ", "iD\t", "clinic", "CLINIC", "notes ", "submitted_at",
                                     "", " ", "Ägé", "age\xff", "a", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
                                     std::string("age\0", 4), "_age", "ag", "agee", "Zone", "zonA"};
    for (const auto& question : rb.questions) {
        std::string upper = question.id;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        keys.insert(keys.end(), {question.id, upper, " " + question.id, question.id + "\r\n", question.id + "_x",
                                 question.id.substr(1)});
    }
    int found = 0;
    for (const auto& key : keys) {
        CAPTURE(key);
        const std::string normal = input::normalise_key(key);
        const bool id = normal == input::k_id_key;
        std::vector<std::size_t> kept;
        for (std::size_t k = 0; k < keep.size(); ++k)
            if (normal == input::normalise_key(keep[k])) kept.push_back(k);
        const int question = mapper.question_for(key);

        const batch::KeyRole* role = roles.find(key);
        if (!id && kept.empty() && question < 0) {
            CHECK(role == nullptr);
            continue;
        }
        REQUIRE(role != nullptr);
        ++found;
        CHECK(role->id == id);
        CHECK(role->kept == kept);
        CHECK(role->question == question);
    }
    CHECK(found > 4 * static_cast<int>(rb.questions.size()));
}
