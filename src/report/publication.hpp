#pragma once
// Publication mode in the report (internal): which numbers the document shows, by the rules of
// ReportOptions::publish. The sections ask it, so every format agrees.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "qaframe/doc/document.hpp"
#include "qaframe/publish/disclosure.hpp"
#include "qaframe/report/report.hpp"
#include "qaframe/model/period.hpp"
#include "qaframe/tally/grade_table.hpp"

namespace qaframe::detail {

/// The rules in force for one published report; the sections take a pointer, null when the
/// report is not in publication mode.
class Publication {
 public:
  /// The rules of `options`; the staff names of `audits` (auditor, moderator) given their
  /// pseudonyms when asked. InvalidArgument for a bad key or a pseudonym collision.
  static absl::StatusOr<Publication> make(const PublishOptions& options, const AuditSet& audits);

  /// The options.
  const PublishOptions& options() const { return options_; }
  /// True for a count the rule protects: 1..threshold (and 0 when zeros are sensitive).
  bool sensitive(std::int64_t count) const;
  /// True when the share count/n must not be shown: a sensitive count, complement or n.
  bool share_suppressed(std::int64_t count, std::int64_t n) const;
  /// True when a statistic resting on `pairs` pairs (or graded audits) is withheld.
  bool too_few(std::int64_t pairs) const { return pairs < options_.min_pairs; }
  /// The name of a member of staff as printed: its pseudonym when pseudonymising.
  std::string staff(const std::string& name) const;
  /// The sentences that say which rules were applied.
  std::string describe() const;

 private:
  PublishOptions options_;
  absl::flat_hash_map<std::string, std::string> staff_;
};

/// A count as published: the count, or "c" when `suppressed`.
doc::Value count_value(std::int64_t count, bool suppressed);
/// "c": suppressed to protect confidentiality.
doc::Value suppressed();
/// A value withheld because it rests on fewer than `min` pairs or audits.
doc::Value withheld(std::int64_t min);

/// The grade tables of one report (crosstabs of `grades` by different columns) suppressed
/// together, with their margins (the Total column and row): every table is a margin of one finer
/// table (the audits by their row in every table and their grade), so the attacker's linear
/// programme holds every table at once, and a count shown in two tables (the grade totals, the
/// grand total) is one count with one status (publish/disclosure.hpp, suppress_linked).
absl::StatusOr<std::vector<SuppressedTable>> suppress_grade_tables(
    const AuditSet& audits, const GradeColumn& grades, const std::vector<GradeTable>& tables,
    const DisclosureRule& rule);

/// A grade table made by grade_table() with its suppression applied: cells, the Total column
/// and the Total row.
void apply_suppression(doc::Table& table, const SuppressedTable& s);

/// True when any cell or margin of `s` is suppressed.
bool any_suppressed(const SuppressedTable& s);

}  // namespace qaframe::detail
