#include "analysis/kloe_wording.hpp"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "qaframe/model/text.hpp"

namespace qaframe::detail {
namespace {

// A share as a whole percentage, halves up ("-" for NaN).
std::string whole_percent(double share) {
  if (std::isnan(share)) return "-";
  return absl::StrCat(static_cast<long long>(std::floor(share * 100.0 + 0.5)));
}
std::string percent(double share) {
  return std::isnan(share) ? "-" : absl::StrCat(whole_percent(share), "%");
}

// What a strand is called in sentences: "audits", "the survey", or the indicator.
std::string strand_subject(const Signal& s) {
  switch (s.strand) {
    case Strand::kAudit:
      return "audits";
    case Strand::kSurvey:
      return "the survey";
    case Strand::kPerformance:
      break;
  }
  return s.measure.empty() ? s.item : s.measure;
}

std::string capitalised(std::string text) {
  if (!text.empty()) text[0] = absl::ascii_toupper(static_cast<unsigned char>(text[0]));
  return text;
}

// "a", "a and b", "a, b and c", with the verb that agrees with it ("shows" or "show").
std::string join_subjects(const std::vector<std::string>& subjects) {
  if (subjects.size() <= 1) return subjects.empty() ? "" : subjects[0];
  return absl::StrCat(
      absl::StrJoin(std::vector<std::string>(subjects.begin(), subjects.end() - 1), ", "), " and ",
      subjects.back());
}
std::string show(const std::vector<std::string>& subjects) {
  return subjects.size() == 1 && subjects[0] != "audits" ? "shows" : "show";
}

}  // namespace

std::string signal_phrase(const Signal& s, double level) {
  std::string out = capitalised(strand_subject(s));
  if (s.strand == Strand::kPerformance && !s.period.empty())
    absl::StrAppend(&out, " (", s.period, ")");
  absl::StrAppend(&out, ": ", percent(s.estimate));
  if (s.strand != Strand::kPerformance) absl::StrAppend(&out, " ", s.measure);
  // A half-counted tie or an effective n makes a count that is not whole: one decimal then.
  const std::string count = s.count == std::floor(s.count)
                                ? absl::StrCat(static_cast<std::int64_t>(s.count))
                                : absl::StrFormat("%.1f", s.count);
  absl::StrAppend(&out, " (", count, " of ", s.n);
  if (s.strand == Strand::kSurvey && s.counted == "respondents")
    absl::StrAppend(&out, " respondents",
                    s.answers != s.n ? absl::StrCat(", ", s.answers, " answers") : "");
  else if (s.strand == Strand::kSurvey && s.counted != "answers")
    absl::StrAppend(&out, " effective, ", s.answers, " answers from ", s.respondents,
                    " respondents");
  if (!std::isnan(s.low))
    absl::StrAppend(&out, "; ", std::lround(level * 100), "% CI ", whole_percent(s.low), "-",
                    percent(s.high));
  absl::StrAppend(&out, ")");
  if (s.direction == Direction::kInsufficient) {
    absl::StrAppend(&out, ", not compared (", s.note, ")");
    return out;
  }
  absl::StrAppend(&out, " against ", percent(s.benchmark), " ", s.comparator);
  if (s.comparator_n > 0) absl::StrAppend(&out, " (n ", s.comparator_n, ")");
  if (s.strand == Strand::kPerformance && s.polarity == Polarity::kLowerIsBetter)
    absl::StrAppend(&out, ", lower is better");
  absl::StrAppend(&out, ": ", sv(direction_name(s.direction)));
  if (s.strong) absl::StrAppend(&out, " (beyond the 99.8% limit)");
  return out;
}

std::string kloe_evidence(const Cell& c, const std::vector<Signal>& signals, double level) {
  std::vector<std::string> phrases;
  for (std::size_t i : c.signals) phrases.push_back(signal_phrase(signals[i], level));
  std::string status(cell_status_name(c.status));
  status[0] = absl::ascii_toupper(static_cast<unsigned char>(status[0]));
  return absl::StrCat(status, c.strong ? " (strong: beyond 99.8% limits)" : "", " in ", c.unit,
                      ", ", c.theme, ". ", absl::StrJoin(phrases, "; "), ".");
}

std::string question_for(const Cell& cell, const std::vector<Signal>& signals) {
  std::vector<std::string> better, worse, in_line;
  for (std::size_t i : cell.signals) {
    const Signal& s = signals[i];
    if (s.direction == Direction::kBetter) better.push_back(strand_subject(s));
    if (s.direction == Direction::kWorse) worse.push_back(strand_subject(s));
    if (s.direction == Direction::kInLine) in_line.push_back(strand_subject(s));
  }
  switch (cell.status) {
    case CellStatus::kCorroboratedConcern:
      return absl::StrCat("What lies behind the weaker picture of ", cell.theme, " in ", cell.unit,
                          ", where ", join_subjects(worse), worse.size() == 2 ? " both" : " all",
                          " point to concern",
                          in_line.empty() ? ""
                                          : absl::StrCat(" (though ", join_subjects(in_line), " ",
                                                         show(in_line), " it in line)"),
                          ", and what will change before the next review?");
    case CellStatus::kDivergent:
      return absl::StrCat("In ", cell.unit, ", ", join_subjects(better), " ", show(better), " ",
                          cell.theme, " better than its comparator but ", join_subjects(worse), " ",
                          show(worse), " it worse: why do they disagree, and which is right?");
    default:
      break;
  }
  return absl::StrCat("Is the concern about ", cell.theme, " in ", cell.unit, " from ",
                      join_subjects(worse), " real, given that ", join_subjects(in_line), " ",
                      show(in_line), " it in line, and what evidence would settle it?");
}

}  // namespace qaframe::detail
