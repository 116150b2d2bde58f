#pragma once
// The report's sections as document parts (internal): each analysis result becomes one section
// (its heading, text, tables and figures) and its data (the JSON members), written once and
// rendered alike in every format.
#include <string>
#include <string_view>
#include <vector>

#include "qaframe/analysis/comparison.hpp"
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
Part comparison_part(const Comparison& c, std::string_view title,
                     const Publication* pub = nullptr);
/// A trend across periods under `title`.
Part trend_part(const Trend& t, std::string_view title, const Publication* pub = nullptr);
/// The triangulation: matrix, lines of enquiry (a subsection), evidence (a subsection), notes.
/// Published, the evidence (counts of audits, answers and cases) is left out, said so.
Part triangulation_part(const Triangulation& t, const Publication* pub = nullptr);
/// The improvement log after a merge.
Part log_part(const ImprovementLog& log, const LogMergeSummary& summary, DayNumber as_of);

}  // namespace qaframe::detail
