// No carried-over state (issue 20, item 2): one Diagnostics shared by a bad read and then a good
// one gives the good set; the chunk reader reports every problem of a bad chunk as the whole-file
// reader does, and goes on after it.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "qaframe/model/data_problem.hpp"
#include "qaframe/readers/audit_chunks.hpp"
#include "qaframe/readers/audits_csv.hpp"

using qaframe::AuditChunkReader;
using qaframe::DataProblem;
using qaframe::Diagnostics;

namespace {

const std::string kGood = std::string(QAFRAME_SOURCE_DIR) + "/data/sample/audits.csv";
const std::string kBad = std::string(QAFRAME_SOURCE_DIR) + "/tests/data/bad_audits.csv";

std::vector<std::string> texts(const std::vector<DataProblem>& problems) {
  std::vector<std::string> out;
  for (const DataProblem& p : problems) out.push_back(p.to_string());
  return out;
}

}  // namespace

TEST_CASE("carried state: a bad read then a good one with one Diagnostics gives the good set") {
  Diagnostics diag;
  auto bad = qaframe::read_audits_csv(kBad, {}, &diag);
  REQUIRE_FALSE(bad.ok());
  const std::size_t bad_problems = diag.total();
  CHECK(bad_problems == 7);  // an empty grade is N/A, not a problem
  auto good = qaframe::read_audits_csv(kGood, {}, &diag);
  REQUIRE(good.ok());
  CHECK(good->size() == 118);
  // The good read added nothing; the bad file's problems stay until clear().
  CHECK(diag.total() == bad_problems);
  diag.clear();
  CHECK(diag.ok());
  CHECK(diag.problems().empty());
  CHECK(diag.limit() == Diagnostics::kDefaultLimit);
  // A failed read's status lists its own problems only, not those already in the collection.
  Diagnostics twice;
  auto first = qaframe::read_audits_csv(kBad, {}, &twice);
  auto second = qaframe::read_audits_csv(kBad, {}, &twice);
  REQUIRE_FALSE(second.ok());
  CHECK(first.status() == second.status());
  CHECK(twice.total() == 2 * bad_problems);
}

TEST_CASE("carried state: the chunk reader lists a bad chunk's problems as a whole read does") {
  Diagnostics whole;
  REQUIRE_FALSE(qaframe::read_audits_csv(kBad, {}, &whole).ok());
  Diagnostics chunked;
  auto reader = AuditChunkReader::open(kBad, 100, {}, &chunked);
  REQUIRE(reader.ok());
  auto chunk = reader->next(&chunked);
  REQUIRE_FALSE(chunk.ok());
  CHECK(texts(chunked.problems()) == texts(whole.problems()));
  CHECK(chunk.status() == whole.to_status());
  auto end = reader->next(&chunked);
  REQUIRE(end.ok());
  CHECK_FALSE(end->has_value());
}

TEST_CASE("carried state: the chunk reader refuses a bad header with a whole read's problems") {
  const std::string path = std::string(QAFRAME_SOURCE_DIR) + "/tests/data/bad_header_audits.csv";
  Diagnostics whole;
  auto read = qaframe::read_audits_csv(path, {}, &whole);
  REQUIRE_FALSE(read.ok());
  CHECK(whole.total() > 1);
  Diagnostics chunked;
  const DataProblem earlier{"earlier.csv", 2, 0, "grade", "x", "an earlier file's problem"};
  chunked.add(earlier);
  auto reader = AuditChunkReader::open(path, 10, {}, &chunked);
  REQUIRE_FALSE(reader.ok());
  CHECK(reader.status() == read.status());
  std::vector<std::string> expected = {earlier.to_string()};
  for (const std::string& t : texts(whole.problems())) expected.push_back(t);
  CHECK(texts(chunked.problems()) == expected);
}

TEST_CASE("carried state: chunks go on after a bad chunk, and a shared Diagnostics fails none") {
  // Chunks of 3 rows of the bad file: rows 0-2 (a date, a grade), 3-5 (an id, a repeat, a child),
  // 6-8 (a date, a grade; the empty grade is N/A), 9 (good).
  Diagnostics diag;
  auto reader = AuditChunkReader::open(kBad, 3, {}, &diag);
  REQUIRE(reader.ok());
  std::vector<bool> ok;
  std::size_t rows = 0;
  for (;;) {
    auto chunk = reader->next(&diag);
    if (chunk.ok() && !chunk->has_value()) break;
    ok.push_back(chunk.ok());
    if (chunk.ok()) rows += (*chunk)->size();
  }
  CHECK(ok == std::vector<bool>{false, false, false, true});
  CHECK(rows == 1);
  CHECK(diag.total() == 7);
  // Then the good file in 24 chunks of 5 rows with the same collection: every chunk loads.
  auto good = AuditChunkReader::open(kGood, 5, {}, &diag);
  REQUIRE(good.ok());
  std::size_t loaded = 0, audits = 0;
  for (;;) {
    auto chunk = good->next(&diag);
    REQUIRE(chunk.ok());
    if (!chunk->has_value()) break;
    ++loaded;
    audits += (*chunk)->size();
  }
  CHECK(loaded == 24);
  CHECK(audits == 118);
  CHECK(diag.total() == 7);
}
