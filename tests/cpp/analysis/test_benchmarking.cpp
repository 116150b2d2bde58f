// LAIT-style benchmarking on the hand-made tests/data/neighbours_example.csv (ranks, bands and
// changes worked out by hand below), the reader's validation, and the sample neighbours file.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "qaframe/analysis/benchmarking.hpp"
#include "qaframe/readers/neighbours.hpp"
#include "qaframe/readers/performance.hpp"

namespace {

qaframe::NeighbourTable example() {
  auto t = qaframe::read_neighbours_csv(std::string(QAFRAME_SOURCE_DIR) +
                                        "/tests/data/neighbours_example.csv");
  REQUIRE(t.ok());
  return *std::move(t);
}

const qaframe::BenchmarkRow& row(const qaframe::Benchmarking& b, std::string_view indicator) {
  const auto* r = b.find(indicator);
  REQUIRE(r != nullptr);
  return *r;
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("neighbours: the hand-made file reads with its council, neighbours and suppressions") {
  const auto t = example();
  CHECK(t.council == "Council");
  CHECK(t.neighbours.size() == 10);
  CHECK(t.indicators == std::vector<std::string>{"HIGH", "LOW", "MISS", "PCT"});
  CHECK(t.polarity[0] == "higher_is_better");
  int missing = 0;
  for (const auto& v : t.values) missing += std::isnan(v.value) ? 1 : 0;
  CHECK(missing == 2);  // HIGH's N8 "x" and MISS's council "c"
}

TEST_CASE("benchmarking: ranks (ties lowest), bands by polarity and changes, as worked by hand") {
  auto b = qaframe::benchmark_neighbours(example());
  REQUIRE(b.ok());
  // HIGH, higher is better, 2017-18: council 60 among 70 65 60 55 50 45 40 (x) 60 80. Three
  // values are better (70, 65, 80), so rank 4, shared with the two other 60s. Quartiles of the
  // ten values 40 45 50 55 60 60 60 65 70 80 (type 7): 51.25, 60, 63.75; 60 lies on the median,
  // so it takes the band of lower values: from the bottom the second quarter, band C.
  const auto& high = row(*b, "HIGH");
  CHECK(high.period == "2017-18");
  CHECK(high.rank == 4.0);
  CHECK(high.ranked == 10);
  CHECK(high.q1 == doctest::Approx(51.25));
  CHECK(high.median == doctest::Approx(60.0));
  CHECK(high.q3 == doctest::Approx(63.75));
  CHECK(high.band == "C");
  CHECK(high.previous_period == "2016-17");
  CHECK(high.change == doctest::Approx(10.0));
  CHECK(high.direction == "improved");
  CHECK(high.neighbours_mean == doctest::Approx(525.0 / 9.0));
  CHECK(high.neighbours_used == 9);
  CHECK(high.neighbours_missing == 1);
  CHECK(high.region == 57.0);
  CHECK(high.england == 58.0);
  CHECK(has(high.note, "1 of 10 comparator(s) have no value"));
  // LOW, lower is better: council 12 among 10 12 14 ... 28. One value is better (10): rank 2.
  // Quartiles of 10 12 12 14 16 18 20 22 24 26 28: 13, 18, 23; 12 <= 13, the best quarter: A.
  const auto& low = row(*b, "LOW");
  CHECK(low.rank == 2.0);
  CHECK(low.q1 == doctest::Approx(13.0));
  CHECK(low.band == "A");
  CHECK(low.change == doctest::Approx(-3.0));
  CHECK(low.direction == "improved");  // down is better
  CHECK(low.neighbours_mean == doctest::Approx(19.0));
  // MISS: the council's value is suppressed: no rank, band or change, and a note.
  const auto& miss = row(*b, "MISS");
  CHECK(std::isnan(miss.rank));
  CHECK(miss.band.empty());
  CHECK(has(miss.note, "the unit has no value"));
  CHECK(has(miss.note, "no earlier period"));
  CHECK(miss.neighbours_mean == doctest::Approx(6.0));
  // PCT: percentages read as shares; 81.5% among 80 82 84%: rank 3 (82, 84 better).
  const auto& pct = row(*b, "PCT");
  CHECK(pct.percent);
  CHECK(pct.value == doctest::Approx(0.815));
  CHECK(pct.rank == 3.0);
  CHECK(pct.neighbours_mean == doctest::Approx(0.82));
  CHECK(b->method.size() == 3);
}

TEST_CASE("benchmarking: a chosen period, and polarity from the definitions or nowhere") {
  auto b = qaframe::benchmark_neighbours(example(), nullptr, {"2016-17"});
  REQUIRE(b.ok());
  REQUIRE(b->rows.size() == 2);  // HIGH and LOW were published for 2016-17
  CHECK(b->rows[0].indicator == "HIGH");
  CHECK(b->rows[0].rank == 1.0);  // the council alone with a value
  CHECK(b->rows[0].england == 52.0);
  CHECK_FALSE(qaframe::benchmark_neighbours(example(), nullptr, {"2015-16"}).ok());
  auto t = qaframe::parse_neighbours_csv(
      "indicator,period,area,role,value\nX,2018,C,council,1\nX,2018,N,neighbour,2\n", "t.csv");
  REQUIRE(t.ok());
  auto none = qaframe::benchmark_neighbours(*t);
  REQUIRE_FALSE(none.ok());
  CHECK(has(std::string(none.status().message()), "no polarity for indicator(s) X"));
}

TEST_CASE("neighbours: every problem of a bad file, with line, column and value") {
  const std::string text =
      "indicator,period,area,role,value,polarity\n"
      "A,2017-18,Us,council,50,higher_is_better\n"    // line 2: fine
      "A,2017-18,N1,neighbor,abc,\n"                  // 3: value not a number
      ",2017-18,N2,neighbour,1,\n"                    // 4: empty indicator
      "A,Sept,N3,neighbour,1,\n"                      // 5: not a period
      "A,2017-18,N4,friend,1,\n"                      // 6: unknown role
      "A,2017-18,N5,neighbour,1,sideways\n"           // 7: bad polarity
      "A,2017-18,Us,neighbour,1,\n"                   // 8: the council's own area again
      "A,2017-18,Them,council,1,\n"                   // 9: a second council row
      "A,2017-18,E1,england,1,\n"                     // 10: fine
      "A,2017-18,E2,england,1,\n"                     // 11: a second England row
      "A,2016-17,Other,council,1,lower_is_better\n";  // 12: another council, other polarity
  qaframe::Diagnostics diag;
  auto t = qaframe::parse_neighbours_csv(text, "n.csv", &diag);
  REQUIRE_FALSE(t.ok());
  std::vector<std::pair<std::int64_t, std::string>> got;
  for (const auto& p : diag.problems()) got.emplace_back(p.line, p.column);
  const std::vector<std::pair<std::int64_t, std::string>> want = {
      {3, "value"}, {4, "indicator"}, {5, "period"}, {6, "role"}, {7, "polarity"},
      {8, "area"},  {9, "role"},      {11, "role"},  {12, "area"}};
  CHECK(got == want);
  for (const auto& p : diag.problems()) {
    CAPTURE(p.to_string());
    CHECK(p.source == "n.csv");
    CHECK_FALSE(p.reason.empty());
  }
  CHECK(has(diag.problems()[5].reason, "a second value for this area"));
  CHECK(has(diag.problems()[6].reason, "a second council row"));
  CHECK(has(diag.problems()[8].reason, "a second council in one file"));
  // A header without values, and values without a council.
  CHECK_FALSE(qaframe::parse_neighbours_csv("indicator,period,area,role,value\n", "e.csv").ok());
  CHECK_FALSE(qaframe::parse_neighbours_csv(
                  "indicator,period,area,role,value\nA,2018,N,neighbour,1\n", "nc.csv")
                  .ok());
}

TEST_CASE("benchmarking: the sample's neighbours agree with its performance and indicators") {
  const std::string dir = std::string(QAFRAME_SOURCE_DIR) + "/data/sample/";
  auto t = qaframe::read_neighbours_csv(dir + "neighbours.csv");
  REQUIRE(t.ok());
  auto perf = qaframe::read_performance_csv(dir + "performance.csv", dir + "indicators.csv");
  REQUIRE(perf.ok());
  auto b = qaframe::benchmark_neighbours(*t, &*perf);
  REQUIRE(b.ok());
  REQUIRE(b->rows.size() == 5);
  // The council's March value is the All row of performance.csv (SEEN_ALONE 212 / 266).
  const auto& seen = row(*b, "SEEN_ALONE");
  CHECK(seen.period == "2018-03");
  CHECK(seen.value == doctest::Approx(0.797).epsilon(1e-9));
  CHECK(seen.neighbours_used == 9);  // one suppressed
  // The neighbours' mean is the statistical-neighbours benchmark of indicators.csv (80%).
  CHECK(seen.neighbours_mean == doctest::Approx(0.80).epsilon(1e-9));
  CHECK(row(*b, "ASSESS45").neighbours_mean == doctest::Approx(0.83).epsilon(1e-9));
  CHECK(row(*b, "REREFERRALS").polarity == qaframe::Polarity::kLowerIsBetter);
  CHECK(row(*b, "ASSESS45").description == "Assessments completed within 45 working days");
}
