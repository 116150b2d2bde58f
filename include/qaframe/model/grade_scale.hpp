#pragma once
/// @file grade_scale.hpp
/// Ordered grading scales (Ofsted, met / not met, custom) and the parsing of grade labels.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace qaframe {

/// A grade: the index of a level of its scale, worst (0) to best, or kNotApplicable.
using Grade = std::uint8_t;

/// The grade of an audit that is not graded (N/A).
inline constexpr Grade kNotApplicable = 0xFF;

/// The grade of an empty cell in an optional grade column (an audit that was not moderated): no
/// grade was recorded, which is not the same as a grade of N/A. Tallies leave it out.
inline constexpr Grade kNotRecorded = 0xFE;

/// What begins the key of a label made of dashes alone (see label_key).
inline constexpr std::string_view kDashKeyPrefix = "\x01";

/// The key under which labels are matched: ASCII case folded; hyphens, underscores, ASCII white
/// space and Unicode spaces (see trim) removed. "Requires-Improvement " and "requires improvement"
/// match. A label of hyphens and underscores alone ("-") is not the empty label: its key is
/// kDashKeyPrefix and the label trimmed, so that it matches only itself.
std::string label_key(std::string_view label);

/// An ordered grading scale: levels worst to best with canonical labels, aliases, and the labels
/// that mean "not applicable". Parsing never guesses: an unknown label is an error.
class GradeScale {
 public:
  /// Labels read as not applicable by default: empty, N/A, NA, Not applicable, Not graded.
  static std::vector<std::string> default_not_applicable();

  /// The Ofsted scale: Inadequate, Requires Improvement, Good, Outstanding (also RI,
  /// "Requires improvement to be good"); threshold of "good" practice at Good.
  static GradeScale ofsted();
  /// Not met, Met; threshold at Met.
  static GradeScale met_not_met();
  /// A scale from labels worst to best. `aliases` maps extra spellings to a level label;
  /// `good_from` is the first level counted as good. By default, the conservative choice: the best
  /// level only for a scale of 2 or 3 levels (Partly met is not good), the upper half otherwise;
  /// good_from_rule() says which applied.
  /// Fails when labels are empty, too many (over 254), or two spellings collide.
  static absl::StatusOr<GradeScale> custom(
      std::string name, std::vector<std::string> levels,
      std::vector<std::pair<std::string, std::string>> aliases = {},
      std::vector<std::string> not_applicable = default_not_applicable(),
      std::optional<std::size_t> good_from = std::nullopt);

  /// The scale's name ("ofsted", "met_not_met" or the custom name).
  const std::string& name() const { return name_; }
  /// Number of levels (not counting N/A).
  std::size_t size() const { return labels_.size(); }
  /// Canonical labels, worst to best.
  const std::vector<std::string>& labels() const { return labels_; }
  /// Canonical label of a grade; "N/A" for kNotApplicable, "" for kNotRecorded.
  const std::string& label(Grade grade) const;
  /// The label printed for not-applicable grades: "N/A".
  static const std::string& not_applicable_label();
  /// The first level counted as good (Good on the Ofsted scale).
  Grade good_from() const { return good_from_; }
  /// "good from Met (by default, the best level of a scale of 3)" or "good from Good": where good
  /// starts, and why when it was not given, for a repr or a report.
  std::string good_from_rule() const;
  /// True when good_from was not given to custom() (see good_from_rule()).
  bool good_from_by_default() const { return good_from_default_; }
  /// Every accepted spelling of a level, with the not-applicable spellings, for messages.
  std::string accepted_labels() const;
  /// The reason of a problem for a grade not on the scale, short, for a problem list whose notes
  /// carry accepted_note() once (Diagnostics::add_note), however many grades are bad.
  std::string unknown_grade_reason() const;
  /// The reason for `text`, which is not on the scale: a dash's own reason ("a dash, not a
  /// grade: ... not_applicable in the profile"), else unknown_grade_reason().
  std::string unknown_grade_reason(std::string_view text) const;
  /// "accepted grades on the ofsted scale: ...": the note said once after the problems.
  std::string accepted_note() const;
  /// Every spelling with its grade, as given to custom(): the labels, then the aliases, then the
  /// not-applicable spellings (kNotApplicable), so that a scale can be rebuilt from its parts.
  const std::vector<std::pair<std::string, Grade>>& spellings() const { return spellings_; }

  /// The grade for a label, or nullopt when the label is not on the scale.
  std::optional<Grade> find(std::string_view text) const;
  /// The grade for a label; an unknown label is an InvalidArgument error listing the accepted
  /// labels (the caller names the value and where it came from, as DataProblem does). A dash
  /// ("-") is refused with its own reason unless the scale lists it as not applicable (see
  /// with_not_applicable).
  absl::StatusOr<Grade> parse(std::string_view text) const;
  /// This scale with `spellings` read as not applicable too (an export profile's not_applicable
  /// list: "-", "n.a."); a spelling that is already a level's stays that level's.
  GradeScale with_not_applicable(const std::vector<std::string>& spellings) const;
  /// The level whose canonical label or alias is `text`, refusing not-applicable spellings.
  absl::StatusOr<Grade> level(std::string_view text) const;

  /// Scales are equal when their names, levels, spellings and threshold are equal.
  friend bool operator==(const GradeScale& a, const GradeScale& b) {
    return a.name_ == b.name_ && a.labels_ == b.labels_ && a.good_from_ == b.good_from_ &&
           a.spellings_ == b.spellings_;
  }

 private:
  GradeScale() = default;
  absl::Status add_spelling(std::string_view spelling, Grade grade);

  std::string name_;
  std::vector<std::string> labels_;
  Grade good_from_ = 0;
  bool good_from_default_ = false;
  absl::flat_hash_map<std::string, Grade> by_key_;
  std::vector<std::pair<std::string, Grade>> spellings_;  // as given, for messages and equality
};

class Diagnostics;

/// Level indices of `labels` on `scale`, -1 for not applicable. Unknown labels are recorded in
/// `diag` as problems of `source` (row = position, column = `column`) and encoded as -1; check
/// `diag.ok()` before using the result.
std::vector<int> encode_grades(const GradeScale& scale, const std::vector<std::string>& labels,
                               Diagnostics& diag, const std::string& source = "labels",
                               const std::string& column = "grade");

}  // namespace qaframe
