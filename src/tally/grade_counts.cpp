#include "qaframe/tally/grade_counts.hpp"

#include <cmath>
#include <numeric>
#include <string>

#include "absl/strings/str_cat.h"

namespace qaframe {

absl::Status GradeCounts::merge(const GradeCounts& other) {
  if (other.levels_.size() != levels_.size()) {
    return absl::InvalidArgumentError(absl::StrCat("cannot merge counts of a ",
                                                   other.levels_.size(), "-level scale into a ",
                                                   levels_.size(), "-level scale"));
  }
  for (std::size_t i = 0; i < levels_.size(); ++i) levels_[i] += other.levels_[i];
  not_applicable_ += other.not_applicable_;
  return absl::OkStatus();
}

namespace {
// "0 to 3" for a four-level scale, "no levels" for none.
std::string level_range(std::size_t levels) {
  return levels == 0 ? std::string("no levels") : absl::StrCat("0 to ", levels - 1);
}
}  // namespace

absl::Status GradeCounts::add(Grade g) {
  if (g >= levels_.size() && g != kNotApplicable && g != kNotRecorded) {
    return absl::OutOfRangeError(
        absl::StrCat("grade ", static_cast<int>(g), " is not a level of a ", levels_.size(),
                     "-level scale (", level_range(levels_.size()), "), N/A or not recorded"));
  }
  add_unchecked(g);
  return absl::OkStatus();
}

absl::StatusOr<std::int64_t> GradeCounts::at(Grade g) const {
  if (g >= levels_.size()) {
    return absl::OutOfRangeError(absl::StrCat("level ", static_cast<int>(g), " is past a ",
                                              levels_.size(), "-level scale (",
                                              level_range(levels_.size()), ")"));
  }
  return levels_[g];
}

std::int64_t GradeCounts::n_graded() const {
  return std::accumulate(levels_.begin(), levels_.end(), std::int64_t{0});
}

std::int64_t GradeCounts::count_below(Grade g) const {
  std::int64_t total = 0;
  for (std::size_t i = 0; i < levels_.size() && i < g; ++i) total += levels_[i];
  return total;
}

std::int64_t GradeCounts::count_at_least(Grade g) const {
  std::int64_t total = 0;
  for (std::size_t i = g; i < levels_.size(); ++i) total += levels_[i];
  return total;
}

namespace {
double share(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? std::nan("") : static_cast<double>(part) / static_cast<double>(whole);
}
}  // namespace

double GradeCounts::share_below(Grade g, bool adjusted) const {
  return share(count_below(g), adjusted ? n_graded() : n());
}

double GradeCounts::share_at_least(Grade g, bool adjusted) const {
  return share(count_at_least(g), adjusted ? n_graded() : n());
}

std::int64_t rounded_percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return -1;
  // round(100 part / whole) with halves up, in integers: floor((200 part + whole) / (2 whole)).
  return (200 * part + whole) / (2 * whole);
}

}  // namespace qaframe
