// The workbook reader on workbooks written by xlsxwriter and openpyxl (and a few by hand), cell
// by cell; hostile and foreign files, each refused with a problem naming the file and the part or
// what the file is; and audits read from a workbook, with problems naming their cells. The
// fixtures are written by tests/data/xlsx/make_workbooks.py.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

#include "qaframe/io/file.hpp"
#include "qaframe/io/xlsx.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/audits_file.hpp"
#include "qaframe/readers/audits_xlsx.hpp"
#include "stored_zip.hpp"

using qaframe::CellType;
using qaframe::Diagnostics;
using qaframe::SheetTable;
using qaframe::XlsxOptions;

namespace {

std::string fixture(std::string_view name) {
  return std::string(QAFRAME_SOURCE_DIR) + "/tests/data/xlsx/" + std::string(name);
}

std::string bytes_of(std::string_view name) {
  auto b = qaframe::read_file(fixture(name));
  REQUIRE(b.ok());
  return *std::move(b);
}

SheetTable read(std::string_view name, std::string sheet = "") {
  XlsxOptions o;
  o.sheet = std::move(sheet);
  Diagnostics diag;
  auto t = qaframe::parse_xlsx(bytes_of(name), std::string(name), o, &diag);
  REQUIRE_MESSAGE(t.ok(), std::string(t.status().message()));
  CHECK(diag.ok());
  return *std::move(t);
}

// The one problem reading `bytes` (named `name`) gives, as text.
std::string refusal_of(const std::string& bytes, std::string_view name,
                       const XlsxOptions& options = {}) {
  Diagnostics diag;
  auto t = qaframe::parse_xlsx(bytes, std::string(name), options, &diag);
  REQUIRE(!t.ok());
  CHECK(absl::IsInvalidArgument(t.status()));
  REQUIRE(diag.total() == 1);
  REQUIRE(diag.problems().size() == 1);
  CHECK(diag.problems()[0].source == name);
  CHECK(diag.problems()[0].cell.empty());
  return diag.problems()[0].to_string();
}

// The one problem reading the fixture `name` gives, as text.
std::string refusal(std::string_view name, const XlsxOptions& options = {}) {
  return refusal_of(bytes_of(name), name, options);
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// Row `i` as (text, type) pairs up to its last value.
std::vector<std::pair<std::string, CellType>> cells(const SheetTable& t, std::size_t i) {
  std::vector<std::pair<std::string, CellType>> out;
  for (std::size_t c = 0; c < t.row_width(i); ++c) {
    out.emplace_back(std::string(t.cell(i, c)), t.type(i, c));
  }
  return out;
}

using Row = std::vector<std::pair<std::string, CellType>>;
constexpr CellType kT = CellType::kText;
constexpr CellType kN = CellType::kNumber;
constexpr CellType kB = CellType::kBoolean;
constexpr CellType kD = CellType::kDate;
constexpr CellType kDT = CellType::kDateTime;
constexpr CellType kTm = CellType::kTime;
constexpr CellType kE = CellType::kError;
constexpr CellType k0 = CellType::kEmpty;

}  // namespace

TEST_CASE("xlsx: cell references") {
  CHECK(qaframe::column_letters(0) == "A");
  CHECK(qaframe::column_letters(25) == "Z");
  CHECK(qaframe::column_letters(26) == "AA");
  CHECK(qaframe::column_letters(51) == "AZ");
  CHECK(qaframe::column_letters(52) == "BA");
  CHECK(qaframe::column_letters(701) == "ZZ");
  CHECK(qaframe::column_letters(702) == "AAA");
  CHECK(qaframe::column_letters(16383) == "XFD");
  CHECK(qaframe::cell_reference(14, 2) == "C14");
  using Ref = std::pair<std::int64_t, std::int64_t>;
  CHECK(qaframe::parse_cell_reference("C14") == Ref{14, 2});
  CHECK(qaframe::parse_cell_reference("$C$14") == Ref{14, 2});
  CHECK(qaframe::parse_cell_reference("xfd1048576") == Ref{1048576, 16383});
  for (const char* bad :
       {"", "A", "14", "A0", "A01", "XFE1", "A1048577", "1A", "A1:B2", "AAAAA1", "A-1", "A 1"}) {
    INFO(bad);
    CHECK(!qaframe::parse_cell_reference(bad).has_value());
  }
  CHECK(qaframe::CellRange{3, 0, 3, 5}.to_string() == "A3:F3");
  CHECK(qaframe::CellRange{3, 1, 3, 1}.to_string() == "B3");
}

TEST_CASE("xlsx: sheet names in the workbook's order, hidden and chart sheets included") {
  auto names = qaframe::xlsx_sheet_names(bytes_of("xlsxwriter_features.xlsx"), "f.xlsx");
  REQUIRE(names.ok());
  CHECK(*names == std::vector<std::string>{"Notes", "Audits", "Dates1900", "Hidden", "Chart"});
  auto from_file = qaframe::read_xlsx_sheet_names(fixture("openpyxl_features.xlsx"));
  REQUIRE(from_file.ok());
  CHECK(*from_file == std::vector<std::string>{"Audits", "Formulas"});
}

TEST_CASE("xlsx: xlsxwriter workbook, cell by cell") {
  const SheetTable first = read("xlsxwriter_features.xlsx");
  CHECK(first.sheet() == "Notes");  // the first visible worksheet
  CHECK(first.source() == "xlsxwriter_features.xlsx[Notes]");
  REQUIRE(first.size() == 1);
  CHECK(cells(first, 0) == Row{{"Read me first", kT}});

  const SheetTable t = read("xlsxwriter_features.xlsx", "Audits");
  CHECK(t.sheet() == "Audits");
  CHECK(!t.date1904());
  // Row 2 and 7 hold nothing; formatted empty rows 10-12 and column J are dropped.
  CHECK(std::vector<std::int64_t>(t.row_numbers().begin(), t.row_numbers().end()) ==
        std::vector<std::int64_t>{1, 3, 4, 5, 6, 8});
  CHECK(t.width() == 9);
  CHECK(cells(t, 0) == Row{{"Quality assurance audits 2017-18", kT}});  // merged: top-left only
  REQUIRE(t.merged().size() == 1);
  CHECK(t.merged()[0].to_string() == "A1:H1");
  CHECK(cells(t, 1) == Row{{"audit_id", kT},
                           {"child_id", kT},
                           {"team", kT},
                           {"audit_date", kT},
                           {"grade", kT},
                           {"score", kT},
                           {"flag", kT},
                           {"note", kT}});
  // Shared, rich (runs joined), a date, an integer, a boolean, a decimal.
  CHECK(cells(t, 2) == Row{{"AUD-1", kT},
                           {"C-1", kT},
                           {"North Team", kT},
                           {"2017-10-02", kD},
                           {"Good", kT},
                           {"3", kN},
                           {"TRUE", kB},
                           {"0.1", kN}});
  // A date-time; a formula's cached text and number; the shortest text that round-trips.
  CHECK(cells(t, 3) == Row{{"AUD-2", kT},
                           {"C-2", kT},
                           {"North Team", kT},
                           {"2017-10-02 14:30:00", kDT},
                           {"Good", kT},
                           {"0.3333333333333333", kN},
                           {"FALSE", kB},
                           {"6", kN}});
  // Missing cells are empty; an error value cached by a formula; spaces kept.
  CHECK(cells(t, 4) == Row{{"AUD-3", kT},
                           {"", k0},
                           {"South", kT},
                           {"", k0},
                           {"#N/A", kE},
                           {"123456789012", kN},
                           {"", k0},
                           {"  spaced  ", kT}});
  // Numbers of every size; a custom date format with a locale; times; formats that show
  // letters d, h, s only inside quotes or brackets are numbers.
  CHECK(cells(t, 5) == Row{{"AUD-4", kT},
                           {"-0.5", kN},
                           {"1e+21", kN},
                           {"2017-10-02", kD},
                           {"1e-07", kN},
                           {"18:00:00", kTm},
                           {"36:00:00", kTm},
                           {"1234.5", kN},
                           {"12", kN}});
  std::vector<std::string_view> fields;
  t.row_fields(4, fields, 12);
  CHECK(fields.size() == 12);
  CHECK(fields[0] == "AUD-3");
  CHECK(fields[1].empty());
  CHECK(fields[11].empty());
  t.row_fields(0, fields);
  CHECK(fields.size() == 1);
  CHECK(t.cell(0, 5).empty());
  CHECK(t.type(0, 5) == CellType::kEmpty);
  CHECK(t == read("xlsxwriter_features.xlsx", "audits"));  // names match without regard to case
  CHECK(!(t == first));
}

TEST_CASE("xlsx: the 1900 date system and its leap-year quirk") {
  const SheetTable t = read("xlsxwriter_features.xlsx", "Dates1900");
  REQUIRE(t.size() == 8);
  // Serial numbers as General, as a date and as a date-time. Excel counts a 29 February 1900
  // (serial 60) that never was, so serials before it are one day off a plain count; serial 0 is
  // Excel's "0 January 1900"; a negative serial cannot be shown as a date and stays a number.
  CHECK(cells(t, 0) == Row{{"1", kN}, {"1900-01-01", kD}, {"1900-01-01 00:00:00", kDT}});
  CHECK(cells(t, 1) == Row{{"59", kN}, {"1900-02-28", kD}, {"1900-02-28 00:00:00", kDT}});
  CHECK(cells(t, 2) == Row{{"60", kN}, {"1900-02-29", kD}, {"1900-02-29 00:00:00", kDT}});
  CHECK(cells(t, 3) == Row{{"61", kN}, {"1900-03-01", kD}, {"1900-03-01 00:00:00", kDT}});
  CHECK(cells(t, 4) == Row{{"0", kN}, {"1900-01-00", kD}, {"1900-01-00 00:00:00", kDT}});
  CHECK(cells(t, 5) == Row{{"2958465", kN}, {"9999-12-31", kD}, {"9999-12-31 00:00:00", kDT}});
  CHECK(cells(t, 6) == Row{{"-1", kN}, {"-1", kN}, {"-1", kN}});
  CHECK(cells(t, 7) == Row{{"43010.5", kN}, {"2017-10-02", kD}, {"2017-10-02 12:00:00", kDT}});
}

TEST_CASE("xlsx: the 1904 date system, from both writers") {
  const SheetTable x = read("xlsxwriter_1904.xlsx");
  CHECK(x.date1904());
  REQUIRE(x.size() == 5);
  CHECK(cells(x, 0) == Row{{"2017-10-02", kD}});
  CHECK(cells(x, 1) == Row{{"2017-10-02 14:30:15", kDT}});
  CHECK(cells(x, 2) == Row{{"1904-01-01", kD}});  // day 0 of the 1904 system
  CHECK(cells(x, 3) == Row{{"1904-03-01", kD}});  // 1904 was a leap year; no quirk here
  CHECK(cells(x, 4) == Row{{"2017-10-01", kD}});
  const SheetTable o = read("openpyxl_1904.xlsx");
  CHECK(o.date1904());
  REQUIRE(o.size() == 2);
  CHECK(cells(o, 0) == Row{{"2017-10-02", kD}});
  CHECK(cells(o, 1) == Row{{"2017-10-02 14:30:00", kDT}});
}

TEST_CASE("xlsx: openpyxl workbook (inline strings), cell by cell") {
  const SheetTable t = read("openpyxl_features.xlsx");
  CHECK(t.sheet() == "Audits");
  CHECK(std::vector<std::int64_t>(t.row_numbers().begin(), t.row_numbers().end()) ==
        std::vector<std::int64_t>{1, 3, 4, 5, 6});
  CHECK(t.width() == 6);
  CHECK(cells(t, 0) == Row{{"Audits exported 01/04/2018", kT}});
  REQUIRE(t.merged().size() == 1);
  CHECK(t.merged()[0] == qaframe::CellRange{1, 0, 1, 5});
  CHECK(cells(t, 2) == Row{{"AUD-1", kT},
                           {"C-1", kT},
                           {"Ambleside", kT},
                           {"2017-10-02", kD},
                           {"Good", kT},
                           {"TRUE", kB}});
  CHECK(cells(t, 3) == Row{{"AUD-2", kT},
                           {"C-2", kT},
                           {"Brambles", kT},
                           {"2018-03-05 09:15:00", kDT},
                           {"Outstanding", kT},
                           {"FALSE", kB}});
  // openpyxl writes 1900-02-28 as serial 59, before the quirk.
  CHECK(cells(t, 4) == Row{{"AUD-3", kT},
                           {"", k0},
                           {"Ambleside", kT},
                           {"1900-02-28", kD},
                           {"#N/A", kE},
                           {"2.5", kN}});
  const SheetTable inline_strings = read("xlsxwriter_inline.xlsx");
  REQUIRE(inline_strings.size() == 2);
  CHECK(cells(inline_strings, 0) == Row{{"inline text", kT}, {"7", kN}});
  CHECK(cells(inline_strings, 1) == Row{{"second", kT}});
}

TEST_CASE("xlsx: a formula with no cached value is a problem naming its cell") {
  XlsxOptions o;
  o.sheet = "Formulas";
  Diagnostics diag;
  auto t = qaframe::parse_xlsx(bytes_of("openpyxl_features.xlsx"), "book.xlsx", o, &diag);
  REQUIRE(!t.ok());
  REQUIRE(diag.problems().size() == 2);
  const auto& p = diag.problems()[0];
  CHECK(p.source == "book.xlsx[Formulas]");
  CHECK(p.cell == "D1");
  CHECK(p.line == 1);
  CHECK(p.value == "=SUM(B1:C1)");
  CHECK(p.to_string() ==
        "book.xlsx[Formulas]!D1: value '=SUM(B1:C1)': a formula with no value saved: the program "
        "that wrote the workbook did not calculate it; open the workbook in Excel (or "
        "LibreOffice), let it calculate, and save it");
  CHECK(diag.problems()[1].cell == "E1");
  CHECK(contains(std::string(t.status().message()), "2 problems in book.xlsx[Formulas]"));
}

TEST_CASE("xlsx: parts found through relationships; escapes, phonetic runs, ISO date cells") {
  // The workbook is xl/book.xml, the sheet xl/sheets/data.xml, the styles at an absolute target;
  // every element has a namespace prefix; rows 1 and 2 have no r attribute, nor their cells.
  const SheetTable t = read("handmade_parts.xlsx");
  CHECK(t.sheet() == "Data");
  CHECK(std::vector<std::int64_t>(t.row_numbers().begin(), t.row_numbers().end()) ==
        std::vector<std::int64_t>{1, 2, 5, 6});
  CHECK(cells(t, 0) == Row{{"line one\r\nline two", kT}, {"Kanji", kT}});
  // _x005F_ is an escaped underscore (what follows stays as written); a surrogate pair joins;
  // a lone surrogate stays as written; an empty string is an empty cell; spaces are kept.
  CHECK(cells(t, 1) ==
        Row{{"_x0041_ and \xF0\x9F\x98\x80 and _xD800_", kT}, {"", k0}, {"  both  ", kT}});
  // ISO date cells (t="d"), a format written with escapes, one with a quoted d (a number), the
  // built-in date (14) and date-time (22) formats, a formula's text with an escaped tab.
  CHECK(cells(t, 2) == Row{{"", k0},
                           {"2017-10-02", kD},
                           {"2017-10-02 14:30:00", kDT},
                           {"2017-10-02", kD},
                           {"43010", kN},
                           {"2017-10-02", kD},
                           {"2017-10-02 06:00:00", kDT},
                           {"tab\there", kT}});
  // Inline rich text; an error value; a boolean; a number written with 17 digits; a formula
  // whose cached text is empty.
  CHECK(cells(t, 3) == Row{{"inline", kT}, {"#REF!", kE}, {"FALSE", kB}, {"0.001", kN}});
  const SheetTable stored = read("stored_parts.xlsx");  // parts stored, not deflated
  REQUIRE(stored.size() == 1);
  CHECK(cells(stored, 0) == Row{{"1", kN}});
}

TEST_CASE("xlsx: every bad cell is reported, each by its cell") {
  Diagnostics diag;
  auto t = qaframe::parse_xlsx(bytes_of("handmade_cell_problems.xlsx"), "p.xlsx", {}, &diag);
  REQUIRE(!t.ok());
  std::vector<std::string> got;
  for (const auto& p : diag.problems()) got.push_back(p.to_string());
  CHECK(got ==
        std::vector<std::string>{
            "p.xlsx[Bad]!A2: value '=1+1': a formula with no value saved: the program that wrote "
            "the workbook did not calculate it; open the workbook in Excel (or LibreOffice), let "
            "it calculate, and save it",
            "p.xlsx[Bad]!B2: value '7': a shared string that does not exist (the workbook has 1 "
            "shared strings)",
            "p.xlsx[Bad]!C2: value '12abc': a number cell whose value is not a number",
            "p.xlsx[Bad]!D2: value '2': a boolean cell whose value is not 1 or 0",
            "p.xlsx[Bad]!E2: value '2017-02-30': a date cell whose value is not an ISO 8601 date",
            "p.xlsx[Bad]!F2: value 'q': an unknown cell type (t=\"...\"); expected n, s, str, "
            "inlineStr, b, e or d"});
  Diagnostics two(2);
  CHECK(!qaframe::parse_xlsx(bytes_of("handmade_cell_problems.xlsx"), "p.xlsx", {}, &two).ok());
  CHECK(two.problems().size() == 2);
  CHECK(two.total() == 6);
}

TEST_CASE("xlsx: a sheet out of order is refused, naming the part") {
  CHECK(refusal("handmade_rows_out_of_order.xlsx") ==
        "handmade_rows_out_of_order.xlsx: part xl/worksheets/sheet1.xml: row 2 comes after row "
        "3: the rows are out of order or repeated");
  CHECK(refusal("handmade_cell_of_other_row.xlsx") ==
        "handmade_cell_of_other_row.xlsx: part xl/worksheets/sheet1.xml: cell reference 'A4' is "
        "not a cell of row 3");
}

TEST_CASE("xlsx: sheets that cannot be read are named") {
  XlsxOptions o;
  o.sheet = "Nope";
  CHECK(refusal("xlsxwriter_features.xlsx", o) ==
        "xlsxwriter_features.xlsx: there is no sheet named 'Nope'; the sheets are: 'Notes', "
        "'Audits', 'Dates1900', 'Hidden', 'Chart'");
  o.sheet = "Chart";
  CHECK(refusal("xlsxwriter_features.xlsx", o) ==
        "xlsxwriter_features.xlsx: sheet 'Chart' is a chart, not a worksheet of cells");
  const SheetTable hidden = read("xlsxwriter_features.xlsx", "Hidden");  // by name: read
  CHECK(cells(hidden, 0) == Row{{"secret", kT}});
}

TEST_CASE("xlsx: zip bombs are refused while inflating, whatever the headers say") {
  // 64 MiB of spaces deflated 1,000 times over: caught by the ratio long before the end.
  const std::string bomb = refusal("bomb.xlsx");
  CHECK(contains(bomb,
                 "bomb.xlsx: part xl/worksheets/sheet1.xml: the part inflates more than "
                 "500 times over ("));
  CHECK(contains(bomb, "which only a zip bomb does; refused (XlsxOptions::max_compression_ratio)"));
  // With the ratio allowed, the size limits hold: one part, and all parts together.
  XlsxOptions o;
  o.max_compression_ratio = 100000;
  o.max_entry_bytes = 1u << 20;
  CHECK(refusal("bomb_small.xlsx", o) ==
        "bomb_small.xlsx: part xl/worksheets/sheet1.xml: the part inflates to more than 1 MiB "
        "(2097363 bytes or more), past the limit for one part (XlsxOptions::max_entry_bytes)");
  o.max_entry_bytes = 4u << 20;
  o.max_total_bytes = 1u << 20;
  CHECK(contains(refusal("bomb_small.xlsx", o),
                 "bomb_small.xlsx: part xl/worksheets/sheet1.xml: the parts read inflate to more "
                 "than 1 MiB together, past the limit for a workbook "
                 "(XlsxOptions::max_total_bytes)"));
  // A header that claims less is not believed (the data do not match it); one that claims more
  // than the limit is refused before anything is inflated.
  CHECK(refusal("bomb_small_header.xlsx") ==
        "bomb_small_header.xlsx: part xl/worksheets/sheet1.xml: the zip archive is damaged (the "
        "checksum of the part does not match): the file may have been cut off or corrupted in "
        "transfer; save or export it again");
  CHECK(refusal("bomb_huge_header.xlsx") ==
        "bomb_huge_header.xlsx: part xl/worksheets/sheet1.xml: the part inflates to more than 512 "
        "MiB (4294967280 bytes or more), past the limit for one part "
        "(XlsxOptions::max_entry_bytes)");
  XlsxOptions few;
  few.sheet = "Audits";
  few.max_cells = 20;
  CHECK(contains(refusal("xlsxwriter_features.xlsx", few),
                 "xlsxwriter_features.xlsx: part xl/worksheets/sheet2.xml: the sheet holds more "
                 "than 20 cells"));
}

TEST_CASE("xlsx: XML with a document type, entities or errors is refused, naming the part") {
  CHECK(refusal("doctype_entities.xlsx") ==
        "doctype_entities.xlsx: part xl/strings.xml: the XML declares a document type "
        "(<!DOCTYPE ...>) at line 1; workbooks never do, and the entities it may declare could "
        "expand without bound, so it is refused");
  CHECK(refusal("malformed_xml.xlsx") ==
        "malformed_xml.xlsx: part xl/worksheets/sheet1.xml: it is not well-formed XML (line 1, "
        "column 166: mismatched tag)");
  CHECK(refusal("undefined_entity.xlsx") ==
        "undefined_entity.xlsx: part xl/worksheets/sheet1.xml: it is not well-formed XML (line 1, "
        "column 183: undefined entity)");
}

TEST_CASE("xlsx: damaged archives and missing parts") {
  CHECK(refusal("truncated.xlsx") ==
        "truncated.xlsx: it cannot be read as a zip archive: its central directory (at the end of "
        "the file) is missing or damaged; the file may have been cut off or corrupted in transfer");
  CHECK(refusal("corrupt_crc.xlsx") ==
        "corrupt_crc.xlsx: part xl/worksheets/sheet1.xml: the zip archive is damaged (the "
        "checksum of the part does not match): the file may have been cut off or corrupted in "
        "transfer; save or export it again");
  CHECK(refusal("missing_sheet_part.xlsx") ==
        "missing_sheet_part.xlsx: part xl/worksheets/sheet1.xml (sheet 'S') is missing: the "
        "workbook is damaged");
  CHECK(refusal("missing_workbook.xlsx") ==
        "missing_workbook.xlsx: part xl/workbook.xml (the workbook) is missing: the file is not a "
        "complete Excel workbook");
}

TEST_CASE("xlsx: files that are not .xlsx are named for what they are") {
  CHECK(contains(refusal("legacy.xls"),
                 "legacy.xls: it is an Excel 97-2003 workbook (.xls), an older format this reader "
                 "does not read: open it in Excel and save it as an Excel Workbook (.xlsx)"));
  CHECK(contains(refusal("encrypted.xlsx"),
                 "encrypted.xlsx: it is a password-protected (encrypted) Excel workbook, which "
                 "cannot be read without its password: open it in Excel and save a copy without a "
                 "password"));
  CHECK(contains(refusal("spreadsheet.ods"),
                 "spreadsheet.ods: it is an OpenDocument spreadsheet (.ods, as LibreOffice Calc "
                 "and Google Sheets write), not an Excel workbook"));
  CHECK(contains(refusal("csv_named.xlsx"),
                 "csv_named.xlsx: it is a text file (a CSV file?) with a workbook's name, not an "
                 "Excel workbook"));
  CHECK(contains(refusal("html_export.xls"), "html_export.xls: it is an HTML page"));
  Diagnostics diag;
  CHECK(!qaframe::parse_xlsx("", "empty.xlsx", {}, &diag).ok());
  CHECK(diag.problems().at(0).to_string() ==
        "empty.xlsx: the file is empty (0 bytes): expected an Excel workbook (.xlsx)");
  Diagnostics binary;
  CHECK(
      !qaframe::parse_xlsx(std::string("\x01\x02\x03\x04\x00\xff", 6), "b.xlsx", {}, &binary).ok());
  CHECK(contains(binary.problems().at(0).to_string(),
                 "b.xlsx: it is not an Excel workbook: an .xlsx file is a zip archive, which "
                 "begins with the bytes 50 4B ('PK'), but this one begins with 01 02 03 04"));
  CHECK(qaframe::looks_like_workbook(bytes_of("legacy.xls")));
  CHECK(qaframe::looks_like_workbook(bytes_of("openpyxl_features.xlsx")));
  CHECK(!qaframe::looks_like_workbook(bytes_of("csv_named.xlsx")));
}

TEST_CASE("xlsx: any cut or damaged workbook is refused cleanly, never a crash") {
  const std::string good = bytes_of("xlsxwriter_features.xlsx");
  XlsxOptions o;
  o.sheet = "Audits";
  std::size_t refused = 0;
  for (std::size_t cut = 0; cut < good.size(); cut += 61) {
    Diagnostics diag;
    auto t = qaframe::parse_xlsx(std::string_view(good).substr(0, cut), "cut.xlsx", o, &diag);
    CHECK(!t.ok());
    CHECK(diag.total() >= 1);
    refused += t.ok() ? 0 : 1;
  }
  CHECK(refused > 100);
  // Single bytes changed anywhere: the reader either reads a sheet or says why not.
  for (std::size_t at = 0; at < good.size(); at += 37) {
    std::string damaged = good;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
    Diagnostics diag;
    auto t = qaframe::parse_xlsx(damaged, "flip.xlsx", o, &diag);
    CHECK(t.ok() == diag.ok());
    if (!t.ok()) CHECK(!diag.problems().at(0).reason.empty());
  }
}

// ---------------------------------------------------------------------------------------------
// A sheet read in parts, on several threads

namespace {

// A workbook of one sheet "S" whose XML is `sheet`, with the shared strings `strings`.
std::string workbook(const std::string& sheet, const std::string& strings = "") {
  const std::string rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return qaframe::fuzz::stored_zip({
      {"_rels/.rels", "<Relationships><Relationship Id=\"r\" Type=\"" + rels +
                          "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", "<workbook xmlns:r=\"" + rels +
                              "\"><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships><Relationship Id=\"rId1\" Type=\"" + rels +
           "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" +
           rels + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", sheet},
      {"xl/sharedStrings.xml", strings.empty() ? "<sst><si><t>shared</t></si></sst>" : strings},
  });
}

// A sheet of `rows` rows (prefix "x:"), every third row empty, cells of every kind; `row_attr`
// false leaves the r attributes of rows out, `extra` goes into row 1000.
std::string big_sheet(int rows, bool row_attr = true, const std::string& extra = "") {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<x:worksheet "
      "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>";
  for (int r = 1; r <= rows; ++r) {
    absl::StrAppend(&xml, row_attr ? absl::StrCat("<x:row r=\"", r, "\">") : "<x:row>");
    if (r % 3 != 0) {
      absl::StrAppend(&xml, "<x:c r=\"A", r, "\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"C", r,
                      "\"><x:v>", r * 0.25, "</x:v></x:c><x:c r=\"D", r,
                      "\" t=\"inlineStr\"><x:is><x:t>row ", r, "</x:t></x:is></x:c>");
    }
    if (r == 1000) xml += extra;
    xml += "</x:row>\n";
  }
  xml += "</x:sheetData><x:mergeCells><x:mergeCell ref=\"A1:B1\"/></x:mergeCells></x:worksheet>";
  return xml;
}

struct Reading {
  bool ok;
  SheetTable table;
  std::vector<qaframe::DataProblem> problems;
  std::size_t total;
};

Reading read_with(std::string_view bytes, std::size_t threads, std::uint64_t bytes_per_thread,
                  std::string sheet = "", std::size_t limit = 100) {
  XlsxOptions o;
  o.sheet = std::move(sheet);
  o.threads = threads;
  o.bytes_per_thread = bytes_per_thread;
  Diagnostics diag(limit);
  auto t = qaframe::parse_xlsx(bytes, "p.xlsx", o, &diag);
  return {t.ok(), t.ok() ? *std::move(t) : SheetTable(), diag.problems(), diag.total()};
}

void check_same_in_parts(std::string_view bytes, std::string sheet = "", std::size_t limit = 100) {
  const Reading whole = read_with(bytes, 1, 1, sheet, limit);
  for (std::size_t threads : {2u, 3u, 7u}) {
    INFO("threads ", threads);
    const Reading parts = read_with(bytes, threads, 1, sheet, limit);
    CHECK(parts.ok == whole.ok);
    CHECK(parts.table == whole.table);
    CHECK(parts.problems == whole.problems);
    CHECK(parts.total == whole.total);
  }
}

}  // namespace

TEST_CASE("xlsx in parts: every fixture, every sheet, reads as on one thread") {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(fixture(""))) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".py") continue;
    INFO(name);
    const std::string bytes = bytes_of(name);
    check_same_in_parts(bytes);
    if (auto names = qaframe::xlsx_sheet_names(bytes, name); names.ok()) {
      for (const std::string& sheet : *names) check_same_in_parts(bytes, sheet, 2);
    }
    ++files;
  }
  CHECK(files >= 25);
}

TEST_CASE("xlsx in parts: a large sheet, cut at rows, reads as on one thread") {
  const std::string bytes = workbook(big_sheet(3000));
  const Reading whole = read_with(bytes, 1, 1);
  REQUIRE(whole.ok);
  CHECK(whole.table.size() == 2000);  // every third row is empty
  CHECK(whole.table.row_number(1999) == 2999);
  CHECK(whole.table.cell(1999, 2) == "749.75");
  CHECK(whole.table.cell(1999, 3) == "row 2999");
  CHECK(whole.table.cell(0, 0) == "shared");
  REQUIRE(whole.table.merged().size() == 1);
  check_same_in_parts(bytes);
  // Cut into parts of the default size too (a sheet of a few hundred kilobytes: one part).
  CHECK(read_with(bytes, 4, XlsxOptions{}.bytes_per_thread).table == whole.table);
}

TEST_CASE("xlsx in parts: sheets that cannot be cut are read whole, with the same result") {
  // Rows numbered by position only; a comment (a '<' that begins no tag); a CDATA section.
  check_same_in_parts(workbook(big_sheet(3000, false)));
  check_same_in_parts(workbook(big_sheet(3000, true, "<!-- <x:row r=\"5\"> -->")));
  check_same_in_parts(workbook(big_sheet(3000, true,
                                         "<x:c r=\"Z1000\" t=\"inlineStr\"><x:is>"
                                         "<x:t><![CDATA[</x:row><x:row r=\"7\">]]>"
                                         "</x:t></x:is></x:c>")));
  const Reading cdata =
      read_with(workbook(big_sheet(3000, true,
                                   "<x:c r=\"Z1000\" t=\"inlineStr\"><x:is><x:t><![CDATA[a<b]]>"
                                   "</x:t></x:is></x:c>")),
                3, 1);
  REQUIRE(cdata.ok);
  CHECK(cdata.table.cell(666, 25) == "a<b");
}

TEST_CASE("xlsx in parts: problems in several parts are reported as on one thread") {
  // Cell problems in rows far apart, kept and counted past the limit alike.
  std::string sheet = big_sheet(3000);
  for (int r : {10, 1501, 2999}) {
    sheet.insert(sheet.find(absl::StrCat("<x:c r=\"C", r, "\">")),
                 absl::StrCat("<x:c r=\"B", r, "\"><x:f>1+", r, "</x:f></x:c>"));
  }
  const std::string bytes = workbook(sheet);
  const Reading whole = read_with(bytes, 1, 1);
  CHECK(!whole.ok);
  std::string listed;
  for (const auto& p : whole.problems) listed += p.to_string() + "\n";
  INFO(listed);
  REQUIRE(whole.problems.size() == 3);
  CHECK(whole.problems[1].to_string().starts_with("p.xlsx[S]!B1501: value '=1+1501': a formula"));
  check_same_in_parts(bytes);
  check_same_in_parts(bytes, "", 1);
  // Rows out of order across parts, and a sheet past the cell limit: the same refusals.
  std::string disorder = big_sheet(3000);
  disorder.replace(disorder.find("<x:row r=\"2500\">"), 16, "<x:row r=\"0700\">");
  check_same_in_parts(workbook(disorder));
  CHECK(!read_with(workbook(disorder), 1, 1).ok);
  XlsxOptions few;
  few.max_cells = 5000;
  Diagnostics a;
  Diagnostics b;
  const std::string clean = workbook(big_sheet(3000));
  few.threads = 1;
  CHECK(!qaframe::parse_xlsx(clean, "p.xlsx", few, &a).ok());
  few.threads = 4;
  few.bytes_per_thread = 1;
  CHECK(!qaframe::parse_xlsx(clean, "p.xlsx", few, &b).ok());
  CHECK(a.problems() == b.problems());
  CHECK(contains(a.problems().at(0).reason, "the sheet holds more than 5000 cells"));
}

TEST_CASE("xlsx: a value far to the right costs one cell, and the limit counts the rows' width") {
  std::string sheet = "<worksheet><sheetData>";
  for (int r = 1; r <= 3000; ++r) {
    absl::StrAppend(&sheet, "<row r=\"", r, "\"><c r=\"XFD", r, "\"><v>", r, "</v></c></row>");
  }
  sheet += "</sheetData></worksheet>";
  const std::string bytes = workbook(sheet);
  // 3,000 cells in memory, though the rows are 49,152,000 cells wide (under the default limit).
  Diagnostics diag;
  auto t = qaframe::parse_xlsx(bytes, "far.xlsx", {}, &diag);
  REQUIRE(t.ok());
  CHECK(t->size() == 3000);
  CHECK(t->width() == 16384);
  CHECK(t->row_width(2999) == 16384);
  CHECK(t->cell(2999, 16383) == "3000");
  CHECK(t->cell(2999, 16382).empty());
  CHECK(t->type(2999, 0) == CellType::kEmpty);
  std::vector<std::string_view> fields;
  t->row_fields(0, fields, 3);
  CHECK(fields.size() == 16384);
  CHECK(fields[16383] == "1");
  XlsxOptions few;
  few.max_cells = 16384 * 100;
  CHECK(contains(refusal_of(bytes, "far.xlsx", few),
                 "far.xlsx: part xl/worksheets/sheet1.xml: the sheet holds more than 1638400 cells "
                 "(rows times columns up to each row's last value), past the limit "
                 "(XlsxOptions::max_cells)"));
}

// ---------------------------------------------------------------------------------------------
// Audits from a workbook

TEST_CASE("audits xlsx: a title above the header; dates as cells and as text; equal to CSV") {
  Diagnostics diag;
  auto a =
      qaframe::parse_audits_xlsx(bytes_of("openpyxl_audits_good.xlsx"), "a.xlsx", {}, {}, &diag);
  REQUIRE_MESSAGE(a.ok(), std::string(a.status().message()));
  // The same audits as CSV: a date-time cell is its day; a numeric child id its digits.
  auto csv = qaframe::parse_audits_csv(
      "Audit ID,Child ID,Team,Audit Date,Grade\n"
      "A1,C1,Ambleside,2017-10-02,Good\n"
      "A2,C2,Brambles,04/10/2017,requires improvement\n"
      "A3,3,Ambleside,05/10/2017,N/A\n",
      "a.csv");
  REQUIRE(csv.ok());
  CHECK(*a == *csv);
  // The header named explicitly gives the same; a row above it is not the header.
  XlsxOptions at2;
  at2.header_row = 2;
  auto explicit_header =
      qaframe::parse_audits_xlsx(bytes_of("openpyxl_audits_good.xlsx"), "a.xlsx", {}, at2);
  REQUIRE(explicit_header.ok());
  CHECK(*explicit_header == *csv);
  XlsxOptions at1;
  at1.header_row = 1;
  Diagnostics title;
  CHECK(
      !qaframe::parse_audits_xlsx(bytes_of("openpyxl_audits_good.xlsx"), "a.xlsx", {}, at1, &title)
           .ok());
  CHECK(title.problems().at(0).to_string() ==
        "a.xlsx[Audits]!A1: missing required columns audit_id, child_id, team, audit_date, grade: "
        "the first line names none of them, so the header row may be missing (the line is not "
        "quoted: it may be data with identifiers)");
  XlsxOptions at9;
  at9.header_row = 9;
  Diagnostics none;
  CHECK(!qaframe::parse_audits_xlsx(bytes_of("openpyxl_audits_good.xlsx"), "a.xlsx", {}, at9, &none)
             .ok());
  CHECK(none.problems().at(0).to_string() ==
        "a.xlsx[Audits]!A9: row 9 of the sheet is empty: expected the header there (header_row = "
        "9)");
}

TEST_CASE("audits xlsx: every problem names its cell") {
  Diagnostics diag;
  auto a = qaframe::parse_audits_xlsx(bytes_of("openpyxl_audits_bad.xlsx"), "audits.xlsx", {}, {},
                                      &diag);
  REQUIRE(!a.ok());
  std::vector<std::string> got;
  for (const auto& p : diag.problems()) got.push_back(p.to_string());
  CHECK(got ==
        std::vector<std::string>{
            "audits.xlsx[Audits]!E4: column 'grade': value 'Goodish': unknown grade on the ofsted "
            "scale (accepted grades listed below)",
            "audits.xlsx[Audits]!C5: column 'team': value '#N/A': an error cell (a formula that "
            "failed in the workbook): correct it in the workbook, or clear it",
            "audits.xlsx[Audits]!D5: column 'audit_date': value '31/02/2018': not a date: 2018-02 "
            "has no day 31",
            "audits.xlsx[Audits]!A6: column 'audit_id': value 'A1': duplicate audit_id; first "
            "seen at A3",
            "audits.xlsx[Audits]!G7: value 'stray': a value right of the header's last column "
            "(F); give the column a name in row 2, or clear the cell"});
  // The accepted spellings once, after the problems, not on each bad grade.
  CHECK(diag.notes() ==
        std::vector<std::string>{
            "accepted grades on the ofsted scale: Inadequate, Requires Improvement, Good, "
            "Outstanding; also RI (= Requires Improvement), Requires improvement to be good (= "
            "Requires Improvement), RITBG (= Requires Improvement), Inadequate practice (= "
            "Inadequate); N/A: (empty), N/A, NA, Not applicable, Not graded; case, spaces and "
            "hyphens are ignored"});
  const auto& grade = diag.problems()[0];
  CHECK(grade.source == "audits.xlsx[Audits]");
  CHECK(grade.cell == "E4");
  CHECK(grade.line == 4);
  CHECK(grade.row == 1);
  CHECK(grade.column == "grade");
  CHECK(grade.value == "Goodish");
  CHECK(contains(std::string(a.status().message()), "5 problems in audits.xlsx[Audits]:"));
  // Past the limit, problems are counted, not kept.
  Diagnostics two(2);
  CHECK(
      !qaframe::parse_audits_xlsx(bytes_of("openpyxl_audits_bad.xlsx"), "audits.xlsx", {}, {}, &two)
           .ok());
  CHECK(two.problems().size() == 2);
  CHECK(two.total() == 5);
}

TEST_CASE("audits xlsx: an error cell is one problem, in any column") {
  Diagnostics diag;
  CHECK(
      !qaframe::parse_audits_xlsx(bytes_of("openpyxl_audits_errors.xlsx"), "e.xlsx", {}, {}, &diag)
           .ok());
  std::vector<std::string> got;
  for (const auto& p : diag.problems()) got.push_back(p.cell + " " + p.column + " " + p.value);
  // Two error cells as audit_id are not a duplicate; an error as a date or grade is not also
  // an invalid date or grade.
  CHECK(got == std::vector<std::string>{"A2 audit_id #N/A", "A3 audit_id #N/A",
                                        "D3 audit_date #VALUE!", "E3 grade #DIV/0!",
                                        "F3 moderated_grade #REF!", "B4 child_id #NAME?"});
  CHECK(diag.total() == 6);
}

TEST_CASE("audits xlsx: a first sheet without the audits says which sheets there are") {
  Diagnostics diag;
  CHECK(!qaframe::parse_audits_xlsx(bytes_of("xlsxwriter_features.xlsx"), "f.xlsx", {}, {}, &diag)
             .ok());
  REQUIRE(diag.problems().size() == 2);
  CHECK(diag.problems()[1].to_string() ==
        "f.xlsx: sheet 'Notes' (the first) has no header with the required columns; the workbook "
        "also has 'Audits', 'Dates1900', 'Hidden', 'Chart': name the sheet to read");
  XlsxOptions o;
  o.sheet = "Audits";
  Diagnostics named;
  auto a =
      qaframe::parse_audits_xlsx(bytes_of("xlsxwriter_features.xlsx"), "f.xlsx", {}, o, &named);
  // AUD-3's grade is an error cell, it has no child_id nor date; AUD-4 has a value right of the
  // header and a number for its grade.
  REQUIRE(!a.ok());
  std::vector<std::string> cells_named;
  for (const auto& p : named.problems()) cells_named.push_back(p.cell);
  CHECK(cells_named == std::vector<std::string>{"E6", "B6", "D6", "I8", "E8"});
}

TEST_CASE("audits file: CSV or workbook by content, then by name") {
  using qaframe::AuditFileFormat;
  CHECK(qaframe::audit_file_format("PK\x03\x04rest", "a.csv") == AuditFileFormat::kWorkbook);
  CHECK(qaframe::audit_file_format("audit_id", "a.XLSX") == AuditFileFormat::kWorkbook);
  CHECK(qaframe::audit_file_format("audit_id", "a.ods") == AuditFileFormat::kWorkbook);
  CHECK(qaframe::audit_file_format("audit_id", "a.csv") == AuditFileFormat::kCsv);
  CHECK(qaframe::audit_file_format("audit_id", "x.xlsx/a") == AuditFileFormat::kCsv);

  const std::string sample = std::string(QAFRAME_SOURCE_DIR) + "/data/sample/audits.csv";
  auto csv = qaframe::read_audits_file(sample);
  REQUIRE(csv.ok());
  CHECK(*csv == *qaframe::read_audits_csv(sample));
  auto book = qaframe::read_audits_file(fixture("openpyxl_audits_good.xlsx"));
  REQUIRE(book.ok());
  CHECK(book->size() == 3);
  Diagnostics diag;
  CHECK(!qaframe::read_audits_file(fixture("csv_named.xlsx"), {}, {}, &diag).ok());
  CHECK(contains(diag.problems().at(0).reason, "it is a text file (a CSV file?)"));
  XlsxOptions o;
  o.sheet = "Audits";
  auto asked = qaframe::read_audits_file(sample, {}, o);
  CHECK(absl::IsFailedPrecondition(asked.status()));
  CHECK(absl::IsNotFound(qaframe::read_audits_file(fixture("no_such_file.xlsx")).status()));
  CHECK(absl::IsNotFound(qaframe::read_xlsx(fixture("no_such_file.xlsx")).status()));
}

TEST_CASE("data problem: a cell stands for the line; CSV messages are unchanged") {
  qaframe::DataProblem p{"audits.xlsx[Audits]", 14, 10, "grade", "Goodish", "unknown grade"};
  CHECK(p.to_string() == "audits.xlsx[Audits]:14: column 'grade': value 'Goodish': unknown grade");
  p.cell = "C14";
  CHECK(p.to_string() == "audits.xlsx[Audits]!C14: column 'grade': value 'Goodish': unknown grade");
}
