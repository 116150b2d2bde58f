// The CSV reader on several threads (ReadOptions::threads): the records cut into blocks at guessed
// record boundaries give the set one thread gives, and a text with problems gives one thread's
// problems, on every test file, every fuzz seed and on random texts cut at random.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/readers/audits_csv.hpp"

using qaframe::AuditSet;
using qaframe::Diagnostics;
using qaframe::ReadOptions;

namespace {

struct Outcome {
  qaframe::CsvReadStats stats;
  bool ok = false;
  std::string status;
  std::vector<std::string> problems, notes, remarks, set_notes;
  std::size_t total = 0;
  std::optional<AuditSet> set;
};

Outcome read(const std::string& text, std::size_t threads, std::size_t bytes_per_thread,
             ReadOptions options = {}) {
  options.threads = threads;
  options.bytes_per_thread = bytes_per_thread;
  Outcome o;
  options.stats = &o.stats;
  Diagnostics d;
  auto r = qaframe::parse_audits_csv(text, "t.csv", options, &d);
  o.ok = r.ok();
  o.status = std::string(r.status().message());
  for (const auto& p : d.problems()) o.problems.push_back(p.to_string());
  o.notes = d.notes();
  o.remarks = d.remarks();
  o.total = d.total();
  if (r.ok()) {
    o.set_notes = r->notes();
    o.set = *std::move(r);
  }
  return o;
}

// One thread's outcome and several threads' are the same, to the last message.
// Returns the several threads' stats.
qaframe::CsvReadStats check_same(const std::string& text, std::size_t threads,
                                 std::size_t bytes_per_thread, const ReadOptions& options = {}) {
  const Outcome one = read(text, 1, bytes_per_thread, options);
  const Outcome many = read(text, threads, bytes_per_thread, options);
  CHECK(one.stats.blocks == 1);
  CHECK(one.ok == many.ok);
  CHECK(one.status == many.status);
  CHECK(one.problems == many.problems);
  CHECK(one.total == many.total);
  CHECK(one.notes == many.notes);
  CHECK(one.remarks == many.remarks);
  CHECK(one.set_notes == many.set_notes);
  if (one.set && many.set) CHECK(*one.set == *many.set);
  return many.stats;
}

std::string file_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A random audit file: quoted fields with line breaks, delimiters and quotes inside; blank lines;
// CRLF or LF; now and then a bad grade, a bad date, an empty id or an id seen before.
std::string random_text(std::mt19937_64& rng, int rows, bool with_problems) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  const char* teams[] = {"DTA", "\"H4U, East\"", "YOS", "\"Long\nname\"", "DCT"};
  const char* grades[] = {"Good", "Requires Improvement", "Inadequate", "Outstanding", "N/A", ""};
  const char* notes[] = {"plain", "\"two\nlines\"", "\"a \"\"quoted\"\" word\"", "\"x,\r\ny\"",
                         "\"\n\n\""};
  const std::string eol = pick(2) ? "\r\n" : "\n";
  std::string text = absl::StrCat("audit_id,child_id,team,audit_date,grade,notes", eol);
  for (int i = 0; i < rows; ++i) {
    if (pick(20) == 0) text += eol;  // a blank line
    std::string id = absl::StrCat("A", i);
    std::string grade = grades[pick(6)];
    std::string date = pick(2) ? "01/04/2018" : "2018-04-02";
    if (with_problems) {
      const int what = pick(60);
      if (what == 0) grade = "Goodish";
      if (what == 1) date = "31/02/2018";
      if (what == 2) id = "";
      if (what == 3 && i > 0) id = absl::StrCat("A", pick(i));
    }
    absl::StrAppend(&text, id, ",C", pick(50), ",", teams[pick(5)], ",", date, ",", grade, ",",
                    notes[pick(5)], eol);
  }
  return text;
}

}  // namespace

TEST_CASE("csv blocks: random texts cut at random give one thread's set, or its problems") {
  std::mt19937_64 rng(20261201);
  int parallel_sets = 0, rereads = 0, read_again = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const bool with_problems = trial % 3 == 0;
    const std::string text = random_text(rng, 1 + static_cast<int>(rng() % 400), with_problems);
    const std::size_t threads = 2 + rng() % 6;
    // From a few bytes a block (cuts inside quoted fields and on every kind of line) up to
    // blocks of many records.
    const std::size_t bytes = 1 + rng() % (text.size() / 2 + 1);
    CAPTURE(trial);
    const qaframe::CsvReadStats stats = check_same(text, threads, bytes);
    parallel_sets += stats.blocks > 1 && !stats.read_again;
    rereads += stats.blocks_reread > 0;
    read_again += stats.read_again;
  }
  // Most clean texts are joined from blocks (a few are too short to cut); quoted line breaks
  // make some guessed cuts wrong; texts with problems are read again on one thread.
  CHECK(parallel_sets > 150);
  CHECK(rereads > 20);
  CHECK(read_again >= 90);
}

TEST_CASE("csv blocks: a cut guessed inside a quoted field is read again from the true record") {
  // Every line end but the header's is inside one quoted field: each guessed cut is wrong.
  std::string text = "audit_id,child_id,team,audit_date,grade,notes\nA1,C1,T,01/04/2018,Good,\"";
  for (int i = 0; i < 200; ++i) text += "a line of notes\n";
  text += "\"\nA2,C2,T,01/04/2018,Good,x\n";
  for (std::size_t bytes : {1, 7, 100, 1000}) {
    CAPTURE(bytes);
    check_same(text, 4, bytes);
    const Outcome o = read(text, 4, bytes);
    REQUIRE(o.ok);
    CHECK(o.set->size() == 2);
    CHECK(o.stats.blocks > 1);
    CHECK(o.stats.blocks_reread + 1 == o.stats.blocks);
    CHECK_FALSE(o.stats.read_again);
  }
}

TEST_CASE("csv blocks: a repeated id across blocks is one thread's problem, with its lines") {
  std::string text = "audit_id,child_id,team,audit_date,grade\n";
  for (int i = 0; i < 1000; ++i) absl::StrAppend(&text, "A", i, ",C1,T,01/04/2018,Good\n");
  text += "A3,C1,T,01/04/2018,Good\n";
  const Outcome o = read(text, 4, 64);
  REQUIRE_FALSE(o.ok);
  REQUIRE(o.problems.size() == 1);
  CHECK(o.problems[0].starts_with("t.csv:1002: column 'audit_id': value 'A3': "));
  CHECK(o.stats.blocks == 4);
  CHECK(o.stats.read_again);
  check_same(text, 4, 64);
}

TEST_CASE("csv blocks: every test file and fuzz seed reads alike on one thread and on several") {
  const std::filesystem::path root(QAFRAME_SOURCE_DIR);
  std::vector<std::filesystem::path> files{root / "data/sample/audits.csv"};
  for (const char* dir : {"tests/data", "tests/data/exports", "tests/fuzz/corpus/audits_csv",
                          "tests/fuzz/corpus/audit_chunks", "tests/fuzz/corpus/csv_reader"}) {
    if (!std::filesystem::exists(root / dir)) continue;
    for (const auto& e : std::filesystem::directory_iterator(root / dir))
      if (e.is_regular_file() && e.path().extension() != ".toml" &&
          e.path().extension() != ".xlsx" && e.path().extension() != ".py")
        files.push_back(e.path());
  }
  REQUIRE(files.size() > 40);
  for (const auto& f : files) {
    CAPTURE(f.string());
    const std::string text = file_text(f);
    for (std::size_t bytes : {1, 13, 200, 4096}) check_same(text, 3, bytes);
  }
}

TEST_CASE("csv blocks: threads = 1 and small texts read on one thread; the sample on several") {
  const std::string text =
      file_text(std::filesystem::path(QAFRAME_SOURCE_DIR) / "data/sample/audits.csv");
  const Outcome one = read(text, 1, 1);
  const Outcome many = read(text, 2, 1024);
  const Outcome small = read(text, 8, text.size());  // under twice a block: one thread
  REQUIRE(one.ok);
  REQUIRE(many.ok);
  REQUIRE(small.ok);
  CHECK(*one.set == *many.set);
  CHECK(one.set->size() == 118);
  CHECK(one.stats.blocks == 1);
  CHECK(many.stats.blocks == 2);
  CHECK_FALSE(many.stats.read_again);
  CHECK(small.stats.blocks == 1);
}

TEST_CASE("csv blocks: a renaming profile reads in blocks; one that maps values on one thread") {
  std::string text = "Form ID,child_id,team,audit_date,Overall Grade\n";
  for (int i = 0; i < 2000; ++i)
    absl::StrAppend(&text, "A", i, ",C", i % 7, ",T", i % 3, ",01/04/2018,",
                    i % 5 == 0 ? "n/a" : (i % 3 ? "Good" : "-"), "\n");
  ReadOptions renamed;
  renamed.mapping.source = "p.toml";
  renamed.mapping.columns = {{"audit_id", "Form ID"}, {"grade", "Overall Grade"}};
  ReadOptions with_na = renamed;
  with_na.mapping.not_applicable = {"-", "n/a"};
  // Renamed only: '-' is not a grade, so the blocks meet a problem and one thread reports it.
  const qaframe::CsvReadStats a = check_same(text, 4, 256, renamed);
  CHECK(a.blocks > 1);
  CHECK(a.read_again);
  // N/A spellings are mapped (and counted for a note) row by row: one thread, same notes.
  const qaframe::CsvReadStats b = check_same(text, 4, 256, with_na);
  CHECK(b.blocks == 1);
  const Outcome o = read(text, 4, 256, with_na);
  REQUIRE(o.ok);
  CHECK(o.set_notes.back() ==
        "grade values read by p.toml: 'n/a' as 'N/A' (400 cells), '-' as 'N/A' (533 cells)");
  // Without the '-' values, the renaming profile reads in blocks, with the same notes.
  std::string clean = text;
  for (std::size_t at; (at = clean.find(",-\n")) != std::string::npos;)
    clean.replace(at, 3, ",Good\n");
  const qaframe::CsvReadStats c = check_same(clean, 4, 256, renamed);
  CHECK(c.blocks > 1);
  CHECK_FALSE(c.read_again);
}
