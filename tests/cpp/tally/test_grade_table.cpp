// GradeCounts, GradeProfile and GradeTable: the seed report's tables from the sample, shares,
// rounding, and merging of the tallies of parts.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/tally/grade_counts.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "qaframe/tally/grade_table.hpp"

using qaframe::AuditFilter;
using qaframe::AuditSet;
using qaframe::GradeCounts;
using qaframe::GradeScale;
using qaframe::GradeTable;
using qaframe::kNotApplicable;

namespace {

AuditSet sample() {
  auto s = qaframe::read_audits_csv(std::string(QAFRAME_SOURCE_DIR) + "/data/sample/audits.csv");
  REQUIRE(s.ok());
  return *std::move(s);
}

GradeTable table(const AuditSet& s, std::string_view by) {
  auto t = qaframe::crosstab(s, by, "final_grade", /*allow_identifiers=*/true);
  REQUIRE(t.ok());
  return *std::move(t);
}

using Row = std::pair<std::string, std::vector<std::int64_t>>;  // label; levels then N/A

std::vector<Row> rows_of(const GradeTable& t) {
  std::vector<Row> out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    std::vector<std::int64_t> v = t.row_unchecked(i).level_counts();
    v.push_back(t.row_unchecked(i).n_not_applicable());
    out.emplace_back(t.rows()[i], std::move(v));
  }
  return out;
}

// The same rows with the same counts, in any order.
bool same_counts(const GradeTable& a, const GradeTable& b) {
  if (a.by() != b.by() || !(a.scale() == b.scale()) || a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    bool found = false;
    for (std::size_t j = 0; j < b.size(); ++j) {
      if (a.rows()[i] == b.rows()[j]) {
        if (!(a.row_unchecked(i) == b.row_unchecked(j))) return false;
        found = true;
      }
    }
    if (!found) return false;
  }
  return true;
}

qaframe::DayNumber day(int y, int m, int d) {
  return qaframe::to_day_number(absl::CivilDay(y, m, d));
}

const std::vector<Row> kProgramme = {
    {"Core", {1, 4, 9, 1, 24}},
    {"Practice Review Week", {7, 23, 45, 3, 1}},
};
const std::vector<Row> kTeam = {
    {"Ambleside", {2, 4, 11, 1, 0}}, {"Brambles", {1, 6, 9, 0, 0}}, {"DCT", {1, 7, 5, 0, 1}},
    {"DTA", {0, 4, 6, 0, 24}},       {"H4U", {3, 5, 12, 0, 0}},     {"FPT", {0, 0, 1, 0, 0}},
    {"Early Help", {1, 1, 7, 1, 0}}, {"YOS", {0, 0, 3, 2, 0}},
};
const std::vector<Row> kAuditType = {
    {"General Audits", {7, 26, 44, 3, 1}},
    {"Early Help General Audits", {1, 1, 6, 1, 0}},
    {"Early Help Minimum Standards", {0, 0, 2, 0, 0}},
    {"DTA Minimum Standards", {0, 0, 0, 0, 24}},
    {"Other", {0, 0, 2, 0, 0}},
};

}  // namespace

TEST_CASE("grade_table: the sample reproduces the seed report's three tables exactly") {
  const AuditSet s = sample();
  const GradeTable programme = table(s, "programme");
  CHECK(programme.by() == "programme");
  CHECK(programme.scale() == GradeScale::ofsted());
  CHECK(rows_of(programme) == kProgramme);
  CHECK(rows_of(table(s, "team")) == kTeam);
  CHECK(rows_of(table(s, "audit_type")) == kAuditType);
  // Every table totals to the whole set.
  for (const char* by : {"programme", "team", "audit_type", "auditor", "child_id"}) {
    CAPTURE(by);
    const GradeCounts total = table(s, by).total();
    CHECK(total.level_counts() == std::vector<std::int64_t>{8, 27, 54, 4});
    CHECK(total.n_not_applicable() == 25);
    CHECK(total.n() == 118);
    CHECK(total.n_graded() == 93);
  }
  CHECK(table(s, "child_id").size() == 118);
  // Any spelling of a known column; the table is named canonically.
  CHECK(table(s, "Audit Type").by() == "audit_type");
  CHECK(rows_of(table(s, "Audit Type")) == kAuditType);
}

TEST_CASE("grade_table: crosstab of a column that is not categorical or not there") {
  const AuditSet s = sample();
  auto missing = qaframe::crosstab(s, "ward");
  REQUIRE_FALSE(missing.ok());
  CHECK(absl::IsNotFound(missing.status()));
  CHECK(std::string(missing.status().message()).find("team") != std::string::npos);
  CHECK_FALSE(qaframe::crosstab(s, "grade").ok());
  CHECK_FALSE(qaframe::crosstab(s, "audit_date").ok());
}

TEST_CASE("grade_table: profile and the report's shares") {
  const qaframe::GradeProfile p = qaframe::profile(sample());
  CHECK(p.scale == GradeScale::ofsted());
  CHECK(p.n_children == 118);
  CHECK(p.counts.level_counts() == std::vector<std::int64_t>{8, 27, 54, 4});
  CHECK(p.counts.n_not_applicable() == 25);
  CHECK(p.counts.n() == 118);
  CHECK(p.counts.n_graded() == 93);
  CHECK(p.counts.count_below(2) == 35);
  CHECK(p.counts.count_at_least(2) == 58);
  CHECK(p.counts.count_below(0) == 0);
  CHECK(p.counts.count_at_least(0) == 93);
  CHECK(p.counts.count_below(4) == 93);
  CHECK(p.counts.count_at_least(3) == 4);

  CHECK(*p.share_below("Good") == doctest::Approx(35.0 / 118.0));
  CHECK(*p.share_below("Good", true) == doctest::Approx(35.0 / 93.0));
  CHECK(*p.share_at_least("Good") == doctest::Approx(58.0 / 118.0));
  CHECK(*p.share_at_least("Good", true) == doctest::Approx(58.0 / 93.0));
  CHECK(*p.share_below("RI") == doctest::Approx(8.0 / 118.0));
  CHECK(*p.share_at_least("outstanding", true) == doctest::Approx(4.0 / 93.0));
  CHECK(p.counts.share_below(2) == doctest::Approx(35.0 / 118.0));
  CHECK(p.counts.share_at_least(2, true) == doctest::Approx(58.0 / 93.0));
  // Below and at-least are complements among graded audits.
  CHECK(*p.share_below("Good", true) + *p.share_at_least("Good", true) == doctest::Approx(1.0));
  // A level must be a level.
  CHECK_FALSE(p.share_below("N/A").ok());
  CHECK_FALSE(p.share_below("").ok());
  CHECK_FALSE(p.share_at_least("Goodish").ok());
}

TEST_CASE("grade_table: rounded_percent rounds halves up in integers") {
  using qaframe::rounded_percent;
  CHECK(rounded_percent(35, 118) == 30);  // 29.66
  CHECK(rounded_percent(35, 93) == 38);   // 37.63
  CHECK(rounded_percent(58, 118) == 49);  // 49.15
  CHECK(rounded_percent(58, 93) == 62);   // 62.37
  CHECK(rounded_percent(1, 8) == 13);     // 12.5 -> 13
  CHECK(rounded_percent(3, 8) == 38);     // 37.5 -> 38
  CHECK(rounded_percent(1, 200) == 1);    // 0.5 -> 1
  CHECK(rounded_percent(1, 201) == 0);    // 0.4975
  CHECK(rounded_percent(1, 3) == 33);
  CHECK(rounded_percent(2, 3) == 67);
  CHECK(rounded_percent(0, 5) == 0);
  CHECK(rounded_percent(5, 5) == 100);
  CHECK(rounded_percent(0, 0) == -1);
  CHECK(rounded_percent(3, 0) == -1);
  // Exact where floating point is not: 0.145 * 100 rounds to 15 as a decimal half.
  CHECK(rounded_percent(29, 200) == 15);  // 14.5
  CHECK(rounded_percent(1000000001, 2000000000) == 50);
}

TEST_CASE("grade_table: GradeCounts add, merge, and NaN shares when empty") {
  GradeCounts c(4);
  CHECK(c.levels() == 4);
  CHECK(c.n() == 0);
  CHECK(std::isnan(c.share_below(2)));
  CHECK(std::isnan(c.share_below(2, true)));
  CHECK(std::isnan(c.share_at_least(2)));
  CHECK(c.add(0).ok());
  CHECK(c.add(2).ok());
  CHECK(c.add(2).ok());
  CHECK(c.add(kNotApplicable).ok());
  CHECK(c.at(0).value() == 1);
  CHECK(c.at(1).value() == 0);
  CHECK(c.at(2).value() == 2);
  CHECK(c.n() == 4);
  CHECK(c.n_graded() == 3);
  CHECK(c.n_not_applicable() == 1);
  CHECK(c.share_below(2) == doctest::Approx(0.25));
  CHECK(c.share_below(2, true) == doctest::Approx(1.0 / 3.0));
  // Only N/A: graded shares are NaN, shares of all are 0.
  GradeCounts only_na(4);
  CHECK(only_na.add(kNotApplicable).ok());
  CHECK(only_na.share_below(2) == 0.0);
  CHECK(std::isnan(only_na.share_below(2, true)));
  CHECK(std::isnan(only_na.share_at_least(2, true)));

  GradeCounts other({1, 1, 1, 1}, 2);
  REQUIRE(c.merge(other).ok());
  CHECK(c == GradeCounts({2, 1, 3, 1}, 3));
  GradeCounts wrong({1, 1}, 0);
  auto s = c.merge(wrong);
  CHECK_FALSE(s.ok());
  CHECK(absl::IsInvalidArgument(s));
  CHECK(c == GradeCounts({2, 1, 3, 1}, 3));  // unchanged by a failed merge
  CHECK_FALSE(GradeCounts({1, 0}, 0) == GradeCounts({0, 1}, 0));
  CHECK_FALSE(GradeCounts({1, 0}, 0) == GradeCounts({1, 0}, 1));

  // The profile of an empty set.
  const qaframe::GradeProfile empty = qaframe::profile(AuditSet());
  CHECK(empty.counts.n() == 0);
  CHECK(empty.n_children == 0);
  CHECK(std::isnan(*empty.share_below("Good")));
  CHECK(std::isnan(*empty.share_at_least("Good", true)));
}

TEST_CASE("grade_table: GradeTable add and merge") {
  GradeTable t("team", GradeScale::ofsted());
  CHECK(t.size() == 0);
  CHECK(t.total().n() == 0);
  CHECK(t.total().levels() == 4);
  CHECK(t.add("B", GradeCounts({1, 0, 0, 0}, 0)).ok());
  CHECK(t.add("A", GradeCounts({0, 1, 0, 0}, 1)).ok());
  CHECK(t.add("B", GradeCounts({0, 0, 2, 0}, 0)).ok());
  CHECK(t.rows() == std::vector<std::string>{"B", "A"});
  CHECK(t.row_unchecked(0) == GradeCounts({1, 0, 2, 0}, 0));
  CHECK(t.total() == GradeCounts({1, 1, 2, 0}, 1));

  GradeTable u("team", GradeScale::ofsted());
  CHECK(u.add("C", GradeCounts({0, 0, 0, 1}, 0)).ok());
  CHECK(u.add("A", GradeCounts({1, 0, 0, 0}, 0)).ok());
  REQUIRE(t.merge(u).ok());
  CHECK(t.rows() == std::vector<std::string>{"B", "A", "C"});
  CHECK(t.row_unchecked(1) == GradeCounts({1, 1, 0, 0}, 1));
  CHECK(t.row_unchecked(2) == GradeCounts({0, 0, 0, 1}, 0));

  GradeTable other_column("programme", GradeScale::ofsted());
  auto by = t.merge(other_column);
  REQUIRE_FALSE(by.ok());
  CHECK(absl::IsInvalidArgument(by));
  CHECK(std::string(by.message()).find("programme") != std::string::npos);
  GradeTable other_scale("team", GradeScale::met_not_met());
  CHECK(other_scale.add("A", GradeCounts({1, 1}, 0)).ok());
  auto scale = t.merge(other_scale);
  REQUIRE_FALSE(scale.ok());
  CHECK(std::string(scale.message()).find("met_not_met") != std::string::npos);
  // A failed merge changes nothing.
  CHECK(t.rows() == std::vector<std::string>{"B", "A", "C"});
  CHECK(t.total() == GradeCounts({2, 1, 2, 1}, 1));
  // Equality looks at column, scale, rows in order and counts.
  GradeTable x("team", GradeScale::ofsted()), y("team", GradeScale::ofsted());
  CHECK(x.add("A", GradeCounts({1, 0, 0, 0}, 0)).ok());
  CHECK(x.add("B", GradeCounts({0, 1, 0, 0}, 0)).ok());
  CHECK(y.add("B", GradeCounts({0, 1, 0, 0}, 0)).ok());
  CHECK(y.add("A", GradeCounts({1, 0, 0, 0}, 0)).ok());
  CHECK_FALSE(x == y);
  CHECK(same_counts(x, y));
}

TEST_CASE("grade_table: tables of parts merge to the table of the whole") {
  const AuditSet whole = sample();
  // Parts by date, by alternating rows, and by one team against the rest.
  std::vector<std::pair<AuditSet, AuditSet>> splits;
  {
    AuditFilter early, late;
    early.date_to = day(2017, 12, 31);
    late.date_from = day(2018, 1, 1);
    auto a = whole.filter(early);
    auto b = whole.filter(late);
    REQUIRE((a.ok() && b.ok()));
    CHECK(a->size() + b->size() == whole.size());
    splits.emplace_back(*a, *b);
  }
  {
    std::vector<std::uint32_t> even, odd;
    for (std::uint32_t i = 0; i < whole.size(); ++i) (i % 2 == 0 ? even : odd).push_back(i);
    splits.emplace_back(whole.take_unchecked(even), whole.take_unchecked(odd));
  }
  {
    std::vector<std::uint32_t> first, rest;
    for (std::uint32_t i = 0; i < whole.size(); ++i) (i < 7 ? first : rest).push_back(i);
    splits.emplace_back(whole.take_unchecked(first), whole.take_unchecked(rest));
  }
  {
    auto dta = whole.filter({{{"team", {"DTA"}}}, {}, {}});
    auto others = whole.filter(
        {{{"team", {"Ambleside", "Brambles", "DCT", "H4U", "FPT", "Early Help", "YOS"}}}, {}, {}});
    REQUIRE((dta.ok() && others.ok()));
    splits.emplace_back(*dta, *others);
  }
  int split_number = 0;
  for (const auto& [a, b] : splits) {
    CAPTURE(split_number);
    ++split_number;
    CHECK(a.size() + b.size() == whole.size());
    for (const char* by : {"programme", "team", "audit_type", "auditor"}) {
      CAPTURE(by);
      const GradeTable full = table(whole, by);
      GradeTable ab = table(a, by);
      REQUIRE(ab.merge(table(b, by)).ok());
      GradeTable ba = table(b, by);
      REQUIRE(ba.merge(table(a, by)).ok());
      CHECK(same_counts(ab, full));
      CHECK(same_counts(ba, full));
      CHECK(ab.total() == full.total());
      CHECK(ba.total() == full.total());
      // Counts merge as well.
      GradeCounts counts = qaframe::profile(a).counts;
      REQUIRE(counts.merge(qaframe::profile(b).counts).ok());
      CHECK(counts == qaframe::profile(whole).counts);
    }
  }
  // Split by date, the first part already has every team in the whole's order: the merged
  // table equals the whole's, row order included.
  for (const char* by : {"programme", "team", "audit_type"}) {
    CAPTURE(by);
    GradeTable merged = table(splits[0].first, by);
    REQUIRE(merged.merge(table(splits[0].second, by)).ok());
    CHECK(merged == table(whole, by));
    CHECK(rows_of(merged) == rows_of(table(whole, by)));
  }
  CHECK(rows_of(table(splits[3].first, "team")) == std::vector<Row>{{"DTA", {0, 4, 6, 0, 24}}});
}

TEST_CASE("grade_table: a table lists only the categories its audits have") {
  const AuditSet whole = sample();
  AuditFilter late;
  late.date_from = day(2018, 1, 1);
  auto part = whole.filter(late);
  REQUIRE(part.ok());
  const GradeTable t = table(*part, "team");
  CHECK(t.size() == 7);  // no FPT audit after January
  for (const std::string& r : t.rows()) CHECK(r != "FPT");
  CHECK(t.total().n() == 59);
  const GradeTable empty = table(whole.take_unchecked({}), "team");
  CHECK(empty.size() == 0);
  CHECK(empty.total().n() == 0);
}

TEST_CASE("grade_table: rows of a subset are in the subset's order of first appearance") {
  // Regression (src/tally/grade_table.cpp, crosstab): rows come in the order of the column's
  // dictionary, which a subset made by filter() or take() shares with the whole set, not in the
  // order of first appearance in the subset as documented in grade_table.hpp. So the same audits
  // give a different table (GradeTable::operator== compares row order) depending on whether they
  // were filtered or read from a file.
  const AuditSet whole = sample();
  AuditFilter late;
  late.date_from = day(2018, 1, 1);
  auto part = whole.filter(late);
  REQUIRE(part.ok());
  // In the sample, the first audit of 2018 is a DTA audit.
  REQUIRE(part->size() > 0);
  auto team = part->categorical("team");
  REQUIRE(team.ok());
  CHECK((*team)->value(0) == "DTA");
  const GradeTable t = table(*part, "team");
  REQUIRE(t.size() > 0);
  CHECK(t.rows()[0] == "DTA");
  auto reread = qaframe::parse_audits_csv(part->to_csv(), "part.csv");
  REQUIRE(reread.ok());
  CHECK(*reread == *part);
  CHECK(table(*reread, "team") == t);
  // Reversing the rows reverses the first appearances.
  std::vector<std::uint32_t> reversed;
  for (std::uint32_t i = static_cast<std::uint32_t>(whole.size()); i > 0; --i)
    reversed.push_back(i - 1);
  const GradeTable r = table(whole.take_unchecked(reversed), "programme");
  REQUIRE(r.size() == 2);
  CHECK(r.rows()[0] == "Core");  // AUD-0118 is a Core audit
  const GradeTable rt = table(whole.take_unchecked(reversed), "team");
  REQUIRE(rt.size() == 8);
  CHECK(rt.rows()[0] == "H4U");
}

TEST_CASE("grade_table: adding counts of another scale's width is refused") {
  qaframe::GradeTable t("team", qaframe::GradeScale::ofsted());
  absl::Status s = t.add("A", qaframe::GradeCounts({1, 1}, 0));
  CHECK(absl::IsInvalidArgument(s));
  CHECK(t.size() == 0);
}
