#include "qaframe/grade_table.hpp"

#include "qaframe/period.hpp"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace qaframe {

GradeCounts GradeTable::total() const {
  GradeCounts sum(scale_.size());
  for (const GradeCounts& c : counts_) (void)sum.merge(c);
  return sum;
}

absl::Status GradeTable::add(std::string_view label, const GradeCounts& counts) {
  if (counts.levels() != scale_.size()) {
    return absl::InvalidArgumentError(absl::StrCat("counts of ", counts.levels(),
                                                   " levels added to a table on the ",
                                                   scale_.name(), " scale of ", scale_.size()));
  }
  auto [it, inserted] = index_.try_emplace(std::string(label), rows_.size());
  if (!inserted) return counts_[it->second].merge(counts);
  rows_.emplace_back(label);
  counts_.push_back(counts);
  return absl::OkStatus();
}

absl::Status GradeTable::merge(const GradeTable& other) {
  if (other.by_ != by_) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot merge a table by '", other.by_, "' into a table by '", by_, "'"));
  }
  if (!(other.scale_ == scale_)) {
    return absl::InvalidArgumentError(absl::StrCat("cannot merge a table on the ",
                                                   other.scale_.name(), " scale into one on the ",
                                                   scale_.name(), " scale"));
  }
  for (std::size_t i = 0; i < other.rows_.size(); ++i) {
    if (auto s = add(other.rows_[i], other.counts_[i]); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<GradeTable> crosstab(const AuditSet& audits, std::string_view by,
                                    std::string_view grades) {
  auto column = grouping(audits, by);
  if (!column.ok()) return column.status();
  auto grade_column = audits.grade_column(grades);
  if (!grade_column.ok()) return grade_column.status();
  const GradeScale& scale = *grade_column->scale;
  const Categorical& col = column->column;
  const std::size_t k = scale.size();
  const std::size_t width = k + 1;  // levels, then N/A
  const std::size_t n_levels = col.levels().size();
  // One flat counter array indexed by (category, grade slot): a single pass over two columns.
  std::vector<std::int64_t> cells(n_levels * width, 0);
  std::vector<std::uint32_t> order;  // categories in order of first appearance in these audits
  std::vector<bool> seen(n_levels, false);
  const std::uint32_t* codes = col.codes().data();
  const Grade* values = grade_column->grades.data();
  const std::size_t n = audits.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Grade g = values[i];
    if (g == kNotRecorded) continue;
    const std::size_t slot = g == kNotApplicable ? k : g;
    const std::uint32_t c = codes[i];
    if (!seen[c]) {
      seen[c] = true;
      order.push_back(c);
    }
    ++cells[c * width + slot];
  }
  if (column->ordered) std::sort(order.begin(), order.end());
  GradeTable table(column->name, scale);
  for (std::uint32_t c : order) {
    const std::int64_t* row = &cells[c * width];
    (void)table.add(col.levels()[c], GradeCounts(std::vector<std::int64_t>(row, row + k),
                                                 row[k]));  // sizes match by construction
  }
  return table;
}

}  // namespace qaframe
