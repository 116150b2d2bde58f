// audits_from_encoded (each distinct value validated once) against the row-by-row path it
// replaced (detail::audits_from_encoded_by_row, every row given to AuditSetBuilder::add_row):
// on random encoded columns with bad grades and dates, empty required values, duplicate and
// badly encoded ids, missing codes, unused categories, spellings of one level and blank rows,
// both give equal sets (AuditSet::operator==) or the identical problems, totals and notes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/encoded_columns.hpp"

using qaframe::AuditSet;
using qaframe::Diagnostics;
using qaframe::EncodedColumn;
using qaframe::GradeScale;

namespace {

struct Pool {
  std::string name;
  std::vector<std::string> texts;
};

// Category pools: good values, other spellings of them (case, spaces), bad ones.
std::vector<Pool> pools() {
  using namespace std::string_literals;
  return {
      {"audit_id", {"A1",  "A2", "A3", " A3",   "A4",    "A5",  "A6",  "A7",  "A8",  "A9",
                    "A10", "",   "  ", "A\xff", "A\0B"s, "A11", "A12", "A13", "A14", "A15"}},
      {"child_id", {"C1", "C2", "C3", "C1 ", "", "C\xc3"}},
      {"team", {"North", "South", "north", "South ", "", "East\xe9"}},
      {"audit_date",
       {"2024-01-05", "05/01/2024", "2024-1-5", "31/02/2024", "not a date", "", "2023-12-31",
        " 2024-03-01 "}},
      {"grade",
       {"Good", "good", "RI", "Requires Improvement", "Outstanding", "Inadequate", "N/A", "",
        "Goodish", "Bad\xff"}},
      {"moderated_grade", {"Good", "", "Outstanding", "Meh", "N/A"}},
      {"moderator", {"M1", "M2", "", "m1"}},
      {"domain:supervision", {"Good", "", "Inadequate", "Met", "n/a"}},
      {"programme", {"Core", "Thematic", "", "core"}},
      {"", {"", "", "stray"}},
  };
}

// A random frame: some of the pools as columns (the required ones usually), each with a random
// subset of its categories (some never used), in random order, codes -1 sometimes. A clean frame
// uses each column's first two categories (sound values, in two spellings) and distinct ids.
std::vector<EncodedColumn> random_frame(std::mt19937& rng, std::vector<std::vector<int>>& store,
                                        bool clean) {
  std::vector<Pool> all = pools();
  std::vector<EncodedColumn> columns;
  std::uniform_real_distribution<double> u(0, 1);
  const std::size_t rows = std::uniform_int_distribution<std::size_t>(0, 120)(rng);
  for (std::size_t p = 0; p < all.size(); ++p) {
    const bool required = p < 5;
    if (u(rng) > (required ? (clean ? 1.0 : 0.97) : 0.5)) continue;
    if (all[p].name.empty() && u(rng) < 0.5) continue;
    EncodedColumn c;
    c.name = all[p].name;
    if (clean && c.name == "audit_id") {
      for (std::size_t r = 0; r < rows + 3; ++r) c.categories.push_back(absl::StrCat("B", r));
      std::shuffle(c.categories.begin(), c.categories.end(), rng);
    } else {
      for (const std::string& t : all[p].texts) {
        if (clean || u(rng) < 0.8) c.categories.push_back(t);
      }
    }
    if (!clean && u(rng) < 0.02) c.name = "team";  // a repeated column, sometimes
    columns.push_back(std::move(c));
  }
  std::shuffle(columns.begin(), columns.end(), rng);
  if (clean) {  // an unnamed column only last, as a spreadsheet's padding
    std::stable_partition(columns.begin(), columns.end(),
                          [](const EncodedColumn& c) { return !c.name.empty(); });
  }
  store.assign(columns.size(), {});
  const double missing = clean ? 0 : u(rng) * 0.2;
  const double good_only = clean ? 1 : u(rng);  // how often a row uses the first categories only
  std::vector<bool> blank_row(rows);
  for (std::size_t r = 0; r < rows; ++r) blank_row[r] = u(rng) < 0.05;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const int k = static_cast<int>(columns[c].categories.size());
    const bool optional = columns[c].name == "programme" || columns[c].name == "moderator" ||
                          columns[c].name == "moderated_grade" || columns[c].name.empty();
    for (std::size_t r = 0; r < rows; ++r) {
      int code = -1;
      if (clean && columns[c].name == "audit_id" && !blank_row[r]) {
        code = static_cast<int>(r);
      } else if (k > 0 && !blank_row[r] && u(rng) >= missing &&
                 !(clean && optional && u(rng) < 0.2)) {
        const int limit = u(rng) < good_only ? std::min(k, 2) : k;
        code = std::uniform_int_distribution<int>(0, limit - 1)(rng);
      }
      store[c].push_back(code);
    }
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    columns[c].codes = std::span<const std::int32_t>(store[c].data(), store[c].size());
  }
  return columns;
}

std::vector<std::string> texts(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& p : d.problems()) out.push_back(p.to_string());
  return out;
}

}  // namespace

TEST_CASE("encoded_columns: each level validated once gives the row path's set and problems") {
  std::mt19937 rng(16);
  int sets = 0, failures = 0;
  for (int trial = 0; trial < 600; ++trial) {
    std::vector<std::vector<int>> store;
    const std::vector<EncodedColumn> columns = random_frame(rng, store, trial % 2 == 0);
    const std::size_t limit = trial % 3 == 0 ? 5 : 1000;
    qaframe::DomainScales domains;
    if (trial % 4 == 1) domains.emplace_back("supervision", GradeScale::met_not_met());
    const GradeScale scale =
        trial % 5 == 2 ? GradeScale::ofsted().with_not_applicable({"n/a"}) : GradeScale::ofsted();
    Diagnostics fast(limit), slow(limit);
    auto a = qaframe::audits_from_encoded(columns, scale, "DataFrame", &fast, domains);
    auto b =
        qaframe::detail::audits_from_encoded_by_row(columns, scale, "DataFrame", &slow, domains);
    INFO("trial " << trial);
    REQUIRE(a.ok() == b.ok());
    CHECK(texts(fast) == texts(slow));
    CHECK(fast.total() == slow.total());
    CHECK(fast.notes() == slow.notes());
    if (a.ok()) {
      ++sets;
      CHECK(*a == *b);
      // The level order too, not only the values (operator== compares values).
      for (const auto& c : a->columns()) {
        if (c.kind != qaframe::ColumnKind::kCategorical) continue;
        CHECK((*a->categorical(c.name))->levels() == (*b->categorical(c.name))->levels());
      }
    } else {
      ++failures;
      CHECK(a.status().message() == b.status().message());
    }
  }
  // Both outcomes were exercised many times.
  CHECK(sets > 50);
  CHECK(failures > 50);
}

TEST_CASE("encoded_columns: a worked example of problems by row, then duplicates") {
  const std::vector<int> ids{0, 1, 0, 2, 0}, grades{0, 1, 0, 0, 2}, dates{0, 0, 1, 0, 0},
      teams{0, 0, 0, -1, 0}, children{0, 0, 0, 0, 0};
  auto span = [](const std::vector<int>& v) {
    return std::span<const std::int32_t>(v.data(), v.size());
  };
  const std::vector<EncodedColumn> columns{
      {"audit_id", {"A1", "A2", "A3"}, span(ids)},
      {"child_id", {"C1"}, span(children)},
      {"team", {"North"}, span(teams)},
      {"audit_date", {"2024-01-05", "2024-02-30"}, span(dates)},
      {"grade", {"Good", "Goodish", "good"}, span(grades)},
  };
  Diagnostics d;
  auto a = qaframe::audits_from_encoded(columns, GradeScale::ofsted(), "DataFrame", &d);
  REQUIRE_FALSE(a.ok());
  const std::vector<std::string> got = texts(d);
  REQUIRE(got.size() == 5);
  CHECK(got[0].find("row 1") != std::string::npos);  // Goodish
  CHECK(got[0].find("Goodish") != std::string::npos);
  CHECK(got[1].find("row 2") != std::string::npos);  // 30 February
  CHECK(got[1].find("audit_date") != std::string::npos);
  CHECK(got[2].find("duplicate audit_id; first seen on row 0") != std::string::npos);
  CHECK(got[3].find("row 3") != std::string::npos);  // team empty
  CHECK(got[3].find("team is empty; it is required") != std::string::npos);
  CHECK(got[4].find("row 4") != std::string::npos);
  CHECK(got[4].find("duplicate audit_id; first seen on row 0") != std::string::npos);
  Diagnostics slow;
  auto b = qaframe::detail::audits_from_encoded_by_row(columns, GradeScale::ofsted(), "DataFrame",
                                                       &slow);
  CHECK(texts(slow) == got);
}
