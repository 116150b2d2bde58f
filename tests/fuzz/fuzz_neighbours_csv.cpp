// The statistical-neighbours reader (parse_neighbours_csv) and the benchmarking on any bytes:
// either every value loads, one council, each (indicator, period, area) once, values finite or
// missing, and the benchmarking's ranks and bands are in range; or the load fails as a whole with
// problems that each name the file.
#include <cmath>
#include <set>
#include <string>
#include <tuple>

#include "fuzz_target.hpp"
#include "qaframe/analysis/benchmarking.hpp"
#include "qaframe/readers/neighbours.hpp"

QAFRAME_FUZZ_TARGET(neighbours_csv) {
  qaframe::Diagnostics diag;
  auto table = qaframe::parse_neighbours_csv(data, "fuzz.csv", &diag);
  if (!table.ok()) {
    QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(table.status()));
    QAFRAME_FUZZ_CHECK(!diag.problems().empty());
    for (const qaframe::DataProblem& p : diag.problems()) {
      QAFRAME_FUZZ_CHECK(p.source == "fuzz.csv");
      QAFRAME_FUZZ_CHECK(!p.reason.empty());
      QAFRAME_FUZZ_CHECK(p.line >= 1);
    }
    return;
  }
  QAFRAME_FUZZ_CHECK(diag.ok());
  QAFRAME_FUZZ_CHECK(!table->council.empty());
  std::set<std::tuple<std::string, qaframe::DayNumber, std::string>> seen;
  for (const qaframe::NeighbourValue& v : table->values) {
    QAFRAME_FUZZ_CHECK(!v.indicator.empty() && !v.area.empty() && !v.period.empty());
    QAFRAME_FUZZ_CHECK(std::isnan(v.value) || std::isfinite(v.value));
    QAFRAME_FUZZ_CHECK(v.role != qaframe::AreaRole::kCouncil || v.area == table->council);
    QAFRAME_FUZZ_CHECK(seen.emplace(v.indicator, v.period_start, v.area).second);
  }
  auto b = qaframe::benchmark_neighbours(*table);
  if (!b.ok()) return;  // an indicator without a polarity
  for (const qaframe::BenchmarkRow& r : b->rows) {
    if (std::isnan(r.rank)) continue;
    QAFRAME_FUZZ_CHECK(r.rank >= 1 && r.rank <= static_cast<double>(r.ranked));
    QAFRAME_FUZZ_CHECK(r.band.size() == 1 && r.band[0] >= 'A' && r.band[0] <= 'D');
  }
}
