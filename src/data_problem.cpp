#include "qaframe/data_problem.hpp"

#include "absl/strings/str_cat.h"

namespace qaframe {

std::string shorten_for_message(std::string_view value, std::size_t max_chars) {
  if (value.size() <= max_chars) return std::string(value);
  std::size_t cut = max_chars;
  // Step back over UTF-8 continuation bytes so that a character is never split.
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "...";
}

std::string DataProblem::to_string() const {
  std::string out = source;
  if (line > 0) {
    absl::StrAppend(&out, ":", line);
  } else if (row >= 0) {
    absl::StrAppend(&out, " row ", row);
  }
  absl::StrAppend(&out, ": ");
  if (!column.empty()) absl::StrAppend(&out, "column '", column, "': ");
  if (!value.empty() || !column.empty()) {
    absl::StrAppend(&out, "value '", shorten_for_message(value), "': ");
  }
  absl::StrAppend(&out, reason);
  return out;
}

void Diagnostics::add(DataProblem problem) {
  ++total_;
  if (problems_.size() < limit_) problems_.push_back(std::move(problem));
}

absl::Status Diagnostics::to_status() const {
  if (ok()) return absl::OkStatus();
  std::string message =
      absl::StrCat(total_, total_ == 1 ? " problem" : " problems", " in ",
                   problems_.empty() ? std::string("input") : problems_[0].source);
  if (problems_.size() < total_) {
    absl::StrAppend(&message, " (the first ", problems_.size(), " are listed)");
  }
  absl::StrAppend(&message, ":");
  for (const DataProblem& p : problems_) absl::StrAppend(&message, "\n  ", p.to_string());
  return absl::InvalidArgumentError(message);
}

}  // namespace qaframe
