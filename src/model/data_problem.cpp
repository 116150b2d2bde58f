#include "qaframe/model/data_problem.hpp"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "qaframe/model/text.hpp"

namespace qaframe {

std::string shorten_for_message(std::string_view value, std::size_t max_chars) {
  // Bytes that are not valid UTF-8, and control characters, are written as escapes, so that a
  // message is always valid UTF-8 on one line and cannot drive a terminal.
  std::string out;
  out.reserve(std::min(value.size(), max_chars) + 3);
  std::size_t i = 0;
  while (i < value.size()) {
    const std::size_t len = utf8_sequence_length(value, i);
    const auto c = static_cast<unsigned char>(value[i]);
    std::string piece;
    if (len == 1 && c >= 0x20 && c != 0x7F) {
      piece.assign(1, value[i]);
    } else if (len > 1) {
      piece = neutralise_controls(value.substr(i, len));  // C1 controls, bidi overrides
    } else if (c == '\n') {
      piece = "\\n";
    } else if (c == '\r') {
      piece = "\\r";
    } else if (c == '\t') {
      piece = "\\t";
    } else {
      piece = absl::StrFormat("\\x%02X", c);
    }
    if (out.size() + piece.size() > max_chars) return out + "...";
    out += piece;
    i += std::max<std::size_t>(len, 1);
  }
  return out;
}

std::string DataProblem::to_string() const {
  std::string out = source;
  if (!cell.empty()) {
    absl::StrAppend(&out, "!", cell);
  } else if (line > 0) {
    absl::StrAppend(&out, ":", line);
  } else if (row >= 0) {
    absl::StrAppend(&out, " row ", row);
  }
  absl::StrAppend(&out, ": ");
  if (!column.empty()) absl::StrAppend(&out, "column '", shorten_for_message(column, 200), "': ");
  if (!value.empty() || !column.empty()) {
    absl::StrAppend(&out, "value '", shorten_for_message(value), "': ");
  }
  absl::StrAppend(&out, neutralise_controls(reason));  // a reason may quote a label
  return out;
}

void Diagnostics::add(DataProblem problem) {
  ++total_;
  if (problems_.size() < limit_) problems_.push_back(std::move(problem));
}

void Diagnostics::append(const Diagnostics& other) {
  for (const DataProblem& p : other.problems_) add(p);
  count_unkept(other.total_ - other.problems_.size());
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
