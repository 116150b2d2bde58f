#pragma once
// The report's sections as document parts (internal): each analysis result becomes one section
// (its heading, text, tables and figures) and its data (the JSON members), written once and
// rendered alike in every format.
#include <string>
#include <string_view>
#include <vector>

#include "qaframe/analysis/benchmarking.hpp"
#include "qaframe/analysis/comparison.hpp"
#include "qaframe/analysis/cycle/actions.hpp"
#include "qaframe/analysis/cycle/audit_cycle.hpp"
#include "qaframe/analysis/cycle/escalation.hpp"
#include "qaframe/analysis/cycle/impact.hpp"
#include "qaframe/analysis/cycle/programme.hpp"
#include "qaframe/analysis/domains.hpp"
#include "qaframe/analysis/log_merge.hpp"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/doc/document.hpp"
#include "qaframe/readers/improvement_log.hpp"
#include "qaframe/tally/grade_table.hpp"
#include "report/figures.hpp"

namespace qaframe::detail {

/// A section and its data.
struct Part {
  doc::Section section;  ///< for people
  doc::Data data;        ///< for machines
};

/// A grade table: rows, levels worst to best, N/A and Total (the last row the total).
doc::Table grade_table(const GradeTable& t);
/// A grade table's data: by, columns, rows (label, counts, total), total.
doc::Data grade_table_data(const GradeTable& t);

class Publication;

/// The moderation section; `pub` (publication mode, or null) suppresses small counts, withholds
/// rows and coefficients on too few pairs and pseudonymises staff.
Part moderation_part(const ModerationSummary& m, const Publication* pub = nullptr);
/// The key messages of the practice domains (data: an array).
Part key_messages_part(const std::vector<KeyMessage>& messages, double level,
                       const Publication* pub = nullptr);
/// A comparison of two groups under `title`.
Part comparison_part(const Comparison& c, std::string_view title, const Publication* pub = nullptr);
/// A trend across periods under `title`.
Part trend_part(const Trend& t, std::string_view title, const Publication* pub = nullptr);
/// The evidence the report's summary is drafted from (each may be null).
struct SummaryEvidence {
  const Triangulation* triangulation = nullptr;   ///< corroborated strengths and concerns, KLOEs
  const ImprovementLog* log = nullptr;            ///< open KLOEs across years, when kept
  const ActionSummary* actions = nullptr;         ///< overdue actions
  const EscalationSummary* escalation = nullptr;  ///< late or missing escalations
  const ProgrammeSummary* programme = nullptr;    ///< teams behind the programme
};
/// The seed's three-column summary (what has gone well, what has been of concern, what we will
/// do) drafted from the evidence, marked as a draft, each line with its figures (published:
/// cells without their figures, small counts as c); a column with nothing says why.
Part summary_part(const SummaryEvidence& e, const Publication* pub = nullptr);
/// The triangulation: matrix, lines of enquiry (a subsection), evidence (a subsection), notes.
/// Published, the evidence (counts of audits, answers and cases) is left out, said so.
Part triangulation_part(const Triangulation& t, const Publication* pub = nullptr);
/// Actions and follow-up, with the audit cycle's completeness as a subsection when given.
Part actions_part(const ActionSummary& a, const CycleSummary* cycle,
                  const Publication* pub = nullptr);
/// Escalation of Inadequate audits within the working days allowed.
Part escalation_part(const EscalationSummary& e, const Publication* pub = nullptr);
/// The audit programme: audits done against expected, by team and month; Practice Review Weeks.
Part programme_part(const ProgrammeSummary& p, const Publication* pub = nullptr);
/// Evidence of impact: grade changes between a child's consecutive audits.
Part impact_part(const ImpactSummary& im, const Publication* pub = nullptr);

/// The performance indicators against the statistical neighbours: rank, band, change, mean.
Part benchmarking_part(const Benchmarking& b);

/// The improvement log after a merge.
Part log_part(const ImprovementLog& log, const LogMergeSummary& summary, DayNumber as_of);

}  // namespace qaframe::detail
