#pragma once
/// @file grade_counts.hpp
/// GradeCounts: the mergeable tally of grades of one group of audits, and the shares read off it.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/model/grade_scale.hpp"

namespace qaframe {

/// Counts of audits at each level of a scale plus not-applicable. Counts add: the counts of two
/// parts of a set, added, equal the counts of the whole.
class GradeCounts {
 public:
  /// Zero counts for a scale of `levels` levels.
  explicit GradeCounts(std::size_t levels = 0) : levels_(levels, 0) {}
  /// Counts from per-level counts and the number not applicable.
  GradeCounts(std::vector<std::int64_t> levels, std::int64_t not_applicable)
      : levels_(std::move(levels)), not_applicable_(not_applicable) {}

  /// Adds one audit of grade `g` (a level, kNotApplicable, or kNotRecorded, which is not
  /// counted); OutOfRange naming the grade and the scale's range otherwise, the counts unchanged.
  absl::Status add(Grade g);
  /// add() without the check, for loops over grades already validated. Precondition: `g` is
  /// below levels(), kNotApplicable or kNotRecorded (anything else is undefined behaviour).
  void add_unchecked(Grade g) {
    if (g == kNotRecorded) return;
    if (g == kNotApplicable) {
      ++not_applicable_;
    } else {
      ++levels_[g];
    }
  }
  /// Adds the counts of another tally on the same scale; InvalidArgument if sizes differ.
  absl::Status merge(const GradeCounts& other);

  /// Number of levels of the scale.
  std::size_t levels() const { return levels_.size(); }
  /// Audits at level `g`; OutOfRange when `g` is not below levels().
  absl::StatusOr<std::int64_t> at(Grade g) const;
  /// Audits at level `g`, unchecked. Precondition: `g` < levels().
  std::int64_t operator[](Grade g) const { return levels_[g]; }
  /// Per-level counts, worst to best.
  const std::vector<std::int64_t>& level_counts() const { return levels_; }
  /// All audits, graded or not.
  std::int64_t n() const { return n_graded() + not_applicable_; }
  /// Audits with a grade on the scale.
  std::int64_t n_graded() const;
  /// Audits not graded (N/A).
  std::int64_t n_not_applicable() const { return not_applicable_; }

  /// Audits graded below level `g` (all graded audits when `g` is past the scale).
  std::int64_t count_below(Grade g) const;
  /// Audits graded at level `g` or better (none when `g` is past the scale).
  std::int64_t count_at_least(Grade g) const;
  /// Share graded below `g`: of all audits, or, adjusted, of graded audits (N/A left out of the
  /// denominator). NaN when the denominator is zero.
  double share_below(Grade g, bool adjusted = false) const;
  /// Share graded `g` or better, of all audits or (adjusted) of graded audits; NaN if none.
  double share_at_least(Grade g, bool adjusted = false) const;

  /// Equal when every count is equal.
  friend bool operator==(const GradeCounts&, const GradeCounts&) = default;

 private:
  std::vector<std::int64_t> levels_;
  std::int64_t not_applicable_ = 0;
};

/// Percentage of `part` in `whole` rounded to a whole number, halves up (exact integer
/// arithmetic: 35/118 -> 30, 1/8 -> 13); -1 when `whole` is zero.
std::int64_t rounded_percent(std::int64_t part, std::int64_t whole);

}  // namespace qaframe
