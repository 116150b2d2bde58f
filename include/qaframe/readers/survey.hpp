#pragma once
/// @file survey.hpp
/// Survey evidence: what children, young people, parents and carers answered, one answer per
/// row (long format), on a named response scale; the positive share is the top levels.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/categorical.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/model/grade_scale.hpp"

namespace qaframe {

/// The 5-point agree scale, worst to best: Strongly disagree, Disagree, Neither agree nor
/// disagree, Agree, Strongly agree; positive from Agree. "Neutral" and "Neither" are aliases;
/// "Don't know" and "Prefer not to say" (with the usual N/A spellings) are not answers.
GradeScale agree_scale();

/// Column names of a survey file.
struct SurveyColumns {
  static constexpr std::string_view kRespondentId = "respondent_id";  ///< pseudonymous person
  static constexpr std::string_view kTeam = "team";                   ///< team, or All
  static constexpr std::string_view kRespondent = "respondent";       ///< child, parent, carer...
  static constexpr std::string_view kQuestion = "question";           ///< question text or code
  static constexpr std::string_view kAnswer = "answer";               ///< a label of the scale
  static constexpr std::string_view kDate = "date";                   ///< optional date answered
};

/// Options for reading a survey.
struct SurveyOptions {
  GradeScale scale = agree_scale();  ///< response scale of the answers
  /// First level counted as positive (default: the scale's good_from, Agree).
  std::optional<std::string> positive_from;
  CsvOptions csv;  ///< CSV dialect and limits
};

/// A validated survey: one row per answer. Respondent identifiers are checked (one answer per
/// respondent and question) but not kept: each answer carries instead a respondent key, a number
/// 0, 1, 2 ... in order of first appearance in this file, so that an analysis can count people
/// rather than answers. The key identifies nobody outside this object and is never printed.
class SurveyResponses {
 public:
  /// Number of answers (rows).
  std::size_t size() const { return answers_.size(); }
  /// Where the answers were read from.
  const std::string& source() const { return source_; }
  /// The response scale.
  const GradeScale& scale() const { return scale_; }
  /// First level counted as positive.
  Grade positive_from() const { return positive_from_; }
  /// Team of each answer ("All": attributable to the whole service only).
  const Categorical& team() const { return team_; }
  /// Who answered (child, young person, parent, carer ...).
  const Categorical& respondent() const { return respondent_; }
  /// The question of each answer.
  const Categorical& question() const { return question_; }
  /// Answers as levels of the scale, kNotApplicable for no answer.
  std::span<const Grade> answers() const { return answers_; }
  /// File line of each answer (for messages about its team).
  std::span<const std::int64_t> lines() const { return lines_; }
  /// The respondent key of each answer: answers of one respondent_id share a key in
  /// [0, n_respondents()). A pseudonymous index for counting people; never shown.
  std::span<const std::uint32_t> respondent_keys() const { return respondent_keys_; }
  /// Number of distinct respondents (respondent_id values).
  std::size_t n_respondents() const { return n_respondents_; }

 private:
  friend absl::StatusOr<SurveyResponses> parse_survey_csv(std::string_view, const std::string&,
                                                          const SurveyOptions&, Diagnostics*);
  std::string source_;
  GradeScale scale_ = agree_scale();
  Grade positive_from_ = 0;
  Categorical team_, respondent_, question_;
  std::vector<Grade> answers_;
  std::vector<std::int64_t> lines_;
  std::vector<std::uint32_t> respondent_keys_;
  std::size_t n_respondents_ = 0;
};

/// Parses a survey from CSV text (columns respondent_id, team, respondent, question, answer and
/// optionally date). Every problem is collected into `diag` (if given) and the status: an empty
/// required field, an answer not on the scale, a bad date, a respondent answering the same
/// question twice. Never a partial result.
absl::StatusOr<SurveyResponses> parse_survey_csv(std::string_view text, const std::string& source,
                                                 const SurveyOptions& options = {},
                                                 Diagnostics* diag = nullptr);
/// Reads a survey from a CSV file (see parse_survey_csv).
absl::StatusOr<SurveyResponses> read_survey_csv(const std::string& path,
                                                const SurveyOptions& options = {},
                                                Diagnostics* diag = nullptr);

}  // namespace qaframe
