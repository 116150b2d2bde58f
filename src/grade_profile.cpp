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
  for (Grade g : audits.final_grades()) p.counts.add(g);
  p.n_children = static_cast<std::int64_t>(audits.count_children());
  return p;
}

absl::StatusOr<GradeProfile> profile(const AuditSet& audits, std::string_view grades) {
  auto column = audits.grade_column(grades);
  if (!column.ok()) return column.status();
  GradeProfile p{*column->scale, GradeCounts(column->scale->size()), 0};
  for (Grade g : column->grades) p.counts.add(g);
  p.n_children = static_cast<std::int64_t>(audits.count_children());
  return p;
}

}  // namespace qaframe
