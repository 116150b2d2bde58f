// Grade tables by several columns, and the branch-free counting kernel against a plain count.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/tally/grade_table.hpp"

using qaframe::GradeTable;

namespace {

qaframe::AuditSet audits(int n) {
  const char* teams[] = {"DTA", "DCT", "H4U"};
  const char* programmes[] = {"Core", "Practice Review Week"};
  const char* grades[] = {"Good", "RI", "", "Inadequate", "Outstanding"};
  std::string text = "audit_id,child_id,team,programme,audit_date,grade\n";
  for (int i = 0; i < n; ++i) {
    absl::StrAppend(&text, "A", i, ",C", i % 5, ",", teams[(i / 3) % 3], ",",
                    programmes[(i * 7 / 5) % 2], ",01/04/2018,", grades[(i * 3) % 5], "\n");
  }
  auto set = qaframe::parse_audits_csv(text, "test.csv");
  REQUIRE(set.ok());
  return *std::move(set);
}

}  // namespace

TEST_CASE("crosstab: by two columns, rows are the combinations in order of first appearance") {
  const qaframe::AuditSet set = audits(1001);
  auto table = qaframe::crosstab(set, std::vector<std::string>{"team", "programme"});
  REQUIRE(table.ok());
  CHECK(table->by() == "team / programme");
  CHECK(table->by_columns() == std::vector<std::string>{"team", "programme"});
  // A plain count of the same cells.
  std::map<std::tuple<std::string, std::string, int>, std::int64_t> expected;
  std::vector<std::pair<std::string, std::string>> order;
  auto team = set.categorical("team");
  auto programme = set.categorical("programme");
  for (std::size_t i = 0; i < set.size(); ++i) {
    std::pair<std::string, std::string> key{std::string((*team)->value(i)),
                                            std::string((*programme)->value(i))};
    if (std::find(order.begin(), order.end(), key) == order.end()) order.push_back(key);
    const int g = set.grades()[i] == qaframe::kNotApplicable ? 4 : set.grades()[i];
    ++expected[{key.first, key.second, g}];
  }
  REQUIRE(table->size() == order.size());
  CHECK(table->size() == 6);
  for (std::size_t r = 0; r < table->size(); ++r) {
    CHECK(table->key_unchecked(r) == std::vector<std::string>{order[r].first, order[r].second});
    CHECK(table->rows()[r] == order[r].first + " / " + order[r].second);
    for (int g = 0; g < 4; ++g) {
      CHECK(table->row_unchecked(r)[static_cast<qaframe::Grade>(g)] ==
            expected[{order[r].first, order[r].second, g}]);
    }
    CHECK(table->row_unchecked(r).n_not_applicable() ==
          expected[{order[r].first, order[r].second, 4}]);
  }
  CHECK(table->total().n() == 1001);
  // One column through the list form is the ordinary table.
  auto one = qaframe::crosstab(set, std::vector<std::string>{"team"});
  REQUIRE(one.ok());
  CHECK(*one == *qaframe::crosstab(set, "team"));
  CHECK_FALSE(qaframe::crosstab(set, std::vector<std::string>{}).ok());
  CHECK_FALSE(qaframe::crosstab(set, std::vector<std::string>{"team", "ward"}).ok());
}

TEST_CASE("crosstab: tables by several columns merge by their keys") {
  const qaframe::AuditSet set = audits(500);
  std::vector<std::uint32_t> first, second;
  for (std::uint32_t i = 0; i < 500; ++i) (i < 137 ? first : second).push_back(i);
  const std::vector<std::string> by{"programme", "team"};
  auto merged = qaframe::crosstab(set.take_unchecked(first), by);
  REQUIRE(merged.ok());
  CHECK(merged->merge(*qaframe::crosstab(set.take_unchecked(second), by)).ok());
  CHECK(*merged == *qaframe::crosstab(set, by));
  // Keys whose labels would be equal when joined stay apart.
  GradeTable t(std::vector<std::string>{"a", "b"}, qaframe::GradeScale::ofsted());
  CHECK(t.add_key({"x / y", "z"}, qaframe::GradeCounts(4)).ok());
  CHECK(t.add_key({"x", "y / z"}, qaframe::GradeCounts(4)).ok());
  CHECK(t.size() == 2);
  CHECK_FALSE(t.add_key({"x"}, qaframe::GradeCounts(4)).ok());
  CHECK_FALSE(t.merge(*qaframe::crosstab(set, "team")).ok());
}

TEST_CASE("crosstab: counts of many rows and few cells (the four-counter path)") {
  const qaframe::AuditSet set = audits(10007);
  auto table = qaframe::crosstab(set, "programme");
  REQUIRE(table.ok());
  std::int64_t total = 0;
  for (std::size_t r = 0; r < table->size(); ++r) total += table->row_unchecked(r).n();
  CHECK(total == 10007);
  CHECK(table->total().n_not_applicable() == 2001);  // rows 4, 9, ..., 10004
}

TEST_CASE("crosstab: many combinations are combined through a hash map, with the same result") {
  // 3,000 children by 3,000 notes: nine million possible combinations, 3,000 that occur.
  std::string text = "audit_id,child_id,team,audit_date,grade,notes\n";
  for (int i = 0; i < 3000; ++i) {
    absl::StrAppend(&text, "A", i, ",C", i, ",T", i % 7, ",01/04/2018,", i % 5 ? "Good" : "RI",
                    ",N", 2999 - i, "\n");
  }
  auto set = qaframe::parse_audits_csv(text, "test.csv");
  REQUIRE(set.ok());
  // By child_id only when identifiers are allowed (a table listing children).
  CHECK(absl::IsFailedPrecondition(
      qaframe::crosstab(*set, std::vector<std::string>{"child_id", "notes"}).status()));
  auto table =
      qaframe::crosstab(*set, std::vector<std::string>{"child_id", "notes"}, "final_grade", true);
  REQUIRE(table.ok());
  auto by_child = qaframe::crosstab(*set, "child_id", "final_grade", true);
  REQUIRE(table->size() == 3000);
  for (std::size_t r = 0; r < 3000; r += 299) {
    CHECK(table->key_unchecked(r) ==
          std::vector<std::string>{absl::StrCat("C", r), absl::StrCat("N", 2999 - r)});
    CHECK(table->row_unchecked(r) == by_child->row_unchecked(r));
  }
  // Three columns, dense: the same counts as two.
  auto three = qaframe::crosstab(*set, std::vector<std::string>{"team", "grade_free", "notes"});
  CHECK_FALSE(three.ok());  // no such column
  auto teams = qaframe::crosstab(*set, std::vector<std::string>{"team", "team", "team"});
  REQUIRE(teams.ok());
  CHECK(teams->size() == 7);
  CHECK(teams->row_unchecked(3) == qaframe::crosstab(*set, "team")->row_unchecked(3));
}

TEST_CASE("crosstab: a table of over a million audits, counted on threads, is the plain count") {
  // 1,200,007 audits (rows of a 1,001-audit set, taken in a shuffled order with repeats): tables
  // of this many rows are counted in shares on every core (up to 8) and added. Each cell must
  // be the count of a plain loop over the rows, whatever the split.
  const qaframe::AuditSet base = audits(1001);
  std::vector<std::uint32_t> rows(1200007);
  std::uint64_t x = 88172645463325252ull;
  for (std::uint32_t& r : rows) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    r = static_cast<std::uint32_t>(x % 1001);
  }
  const qaframe::AuditSet set = base.take_unchecked(rows);
  const qaframe::Categorical& team = **set.categorical("team");
  const qaframe::Categorical& programme = **set.categorical("programme");
  const auto grades = set.final_grades();
  const std::size_t k = set.scale().size();
  // The plain count: (team, programme) -> counts by level, then N/A.
  std::map<std::tuple<std::string, std::string>, std::vector<std::int64_t>> plain;
  std::map<std::string, std::vector<std::int64_t>> by_team;
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (grades[i] == qaframe::kNotRecorded) continue;
    const std::size_t slot = grades[i] == qaframe::kNotApplicable ? k : grades[i];
    auto& cell = plain[{std::string(team.value(i)), std::string(programme.value(i))}];
    cell.resize(k + 1);
    ++cell[slot];
    auto& t = by_team[std::string(team.value(i))];
    t.resize(k + 1);
    ++t[slot];
  }
  auto one = qaframe::crosstab(set, "team");
  REQUIRE(one.ok());
  REQUIRE(one->size() == by_team.size());
  std::int64_t total = 0;
  for (std::size_t r = 0; r < one->size(); ++r) {
    const std::vector<std::int64_t>& want = by_team.at(one->key_unchecked(r)[0]);
    for (std::size_t g = 0; g < k; ++g)
      CHECK(one->row_unchecked(r)[static_cast<qaframe::Grade>(g)] == want[g]);
    CHECK(one->row_unchecked(r).n_not_applicable() == want[k]);
    total += one->row_unchecked(r).n();
  }
  CHECK(total == 1200007);
  // Rows in order of first appearance, as on one core: the first row's team is the first audit's.
  CHECK(one->key_unchecked(0)[0] == team.value(0));
  auto two = qaframe::crosstab(set, std::vector<std::string>{"team", "programme"});
  REQUIRE(two.ok());
  REQUIRE(two->size() == plain.size());
  for (std::size_t r = 0; r < two->size(); ++r) {
    const auto& key = two->key_unchecked(r);
    const std::vector<std::int64_t>& want = plain.at({key[0], key[1]});
    for (std::size_t g = 0; g < k; ++g)
      CHECK(two->row_unchecked(r)[static_cast<qaframe::Grade>(g)] == want[g]);
    CHECK(two->row_unchecked(r).n_not_applicable() == want[k]);
  }
}
