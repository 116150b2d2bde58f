// Hostile arguments (issue 20, item 1): every public function that takes an index, a code, a
// grade, a threshold or a size, driven with values out of range, answers with the exact Status
// code and message, never undefined behaviour (the suite runs under ASan and UBSan in
// scripts/test.sh), and leaves its object as it was.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/io/xlsx.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/categorical.hpp"
#include "qaframe/publish/disclosure.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/report/report.hpp"
#include "qaframe/stats/agreement/bootstrap.hpp"
#include "qaframe/tally/grade_counts.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "qaframe/tally/grade_table.hpp"

using qaframe::AuditSet;
using qaframe::Categorical;
using qaframe::ColumnInfo;
using qaframe::ColumnKind;
using qaframe::Grade;
using qaframe::GradeCounts;
using qaframe::GradeScale;
using qaframe::GradeTable;
using qaframe::Levels;

namespace {

constexpr std::size_t kHuge = std::numeric_limits<std::size_t>::max();

const AuditSet& sample() {
  static const AuditSet set = [] {
    auto s = qaframe::read_audits_csv(std::string(QAFRAME_SOURCE_DIR) + "/data/sample/audits.csv");
    REQUIRE(s.ok());
    return *std::move(s);
  }();
  return set;
}

void check_status(const absl::Status& s, absl::StatusCode code, const std::string& message) {
  CHECK(s.code() == code);
  CHECK(std::string(s.message()) == message);
}

}  // namespace

TEST_CASE("hostile arguments: GradeCounts::add and at check the grade") {
  GradeCounts c(4);
  check_status(c.add(9), absl::StatusCode::kOutOfRange,
               "grade 9 is not a level of a 4-level scale (0 to 3), N/A or not recorded");
  check_status(c.add(4), absl::StatusCode::kOutOfRange,
               "grade 4 is not a level of a 4-level scale (0 to 3), N/A or not recorded");
  CHECK(c == GradeCounts(4));  // nothing counted
  CHECK(c.add(3).ok());
  CHECK(c.add(qaframe::kNotApplicable).ok());
  CHECK(c.add(qaframe::kNotRecorded).ok());
  CHECK(c == GradeCounts({0, 0, 0, 1}, 1));
  check_status(c.at(4).status(), absl::StatusCode::kOutOfRange,
               "level 4 is past a 4-level scale (0 to 3)");
  check_status(c.at(qaframe::kNotApplicable).status(), absl::StatusCode::kOutOfRange,
               "level 255 is past a 4-level scale (0 to 3)");
  CHECK(c.at(3).value() == 1);
  CHECK(c[3] == 1);
  GradeCounts none;
  check_status(none.add(0), absl::StatusCode::kOutOfRange,
               "grade 0 is not a level of a 0-level scale (no levels), N/A or not recorded");
  check_status(none.at(0).status(), absl::StatusCode::kOutOfRange,
               "level 0 is past a 0-level scale (no levels)");
  // The shares and counts below a grade past the scale are defined: all graded, or none.
  CHECK(c.count_below(200) == 1);
  CHECK(c.count_at_least(200) == 0);
}

TEST_CASE("hostile arguments: GradeTable::row and key past the last row") {
  auto t = qaframe::crosstab(sample(), "programme");
  REQUIRE(t.ok());
  REQUIRE(t->size() == 2);
  check_status(t->row(2).status(), absl::StatusCode::kOutOfRange,
               "row 2 is past the table's 2 rows (0 to 1)");
  check_status(t->key(kHuge).status(), absl::StatusCode::kOutOfRange,
               absl::StrCat("row ", kHuge, " is past the table's 2 rows (0 to 1)"));
  CHECK(t->row(0).value() == t->row_unchecked(0));
  CHECK(t->key(1).value() == std::vector<std::string>{t->rows()[1]});
  const GradeTable empty("team", GradeScale::ofsted());
  check_status(empty.row(0).status(), absl::StatusCode::kOutOfRange,
               "row 0 is past the table's 0 rows");
}

TEST_CASE("hostile arguments: AuditSet::audit_id, cell and take with bad rows") {
  const AuditSet& s = sample();
  REQUIRE(s.size() == 118);
  check_status(s.audit_id(118).status(), absl::StatusCode::kOutOfRange,
               "row 118 is past the set's 118 audits");
  check_status(s.audit_id(kHuge).status(), absl::StatusCode::kOutOfRange,
               absl::StrCat("row ", kHuge, " is past the set's 118 audits"));
  CHECK(s.audit_id(117).value() == "AUD-0118");
  const AuditSet empty;
  check_status(empty.audit_id(0).status(), absl::StatusCode::kOutOfRange,
               "row 0 is past the set's 0 audits");

  const ColumnInfo& grade = *s.find_column("grade");
  check_status(s.cell(118, grade).status(), absl::StatusCode::kOutOfRange,
               "row 118 is past the set's 118 audits");
  check_status(s.cell(0, ColumnInfo{"team", ColumnKind::kCategorical, 99}).status(),
               absl::StatusCode::kInvalidArgument,
               "column 'team' (categorical, slot 99) is not a column of the set");
  check_status(s.cell(0, ColumnInfo{"grade", ColumnKind::kGrade, 7}).status(),
               absl::StatusCode::kInvalidArgument,
               "column 'grade' (grade, slot 7) is not a column of the set");
  CHECK(s.cell(0, grade).value() == "Good");

  check_status(s.take({0, 118}).status(), absl::StatusCode::kOutOfRange,
               "position 1 of rows is 118, past the set's 118 audits");
  check_status(s.take({std::numeric_limits<std::uint32_t>::max()}).status(),
               absl::StatusCode::kOutOfRange,
               "position 0 of rows is 4294967295, past the set's 118 audits");
  auto taken = s.take({117, 0, 117});
  REQUIRE(taken.ok());
  CHECK(taken->size() == 3);
  CHECK(taken->audit_id(0).value() == "AUD-0118");
}

TEST_CASE("hostile arguments: categorical codes past the levels are refused at construction") {
  const AuditSet& s = sample();
  std::vector<std::uint32_t> codes(s.size(), 0);
  codes[3] = 7;
  const auto levels = std::make_shared<const Levels>(std::vector<std::string>{"a", "b"});
  const Categorical bad(levels, codes);
  check_status(bad.check(), absl::StatusCode::kInvalidArgument,
               "row 3 has code 7, past the column's 2 levels");
  check_status(s.with_categorical("x", bad).status(), absl::StatusCode::kInvalidArgument,
               "column 'x': row 3 has code 7, past the column's 2 levels");
  check_status(
      s.with_categorical("x", Categorical(std::shared_ptr<const Levels>(), codes)).status(),
      absl::StatusCode::kInvalidArgument, "column 'x': the column has no level list (null)");
  codes[3] = 1;
  auto good = s.with_categorical("x", Categorical(levels, codes));
  REQUIRE(good.ok());
  auto t = qaframe::crosstab(*good, "x");  // where a bad code once crashed inside the library
  REQUIRE(t.ok());
  CHECK(t->rows() == std::vector<std::string>{"a", "b"});
  CHECK(t->row(1).value().n() == 1);
}

TEST_CASE("hostile arguments: moderation columns with grades past the scale or bad codes") {
  auto bare = qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_date,grade\nA1,C1,T,2024-04-02,Good\nA2,C2,T,2024-04-03,Good\n",
      "bare.csv");
  REQUIRE(bare.ok());
  const auto levels = std::make_shared<const Levels>(std::vector<std::string>{"M"});
  check_status(
      qaframe::with_moderation_columns(*bare, {9, 0}, Categorical(levels, {0, 0})).status(),
      absl::StatusCode::kInvalidArgument,
      "moderated grade of row 0 is 9, not a level of the 4-level scale");
  check_status(
      qaframe::with_moderation_columns(*bare, {0, 0}, Categorical(levels, {0, 1})).status(),
      absl::StatusCode::kInvalidArgument,
      "moderator column: row 1 has code 1, past the column's 1 level");
  auto joined = qaframe::with_moderation_columns(*bare, {qaframe::kNotRecorded, 3},
                                                 Categorical(levels, {0, 0}));
  REQUIRE(joined.ok());
  CHECK(joined->final_grades()[1] == 3);
}

TEST_CASE("hostile arguments: headlines and profiles with a threshold past the scale") {
  const GradeScale ofsted = GradeScale::ofsted();
  const GradeCounts counts({8, 27, 54, 4}, 25);
  check_status(qaframe::headlines(counts, ofsted, 4).status(), absl::StatusCode::kOutOfRange,
               "threshold 4 is past the 4-level scale (0 to 3)");
  check_status(qaframe::headlines(counts, ofsted, 255).status(), absl::StatusCode::kOutOfRange,
               "threshold 255 is past the 4-level scale (0 to 3)");
  check_status(qaframe::headlines(GradeCounts(3), ofsted, 2).status(),
               absl::StatusCode::kInvalidArgument,
               "counts of a 3-level scale against a 4-level scale");
  CHECK(qaframe::headlines(counts, ofsted, 3).value().size() == 2);
  const qaframe::GradeProfile p = qaframe::profile(sample());
  check_status(qaframe::render_profile_json(p, 200).status(), absl::StatusCode::kOutOfRange,
               "threshold 200 is past the 4-level scale (0 to 3)");
  check_status(qaframe::render_profile_markdown(p, 4).status(), absl::StatusCode::kOutOfRange,
               "threshold 4 is past the 4-level scale (0 to 3)");
}

TEST_CASE("hostile arguments: Triangulation::cell and SuppressedTable::cell out of range") {
  qaframe::Triangulation t;
  t.units = {"A", "All"};
  t.themes = {"voice"};
  t.cells.resize(2);
  t.cells[1].unit = "All";
  check_status(t.cell(2, 0).status(), absl::StatusCode::kOutOfRange,
               "unit 2 is past the 2 units of the triangulation");
  check_status(t.cell(0, kHuge).status(), absl::StatusCode::kOutOfRange,
               absl::StrCat("theme ", kHuge, " is past the 1 themes of the triangulation"));
  CHECK(t.cell(1, 0).value().unit == "All");
  t.cells.clear();
  check_status(t.cell(0, 0).status(), absl::StatusCode::kFailedPrecondition,
               "0 cells for 2 units by 1 themes");

  qaframe::SuppressedTable s;
  s.rows = 1;
  s.columns = 2;
  s.cells.resize(2);
  s.cells[1].value = 7;
  check_status(s.cell(1, 0).status(), absl::StatusCode::kOutOfRange,
               "row 1 is past the table's 1 rows");
  check_status(s.cell(0, 2).status(), absl::StatusCode::kOutOfRange,
               "column 2 is past the table's 2 columns");
  CHECK(s.cell(0, 1).value().value == 7);
  s.rows = 3;
  check_status(s.cell(2, 0).status(), absl::StatusCode::kFailedPrecondition,
               "2 cells for 3 rows by 2 columns");
}

TEST_CASE("hostile arguments: compare_with_benchmark checks count, n, benchmark and levels") {
  using qaframe::Polarity;
  const qaframe::TriangulationOptions o;
  const auto higher = Polarity::kHigherIsBetter;
  check_status(qaframe::compare_with_benchmark(6, 5, 0.5, higher, o).status(),
               absl::StatusCode::kInvalidArgument,
               "count is 6: it must be a number from 0 to n = 5");
  check_status(qaframe::compare_with_benchmark(-1, 5, 0.5, higher, o).status(),
               absl::StatusCode::kInvalidArgument,
               "count is -1: it must be a number from 0 to n = 5");
  check_status(qaframe::compare_with_benchmark(std::nan(""), 5, 0.5, higher, o).status(),
               absl::StatusCode::kInvalidArgument,
               "count is nan: it must be a number from 0 to n = 5");
  check_status(qaframe::compare_with_benchmark(0, -3, 0.5, higher, o).status(),
               absl::StatusCode::kInvalidArgument, "n is -3: it must be >= 0");
  check_status(qaframe::compare_with_benchmark(2, 5, 1.5, higher, o).status(),
               absl::StatusCode::kInvalidArgument,
               "benchmark is 1.5: it must be a share from 0 to 1 (or NaN for none)");
  qaframe::TriangulationOptions bad = o;
  bad.level = 1;
  check_status(qaframe::compare_with_benchmark(2, 5, 0.5, higher, bad).status(),
               absl::StatusCode::kInvalidArgument,
               "options.level is 1: it must lie strictly between 0 and 1");
  bad = o;
  bad.strong_level = std::nan("");
  check_status(qaframe::compare_with_benchmark(2, 5, 0.5, higher, bad).status(),
               absl::StatusCode::kInvalidArgument,
               "options.strong_level is nan: it must lie strictly between 0 and 1");
  // A count of n (all of them) is in range: 5 of 5 against 60% is in line (see
  // test_triangulation.cpp for the tail probability).
  CHECK(qaframe::compare_with_benchmark(5, 5, 0.6, higher, o).value().direction ==
        qaframe::Direction::kInLine);
}

TEST_CASE("hostile arguments: moderation_summary bounds n_resamples and checks its options") {
  qaframe::ModerationOptions o;
  o.n_resamples = 10'000'000;
  check_status(qaframe::moderation_summary(sample(), o).status(),
               absl::StatusCode::kInvalidArgument,
               "n_resamples must be from 2 to 1000000, got 10000000");
  o.n_resamples = std::numeric_limits<std::int64_t>::max();
  check_status(qaframe::moderation_summary(sample(), o).status(),
               absl::StatusCode::kInvalidArgument,
               "n_resamples must be from 2 to 1000000, got 9223372036854775807");
  o.n_resamples = 1;
  check_status(qaframe::moderation_summary(sample(), o).status(),
               absl::StatusCode::kInvalidArgument, "n_resamples must be from 2 to 1000000, got 1");
  o = {};
  o.level = 1.5;
  check_status(qaframe::moderation_summary(sample(), o).status(),
               absl::StatusCode::kInvalidArgument, "level must lie in (0, 1), got 1.5");
  qaframe::ModerationTally tally = qaframe::ModerationTally::empty(GradeScale::ofsted());
  tally.table.resize(2);
  check_status(qaframe::moderation_summary(tally).status(), absl::StatusCode::kInvalidArgument,
               "the tally's table must be 5 x 5 counts >= 0 (levels then N/A)");
  tally = qaframe::ModerationTally::empty(GradeScale::ofsted());
  tally.table[1][2] = -4;
  check_status(qaframe::moderation_summary(tally).status(), absl::StatusCode::kInvalidArgument,
               "the tally's table must be 5 x 5 counts >= 0 (levels then N/A)");
  CHECK(qaframe::stats::kMaxResamples == 1'000'000);
}

TEST_CASE("hostile arguments: a sheet table read past its last row is empty") {
  const qaframe::SheetTable t;
  CHECK(t.cell(5, 5).empty());
  CHECK(t.type(kHuge, 0) == qaframe::CellType::kEmpty);
  CHECK(t.row_width(3) == 0);
  CHECK(t.row_number(3) == 0);
  std::vector<std::string_view> fields;
  t.row_fields(9, fields, 3);
  CHECK(fields == std::vector<std::string_view>{"", "", ""});
}
