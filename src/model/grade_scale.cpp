#include "qaframe/model/grade_scale.hpp"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

std::string label_key(std::string_view label) {
  std::string key;
  key.reserve(label.size());
  for (std::size_t i = 0; i < label.size(); ++i) {
    const char c = label[i];
    // Every character trim() removes is skipped too, so that a label matches however it is
    // padded ("Good\v" as well as "Good ", "Requires\u00A0Improvement" as "Requires Improvement").
    if (c == ' ' || c == '-' || c == '_' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
        c == '\v') {
      continue;
    }
    if ((static_cast<unsigned char>(c) & 0x80) != 0) {
      if (const std::size_t n = unicode_space_prefix(label.substr(i)); n > 0) {
        i += n - 1;
        continue;
      }
    }
    key.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  // A label of dashes alone ("-", "--") is not the empty label: it is matched as written.
  const std::string_view t = trim(label);
  if (key.empty() && !t.empty()) return absl::StrCat(sv(kDashKeyPrefix), sv(t));
  return key;
}

std::vector<std::string> GradeScale::default_not_applicable() {
  return {"", "N/A", "NA", "Not applicable", "Not graded"};
}

const std::string& GradeScale::not_applicable_label() {
  static const std::string kLabel = "N/A";
  return kLabel;
}

const std::string& GradeScale::label(Grade grade) const {
  static const std::string kNotRecordedLabel;
  if (grade == kNotRecorded) return kNotRecordedLabel;
  if (grade == kNotApplicable || grade >= labels_.size()) return not_applicable_label();
  return labels_[grade];
}

absl::Status GradeScale::add_spelling(std::string_view spelling, Grade grade) {
  std::string key = label_key(spelling);
  auto [it, inserted] = by_key_.try_emplace(key, grade);
  if (!inserted && it->second != grade) {
    return absl::InvalidArgumentError(
        absl::StrCat("grade scale '", name_, "': the spelling '", sv(spelling),
                     "' would mean both '", label(it->second), "' and '", label(grade), "'"));
  }
  if (inserted) spellings_.emplace_back(std::string(spelling), grade);
  return absl::OkStatus();
}

absl::StatusOr<GradeScale> GradeScale::custom(
    std::string name, std::vector<std::string> levels,
    std::vector<std::pair<std::string, std::string>> aliases,
    std::vector<std::string> not_applicable, std::optional<std::size_t> good_from) {
  if (levels.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("grade scale '", name, "' has no levels"));
  }
  if (levels.size() >= kNotApplicable) {
    return absl::InvalidArgumentError(absl::StrCat("grade scale '", name, "' has ", levels.size(),
                                                   " levels; at most 254 are supported"));
  }
  GradeScale scale;
  scale.name_ = std::move(name);
  for (std::string& level : levels) {
    std::string trimmed(trim(level));
    const std::string key = label_key(trimmed);
    if (key.empty() || key.starts_with(kDashKeyPrefix)) {  // a dash is no level either
      return absl::InvalidArgumentError(
          absl::StrCat("grade scale '", scale.name_, "': a level label is empty"));
    }
    scale.labels_.push_back(std::move(trimmed));
  }
  for (std::size_t i = 0; i < scale.labels_.size(); ++i) {
    if (auto s = scale.add_spelling(scale.labels_[i], static_cast<Grade>(i)); !s.ok()) return s;
  }
  for (const auto& [alias, target] : aliases) {
    auto it = std::find(scale.labels_.begin(), scale.labels_.end(), target);
    if (it == scale.labels_.end()) {
      return absl::InvalidArgumentError(absl::StrCat("grade scale '", scale.name_, "': alias '",
                                                     alias, "' names unknown level '", target,
                                                     "'"));
    }
    auto s = scale.add_spelling(alias, static_cast<Grade>(it - scale.labels_.begin()));
    if (!s.ok()) return s;
  }
  for (const std::string& na : not_applicable) {
    if (auto s = scale.add_spelling(na, kNotApplicable); !s.ok()) return s;
  }
  // Without a threshold: on 2 or 3 levels only the best is good (a middle "Partly met" is not),
  // on more the upper half.
  const std::size_t n = scale.labels_.size();
  std::size_t threshold = good_from.value_or(n <= 3 ? n - 1 : n / 2);
  scale.good_from_default_ = !good_from.has_value();
  if (threshold >= scale.labels_.size()) {
    return absl::InvalidArgumentError(absl::StrCat("grade scale '", scale.name_, "': good_from ",
                                                   threshold, " is not a level index"));
  }
  scale.good_from_ = static_cast<Grade>(threshold);
  return scale;
}

GradeScale GradeScale::ofsted() {
  auto scale = custom("ofsted", {"Inadequate", "Requires Improvement", "Good", "Outstanding"},
                      {{"RI", "Requires Improvement"},
                       {"Requires improvement to be good", "Requires Improvement"},
                       {"RITBG", "Requires Improvement"},
                       {"Inadequate practice", "Inadequate"}},
                      default_not_applicable(), 2);
  return *std::move(scale);
}

GradeScale GradeScale::met_not_met() {
  auto scale = custom("met_not_met", {"Not met", "Met"}, {}, default_not_applicable(), 1);
  return *std::move(scale);
}

std::optional<Grade> GradeScale::find(std::string_view text) const {
  // Canonical spellings are most common: try the exact text before building a key.
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    if (labels_[i] == text) return static_cast<Grade>(i);
  }
  auto it = by_key_.find(label_key(text));
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

std::string GradeScale::accepted_labels() const {
  std::vector<std::string> aliases, not_applicable;
  for (const auto& [spelling, grade] : spellings_) {
    if (grade == kNotApplicable) {
      not_applicable.push_back(spelling.empty() ? "(empty)" : spelling);
    } else if (spelling != labels_[grade]) {
      aliases.push_back(absl::StrCat(spelling, " (= ", labels_[grade], ")"));
    }
  }
  std::string out = absl::StrJoin(labels_, ", ");
  if (!aliases.empty()) absl::StrAppend(&out, "; also ", absl::StrJoin(aliases, ", "));
  if (!not_applicable.empty())
    absl::StrAppend(&out, "; N/A: ", absl::StrJoin(not_applicable, ", "));
  absl::StrAppend(&out, "; case, spaces and hyphens are ignored");
  return out;
}

std::string GradeScale::good_from_rule() const {
  if (labels_.empty()) return "no levels";
  std::string out = absl::StrCat("good from ", labels_[good_from_]);
  if (good_from_default_)
    absl::StrAppend(&out,
                    labels_.size() <= 3 ? " (by default, the best level of a scale of "
                                        : " (by default, the upper half of a scale of ",
                    labels_.size(), ")");
  return out;
}

std::string GradeScale::unknown_grade_reason() const {
  return absl::StrCat("unknown grade on the ", name_, " scale (accepted grades listed below)");
}

std::string GradeScale::unknown_grade_reason(std::string_view text) const {
  if (label_key(text).starts_with(kDashKeyPrefix))
    return std::string(parse(text).status().message());
  return unknown_grade_reason();
}

std::string GradeScale::accepted_note() const {
  return absl::StrCat("accepted grades on the ", name_, " scale: ", accepted_labels());
}

absl::StatusOr<Grade> GradeScale::parse(std::string_view text) const {
  if (auto g = find(text)) return *g;
  // The caller reports the value beside the reason.
  if (label_key(text).starts_with(kDashKeyPrefix)) {
    return absl::InvalidArgumentError(
        "a dash, not a grade: if the export uses it for not applicable, list it under "
        "not_applicable in the profile");
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown grade on the ", name_, " scale; accepted: ", accepted_labels()));
}

absl::StatusOr<Grade> GradeScale::level(std::string_view text) const {
  auto g = parse(text);
  if (!g.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("'", sv(shorten_for_message(text)),
                                                   "' is not a level: ", g.status().message()));
  }
  if (*g == kNotApplicable) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", sv(text), "' means not applicable, not a level of the ", name_,
                     " scale (", absl::StrJoin(labels_, ", "), ")"));
  }
  return g;
}

GradeScale GradeScale::with_not_applicable(const std::vector<std::string>& spellings) const {
  GradeScale out = *this;
  for (const std::string& na : spellings) {
    const std::string key = label_key(na);
    auto [it, inserted] = out.by_key_.try_emplace(key, kNotApplicable);
    if (inserted) {
      out.spellings_.emplace_back(std::string(trim(na)), kNotApplicable);
    } else if (it->second != kNotApplicable) {
      // A level's spelling stays the level: "not applicable" cannot take a grade away.
      continue;
    }
  }
  return out;
}

std::vector<int> encode_grades(const GradeScale& scale, const std::vector<std::string>& labels,
                               Diagnostics& diag, const std::string& source,
                               const std::string& column) {
  std::vector<int> codes;
  codes.reserve(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    auto g = scale.parse(labels[i]);
    if (!g.ok()) {
      diag.add({source, 0, static_cast<std::int64_t>(i), column, shorten_for_message(labels[i]),
                scale.unknown_grade_reason(labels[i])});
      diag.add_note(scale.accepted_note());
      codes.push_back(-1);
    } else {
      codes.push_back(*g == kNotApplicable ? -1 : static_cast<int>(*g));
    }
  }
  return codes;
}

}  // namespace qaframe
