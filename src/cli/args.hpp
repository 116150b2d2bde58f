#pragma once
// The command line's arguments (internal): what `qaframe` was asked to do, parsed and checked
// for usage mistakes before any file is read.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/cycle_cli.hpp"
#include "cli/triangulation_cli.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/grade_scale.hpp"
#include "qaframe/model/period.hpp"

namespace qaframe::detail {

/// The text of `qaframe --help`.
extern const std::string_view kUsage;

/// The arguments of one run, as given.
struct Args {
  std::string command;
  std::string path;
  std::string format = "markdown";
  std::optional<std::string> by;
  std::string scale = "ofsted";
  std::optional<std::string> threshold;
  std::size_t max_problems = Diagnostics::kDefaultLimit;
  std::size_t threads = 0;  ///< --threads N: threads to read with (0: every core)
  std::string grades = "final";
  std::optional<std::string> moderation;
  std::vector<std::string> domain_scales;
  std::vector<std::string> periods;
  std::optional<std::string> compare;
  std::vector<std::string> period_filters;  ///< --period-filter P: only audits dated in P
  bool allow_identifiers = false;           ///< --allow-identifiers: tables by child_id allowed
  detail::TriangulationArgs triangulation;
  detail::CycleArgs cycle;  ///< the audit cycle's files and settings
  /// What a report is about and who made it (--title, --organisation, --period-covered,
  /// --author, --produced).
  std::optional<std::string> title, organisation, period_covered, author, produced;
  std::optional<std::string> output;  ///< --output FILE: write here, not to standard output
  std::optional<std::string>
      sheet;  ///< --sheet NAME: the workbook sheet to read (default: the first)
  /// --profile FILE: the export profile to read the audits (and evidence files) with.
  std::optional<std::string> profile;
  /// --encoding, --delimiter, --header-row: as the profile's [input] (they win over it).
  std::optional<std::string> encoding, delimiter, header_row;
  bool publish = false;                   ///< --publish: publication mode
  std::optional<std::string> suppress;    ///< --suppress N: counts 1..N suppressed (default 5)
  std::optional<std::string> min_pairs;   ///< --min-pairs N (default 10)
  bool pseudonymise_staff = false;        ///< --pseudonymise-staff
  std::optional<std::string> team_packs;  ///< --team-packs DIR
  std::optional<std::string> text;        ///< --text FILE: the author's own text
};

/// The arguments parsed and checked for usage mistakes (unknown options, commands, formats).
absl::StatusOr<Args> parse_args(const std::vector<std::string>& args);

/// The scale named by --scale or --domain-scale: ofsted, met_not_met, or custom:Worst,...,Best.
absl::StatusOr<GradeScale> scale_from_arg(const std::string& spec);

/// The period named by `label`: a --period name, or a financial year, quarter or month label.
absl::StatusOr<Period> find_period(std::string_view label, const std::vector<Period>& named);

}  // namespace qaframe::detail
