#include "qaframe/tally/grade_profile.hpp"

#include <array>
#include <vector>

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

namespace {

// The counts of a grade column from a histogram of its bytes: no branch per audit.
GradeCounts count_grades(std::span<const Grade> grades, std::size_t levels) {
  std::array<std::int64_t, 256> histogram{};
  for (Grade g : grades) ++histogram[g];
  std::vector<std::int64_t> counts(histogram.begin(),
                                   histogram.begin() + static_cast<std::ptrdiff_t>(levels));
  return GradeCounts(std::move(counts), histogram[kNotApplicable]);  // kNotRecorded left out
}

}  // namespace

GradeProfile profile(const AuditSet& audits) {
  GradeProfile p{audits.scale(), count_grades(audits.final_grades(), audits.scale().size()), 0};
  p.n_children = static_cast<std::int64_t>(audits.count_children());
  return p;
}

absl::StatusOr<GradeProfile> profile(const AuditSet& audits, std::string_view grades) {
  auto column = audits.grade_column(grades);
  if (!column.ok()) return column.status();
  GradeProfile p{*column->scale, count_grades(column->grades, column->scale->size()), 0};
  p.n_children = static_cast<std::int64_t>(audits.count_children());
  return p;
}

}  // namespace qaframe
