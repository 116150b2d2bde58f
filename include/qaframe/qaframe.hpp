#pragma once
/// @file qaframe.hpp
/// The library's audit model, reading, tallies, analyses (moderation, domains, comparison,
/// benchmarking, triangulation, team funnels, the audit cycle, log merging) and the report, in
/// one include. The layers, bottom up: model/ (scales, dates, periods, audit sets), io/ (files,
/// CSV, workbooks), readers/ (files into records), tally/ (mergeable counts), analysis/,
/// report/. The model, files, readers and tallies alone, without Eigen and Boost, are
/// qaframe/data.hpp; the statistics are qaframe/stats.hpp. Not included: doc/, render/,
/// publish/ (the report's building blocks; include them by name) and the C interface
/// (qaframe/qaframe.h).
///
/// The analyses' results hold statistics' result types, so this header pulls in Eigen and
/// Boost.Math (measured in README, "Embedding in C++").

#include "qaframe/data.hpp"

#include "qaframe/analysis/benchmarking.hpp"
#include "qaframe/analysis/comparison.hpp"
#include "qaframe/analysis/cycle/actions.hpp"
#include "qaframe/analysis/cycle/audit_cycle.hpp"
#include "qaframe/analysis/cycle/escalation.hpp"
#include "qaframe/analysis/cycle/impact.hpp"
#include "qaframe/analysis/cycle/programme.hpp"
#include "qaframe/analysis/cycle/sampling.hpp"
#include "qaframe/analysis/cycle/share.hpp"
#include "qaframe/analysis/domains.hpp"
#include "qaframe/analysis/log_merge.hpp"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/analysis/team_funnel.hpp"
#include "qaframe/analysis/triangulation.hpp"

#include "qaframe/report/author_text.hpp"
#include "qaframe/report/report.hpp"
#include "qaframe/report/table_xlsx.hpp"
#include "qaframe/report/triangulation_report.hpp"
