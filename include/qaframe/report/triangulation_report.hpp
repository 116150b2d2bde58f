#pragma once
/// @file triangulation_report.hpp
/// A triangulation rendered: the Markdown report section and the JSON object, with the
/// Performance Improvement Log it updated.

#include <string>

#include "qaframe/analysis/log_merge.hpp"
#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/readers/improvement_log.hpp"
#include "qaframe/report/report.hpp"

namespace qaframe {

/// The triangulation as a Markdown report section (matrix, lines of enquiry, evidence, notes);
/// every label from the data is escaped.
std::string render_triangulation_markdown(const Triangulation& t);
/// The triangulation as a JSON object.
std::string render_triangulation_json(const Triangulation& t);

/// The log after a merge as a Markdown section: what the merge did, then one row per KLOE.
std::string render_log_markdown(const ImprovementLog& log, const LogMergeSummary& summary,
                                DayNumber as_of);
/// The log after a merge as a JSON object: the merge's counts and the entries.
std::string render_log_json(const ImprovementLog& log, const LogMergeSummary& summary);

/// The report's triangulation section: in Markdown the triangulation and, when `log` and `merge`
/// are given, the merged log; in JSON the members "as_of", "triangulation" and
/// "improvement_log" to add to the report's object.
std::string render_triangulation_section(const Triangulation& t, DayNumber as_of,
                                         const ImprovementLog* log, const LogMergeSummary* merge,
                                         ReportFormat format);

}  // namespace qaframe
