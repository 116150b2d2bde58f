#pragma once
/// @file comparison.hpp
/// Comparing two groups of audits (two periods, programmes or teams), overall and per practice
/// domain, and the trend of the share good or better across ordered periods.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/period.hpp"

namespace qaframe {

/// When a comparison uses Fisher's exact test instead of the two-proportion z-test.
enum class ExactRule : std::uint8_t {
  kAuto,    ///< when the smallest expected count of the 2 x 2 table is below 5 (the default)
  kAlways,  ///< always Fisher's exact test
  kNever,   ///< always the z-test
};

/// "auto", "always" or "never".
std::string_view exact_rule_name(ExactRule rule);
/// Parses "auto", "always" (also "exact", "true") or "never" (also "z", "false").
absl::StatusOr<ExactRule> parse_exact_rule(std::string_view name);

/// Settings of a comparison and a trend.
struct CompareOptions {
  double level = 0.95;  ///< confidence level of the intervals; 1 − level is the test size
  /// Comparison: fewer graded audits than this in a group is "too few to say". Trend: a period
  /// with fewer graded audits than this is shown but marked and left out of the test.
  std::int64_t min_n = 5;
  /// Grade column of the overall row: the final grade, or "grade" for the auditors' own.
  std::string grades = std::string(AuditColumns::kFinalGrade);
  ExactRule exact = ExactRule::kAuto;  ///< when Fisher's exact test replaces the z-test
  bool mid_p = false;                  ///< Fisher's test with Lancaster's mid-p (less conservative)
  /// compare_groups by an identifier column (child_id) is refused unless this is true.
  bool allow_identifiers = false;
};

/// One row of a comparison: the overall grade or one practice domain.
struct ComparisonRow {
  std::string item;         ///< "overall" or the domain name
  std::string good;         ///< what is counted: "Good or better"
  std::int64_t n_a = 0;     ///< graded audits in group A
  std::int64_t good_a = 0;  ///< of which good or better
  std::int64_t n_b = 0;     ///< graded audits in group B
  std::int64_t good_b = 0;  ///< of which good or better
  double share_a = 0;       ///< good_a / n_a
  double share_b = 0;       ///< good_b / n_b
  double difference = 0;    ///< share_b − share_a
  double low = 0;           ///< Newcombe lower limit of the difference
  double high = 0;          ///< Newcombe upper limit
  double pvalue = 0;        ///< two-sided p-value of the test used (see `test`)
  double adjusted = 0;      ///< Holm-adjusted across the domain rows (overall: unadjusted)
  double superiority = 0;   ///< Mann-Whitney P(B > A) + ½P(B = A) on the ordinal grades
  double mw_pvalue = 0;     ///< Mann-Whitney two-sided p-value
  std::string verdict;      ///< "improved", "no clear change", "worsened", "too few to say"
  /// The test behind pvalue: "two-proportion z-test", "Fisher's exact test" or "Fisher's exact
  /// test (mid-p)"; empty when a group has no graded audit.
  std::string test;
  double expected_min = 0;  ///< smallest expected count of the 2 x 2 table (good or not, A or B)
  double z_pvalue = 0;      ///< the pooled z-test's p-value (always computed)
  double exact_pvalue = 0;  ///< Fisher's exact p-value (mid-p when asked; always computed)
  std::string mw_method;    ///< "exact" (no ties, a group of at most 8) or "normal (tie-corrected)"
};

/// A comparison of group B against group A (B is the later or the one of interest).
struct Comparison {
  std::string label_a;              ///< name of group A
  std::string label_b;              ///< name of group B
  std::vector<ComparisonRow> rows;  ///< overall first, then each domain in column order
  CompareOptions options;           ///< settings used
  std::string test_rule;            ///< which test is used when, in one sentence
  /// Said with the comparison when one side has no audit (its verdicts are "too few to say"):
  /// which side, and the data's date range; empty otherwise.
  std::string warning = {};
};

/// Compares audits `b` with audits `a`, overall (options.grades) and for every practice domain
/// the two share. For each row:
///  - the change in the share good or better (at the scale's good threshold), share_b − share_a,
///    with Newcombe's (1998, method 10) hybrid Wilson interval;
///  - the pooled two-proportion z-test, two-sided, or Fisher's exact test (Fisher 1935;
///    stats::fisher_exact, two-sided by summing tables no more likely than the observed, as
///    scipy and R) when options.exact says: by default when the smallest expected count
///    (row total × column total / N of the 2 x 2 table) is below 5, the rule of Cochran (1954)
///    that R's chisq.test warns by; with options.mid_p, Lancaster's mid-p. Each row names its
///    test; both p-values are kept. Holm-adjusted (Holm 1979) across the domain rows, the
///    overall row being the one primary comparison;
///  - the Mann-Whitney test on the ordinal grades (Mann and Whitney 1947) with the probability of
///    superiority (McGraw and Wong 1992), as a check that uses every level;
///  - the verdict, decided by the test and not by the size of the difference: "too few to say"
///    when either group has fewer than min_n graded audits, else "improved" or "worsened" when
///    the (adjusted) p-value is below 1 − level, else "no clear change".
/// InvalidArgument when the sets differ in scale or domains.
absl::StatusOr<Comparison> compare(const AuditSet& a, const AuditSet& b, std::string label_a,
                                   std::string label_b, const CompareOptions& options = {});

/// Compares the audits whose `by` (a column, or a period kind as grouping() takes) is `b` with
/// those whose `by` is `a`; NotFound naming the values when either is not one.
absl::StatusOr<Comparison> compare_groups(const AuditSet& audits, std::string_view by,
                                          std::string_view a, std::string_view b,
                                          const CompareOptions& options = {});

/// Compares the audits dated within period `b` with those within period `a`. OutOfRange naming
/// both periods and the data's date range when neither holds an audit (a comparison of nothing
/// is a mistake, not a table of "too few to say"); Comparison::warning says so when one does not.
absl::StatusOr<Comparison> compare_periods(const AuditSet& audits, const Period& a, const Period& b,
                                           const CompareOptions& options = {});

/// One period of a trend.
struct TrendRow {
  std::string period;     ///< period label
  std::int64_t n = 0;     ///< graded audits
  std::int64_t good = 0;  ///< of which good or better
  double share = 0;       ///< good / n (NaN when n is 0)
  double low = 0;         ///< Wilson lower limit
  double high = 0;        ///< Wilson upper limit
  /// n ≥ options.min_n: the period is in the test. Otherwise it is shown, but marked.
  bool qualifies = false;
  std::string note;  ///< "fewer than 5 graded audits: shown, not tested" when it does not qualify
};

/// The trend of the share good or better across periods.
struct Trend {
  std::string kind;               ///< "month", "quarter" or "financial_year"
  std::string grades;             ///< the grade column used
  std::vector<TrendRow> rows;     ///< every period from the first audit's to the last's
  double statistic = 0;           ///< Cochran-Armitage z (positive: the share rises)
  double pvalue = 0;              ///< two-sided
  double slope = 0;               ///< least-squares change in the share per period
  std::string verdict;            ///< "improving", "no clear trend", "declining", "too few to say"
  std::string note;               ///< why the statistic is NaN, and which periods were left out
  std::int64_t min_n = 5;         ///< graded audits a period needs to be tested
  std::size_t periods_used = 0;   ///< periods in the test (n ≥ min_n)
  std::size_t periods_total = 0;  ///< periods shown
  std::int64_t n_used = 0;        ///< graded audits in the periods tested
};

/// The Cochran-Armitage test (Armitage 1955) for a linear trend in the share good or better
/// across consecutive periods of `kind`, scored 0, 1, 2, ... by calendar position (so an empty
/// month keeps its place), with Wilson intervals per period. Every period is shown; only those
/// with at least options.min_n graded audits (default 5) enter the test, at their calendar
/// scores, and the others are marked (TrendRow::qualifies, note): a month of 3 audits has a
/// Wilson interval as wide as 9% to 91%. The verdict follows the test at 1 − level; "too few to
/// say" with fewer than two periods that qualify.
absl::StatusOr<Trend> trend(const AuditSet& audits, PeriodKind kind,
                            const CompareOptions& options = {});

}  // namespace qaframe
