#pragma once
/// @file disclosure.hpp
/// Statistical disclosure control of published count tables: primary suppression of small
/// counts (the threshold rule), secondary (complementary) suppression so that no suppressed value
/// can be recovered from what is published, and the Government Statistical Service symbols.
///
/// The attacker's model (Cox 1980; Fischetti and Salazar-Gonzalez 1999, 2000, "the cell
/// suppression problem"): the attacker knows every published cell and margin, that every table
/// adds up, that counts are non-negative and the rule that was applied. Whatever table of values
/// is consistent with that is possible. For a suppressed value q the attacker's knowledge is the
/// interval [min q, max q] over that set, computed here by two linear programmes (GLPK) in which
/// the unknown counts are real numbers: the attacker's LP relaxation. For one two-dimensional
/// table with its margins the relaxation is exact: the constraints are those of a bipartite
/// network (totally unimodular), so every vertex, hence every bound, is an integer table. For
/// linked tables (`suppress_linked`) the relaxation's interval contains the integer one.
///
/// The protection criterion: every suppressed value (primary, secondary or a suppressed margin)
/// must have a feasible range max - min of at least `DisclosureRule::protection`, by default
/// threshold + 1, i.e. strictly wider than the threshold. This is the "sliding protection
/// level" of Fischetti and Salazar-Gonzalez (2000). Why it is enough: the range holds the true
/// value, which for a primary cell is at most the threshold, and begins at 0 or above, so a range
/// wider than the threshold reaches a value above the threshold: the published table never
/// lets the attacker conclude that a cell is small (the threshold rule's purpose, ONS "Disclosure
/// control guidance for tables produced from administrative sources", 2014). The final check is
/// made in exact rational arithmetic (glp_exact), so a pattern that is returned passes exactly.
///
/// When zeros are published and never suppressed (`ZeroCells::kPublished`, the default), the
/// attacker who knows the rule knows that every `c` is at least 1: the LP uses that lower bound,
/// which is stricter than the plain `>= 0` and implies it.
///
/// References: L. H. Cox (1980), "Suppression methodology and statistical disclosure control",
/// JASA 75:377-385. M. Fischetti, J. J. Salazar-Gonzalez (1999), "Models and algorithms for the
/// 2-dimensional cell suppression problem in statistical disclosure control", Math. Programming
/// 84:283-312; (2000) "Models and algorithms for optimizing cell suppression in tabular data with
/// linear constraints", JASA 95:916-928. J. P. Kelly, B. L. Golden, A. A. Assad (1992), "Cell
/// suppression: disclosure protection for sensitive tabular data", Networks 22:397-417. J. Castro
/// (2002), "Network flows heuristics for complementary cell suppression", LNCS 2316. GSS, "Symbols
/// in tables, definitions and help" (Analysis Function, 2023).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace qaframe {

/// The Government Statistical Service symbols for values a table does not show.
enum class GssSymbol {
  kSuppressed,     ///< `c`: confidential, suppressed to protect confidentiality
  kNotApplicable,  ///< `z`: not applicable (e.g. a share of nothing)
  kNotAvailable,   ///< `x`: not available (the data were not collected)
  kLow,            ///< `low`: rounds to zero but is not zero
};

/// The symbol as printed: "c", "z", "x" or "low".
std::string_view gss_symbol(GssSymbol symbol);

/// What may happen to the zeros of a table (a zero is a true zero and is shown by default).
enum class ZeroCells {
  kPublished,   ///< zeros are always shown and never suppressed (the attacker knows c >= 1)
  kComplement,  ///< zeros are shown but may be chosen as complementary suppressions
  kSensitive,   ///< zeros are primary-suppressed like the counts 1..threshold
};

/// Parses "published" (also "shown"), "complement" or "sensitive"; anything else is
/// InvalidArgument.
absl::StatusOr<ZeroCells> parse_zero_cells(std::string_view name);

/// The name `parse_zero_cells` accepts.
std::string_view to_string(ZeroCells zeros);

/// The rule of a publication: which counts are sensitive and how far each suppressed value must
/// stay undetermined.
struct DisclosureRule {
  /// Counts 1..threshold are primary-suppressed (GSS sources use 5 or 7 ...); >= 0.
  std::int64_t threshold = 5;
  /// What happens to zeros.
  ZeroCells zeros = ZeroCells::kPublished;
  /// The minimum width max - min of every suppressed value's feasible range; by default
  /// threshold + 1 (strictly wider than the threshold). >= 1.
  std::optional<std::int64_t> protection;

  /// The width every suppressed value's range must reach.
  std::int64_t required_width() const { return protection ? *protection : threshold + 1; }
  /// One sentence for the report saying which rule was applied.
  std::string describe() const;

  friend bool operator==(const DisclosureRule&, const DisclosureRule&) = default;
};

/// Which margins of a table are published (a margin that is not published is not shown and
/// gives the attacker nothing).
struct Margins {
  bool rows = true;     ///< each row's total
  bool columns = true;  ///< each column's total
  bool grand = true;    ///< the grand total

  friend bool operator==(const Margins&, const Margins&) = default;
};

/// A two-dimensional table of non-negative counts; its margins are the sums of its cells.
struct CountTable {
  std::size_t rows = 0;              ///< number of rows (>= 1)
  std::size_t columns = 0;           ///< number of columns (>= 1)
  std::vector<std::int64_t> counts;  ///< rows x columns counts, row-major
  Margins margins;                   ///< which totals are published

  /// A one-way table: one row of counts and its total (the column totals would repeat the cells).
  static CountTable one_way(std::vector<std::int64_t> counts, bool total_published = true);
};

/// A table over shared base cells, for tables published together (`suppress_linked`): the same
/// base cell in two tables is the same count, so differencing the tables is part of the check.
///
/// A cell may instead be a sum of base counts (`cell_sets`): several marginal tables of one finer
/// table (grades by team, by programme, by audit type of the same audits) are then linked
/// through the finer table, and a grade total they all show is one quantity with one status.
struct LinkedTable {
  std::size_t rows = 0;               ///< number of rows (>= 1)
  std::size_t columns = 0;            ///< number of columns (>= 1)
  std::vector<std::size_t> cell_ids;  ///< rows x columns indexes into the base counts, row-major
  Margins margins;                    ///< which totals are published
  /// Alternatively (when not empty): rows x columns sets of base indexes, each cell the sum of
  /// its set; the sets of one table are disjoint (an empty set is a structural zero).
  std::vector<std::vector<std::size_t>> cell_sets = {};
};

/// What the publication does with one value.
enum class Suppression {
  kPublished,     ///< shown
  kPrimary,       ///< suppressed because it is sensitive (1..threshold, or a sensitive zero)
  kSecondary,     ///< suppressed so that a sensitive value cannot be recovered
  kNotPublished,  ///< a margin the table does not publish
};

/// "published", "primary", "secondary" or "not published".
std::string_view to_string(Suppression status);

/// One value of a published table: cell or margin.
struct PublishedEntry {
  std::int64_t value = 0;  ///< the true count (never to be shown if suppressed)
  Suppression status = Suppression::kPublished;  ///< what the publication does with it
  /// The attacker's feasible range [low, high] given everything published (LP relaxation): the
  /// value itself when published, +infinity for `high` when unbounded; for a total that is not
  /// published, the range in which it can still be placed.
  double low = 0;
  double high = 0;  ///< see `low`

  /// True for primary and secondary suppressions.
  bool suppressed() const {
    return status == Suppression::kPrimary || status == Suppression::kSecondary;
  }
  /// What the table shows: the count in digits, "c" when suppressed, "" when not published.
  std::string text() const;

  friend bool operator==(const PublishedEntry&, const PublishedEntry&) = default;
};

/// A table as it is to be published: every cell and margin with its status and range.
struct SuppressedTable {
  std::size_t rows = 0;                       ///< number of rows
  std::size_t columns = 0;                    ///< number of columns
  std::vector<PublishedEntry> cells;          ///< rows x columns, row-major
  std::vector<PublishedEntry> row_totals;     ///< one per row
  std::vector<PublishedEntry> column_totals;  ///< one per column
  PublishedEntry grand_total;                 ///< the grand total

  /// The cell at row `r`, column `c` (a copy); OutOfRange naming the index past its range.
  absl::StatusOr<PublishedEntry> cell(std::size_t r, std::size_t c) const;
  /// cell() unchecked, a reference into `cells`. Precondition: `r` < rows, `c` < columns and
  /// cells.size() == rows * columns.
  const PublishedEntry& cell_unchecked(std::size_t r, std::size_t c) const {
    return cells[r * columns + c];
  }
  /// Number of primary suppressions (cells and margins).
  std::size_t primary_count() const;
  /// Number of secondary suppressions (cells and margins).
  std::size_t secondary_count() const;

  friend bool operator==(const SuppressedTable&, const SuppressedTable&) = default;
};

/// Primary and secondary suppression of one table under `rule`.
///
/// Primary: every published cell or margin whose count is 1..threshold (and zeros when
/// `ZeroCells::kSensitive`). Secondary, repeated until every suppressed value passes: the
/// attacker's range of each suppressed value is computed by LP; for the first that is narrower
/// than `rule.required_width()`, a protection LP (Kelly, Golden and Assad 1992; Castro 2002)
/// finds two perturbations of the table, one raising and one lowering that value by a total of
/// the required width, that keep every published value fixed except those it pays to change, at
/// the least cost sum (count + 1) x |change|; every published value that changes is suppressed,
/// so both perturbed tables become consistent with the publication and the value passes. Small
/// counts in the same row and column are the cheapest to change, so the complements are mostly
/// the rectangle of Cox (1980). Then each secondary suppression, largest first, is published
/// again if every suppressed value still passes without it. Deterministic: the same table and
/// rule give the same pattern. Errors: an empty or ragged table, a negative count (its row and
/// column named), totals above 2^53, an invalid rule.
absl::StatusOr<SuppressedTable> suppress_counts(const CountTable& table,
                                                const DisclosureRule& rule = {});

/// Suppression of tables published together, over shared base counts: a value of one table that
/// can be recovered by combining it with another (differencing) is protected too, because the
/// attacker's LP has the published values of all tables. Same algorithm as `suppress_counts`;
/// the same base set (a cell, or a total of the same cells) has one status in every table.
absl::StatusOr<std::vector<SuppressedTable>> suppress_linked(std::span<const std::int64_t> base,
                                                             std::span<const LinkedTable> tables,
                                                             const DisclosureRule& rule = {});

}  // namespace qaframe
