// Cell suppression with GLPK: the attacker's range LP and the protection LP (see
// include/qaframe/publish/disclosure.hpp for the model, the criterion and the references).
#include "qaframe/publish/disclosure.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace qaframe {

std::string_view gss_symbol(GssSymbol symbol) {
  switch (symbol) {
    case GssSymbol::kSuppressed:
      return "c";
    case GssSymbol::kNotApplicable:
      return "z";
    case GssSymbol::kNotAvailable:
      return "x";
    case GssSymbol::kLow:
      break;
  }
  return "low";
}

absl::StatusOr<ZeroCells> parse_zero_cells(std::string_view name) {
  if (name == "published" || name == "shown") return ZeroCells::kPublished;
  if (name == "complement") return ZeroCells::kComplement;
  if (name == "sensitive") return ZeroCells::kSensitive;
  return absl::InvalidArgumentError(
      absl::StrCat("zeros: unknown policy \"", std::string(name),
                   "\" (expected published, complement or sensitive)"));
}

std::string_view to_string(ZeroCells zeros) {
  switch (zeros) {
    case ZeroCells::kPublished:
      return "published";
    case ZeroCells::kComplement:
      return "complement";
    case ZeroCells::kSensitive:
      break;
  }
  return "sensitive";
}

std::string_view to_string(Suppression status) {
  switch (status) {
    case Suppression::kPublished:
      return "published";
    case Suppression::kPrimary:
      return "primary";
    case Suppression::kSecondary:
      return "secondary";
    case Suppression::kNotPublished:
      break;
  }
  return "not published";
}

std::string DisclosureRule::describe() const {
  std::string zeros_text;
  switch (zeros) {
    case ZeroCells::kPublished:
      zeros_text = "zeros are true zeros and are always shown";
      break;
    case ZeroCells::kComplement:
      zeros_text = "zeros are shown unless suppressed as complements";
      break;
    case ZeroCells::kSensitive:
      zeros_text = "zeros are suppressed too";
      break;
  }
  return absl::StrCat(
      "Counts from 1 to ", threshold,
      " are suppressed and shown as c; further cells and totals are suppressed so that, from "
      "everything published, each suppressed value can only be placed in a range at least ",
      required_width(), " wide; ", zeros_text, ".");
}

CountTable CountTable::one_way(std::vector<std::int64_t> counts, bool total_published) {
  CountTable t;
  t.rows = 1;
  t.columns = counts.size();
  t.counts = std::move(counts);
  t.margins = Margins{.rows = total_published, .columns = false, .grand = false};
  return t;
}

std::string PublishedEntry::text() const {
  switch (status) {
    case Suppression::kPublished:
      return absl::StrCat(value);
    case Suppression::kPrimary:
    case Suppression::kSecondary:
      return std::string(gss_symbol(GssSymbol::kSuppressed));
    case Suppression::kNotPublished:
      break;
  }
  return "";
}

namespace {

template <typename F>
std::size_t count_entries(const SuppressedTable& t, F&& pred) {
  std::size_t n = pred(t.grand_total) ? 1 : 0;
  for (const auto* part : {&t.cells, &t.row_totals, &t.column_totals})
    n += static_cast<std::size_t>(std::count_if(part->begin(), part->end(), pred));
  return n;
}

}  // namespace

absl::StatusOr<PublishedEntry> SuppressedTable::cell(std::size_t r, std::size_t c) const {
  if (r >= rows) {
    return absl::OutOfRangeError(absl::StrCat("row ", r, " is past the table's ", rows, " rows"));
  }
  if (c >= columns) {
    return absl::OutOfRangeError(
        absl::StrCat("column ", c, " is past the table's ", columns, " columns"));
  }
  if (cells.size() != rows * columns) {
    return absl::FailedPreconditionError(
        absl::StrCat(cells.size(), " cells for ", rows, " rows by ", columns, " columns"));
  }
  return cells[r * columns + c];
}

std::size_t SuppressedTable::primary_count() const {
  return count_entries(*this,
                       [](const PublishedEntry& e) { return e.status == Suppression::kPrimary; });
}

std::size_t SuppressedTable::secondary_count() const {
  return count_entries(*this,
                       [](const PublishedEntry& e) { return e.status == Suppression::kSecondary; });
}

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// LP values of these network problems are integers; a tolerance only absorbs rounding.
constexpr double kTolerance = 1e-6;
// Every value must be exactly representable in the LP's doubles.
constexpr std::int64_t kMaxValue = std::int64_t{1} << 53;

// A published value (cell or total): a sum of base counts, shared by every table that shows the
// same sum, so that it has one status everywhere.
struct Quantity {
  std::vector<std::size_t> cells;  // sorted base indexes
  std::int64_t value = 0;
  bool published = false;  // shown by at least one table (else only a view of a hidden margin)
  bool forbidden = false;  // may not be a complementary suppression (a zero that is always shown)
  Suppression status = Suppression::kNotPublished;
  double low = 0;
  double high = 0;

  bool suppressed() const {
    return status == Suppression::kPrimary || status == Suppression::kSecondary;
  }
  // Information lost by suppressing it (Cox 1980: the suppressed total); + 1 so that suppressing
  // a zero is not free.
  double weight() const { return static_cast<double>(value) + 1.0; }
};

// Where the entries of one table are among the quantities.
struct View {
  std::size_t rows = 0;
  std::size_t columns = 0;
  Margins margins;
  std::vector<std::size_t> cells, row_totals, column_totals;
  std::size_t grand = 0;
};

// GLPK's problem object, deleted with its owner.
class GlpkProblem {
 public:
  GlpkProblem() : lp_(glp_create_prob()) {}
  ~GlpkProblem() { glp_delete_prob(lp_); }
  GlpkProblem(const GlpkProblem&) = delete;
  GlpkProblem& operator=(const GlpkProblem&) = delete;
  glp_prob* get() const { return lp_; }

 private:
  glp_prob* lp_;
};

// glp_exact writes to the terminal whatever msg_lev says; silence it for the call.
class QuietGlpk {
 public:
  QuietGlpk() : previous_(glp_term_out(GLP_OFF)) {}
  ~QuietGlpk() { glp_term_out(previous_); }
  QuietGlpk(const QuietGlpk&) = delete;
  QuietGlpk& operator=(const QuietGlpk&) = delete;

 private:
  int previous_;
};

glp_smcp simplex_parameters() {
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_OFF;  // keep the basis between objectives (warm start)
  return parm;
}

// Adds a row sum(coefficient * column) to `lp` with the given bounds (GLPK arrays are 1-based).
void add_row(glp_prob* lp, std::span<const int> columns, std::span<const double> coefficients,
             int type, double lb, double ub) {
  const int row = glp_add_rows(lp, 1);
  glp_set_row_bnds(lp, row, type, lb, ub);
  std::vector<int> ind(columns.size() + 1, 0);
  std::vector<double> val(columns.size() + 1, 0.0);
  std::copy(columns.begin(), columns.end(), ind.begin() + 1);
  std::copy(coefficients.begin(), coefficients.end(), val.begin() + 1);
  glp_set_mat_row(lp, row, static_cast<int>(columns.size()), ind.data(), val.data());
}

class Suppressor {
 public:
  Suppressor(std::vector<std::int64_t> base, std::vector<Quantity> quantities,
             const DisclosureRule& rule)
      : base_(std::move(base)), quantities_(std::move(quantities)), rule_(rule) {
    // The attacker who knows that zeros are always shown knows that every c is at least 1.
    lower_bound_ = rule_.zeros == ZeroCells::kPublished ? 1.0 : 0.0;
    width_ = static_cast<double>(rule_.required_width());
  }

  absl::Status run() {
    for (Quantity& q : quantities_) {
      if (!q.published) continue;
      q.status = Suppression::kPublished;
      const bool small = q.value >= 1 && q.value <= rule_.threshold;
      if (small || (q.value == 0 && rule_.zeros == ZeroCells::kSensitive))
        q.status = Suppression::kPrimary;
      q.forbidden = q.value == 0 && rule_.zeros == ZeroCells::kPublished;
    }
    // Search with floating-point LPs; then confirm, and if need be go on, in exact arithmetic,
    // recording every range of the pattern that passes.
    for (std::size_t guard = 0; guard <= quantities_.size(); ++guard) {
      auto failing = first_failing(/*exact=*/false);
      if (!failing.ok()) return failing.status();
      if (!failing->has_value()) break;
      if (absl::Status added = protect(**failing); !added.ok()) return added;
    }
    if (absl::Status cleaned = remove_redundant(); !cleaned.ok()) return cleaned;
    for (std::size_t guard = 0; guard <= quantities_.size(); ++guard) {
      auto failing = first_failing(/*exact=*/true, /*record=*/true);
      if (!failing.ok()) return failing.status();
      if (!failing->has_value()) return absl::OkStatus();
      if (absl::Status added = protect(**failing); !added.ok()) return added;
    }
    return absl::InternalError("disclosure: secondary suppression did not converge");
  }

  const std::vector<Quantity>& quantities() const { return quantities_; }

 private:
  // The attacker's LP for the current pattern: base counts as columns (fixed when published as
  // a cell), every published total as an equality row.
  class RangeLp {
   public:
    explicit RangeLp(const Suppressor& s) : parm_(simplex_parameters()) {
      glp_prob* lp = problem_.get();
      glp_set_obj_dir(lp, GLP_MIN);
      const int n = static_cast<int>(s.base_.size());
      glp_add_cols(lp, n);
      for (int c = 1; c <= n; ++c) glp_set_col_bnds(lp, c, GLP_LO, s.lower_bound_, 0.0);
      // GLPK wants at least one row; a free one constrains nothing.
      add_row(lp, {}, {}, GLP_FR, 0.0, 0.0);
      for (const Quantity& q : s.quantities_) {
        if (!q.published || q.suppressed()) continue;
        const auto v = static_cast<double>(q.value);
        if (q.cells.size() == 1) {
          glp_set_col_bnds(lp, static_cast<int>(q.cells[0]) + 1, GLP_FX, v, v);
          continue;
        }
        std::vector<int> cols;
        for (std::size_t c : q.cells) cols.push_back(static_cast<int>(c) + 1);
        const std::vector<double> ones(cols.size(), 1.0);
        add_row(lp, cols, ones, GLP_FX, v, v);
      }
    }

    // [min, max] of the quantity's sum over every table consistent with the publication.
    absl::StatusOr<std::pair<double, double>> range(const Quantity& q, bool exact) {
      glp_prob* lp = problem_.get();
      for (std::size_t c : objective_) glp_set_obj_coef(lp, static_cast<int>(c) + 1, 0.0);
      objective_ = q.cells;
      for (std::size_t c : objective_) glp_set_obj_coef(lp, static_cast<int>(c) + 1, 1.0);
      auto low = solve(GLP_MIN, exact);
      if (!low.ok()) return low.status();
      auto high = solve(GLP_MAX, exact);
      if (!high.ok()) return high.status();
      return std::pair{*low, *high};
    }

   private:
    absl::StatusOr<double> solve(int direction, bool exact) {
      glp_prob* lp = problem_.get();
      glp_set_obj_dir(lp, direction);
      int rc = glp_simplex(lp, &parm_);
      if (rc == 0 && exact) {
        QuietGlpk quiet;
        rc = glp_exact(lp, &parm_);
      }
      if (rc != 0)
        return absl::InternalError(absl::StrCat("disclosure: GLPK failed (code ", rc, ")"));
      const int status = glp_get_status(lp);
      if (status == GLP_UNBND) return direction == GLP_MAX ? kInfinity : -kInfinity;
      if (status != GLP_OPT)
        return absl::InternalError(
            absl::StrCat("disclosure: the attacker's LP has no optimum (GLPK status ", status,
                         "), which the true table rules out"));
      return glp_get_obj_val(lp);
    }

    GlpkProblem problem_;
    glp_smcp parm_;
    std::vector<std::size_t> objective_;
  };

  bool passes(double low, double high) const { return high - low >= width_ - kTolerance; }

  // The first suppressed value whose range is too narrow, in the order of the quantities
  // (tables in order; cells row by row, then totals). With `record`, stores every range,
  // including those of the totals that are not published.
  absl::StatusOr<std::optional<std::size_t>> first_failing(bool exact, bool record = false) {
    RangeLp lp(*this);
    std::optional<std::size_t> failing;
    for (std::size_t i = 0; i < quantities_.size(); ++i) {
      Quantity& q = quantities_[i];
      if (q.status == Suppression::kPublished) {
        if (record) q.low = q.high = static_cast<double>(q.value);
        continue;
      }
      if (!q.suppressed() && !record) continue;
      auto r = lp.range(q, exact);
      if (!r.ok()) return r.status();
      if (record) std::tie(q.low, q.high) = *r;
      if (q.suppressed() && !passes(r->first, r->second) && !failing) {
        failing = i;
        if (!record) break;
      }
    }
    return failing;
  }

  // The protection LP for quantity `target` (Kelly, Golden and Assad 1992; Castro 2002, for the
  // sliding protection of Fischetti and Salazar-Gonzalez 2000): perturbations up (d+) and down
  // (d-) of the base counts, within the attacker's bounds, that move the target by u and -l with
  // u + l = the required width; every published value e that either perturbation changes costs
  // weight(e) x max(|change+|, |change-|); suppressed values change for free, zeros that must be
  // shown not at all. At the optimum, suppressing every changed value makes both perturbed tables
  // consistent with the publication, so the target's range is at least u + l.
  absl::Status protect(std::size_t target) {
    const Quantity& q = quantities_[target];
    GlpkProblem problem;
    glp_prob* lp = problem.get();
    glp_set_obj_dir(lp, GLP_MIN);
    const int n = static_cast<int>(base_.size());
    // Columns: d+ (1..n), d- (n+1..2n), u, l, then one t per published value.
    glp_add_cols(lp, 2 * n + 2);
    for (int c = 0; c < n; ++c) {
      const double down = lower_bound_ - static_cast<double>(base_[static_cast<std::size_t>(c)]);
      glp_set_col_bnds(lp, c + 1, GLP_LO, std::min(down, 0.0), 0.0);
      glp_set_col_bnds(lp, n + c + 1, GLP_LO, std::min(down, 0.0), 0.0);
    }
    const int u = 2 * n + 1;
    const int l = 2 * n + 2;
    glp_set_col_bnds(lp, u, GLP_LO, 0.0, 0.0);
    glp_set_col_bnds(lp, l, GLP_LO, 0.0, 0.0);
    add_row(lp, std::vector<int>{u, l}, std::vector<double>{1.0, 1.0}, GLP_FX, width_, width_);
    auto sum_of = [&](const Quantity& e, int offset) {
      std::vector<int> cols;
      for (std::size_t c : e.cells) cols.push_back(offset + static_cast<int>(c) + 1);
      return cols;
    };
    {
      std::vector<int> up = sum_of(q, 0);
      std::vector<int> down = sum_of(q, n);
      std::vector<double> ones(up.size(), 1.0);
      up.push_back(u);
      down.push_back(l);
      ones.push_back(-1.0);
      add_row(lp, up, ones, GLP_FX, 0.0, 0.0);  // sum d+ over q = u
      ones.back() = 1.0;
      add_row(lp, down, ones, GLP_FX, 0.0, 0.0);  // sum d- over q = -l
    }
    std::vector<std::size_t> priced;  // the published values with a cost column
    for (std::size_t i = 0; i < quantities_.size(); ++i) {
      const Quantity& e = quantities_[i];
      if (i == target || !e.published || e.suppressed()) continue;
      if (e.forbidden) {
        for (int offset : {0, n}) {
          const std::vector<int> cols = sum_of(e, offset);
          add_row(lp, cols, std::vector<double>(cols.size(), 1.0), GLP_FX, 0.0, 0.0);
        }
        continue;
      }
      const int t = glp_add_cols(lp, 1);
      glp_set_col_bnds(lp, t, GLP_LO, 0.0, 0.0);
      glp_set_obj_coef(lp, t, e.weight());
      priced.push_back(i);
      for (int offset : {0, n}) {
        for (double sign : {1.0, -1.0}) {  // t >= sign * change
          std::vector<int> cols = sum_of(e, offset);
          std::vector<double> coefficients(cols.size(), -sign);
          cols.push_back(t);
          coefficients.push_back(1.0);
          add_row(lp, cols, coefficients, GLP_LO, 0.0, 0.0);
        }
      }
    }
    glp_smcp parm = simplex_parameters();
    parm.presolve = GLP_ON;
    std::vector<std::size_t> chosen;
    if (glp_simplex(lp, &parm) == 0 && glp_get_status(lp) == GLP_OPT) {
      for (std::size_t i : priced) {
        const Quantity& e = quantities_[i];
        for (int offset : {0, n}) {
          double change = 0;
          for (std::size_t c : e.cells)
            change += glp_get_col_prim(lp, offset + static_cast<int>(c) + 1);
          if (std::abs(change) > kTolerance) {
            chosen.push_back(i);
            break;
          }
        }
      }
    }
    if (chosen.empty()) {
      // Rounding left nothing to suppress: take the cheapest value that shares a count with the
      // target, else the cheapest of all. Each step suppresses one more value, so this ends.
      std::optional<std::size_t> best;
      for (bool sharing : {true, false}) {
        for (std::size_t i = 0; i < quantities_.size(); ++i) {
          const Quantity& e = quantities_[i];
          if (i == target || !e.published || e.suppressed() || e.forbidden) continue;
          if (sharing && !overlaps(e, q)) continue;
          if (!best || e.weight() < quantities_[*best].weight()) best = i;
        }
        if (best) break;
      }
      if (!best)
        return absl::InternalError("disclosure: nothing left to suppress and a value unprotected");
      chosen.push_back(*best);
    }
    for (std::size_t i : chosen) quantities_[i].status = Suppression::kSecondary;
    return absl::OkStatus();
  }

  static bool overlaps(const Quantity& a, const Quantity& b) {
    std::size_t i = 0, j = 0;
    while (i < a.cells.size() && j < b.cells.size()) {
      if (a.cells[i] == b.cells[j]) return true;
      a.cells[i] < b.cells[j] ? ++i : ++j;
    }
    return false;
  }

  // Publishes again each secondary suppression, largest first, that the pattern does not need.
  absl::Status remove_redundant() {
    std::vector<std::size_t> secondary;
    for (std::size_t i = 0; i < quantities_.size(); ++i)
      if (quantities_[i].status == Suppression::kSecondary) secondary.push_back(i);
    std::stable_sort(secondary.begin(), secondary.end(), [&](std::size_t a, std::size_t b) {
      return quantities_[a].value > quantities_[b].value;
    });
    for (std::size_t i : secondary) {
      quantities_[i].status = Suppression::kPublished;
      auto failing = first_failing(/*exact=*/false);
      if (!failing.ok()) return failing.status();
      if (failing->has_value()) quantities_[i].status = Suppression::kSecondary;
    }
    return absl::OkStatus();
  }

  std::vector<std::int64_t> base_;
  std::vector<Quantity> quantities_;
  DisclosureRule rule_;
  double lower_bound_ = 0;
  double width_ = 0;
};

absl::Status check_rule(const DisclosureRule& rule) {
  if (rule.threshold < 0)
    return absl::InvalidArgumentError(
        absl::StrCat("disclosure rule: threshold ", rule.threshold, " is negative"));
  if (rule.protection && *rule.protection < 1)
    return absl::InvalidArgumentError(
        absl::StrCat("disclosure rule: protection ", *rule.protection, " must be at least 1"));
  return absl::OkStatus();
}

// Registers the quantities of every table (a cell, a row, a column, the whole table), shared
// between tables that show the same sum.
absl::StatusOr<std::vector<View>> build(std::span<const std::int64_t> base,
                                        std::span<const LinkedTable> tables,
                                        std::vector<Quantity>& quantities) {
  absl::flat_hash_map<std::vector<std::size_t>, std::size_t> index;
  auto intern = [&](std::vector<std::size_t> cells, bool published) -> absl::StatusOr<std::size_t> {
    std::sort(cells.begin(), cells.end());
    auto [it, inserted] = index.try_emplace(cells, quantities.size());
    if (inserted) {
      Quantity q;
      std::int64_t sum = 0;
      for (std::size_t c : cells) {
        sum += base[c];
        if (sum > kMaxValue)
          return absl::InvalidArgumentError(absl::StrCat(
              "disclosure: a total exceeds 2^53 (", kMaxValue, "), too large to check exactly"));
      }
      q.value = sum;
      q.cells = std::move(cells);
      quantities.push_back(std::move(q));
    }
    quantities[it->second].published = quantities[it->second].published || published;
    return it->second;
  };
  std::vector<View> views;
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const LinkedTable& table = tables[t];
    const std::string where = tables.size() > 1 ? absl::StrCat("table ", t + 1, ": ") : "";
    if (table.rows == 0 || table.columns == 0)
      return absl::InvalidArgumentError(
          absl::StrCat(where, "a table needs at least one row and one column (got ", table.rows,
                       " x ", table.columns, ")"));
    const bool sets = !table.cell_sets.empty();
    const std::size_t given = sets ? table.cell_sets.size() : table.cell_ids.size();
    if (given != table.rows * table.columns)
      return absl::InvalidArgumentError(
          absl::StrCat(where, given, " cells for a table of ", table.rows, " x ", table.columns));
    // Each cell as its set of base counts.
    std::vector<std::vector<std::size_t>> cell_sets;
    if (sets) {
      cell_sets = table.cell_sets;
    } else {
      for (std::size_t id : table.cell_ids) cell_sets.push_back({id});
    }
    std::vector<std::size_t> sorted;
    for (const auto& set : cell_sets) sorted.insert(sorted.end(), set.begin(), set.end());
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
      return absl::InvalidArgumentError(absl::StrCat(where, "a base cell appears twice"));
    if (!sorted.empty() && sorted.back() >= base.size())
      return absl::InvalidArgumentError(absl::StrCat(
          where, "cell id ", sorted.back(), " is out of range (", base.size(), " base counts)"));
    View v;
    v.rows = table.rows;
    v.columns = table.columns;
    v.margins = table.margins;
    for (std::size_t r = 0; r < table.rows; ++r)
      for (std::size_t c = 0; c < table.columns; ++c) {
        auto q = intern(cell_sets[r * table.columns + c], true);
        if (!q.ok()) return q.status();
        v.cells.push_back(*q);
      }
    for (std::size_t r = 0; r < table.rows; ++r) {
      std::vector<std::size_t> cells;
      for (std::size_t c = 0; c < table.columns; ++c) {
        const auto& set = cell_sets[r * table.columns + c];
        cells.insert(cells.end(), set.begin(), set.end());
      }
      auto q = intern(std::move(cells), table.margins.rows);
      if (!q.ok()) return q.status();
      v.row_totals.push_back(*q);
    }
    for (std::size_t c = 0; c < table.columns; ++c) {
      std::vector<std::size_t> cells;
      for (std::size_t r = 0; r < table.rows; ++r) {
        const auto& set = cell_sets[r * table.columns + c];
        cells.insert(cells.end(), set.begin(), set.end());
      }
      auto q = intern(std::move(cells), table.margins.columns);
      if (!q.ok()) return q.status();
      v.column_totals.push_back(*q);
    }
    auto grand = intern(sorted, table.margins.grand);
    if (!grand.ok()) return grand.status();
    v.grand = *grand;
    views.push_back(std::move(v));
  }
  return views;
}

SuppressedTable render(const View& v, const std::vector<Quantity>& quantities) {
  auto entry = [&](std::size_t i, bool shown) {
    const Quantity& q = quantities[i];
    PublishedEntry e;
    e.value = q.value;
    e.status = shown ? q.status : Suppression::kNotPublished;
    e.low = q.low;
    e.high = q.high;
    return e;
  };
  SuppressedTable t;
  t.rows = v.rows;
  t.columns = v.columns;
  for (std::size_t i : v.cells) t.cells.push_back(entry(i, true));
  for (std::size_t i : v.row_totals) t.row_totals.push_back(entry(i, v.margins.rows));
  for (std::size_t i : v.column_totals) t.column_totals.push_back(entry(i, v.margins.columns));
  t.grand_total = entry(v.grand, v.margins.grand);
  return t;
}

}  // namespace

absl::StatusOr<std::vector<SuppressedTable>> suppress_linked(std::span<const std::int64_t> base,
                                                             std::span<const LinkedTable> tables,
                                                             const DisclosureRule& rule) {
  if (absl::Status s = check_rule(rule); !s.ok()) return s;
  for (std::size_t i = 0; i < base.size(); ++i)
    if (base[i] < 0)
      return absl::InvalidArgumentError(
          absl::StrCat("base count ", i, ": ", base[i], " is negative (counts are >= 0)"));
  std::vector<Quantity> quantities;
  auto views = build(base, tables, quantities);
  if (!views.ok()) return views.status();
  Suppressor s(std::vector<std::int64_t>(base.begin(), base.end()), std::move(quantities), rule);
  if (absl::Status status = s.run(); !status.ok()) return status;
  std::vector<SuppressedTable> out;
  for (const View& v : *views) out.push_back(render(v, s.quantities()));
  return out;
}

absl::StatusOr<SuppressedTable> suppress_counts(const CountTable& table,
                                                const DisclosureRule& rule) {
  if (table.counts.size() != table.rows * table.columns)
    return absl::InvalidArgumentError(absl::StrCat(table.counts.size(), " counts for a table of ",
                                                   table.rows, " x ", table.columns));
  for (std::size_t i = 0; i < table.counts.size(); ++i)
    if (table.counts[i] < 0)
      return absl::InvalidArgumentError(
          absl::StrCat("row ", i / table.columns + 1, ", column ", i % table.columns + 1,
                       ": count ", table.counts[i], " is negative (counts are >= 0)"));
  LinkedTable linked;
  linked.rows = table.rows;
  linked.columns = table.columns;
  linked.margins = table.margins;
  linked.cell_ids.resize(table.counts.size());
  std::iota(linked.cell_ids.begin(), linked.cell_ids.end(), std::size_t{0});
  auto out = suppress_linked(table.counts, std::span<const LinkedTable>(&linked, 1), rule);
  if (!out.ok()) return out.status();
  return std::move(out->front());
}

}  // namespace qaframe
