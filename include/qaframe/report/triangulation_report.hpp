#pragma once
/// @file triangulation_report.hpp
/// A triangulation rendered: the Markdown report section and the JSON object, with the
/// Performance Improvement Log it updated.

#include <string>

#include "qaframe/analysis/log_merge.hpp"
#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/readers/improvement_log.hpp"

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

}  // namespace qaframe
