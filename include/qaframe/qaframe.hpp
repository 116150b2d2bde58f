#pragma once
/// @file qaframe.hpp
/// The library's audit model, reading, tallies, moderation and comparison, and the report, in
/// one include. The layers, bottom up: model/ (scales, dates, periods, audit sets), io/ (files,
/// CSV), readers/ (files into records), tally/ (mergeable counts), analysis/, report/.

#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/audit_set_builder.hpp"
#include "qaframe/model/calendar.hpp"
#include "qaframe/model/categorical.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/model/encoded_columns.hpp"
#include "qaframe/model/grade_scale.hpp"
#include "qaframe/model/period.hpp"

#include "qaframe/io/csv.hpp"
#include "qaframe/io/file.hpp"

#include "qaframe/readers/audit_chunks.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/cycle/actions.hpp"
#include "qaframe/readers/cycle/caseload.hpp"
#include "qaframe/readers/cycle/escalations.hpp"
#include "qaframe/readers/cycle/teams.hpp"
#include "qaframe/readers/moderation_csv.hpp"

#include "qaframe/tally/grade_counts.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "qaframe/tally/grade_table.hpp"

#include "qaframe/analysis/comparison.hpp"
#include "qaframe/analysis/cycle/actions.hpp"
#include "qaframe/analysis/cycle/audit_cycle.hpp"
#include "qaframe/analysis/cycle/escalation.hpp"
#include "qaframe/analysis/cycle/impact.hpp"
#include "qaframe/analysis/cycle/programme.hpp"
#include "qaframe/analysis/cycle/sampling.hpp"
#include "qaframe/analysis/domains.hpp"
#include "qaframe/analysis/moderation.hpp"

#include "qaframe/report/report.hpp"
#include "qaframe/version.hpp"
