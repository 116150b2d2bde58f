// AuditChunkReader: chunks of a file, true lines in messages, and tallies that add up.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/readers/audit_chunks.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/tally/grade_table.hpp"

using qaframe::AuditChunkReader;
using qaframe::AuditSet;
using qaframe::Diagnostics;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const char* dir = std::getenv("TMPDIR");
  const std::string path =
      absl::StrCat(dir != nullptr ? dir : "/tmp", "/qaframe_chunks_", name, ".csv");
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// A file of n audits over a few teams and grades, with quoted fields holding line breaks.
std::string audits_text(int n) {
  const char* teams[] = {"DTA", "DCT", "\"H4U, East\"", "YOS"};
  const char* grades[] = {"Good", "RI", "", "Inadequate", "Outstanding", "N/A", "good"};
  std::string text =
      "\xEF\xBB\xBF"
      "audit_id,child_id,team,audit_date,grade,notes\n";
  for (int i = 0; i < n; ++i) {
    absl::StrAppend(&text, "A", i, ",C", i % 37, ",", teams[(i * 7) % 4], ",",
                    i % 3 ? "01/04/2018" : "2018-04-02", ",", grades[(i * 5) % 7], ",",
                    i % 11 == 0 ? "\"two\nlines\"" : "plain", "\n");
  }
  return text;
}

std::vector<AuditSet> read_chunks(const std::string& path, std::size_t rows,
                                  std::size_t block_bytes) {
  auto reader = AuditChunkReader::open(path, rows, {}, nullptr, block_bytes);
  REQUIRE(reader.ok());
  std::vector<AuditSet> chunks;
  while (true) {
    auto chunk = reader->next();
    REQUIRE(chunk.ok());
    if (!chunk->has_value()) break;
    chunks.push_back(std::move(**chunk));
  }
  return chunks;
}

}  // namespace

TEST_CASE("audit_chunks: merged tallies of the chunks equal the whole file's") {
  const std::string path = write_temp("merge", audits_text(1000));
  auto whole = qaframe::read_audits_csv(path);
  REQUIRE(whole.ok());
  REQUIRE(whole->size() == 1000);
  // Blocks of 1 and 13 bytes cut every record and quoted field somewhere; 64 KiB holds all.
  const std::pair<std::size_t, std::size_t> cases[] = {
      {1, 13}, {7, 1}, {100, 13}, {100, 4096}, {999, 65536}, {1000, 100}, {5000, 65536}};
  for (auto [rows, block] : cases) {
    CAPTURE(rows);
    CAPTURE(block);
    std::vector<AuditSet> chunks = read_chunks(path, rows, block);
    CHECK(chunks.size() == (1000 + rows - 1) / rows);
    for (const char* by : {"team", "child_id", "notes"}) {
      auto expected = qaframe::crosstab(*whole, by, "final_grade", true);
      REQUIRE(expected.ok());
      qaframe::GradeTable merged(expected->by(), expected->scale());
      std::size_t n = 0;
      for (const AuditSet& c : chunks) {
        CHECK(c.size() <= rows);
        n += c.size();
        auto part = qaframe::crosstab(c, by, "final_grade", true);
        REQUIRE(part.ok());
        CHECK(merged.merge(*part).ok());
      }
      CHECK(n == 1000);
      CHECK(merged == *expected);
    }
  }
  std::remove(path.c_str());
}

TEST_CASE("audit_chunks: problems carry their true file lines and record numbers") {
  std::string text = audits_text(30);       // 30 records: the 11 multi-line ones shift later lines
  text += "B1,C1,DTA,31/02/2018,Good,x\n";  // a bad date
  text += "A3,C1,DTA,01/04/2018,Good,x\n";  // an id from the first chunk
  const std::string path = write_temp("lines", text);
  Diagnostics whole_diag;
  auto whole = qaframe::read_audits_csv(path, {}, &whole_diag);
  REQUIRE_FALSE(whole.ok());
  REQUIRE(whole_diag.problems().size() == 2);

  auto reader = AuditChunkReader::open(path, 10, {}, nullptr, 17);
  REQUIRE(reader.ok());
  std::vector<qaframe::DataProblem> found;
  int good_chunks = 0;
  while (true) {
    Diagnostics diag;
    auto chunk = reader->next(&diag);
    if (chunk.ok() && !chunk->has_value()) break;
    if (chunk.ok()) ++good_chunks;
    for (const auto& p : diag.problems()) found.push_back(p);
  }
  CHECK(good_chunks == 3);
  REQUIRE(found.size() == 2);
  CHECK(found[0] == whole_diag.problems()[0]);  // same line, row, column, value and reason
  CHECK(found[1].line == whole_diag.problems()[1].line);
  CHECK(found[1].row == whole_diag.problems()[1].row);
  CHECK(found[1].value == "A3");
  CHECK(found[1].reason == "duplicate audit_id; first seen in an earlier chunk");
  std::remove(path.c_str());
}

TEST_CASE("audit_chunks: empty files, bad headers, framing errors and missing files") {
  auto missing = AuditChunkReader::open("/nonexistent/audits.csv", 10);
  CHECK(absl::IsNotFound(missing.status()));
  CHECK_FALSE(AuditChunkReader::open(write_temp("rows0", audits_text(1)), 0).ok());

  Diagnostics empty_diag;
  const std::string empty = write_temp("empty", "");
  CHECK_FALSE(AuditChunkReader::open(empty, 10, {}, &empty_diag).ok());
  REQUIRE(empty_diag.problems().size() == 1);
  CHECK(empty_diag.problems()[0].reason.find("the file is empty") != std::string::npos);

  Diagnostics header_diag;
  const std::string header = write_temp("header", "audit_id,team\nA1,DTA\n");
  CHECK_FALSE(AuditChunkReader::open(header, 10, {}, &header_diag).ok());
  CHECK(header_diag.problems()[0].reason.find("missing required columns") != std::string::npos);

  // Header only: no chunks.
  auto none =
      AuditChunkReader::open(write_temp("none", "audit_id,child_id,team,audit_date,grade\n"), 5);
  REQUIRE(none.ok());
  auto first = none->next();
  REQUIRE(first.ok());
  CHECK_FALSE(first->has_value());

  // An unterminated quote ends the file with the line where the quote opened, as a whole read.
  const std::string cut = write_temp("cut", audits_text(12) + "Z1,C1,\"DTA,01/04/2018,Good\n");
  Diagnostics whole_diag;
  CHECK_FALSE(qaframe::read_audits_csv(cut, {}, &whole_diag).ok());
  auto reader = AuditChunkReader::open(cut, 5, {}, nullptr, 29);
  REQUIRE(reader.ok());
  std::vector<qaframe::DataProblem> found;
  for (int i = 0; i < 10; ++i) {
    Diagnostics diag;
    auto chunk = reader->next(&diag);
    if (chunk.ok() && !chunk->has_value()) break;
    for (const auto& p : diag.problems()) found.push_back(p);
  }
  REQUIRE(found.size() == 1);
  CHECK(found[0] == whole_diag.problems()[0]);
  CHECK(reader->rows_read() == 12);  // the cut record is not a row
}

TEST_CASE("audit_chunks: blank lines before the header are skipped, as a whole read skips them") {
  const std::string path =
      write_temp("blank_first", "\n\r\n,,\n" + audits_text(7).substr(3));  // no BOM
  auto whole = qaframe::read_audits_csv(path);
  REQUIRE(whole.ok());
  REQUIRE(whole->size() == 7);
  auto reader = AuditChunkReader::open(path, 3);
  REQUIRE(reader.ok());
  std::size_t rows = 0;
  for (int i = 0; i < 10; ++i) {
    auto chunk = reader->next();
    REQUIRE(chunk.ok());
    if (!chunk->has_value()) break;
    rows += (*chunk)->size();
  }
  CHECK(rows == 7);
  // A file of blank lines only is empty, with the same message as a whole read.
  const std::string blank = write_temp("only_blank", "\n\n");
  Diagnostics whole_diag, chunk_diag;
  CHECK_FALSE(qaframe::read_audits_csv(blank, {}, &whole_diag).ok());
  CHECK_FALSE(AuditChunkReader::open(blank, 3, {}, &chunk_diag).ok());
  REQUIRE(chunk_diag.problems().size() == 1);
  CHECK(chunk_diag.problems()[0] == whole_diag.problems()[0]);
}
