#include "qaframe/analysis/benchmarking.hpp"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/stats/distributions.hpp"
#include "qaframe/stats/inference/benchmarking.hpp"

namespace qaframe {

const BenchmarkRow* Benchmarking::find(std::string_view indicator) const {
  for (const BenchmarkRow& r : rows)
    if (r.indicator == indicator) return &r;
  return nullptr;
}

namespace {

constexpr double kNaN = stats::detail::kNaN;

// The periods of one indicator in date order, each with its label.
std::vector<std::pair<DayNumber, std::string>> periods_of(const NeighbourTable& table,
                                                          const std::string& indicator) {
  std::vector<std::pair<DayNumber, std::string>> out;
  for (const NeighbourValue& v : table.values) {
    if (v.indicator != indicator) continue;
    bool seen = false;
    for (const auto& p : out) seen = seen || p.first == v.period_start;
    if (!seen) out.emplace_back(v.period_start, v.period);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

absl::StatusOr<Benchmarking> benchmark_neighbours(const NeighbourTable& table,
                                                  const Performance* definitions,
                                                  const BenchmarkOptions& options) {
  Benchmarking out;
  out.source = table.source;
  out.council = table.council;
  out.neighbours = table.neighbours;
  std::vector<std::string> no_polarity;
  bool period_found = !options.period.has_value();
  for (std::size_t i = 0; i < table.indicators.size(); ++i) {
    const std::string& indicator = table.indicators[i];
    const IndicatorDefinition* def =
        definitions != nullptr ? definitions->find(indicator) : nullptr;
    BenchmarkRow row;
    row.indicator = indicator;
    row.description = def != nullptr && !def->description.empty() ? def->description : indicator;
    if (!table.polarity[i].empty()) {
      row.polarity = table.polarity[i] == "lower_is_better" ? Polarity::kLowerIsBetter
                                                            : Polarity::kHigherIsBetter;
    } else if (def != nullptr) {
      row.polarity = def->polarity;
    } else {
      no_polarity.push_back(indicator);
      continue;
    }
    const auto periods = periods_of(table, indicator);
    std::size_t at = periods.size() - 1;  // an indicator has at least one value
    if (options.period) {
      auto it = std::find_if(periods.begin(), periods.end(),
                             [&](const auto& p) { return p.second == *options.period; });
      if (it == periods.end()) continue;  // not published for that period
      at = static_cast<std::size_t>(it - periods.begin());
      period_found = true;
    }
    row.period = periods[at].second;
    const DayNumber start = periods[at].first;
    const bool has_previous = at > 0;
    if (has_previous) row.previous_period = periods[at - 1].second;
    double value = kNaN, previous = kNaN;
    row.region = row.england = kNaN;
    std::vector<double> neighbours(table.neighbours.size(), kNaN);
    for (const NeighbourValue& v : table.values) {
      if (v.indicator != indicator) continue;
      row.percent = row.percent || v.percent;
      if (has_previous && v.period_start == periods[at - 1].first && v.role == AreaRole::kCouncil)
        previous = v.value;
      if (v.period_start != start) continue;
      switch (v.role) {
        case AreaRole::kCouncil:
          value = v.value;
          break;
        case AreaRole::kRegion:
          row.region = v.value;
          break;
        case AreaRole::kEngland:
          row.england = v.value;
          break;
        case AreaRole::kNeighbour: {
          const auto n = std::find(table.neighbours.begin(), table.neighbours.end(), v.area);
          neighbours[static_cast<std::size_t>(n - table.neighbours.begin())] = v.value;
          break;
        }
      }
    }
    auto b = stats::benchmark_rank(
        value, neighbours,
        row.polarity == Polarity::kLowerIsBetter ? stats::Better::lower : stats::Better::higher,
        previous);
    if (!b.ok()) return b.status();  // values are finite or NaN by construction
    row.value = b->value;
    row.previous = b->previous;
    row.change = b->change;
    row.direction = b->direction;
    row.rank = b->rank;
    row.ranked = b->ranked;
    row.band = b->band;
    row.q1 = b->q1;
    row.median = b->median;
    row.q3 = b->q3;
    row.neighbours_mean = b->comparators_mean;
    row.neighbours_used = b->comparators_used;
    row.neighbours_missing = b->comparators_missing;
    std::vector<std::string> notes;
    if (!b->note.empty()) notes.push_back(b->note);
    if (!has_previous)
      notes.push_back("no earlier period in the file: no change");
    else if (std::isnan(previous) && !std::isnan(value))
      notes.push_back(absl::StrCat("no council value for ", row.previous_period, ": no change"));
    row.note = absl::StrJoin(notes, "; ");
    out.rows.push_back(std::move(row));
  }
  if (!no_polarity.empty())
    return absl::InvalidArgumentError(absl::StrCat(
        "no polarity for indicator(s) ", absl::StrJoin(no_polarity, ", "),
        ": give a polarity column in ", table.source, " or define them in the indicators file"));
  if (!period_found)
    return absl::InvalidArgumentError(
        absl::StrCat("no indicator in ", table.source, " has period '", *options.period, "'"));
  out.method = {
      "Rank: 1 is the best value by polarity among the council and its neighbours with a value; "
      "tied values share the lowest rank (as LAIT).",
      "Band: quartiles of the same values (linear interpolation, R's type 7); A is the best "
      "quarter by polarity, D the worst; a value on a cut point takes the band of lower values "
      "(LAIT's rule). LAIT bands among all English councils: these bands are within the "
      "comparison group.",
      "Neighbours' mean: the mean of the neighbours with a value, the council not included; "
      "suppressed values are left out and counted.",
  };
  return out;
}

}  // namespace qaframe
