#pragma once
/// @file sampling.hpp
/// The sample of cases for next month's audits: a reproducible stratified random sample of the
/// open caseload, with a quota per team, leaving out children audited in the last N months, and
/// optionally a minimum per team of some case types. The algorithm is fixed and simple enough to
/// re-derive by hand (sampling_algorithm() states it, and is printed with every sample): keys
/// come from SHA-256, never from a standard library's random distributions, which differ
/// between implementations.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/readers/cycle/caseload.hpp"
#include "qaframe/readers/cycle/teams.hpp"
#include "qaframe/model/period.hpp"

namespace qaframe {

/// Options of the sample.
struct SampleOptions {
  std::uint64_t seed = 0;           ///< the stated seed (print it with the sample)
  DayNumber as_of = 0;              ///< the date the sample is drawn (required)
  std::int64_t exclude_months = 6;  ///< children audited in the last N months are left out
  /// Quotas, first match wins: `quotas` (team, k) when not empty; else `teams` (the teams file's
  /// expected audits of `programme` in `month`) when given; else `per_team` for every team of
  /// the caseload.
  std::vector<std::pair<std::string, std::int64_t>> quotas;
  const Teams* teams = nullptr;    ///< the teams file, for quotas (not owned)
  std::string programme = "Core";  ///< the programme whose expectation is the quota
  std::optional<Period> month;     ///< the month sampled for (default: the month after as_of)
  std::int64_t per_team = 2;       ///< the quota when neither `quotas` nor `teams` is given
  /// Over-sampling: (case type, m): within each team, at least m children of that case type
  /// (while the quota and the eligible children allow), taken before the rest of the quota.
  std::vector<std::pair<std::string, std::int64_t>> minimum_per_case_type;
  /// Equal when every option is (the teams file compared by address).
  friend bool operator==(const SampleOptions&, const SampleOptions&) = default;
};

/// One child chosen.
struct SampledCase {
  std::string team;                ///< the team
  std::int64_t order = 0;          ///< 1, 2, ... within the team, in the order chosen
  std::string child_id;            ///< the child (this worklist is the one output that has it)
  std::string case_type;           ///< type of case
  std::string worker;              ///< allocated worker
  std::string key;                 ///< the child's key: 16 hexadecimal digits
  std::string reason;              ///< "quota", or "minimum for <case type>"
  std::vector<std::string> extra;  ///< the caseload's other columns
  friend bool operator==(const SampledCase&, const SampledCase&) = default;
};

/// One team's part of the sample.
struct TeamSample {
  std::string team;                  ///< the team
  std::int64_t quota = 0;            ///< children asked for
  std::int64_t caseload = 0;         ///< open cases of the team
  std::int64_t excluded_recent = 0;  ///< left out: audited in the last N months
  std::int64_t eligible = 0;         ///< caseload − excluded
  std::int64_t sampled = 0;          ///< children chosen: min(quota, eligible)
  std::int64_t shortfall = 0;        ///< quota − sampled (a warning when above 0)
  friend bool operator==(const TeamSample&, const TeamSample&) = default;
};

/// A drawn sample: the worklist, per-team counts, warnings and the algorithm that drew it.
struct CaseSample {
  std::uint64_t seed = 0;                  ///< the seed used
  DayNumber as_of = 0;                     ///< the date drawn
  DayNumber cutoff = 0;                    ///< audits dated after this day exclude a child
  std::int64_t exclude_months = 6;         ///< N
  std::string month;                       ///< the month sampled for ("May 2018")
  std::string quota_source;                ///< where the quotas came from, in words
  std::vector<SampledCase> cases;          ///< the worklist: teams in name order, then `order`
  std::vector<TeamSample> teams;           ///< teams in name order
  std::vector<std::string> extra_columns;  ///< names of SampledCase::extra
  /// Shortfalls and other things to act on, each naming its team (never a child).
  std::vector<std::string> warnings;
  std::string algorithm;  ///< sampling_algorithm() of the options: print it with the sample
  /// The worklist as CSV: team, order, child_id, case_type, worker, key, reason, then the extra
  /// columns.
  std::string worklist_csv() const;
  friend bool operator==(const CaseSample&, const CaseSample&) = default;
};

/// A child's sampling key: the first 16 hexadecimal digits (8 bytes) of SHA-256 of the UTF-8
/// text "<seed>:<child_id>", the seed written in decimal ("20180501:C-22282"); what
/// `printf '%s' '20180501:C-22282' | sha256sum | cut -c1-16` prints.
std::string sampling_key(std::uint64_t seed, std::string_view child_id);

/// The last day not in the exclusion window: `as_of` minus `months` calendar months (the same
/// day of the month, or that month's last day when it is shorter: 31 March − 1 month is 28 or 29
/// February).
DayNumber months_before(DayNumber as_of, std::int64_t months);

/// The algorithm, in words an auditor can follow by hand, with these options' values.
std::string sampling_algorithm(const SampleOptions& options);

/// Draws the sample (see sampling_algorithm for the exact steps). A team with fewer eligible
/// children than its quota gives all it has and a warning naming the team; so does a case-type
/// minimum that cannot be met. InvalidArgument for a negative quota, minimum or exclusion.
absl::StatusOr<CaseSample> sample_cases(const Caseload& caseload, const AuditSet& audits,
                                        const SampleOptions& options);

}  // namespace qaframe
