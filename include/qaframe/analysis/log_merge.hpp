#pragma once
/// @file log_merge.hpp
/// The Performance Improvement Log merged with a month's triangulation: open KLOEs updated, never
/// duplicated; new ones added; resolved ones marked for review; no row ever deleted.

#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/readers/improvement_log.hpp"

namespace qaframe {

/// What a merge did.
struct LogMergeSummary {
  int added = 0;              ///< new KLOEs
  int updated = 0;            ///< open (or in review) KLOEs whose concern remains
  int marked_for_review = 0;  ///< KLOEs whose concern has gone: now "in review"
  friend bool operator==(const LogMergeSummary&, const LogMergeSummary&) = default;
};

/// Merges the lines of enquiry of `t`, run on `as_of`, into `log` (which keeps every row):
/// - a KLOE whose unit and theme has a KLOE not closed in the log updates that entry (evidence,
///   question, `updated`; back to "open" if it was in review), never a second one;
/// - otherwise it is added as "open", raised `as_of`, to review by `as_of + review_days`, with
///   id KLOE-YYYYMM-NNN numbered after the month's highest (a closed KLOE stays closed: a
///   recurrence is a new KLOE);
/// - an open KLOE whose unit and theme the triangulation covered but no longer finds a concern
///   is marked "in review", dated, with a note of the cell's status in `outcome`.
LogMergeSummary merge_kloes(ImprovementLog& log, const Triangulation& t, DayNumber as_of,
                            int review_days = 28);

}  // namespace qaframe
