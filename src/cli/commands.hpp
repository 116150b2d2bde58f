#pragma once
// The steps of a `qaframe` run (internal): the settings from the arguments, the audits loaded
// with them, and one function per subcommand. Each calls library functions and hands their
// results to report/ for rendering; none renders anything itself.
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/args.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/period.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/profile/export_profile.hpp"
#include "qaframe/report/report.hpp"

namespace qaframe::detail {

/// What the arguments ask for, checked before any file is read.
struct Settings {
  ReadOptions read;                                  ///< --scale, --domain-scale
  std::vector<Period> periods;                       ///< --period, in order
  std::optional<std::pair<Period, Period>> compare;  ///< --compare
  std::vector<Period> period_filters;                ///< --period-filter
  std::string grades;                                ///< the grade column: final or original
  ExportProfile profile;  ///< --profile with --encoding, --delimiter, --header-row over it
};

/// The settings of `args`; InvalidArgument naming the option for a bad scale, period or
/// comparison (a usage mistake, exit code 1).
absl::StatusOr<Settings> settings_from(const Args& args);

/// The audit file read with `settings`, the moderation file joined (--moderation). Bad data is
/// InvalidArgument with every problem in `diag` (exit code 2).
absl::StatusOr<AuditSet> load_audits(const Args& args, const Settings& settings, Diagnostics& diag);

/// `qaframe init-profile FILE`: a starter profile for the export, printed (or written to
/// --output, atomically, by the caller).
int run_init_profile(const Args& args, std::ostream& out, std::ostream& err);
/// A failure on input: the message on standard error and, with --format json, the problems of
/// `diag` (or `status` alone) as JSON on `out` (render_problems_json), for a pipeline to parse.
/// Exit code 2 for bad data (InvalidArgument), 1 otherwise.
int fail_on_input(const Args& args, const Diagnostics& diag, const absl::Status& status,
                  std::ostream& out, std::ostream& err);

/// The named periods (--period) added as the column "period"; a no-op without any.
absl::StatusOr<AuditSet> add_periods(AuditSet audits, const Settings& settings);

/// The audits dated in one of the --period-filter periods (all without one); InvalidArgument
/// naming the periods and the data's date range when none is (exit code 2).
absl::StatusOr<AuditSet> filter_periods(AuditSet audits, const Settings& settings);

/// The first level counted as good: --threshold, or the scale's.
absl::StatusOr<Grade> threshold_from(const Args& args, const AuditSet& audits);

/// `qaframe validate`: the count of audits read (every problem was reported by the reading).
int run_validate(const Args& args, const AuditSet& audits, std::ostream& out);
/// `qaframe profile`: the grade profile with its headline.
int run_profile(const Args& args, const Settings& settings, const AuditSet& audits, Grade threshold,
                std::ostream& out, std::ostream& err);
/// `qaframe crosstab --by COLUMNS`: the grade table.
int run_crosstab(const Args& args, const Settings& settings, const AuditSet& audits,
                 std::ostream& out, std::ostream& err);
/// The report's options from the arguments: format, tables, grades, metadata (produced: today
/// unless --produced), publication mode.
absl::StatusOr<ReportOptions> report_options(const Args& args, const Settings& settings);
/// Writes `text` to `path` whole or not at all: a temporary file beside it, renamed over it.
absl::Status write_output_file(const std::string& path, std::string_view text);
/// The HTML report printed to PDF by headless Chromium; FailedPrecondition when it is missing.
absl::Status write_pdf(const std::string& path, std::string_view html);
/// The date of the check: --as-of, or the last audit date.
absl::StatusOr<DayNumber> as_of_date(const Args& args, const AuditSet& audits);
/// `qaframe actions`, `programme` and `sample`: the audit cycle's sections on their own; for a
/// sample, the worklist written to --worklist and the summary printed (no child identifier).
int run_cycle_command(const Args& args, const Settings& settings, const AuditSet& audits,
                      Diagnostics& diag, std::ostream& out, std::ostream& err);
/// `qaframe report`: the report, with the triangulation section when its files are named, and
/// the team packs (--team-packs).
int run_report(const Args& args, const Settings& settings, const AuditSet& audits,
               Diagnostics& diag, std::ostream& out, std::ostream& err);

}  // namespace qaframe::detail
