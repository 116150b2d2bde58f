#pragma once
/// @file report.hpp
/// The QA report: built once as a document (doc/document.hpp) from the tallies and analyses —
/// headline, grade tables, moderation, key messages, comparison, trend, triangulation and the
/// improvement log where the data has them, and what was left out and why — then rendered as
/// Markdown, HTML or JSON (render/render.hpp). Every number comes from the tallies and analyses.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/analysis/benchmarking.hpp"
#include "qaframe/analysis/cycle/actions.hpp"
#include "qaframe/analysis/cycle/audit_cycle.hpp"
#include "qaframe/analysis/cycle/escalation.hpp"
#include "qaframe/analysis/cycle/impact.hpp"
#include "qaframe/analysis/cycle/programme.hpp"
#include "qaframe/analysis/cycle/sampling.hpp"
#include "qaframe/analysis/log_merge.hpp"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/doc/document.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/period.hpp"
#include "qaframe/publish/disclosure.hpp"
#include "qaframe/readers/improvement_log.hpp"
#include "qaframe/report/author_text.hpp"
#include "qaframe/tally/grade_counts.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "qaframe/tally/grade_table.hpp"

namespace qaframe {

/// Output format of reports and tables.
enum class ReportFormat { kMarkdown, kJson, kHtml };

/// The format named "markdown", "json" or "html"; InvalidArgument naming the text otherwise.
absl::StatusOr<ReportFormat> parse_report_format(std::string_view name);

/// Publication mode: what a report to be circulated or published leaves out, by the Government
/// Statistical Service's rules.
struct PublishOptions {
  bool enabled = false;  ///< apply the rules below
  /// Counts 1..threshold suppressed ("c"), with secondary suppression so that none can be
  /// recovered from the totals (publish/disclosure.hpp); shares and intervals built on a
  /// suppressed count suppressed too.
  DisclosureRule rule;
  /// Agreement coefficients, moderation rows (by auditor, by team) and comparison rows resting
  /// on fewer pairs or graded audits than this are withheld as too few to publish.
  std::int64_t min_pairs = 10;
  /// Auditors' and moderators' names replaced by stable pseudonyms (publish/pseudonym.hpp).
  bool pseudonymise_staff = false;
  /// The council's 32-hex-digit pseudonym key (needed with pseudonymise_staff).
  std::string pseudonym_key;
};

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
  /// Title, organisation, period covered, date produced and author (HTML shows them, and says
  /// which were not given; an empty title is "Quality assurance report").
  doc::Metadata meta;
  /// Publication mode (off by default).
  PublishOptions publish;
};

/// Results of other inputs that the report includes when they are given: the triangulation of
/// the evidence files, and the improvement log after merging its lines of enquiry.
struct ReportInputs {
  const Triangulation* triangulation = nullptr;  ///< the Triangulation section, when given
  DayNumber as_of = 0;                           ///< the date the triangulation was run for
  const ImprovementLog* log = nullptr;           ///< the merged log, when one was given
  const LogMergeSummary* merge = nullptr;        ///< what the merge did (with `log`)
  /// The audit cycle, each its section when given: actions and follow-up (with the cycle's
  /// completeness), escalation, the audit programme, evidence of impact.
  const ActionSummary* actions = nullptr;
  const CycleSummary* cycle = nullptr;            ///< with `actions`
  const EscalationSummary* escalation = nullptr;  ///< Inadequate audits escalated
  const ProgrammeSummary* programme = nullptr;    ///< audits done against expected
  const ImpactSummary* impact = nullptr;          ///< grade changes between re-audits
  /// The performance indicators against the statistical neighbours (LAIT's way), when given.
  const Benchmarking* benchmarking = nullptr;
  /// The author's own text, merged into the sections it names (see author_text.hpp).
  const AuthorText* text = nullptr;
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

/// The two headline shares: below the threshold and at or above it (one when `threshold` is 0).
/// OutOfRange when `threshold` is not a level of `scale`; InvalidArgument when `counts` are of a
/// scale with another number of levels.
absl::StatusOr<std::vector<Headline>> headlines(const GradeCounts& counts, const GradeScale& scale,
                                                Grade threshold);

/// A table as Markdown: one row per category plus Total; columns levels, N/A, Total.
/// Labels from the data are escaped so that they render as text.
std::string render_markdown(const GradeTable& table);
/// A table as a JSON object.
std::string render_json(const GradeTable& table);
/// A table as CSV with a header; cells that a spreadsheet would run as a formula are neutralised.
std::string render_csv(const GradeTable& table);

/// The problems of `diag` as one line of JSON with a final line end, for a pipeline to parse:
/// {"problems": [{"source", "line", "row", "column", "value", "reason", "cell"}...], "total": N,
/// "notes": [...]} in the order of Diagnostics::problems(); "total" counts those past the limit
/// too. When `diag` holds no problem, `status` (a failure found otherwise) is the one problem,
/// from `source`.
std::string render_problems_json(const Diagnostics& diag, const absl::Status& status,
                                 std::string_view source);

/// A grade profile as Markdown: counts per level, N/A and Total, then the headline shares
/// counted from `threshold`; the errors of headlines() for a threshold past the scale.
absl::StatusOr<std::string> render_profile_markdown(const GradeProfile& profile, Grade threshold);
/// A grade profile as a JSON object (one line, with a final line end): n, n_graded,
/// n_not_applicable, n_children, counts per level and the headline; the errors of headlines().
absl::StatusOr<std::string> render_profile_json(const GradeProfile& profile, Grade threshold);

/// A moderation summary alone as a JSON object (one line, with a final line end): scale, levels
/// (then N/A), audits, moderated, pairs, coverage by programme, the original by moderated table,
/// the agreement coefficients with their intervals and notes, the direction overall, by auditor
/// and by team, and the level, alpha and seed used. NaN is written as null.
std::string render_moderation_json(const ModerationSummary& summary);

/// The report on `audits` as a document: headline and tables, then, when the data has them, the
/// moderation summary, the key messages of the practice domains, the comparison of two periods
/// (the Practice Review Weeks unless options.compare says otherwise), the month-by-month trend
/// of the Core programme, and the triangulation and log of `inputs`; each section the data
/// cannot support is listed under "Not included" with the reason. InvalidArgument for an unknown
/// threshold label.
absl::StatusOr<doc::Document> build_report(const AuditSet& audits, const ReportOptions& options,
                                           const ReportInputs& inputs = {});

/// A team pack: the report for one team (`team`, a value of the team column) — its headline,
/// grades by programme and audit type, its practice domains and moderation, the team against
/// the rest of the service, and its own lines of enquiry from `inputs` — under the same options
/// (publication mode included: a team's numbers are smaller, so more is suppressed). NotFound
/// for a team with no audits.
absl::StatusOr<doc::Document> build_team_pack(const AuditSet& audits, std::string_view team,
                                              const ReportOptions& options,
                                              const ReportInputs& inputs = {});

/// The audit cycle on its own (`qaframe actions`, `qaframe programme`): the sections of the
/// cycle given in `inputs` (actions and follow-up, escalation, the programme, evidence of
/// impact), headed as the report is.
absl::StatusOr<doc::Document> build_cycle_report(const AuditSet& audits,
                                                 const ReportOptions& options,
                                                 const ReportInputs& inputs);

/// A drawn case sample as a document (`qaframe sample`): the month, the seed and the algorithm
/// stated so that an auditor can draw it again, each team's quota, caseload, exclusions and
/// children chosen, and every warning. No child's identifier: those are in the worklist only.
doc::Document build_sample_report(const CaseSample& sample);

/// The teams of `audits` in order of first appearance (the team packs to make).
std::vector<std::string> report_teams(const AuditSet& audits);

/// build_report rendered in options.format.
absl::StatusOr<std::string> render_report(const AuditSet& audits, const ReportOptions& options,
                                          const ReportInputs& inputs = {});

/// Human heading of a column: "programme" -> "Programme", "audit_type" -> "Audit type".
std::string column_heading(std::string_view column);

}  // namespace qaframe
