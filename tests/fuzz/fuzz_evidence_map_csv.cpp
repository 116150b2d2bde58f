// The evidence-map reader (parse_evidence_map_csv) on any bytes: either every item loads, with a
// theme, an item and a target that is a share, each (theme, strand, item) once, or the load fails
// as a whole with problems that each name the file.
#include <set>
#include <string>
#include <tuple>

#include "fuzz_target.hpp"
#include "qaframe/readers/evidence_map.hpp"

QAFRAME_FUZZ_TARGET(evidence_map_csv) {
  qaframe::Diagnostics diag;
  auto map = qaframe::parse_evidence_map_csv(data, "fuzz.csv", &diag);
  if (!map.ok()) {
    QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(map.status()));
    QAFRAME_FUZZ_CHECK(diag.total() >= 1);
    QAFRAME_FUZZ_CHECK(!diag.problems().empty());
    for (const qaframe::DataProblem& p : diag.problems()) {
      QAFRAME_FUZZ_CHECK(p.source == "fuzz.csv");
      QAFRAME_FUZZ_CHECK(!p.reason.empty());
      QAFRAME_FUZZ_CHECK(p.line >= 1);
    }
    return;
  }
  QAFRAME_FUZZ_CHECK(diag.ok());
  QAFRAME_FUZZ_CHECK(map->source == "fuzz.csv");
  std::set<std::tuple<std::string, int, std::string>> seen;
  for (const qaframe::EvidenceItem& item : map->items) {
    QAFRAME_FUZZ_CHECK(!item.theme.empty());
    QAFRAME_FUZZ_CHECK(!item.item.empty());
    QAFRAME_FUZZ_CHECK(item.line >= 2);
    if (item.target) QAFRAME_FUZZ_CHECK(*item.target >= 0 && *item.target <= 1);
    QAFRAME_FUZZ_CHECK(seen.emplace(item.theme, static_cast<int>(item.source), item.item).second);
  }
  const auto themes = map->themes();
  QAFRAME_FUZZ_CHECK(themes.size() <= map->items.size());
}
