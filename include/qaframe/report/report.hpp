#pragma once
/// @file report.hpp
/// The QA report: the grade tables of the annual report and its headline shares, rendered as
/// Markdown for people or JSON for machines. Rendering only: every number comes from the tallies.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/period.hpp"
#include "qaframe/tally/grade_counts.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "qaframe/tally/grade_table.hpp"

namespace qaframe {

/// Output format of reports and tables.
enum class ReportFormat { kMarkdown, kJson };

/// The format named "markdown" or "json"; InvalidArgument naming the text otherwise.
absl::StatusOr<ReportFormat> parse_report_format(std::string_view name);

/// What a report contains.
struct ReportOptions {
  ReportFormat format = ReportFormat::kMarkdown;  ///< Markdown or JSON
  /// Columns to tabulate, each included when the data has it (the seed report's three).
  std::vector<std::string> by = {"programme", "team", "audit_type"};
  /// First level counted as good in the headline (default: the scale's, Good for Ofsted).
  std::optional<std::string> threshold;
  /// Name of the data shown in the report (a file name; never a child's identifier).
  std::string source;
  /// Grade column of the tables and headline: the final grade (moderated where recorded) or
  /// "grade" for the auditors' own.
  std::string grades = "final_grade";
  /// The two periods compared (A then B); by default the first and last Practice Review Weeks.
  std::optional<std::pair<Period, Period>> compare;
  /// Settings of the moderation section.
  ModerationOptions moderation;
  /// Tables by an identifier column (child_id) are refused unless this is true.
  bool allow_identifiers = false;
};

/// A headline share in the report's form: "30% (38% adjusted) Inadequate or Requires
/// Improvement": `count` of `n` audits, of `n_graded` graded.
struct Headline {
  std::string levels;         ///< the levels counted, joined with " or "
  std::int64_t count = 0;     ///< audits at those levels
  std::int64_t n = 0;         ///< all audits
  std::int64_t n_graded = 0;  ///< graded audits
  /// "30% (38% adjusted) Inadequate or Requires Improvement" (percent "-" when n is zero).
  std::string text() const;
};

/// The two headline shares: below the threshold and at or above it.
std::vector<Headline> headlines(const GradeCounts& counts, const GradeScale& scale,
                                Grade threshold);

/// A table as Markdown: one row per category plus Total; columns levels, N/A, Total.
/// Labels from the data are escaped so that they render as text.
std::string render_markdown(const GradeTable& table);
/// A table as a JSON object.
std::string render_json(const GradeTable& table);
/// A table as CSV with a header; cells that a spreadsheet would run as a formula are neutralised.
std::string render_csv(const GradeTable& table);

/// A grade profile as Markdown: counts per level, N/A and Total, then the headline shares
/// counted from `threshold`.
std::string render_profile_markdown(const GradeProfile& profile, Grade threshold);
/// A grade profile as a JSON object (one line, with a final line end): n, n_graded,
/// n_not_applicable, n_children, counts per level and the headline.
std::string render_profile_json(const GradeProfile& profile, Grade threshold);

/// The report on `audits`: headline and tables, then, when the data has them, the moderation
/// summary, the key messages of the practice domains, the comparison of two periods (the Practice
/// Review Weeks unless options.compare says otherwise) and the month-by-month trend of the Core
/// programme. InvalidArgument for an unknown threshold label.
absl::StatusOr<std::string> render_report(const AuditSet& audits, const ReportOptions& options);

/// Human heading of a column: "programme" -> "Programme", "audit_type" -> "Audit type".
std::string column_heading(std::string_view column);

}  // namespace qaframe
