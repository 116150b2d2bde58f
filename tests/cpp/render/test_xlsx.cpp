// Workbooks of tables: a zip archive (.xlsx), written whole or not at all. The cells themselves
// are checked by reopening the workbook with openpyxl (tests/python/test_excel.py).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "qaframe/doc/document.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/render/xlsx.hpp"
#include "qaframe/report/table_xlsx.hpp"
#include "qaframe/tally/grade_table.hpp"

TEST_CASE("to_xlsx: the bytes of a zip archive, for tables or none") {
  qaframe::doc::Table t;
  t.id = "a/very:long*table[name]?that-goes-past-thirty-one-characters";
  t.caption = qaframe::doc::words("Caption");
  t.columns.push_back({qaframe::doc::words("Team"), qaframe::doc::ColumnType::kLabel});
  t.columns.push_back({qaframe::doc::words("Good"), qaframe::doc::ColumnType::kNumber});
  t.rows.push_back({qaframe::doc::Value::label("=1+1"), qaframe::doc::Value::count_of(3)});
  auto bytes = qaframe::doc::to_xlsx({t, t}, {"a note"});
  REQUIRE(bytes.ok());
  CHECK(bytes->substr(0, 4) == std::string("PK\x03\x04", 4));
  auto empty = qaframe::doc::to_xlsx({}, {});
  REQUIRE(empty.ok());
  CHECK(empty->substr(0, 2) == "PK");
}

TEST_CASE("write_tables_xlsx: replaces the file atomically and leaves no temporary behind") {
  auto audits = qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_date,grade\nA1,C1,North,2018-01-01,Good\n", "t.csv");
  REQUIRE(audits.ok());
  auto table = qaframe::crosstab(*audits, "team");
  REQUIRE(table.ok());
  const auto dir = std::filesystem::temp_directory_path() / "qaframe-test-xlsx";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto path = (dir / "tables.xlsx").string();
  { std::ofstream(path) << "old contents"; }
  REQUIRE(qaframe::write_tables_xlsx({*table}, {"t.csv", "final"}, path).ok());
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  CHECK(s.str().substr(0, 2) == "PK");
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) files += e.is_regular_file();
  CHECK(files == 1);
  const auto status =
      qaframe::write_tables_xlsx({*table}, {}, (dir / "missing" / "t.xlsx").string());
  CHECK(absl::IsUnavailable(status));
  CHECK(std::string(status.message()).find("cannot write") != std::string::npos);
  std::filesystem::remove_all(dir);
}
