#pragma once
/// @file data.hpp
/// The audit model, files, reading and tallies in one include, needing neither Eigen nor Boost
/// (tests/python/test_headers.py checks it): for a system that reads, validates and counts
/// audits without the statistics. qaframe/qaframe.hpp adds the analyses and the report (which
/// pull in Eigen and Boost.Math through the statistics), qaframe/stats.hpp the statistics.

#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/audit_set_builder.hpp"
#include "qaframe/model/calendar.hpp"
#include "qaframe/model/categorical.hpp"
#include "qaframe/model/category_codes.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/model/encoded_columns.hpp"
#include "qaframe/model/grade_scale.hpp"
#include "qaframe/model/period.hpp"
#include "qaframe/model/text.hpp"

#include "qaframe/io/atomic_file.hpp"
#include "qaframe/io/csv.hpp"
#include "qaframe/io/csv_file.hpp"
#include "qaframe/io/file.hpp"
#include "qaframe/io/text_encoding.hpp"
#include "qaframe/io/xlsx.hpp"

#include "qaframe/readers/audit_chunks.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/audits_file.hpp"
#include "qaframe/readers/audits_xlsx.hpp"
#include "qaframe/readers/cycle/actions.hpp"
#include "qaframe/readers/cycle/caseload.hpp"
#include "qaframe/readers/cycle/escalations.hpp"
#include "qaframe/readers/cycle/teams.hpp"
#include "qaframe/readers/evidence_map.hpp"
#include "qaframe/readers/improvement_log.hpp"
#include "qaframe/readers/moderation_csv.hpp"
#include "qaframe/readers/neighbours.hpp"
#include "qaframe/readers/performance.hpp"
#include "qaframe/readers/profile/column_guess.hpp"
#include "qaframe/readers/profile/column_mapping.hpp"
#include "qaframe/readers/profile/export_profile.hpp"
#include "qaframe/readers/survey.hpp"

#include "qaframe/tally/child_set.hpp"
#include "qaframe/tally/grade_counts.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "qaframe/tally/grade_table.hpp"
#include "qaframe/tally/moderation_tally.hpp"

#include "qaframe/version.hpp"
