#include "qaframe/model/data_problem.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>

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
    const std::size_t len = std::max<std::size_t>(utf8_sequence_length(value, i), 1);
    const std::string piece = escape_for_message(value.substr(i, len));
    if (out.size() + piece.size() > max_chars) return out + "...";
    out += piece;
    i += len;
  }
  return out;
}

namespace {

// `text` with its invisible characters (see is_invisible_character) escaped, nothing else.
std::string escape_invisible(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = std::max<std::size_t>(utf8_sequence_length(text, i), 1);
    const std::string_view piece = text.substr(i, len);
    if (len > 1) {
      const std::string escaped = escape_for_message(piece);
      out += escaped;
    } else {
      out += piece;
    }
    i += len;
  }
  return out;
}

}  // namespace

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
  if (!column.empty()) {
    absl::StrAppend(&out, "column '", shorten_for_message(column, 200), "'");
    if (!exported_column.empty())
      absl::StrAppend(&out, " ('", shorten_for_message(exported_column, 200), "')");
    absl::StrAppend(&out, ": ");
  }
  if (!value.empty() || !column.empty()) {
    absl::StrAppend(&out, "value '", shorten_for_message(value), "': ");
  }
  // A reason may quote a label: controls and invisible characters are shown as escapes.
  absl::StrAppend(&out, escape_invisible(neutralise_controls(reason)));
  return out;
}

namespace {

// Where a problem sorts: by file line, then data row (a DataFrame's problems have no line); the
// header and whole-file problems (row -1, line 0 or 1) first.
std::pair<std::int64_t, std::int64_t> position(const DataProblem& p) { return {p.line, p.row}; }

}  // namespace

void Diagnostics::add(DataProblem problem) {
  ++total_;
  if (limit_ == 0) return;
  // Most problems arrive in order: the common case appends. Problems are ordered by line within
  // one source (the run of problems of the same file at the end); files keep the order in which
  // they were read.
  std::size_t at = problems_.size();
  if (!problems_.empty() && problems_.back().source == problem.source &&
      position(problem) < position(problems_.back())) {
    std::size_t run = problems_.size();
    while (run > 0 && problems_[run - 1].source == problem.source) --run;
    at = static_cast<std::size_t>(
        std::upper_bound(
            problems_.begin() + static_cast<std::ptrdiff_t>(run), problems_.end(), problem,
            [](const DataProblem& a, const DataProblem& b) { return position(a) < position(b); }) -
        problems_.begin());
  }
  if (problems_.size() >= limit_) {
    if (at == problems_.size()) return;  // later than every kept one: counted only
    problems_.pop_back();
  }
  problems_.insert(problems_.begin() + static_cast<std::ptrdiff_t>(at), std::move(problem));
}

void Diagnostics::add_note(std::string note) {
  if (std::find(notes_.begin(), notes_.end(), note) == notes_.end())
    notes_.push_back(std::move(note));
}

void Diagnostics::append(const Diagnostics& other) {
  for (const DataProblem& p : other.problems_) add(p);
  count_unkept(other.total_ - other.problems_.size());
  for (const std::string& note : other.notes_) add_note(note);
  for (const std::string& text : other.remarks_) remark(text);
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
  for (const std::string& note : notes_) absl::StrAppend(&message, "\n", neutralise_controls(note));
  return absl::InvalidArgumentError(message);
}

}  // namespace qaframe
