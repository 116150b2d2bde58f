#include "qaframe/grade_profile.hpp"

namespace qaframe {

absl::StatusOr<double> GradeProfile::share_below(std::string_view level, bool adjusted) const {
  auto g = scale.level(level);
  if (!g.ok()) return g.status();
  return counts.share_below(*g, adjusted);
}

absl::StatusOr<double> GradeProfile::share_at_least(std::string_view level, bool adjusted) const {
  auto g = scale.level(level);
  if (!g.ok()) return g.status();
  return counts.share_at_least(*g, adjusted);
}

GradeProfile profile(const AuditSet& audits) {
  GradeProfile p{audits.scale(), GradeCounts(audits.scale().size()), 0};
  for (Grade g : audits.grades()) p.counts.add(g);
  p.n_children = static_cast<std::int64_t>(audits.count_children());
  return p;
}

}  // namespace qaframe
