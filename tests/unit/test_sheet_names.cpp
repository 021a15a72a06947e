// Sheet file names and formats: safe characters only, no way out of the folder, no two records
// sharing a file, and the format a name's extension implies.

#include <runback/sheet/sheet_names.hpp>
#include <runback/sheet/sheet_render.hpp>
#include <runback/util/dates.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace runback;

TEST_CASE("sheet::safe_file_stem") {
    CHECK(sheet::safe_file_stem("p-12_a.b") == "p-12_a.b");
    CHECK(sheet::safe_file_stem("../../etc/passwd") == "etc_passwd");
    CHECK(sheet::safe_file_stem("..") == "");
    CHECK(sheet::safe_file_stem(".hidden") == "hidden");
    CHECK(sheet::safe_file_stem("a/b\\c:d") == "a_b_c_d");
    CHECK(sheet::safe_file_stem("  spaced   out  ") == "spaced_out");
    CHECK(sheet::safe_file_stem("Zoë") == "Zo");
    CHECK(sheet::safe_file_stem(std::string(200, 'x')).size() == 80);
    CHECK(sheet::safe_file_stem(std::string("a\0b", 3)) == "a_b");
}

TEST_CASE("sheet::SheetNamer") {
    sheet::SheetNamer namer("html");
    CHECK(namer.name_for(std::string("A1"), 1) == "A1.html");
    CHECK(namer.name_for(std::string("a1"), 2) == "a1-row-2.html");   // same name ignoring case
    CHECK(namer.name_for(std::nullopt, 3) == "row-3.html");
    CHECK(namer.name_for(std::string("///"), 4) == "row-4.html");
    CHECK(namer.name_for(std::string("row-3"), 5) == "row-3-row-5.html");
    CHECK(namer.name_for(std::string("a1-row-7"), 6) == "a1-row-7.html");
    CHECK(namer.name_for(std::string("a1"), 7) == "a1-row-7-2.html");   // even that was taken
}

TEST_CASE("sheet formats from names and ids") {
    CHECK(sheet::sheet_format_from_path("out/Sam.HTML") == sheet::SheetFormat::html);
    CHECK(sheet::sheet_format_from_path("a.htm") == sheet::SheetFormat::html);
    CHECK(sheet::sheet_format_from_path("a.md") == sheet::SheetFormat::md);
    CHECK(sheet::sheet_format_from_path("a.txt") == sheet::SheetFormat::txt);
    CHECK_FALSE(sheet::sheet_format_from_path("a.docx"));
    CHECK_FALSE(sheet::sheet_format_from_path("dir.v2/sheet"));
    CHECK(sheet::sheet_format_from_id("markdown") == sheet::SheetFormat::md);
    CHECK_FALSE(sheet::sheet_format_from_id("pdfx"));
}

TEST_CASE("util::is_iso_date") {
    CHECK(util::is_iso_date("2026-11-22"));
    CHECK(util::is_iso_date("2024-02-29"));
    CHECK_FALSE(util::is_iso_date("2026-02-29"));
    CHECK_FALSE(util::is_iso_date("1900-02-29"));
    CHECK(util::is_iso_date("2000-02-29"));
    CHECK_FALSE(util::is_iso_date("2026-13-01"));
    CHECK_FALSE(util::is_iso_date("2026-1-01"));
    CHECK_FALSE(util::is_iso_date("26-11-2026"));
    CHECK(util::is_iso_date(util::today_iso_date()));
}
