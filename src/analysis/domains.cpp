#include "qaframe/analysis/domains.hpp"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "qaframe/stats/proportion.hpp"

namespace qaframe {

std::vector<DomainProfile> domain_profiles(const AuditSet& audits) {
  std::vector<DomainProfile> out;
  for (const std::string& name : audits.domain_columns()) {
    auto column = audits.grade_column(name);
    if (!column.ok()) continue;  // listed by the set, so always found
    DomainProfile p{audits.domain_label(name), *column->scale, GradeCounts(column->scale->size())};
    for (Grade g : column->grades) p.counts.add_unchecked(g);
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<KeyMessage> key_messages(const AuditSet& audits, double level) {
  std::vector<KeyMessage> out;
  for (const DomainProfile& p : domain_profiles(audits)) {
    const Grade good = p.scale.good_from();
    KeyMessage m{p.domain,
                 absl::StrCat("below ", p.scale.label(good)),
                 p.counts.n_graded(),
                 p.counts.count_below(good),
                 p.counts.n_not_applicable(),
                 std::numeric_limits<double>::quiet_NaN(),
                 std::numeric_limits<double>::quiet_NaN(),
                 std::numeric_limits<double>::quiet_NaN()};
    if (m.n > 0) {
      auto ci = stats::proportion_ci(static_cast<double>(m.count), static_cast<double>(m.n), level,
                                     stats::ProportionMethod::wilson);
      if (ci.ok()) {
        m.share = ci->estimate;
        m.low = ci->low;
        m.high = ci->high;
      }
    }
    out.push_back(std::move(m));
  }
  std::stable_sort(out.begin(), out.end(), [](const KeyMessage& a, const KeyMessage& b) {
    if ((a.n > 0) != (b.n > 0)) return a.n > 0;
    if (a.n == 0) return a.domain < b.domain;
    if (a.share != b.share) return a.share > b.share;
    if (a.low != b.low) return a.low > b.low;
    if (a.n != b.n) return a.n > b.n;
    return a.domain < b.domain;
  });
  return out;
}

}  // namespace qaframe
