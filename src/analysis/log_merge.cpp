#include "qaframe/analysis/log_merge.hpp"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "qaframe/model/text.hpp"

namespace qaframe {

LogMergeSummary merge_kloes(ImprovementLog& log, const Triangulation& t, DayNumber as_of,
                            int review_days) {
  LogMergeSummary summary;
  const std::string today = format_date(as_of);
  // The current entry (not closed) of each unit and theme.
  absl::flat_hash_map<std::pair<std::string, std::string>, std::size_t> current;
  for (std::size_t i = 0; i < log.entries.size(); ++i)
    if (log.entries[i].status != KloeStatus::kClosed)
      current[{log.entries[i].unit, log.entries[i].theme}] = i;
  // Numbers already used this month.
  const absl::CivilDay day = to_civil_day(as_of);
  const std::string prefix = absl::StrFormat("KLOE-%04d%02d-", day.year(), day.month());
  int next = 0;
  for (const KloeEntry& e : log.entries) {
    int number = 0;
    if (absl::StartsWith(e.kloe_id, prefix) &&
        absl::SimpleAtoi(sv(std::string_view(e.kloe_id).substr(prefix.size())), &number))
      next = std::max(next, number);
  }
  absl::flat_hash_map<std::pair<std::string, std::string>, bool> raised_now;
  for (const LineOfEnquiry& k : t.kloes) {
    raised_now[{k.unit, k.theme}] = true;
    auto it = current.find({k.unit, k.theme});
    if (it != current.end()) {
      KloeEntry& e = log.entries[it->second];
      const bool changed =
          e.evidence != k.evidence || e.question != k.question || e.status != KloeStatus::kOpen;
      if (changed) {
        if (e.status == KloeStatus::kInReview)
          e.outcome = absl::StrCat(e.outcome, e.outcome.empty() ? "" : "\n", today,
                                   ": concern found again (", sv(cell_status_name(k.status)),
                                   "); reopened.");
        e.evidence = k.evidence;
        e.question = k.question;
        e.status = KloeStatus::kOpen;
        e.updated = as_of;
        ++summary.updated;
      }
      continue;
    }
    KloeEntry e;
    e.kloe_id = absl::StrFormat("%s%03d", prefix, ++next);
    e.raised = as_of;
    e.theme = k.theme;
    e.unit = k.unit;
    e.evidence = k.evidence;
    e.question = k.question;
    e.status = KloeStatus::kOpen;
    e.review_by = as_of + review_days;
    e.updated = as_of;
    e.extra.assign(log.extra_columns.size(), "");
    current[{e.unit, e.theme}] = log.entries.size();
    log.entries.push_back(std::move(e));
    ++summary.added;
  }
  // Open KLOEs of cells the triangulation covered that no longer raise one.
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    for (std::size_t th = 0; th < t.themes.size(); ++th) {
      const Cell& c = t.cell_unchecked(u, th);
      if (raised_now.contains({c.unit, c.theme})) continue;
      auto it = current.find({c.unit, c.theme});
      if (it == current.end()) continue;
      KloeEntry& e = log.entries[it->second];
      if (e.status != KloeStatus::kOpen) continue;
      e.status = KloeStatus::kInReview;
      e.updated = as_of;
      e.outcome = absl::StrCat(e.outcome, e.outcome.empty() ? "" : "\n", today,
                               ": triangulation no longer shows a concern (now ",
                               sv(cell_status_name(c.status)), "); for review.");
      ++summary.marked_for_review;
    }
  }
  return summary;
}

}  // namespace qaframe
