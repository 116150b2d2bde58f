#pragma once
/// @file correlation.hpp
/// Rank correlations of paired observations: Spearman's rho and Kendall's tau-b (O(n log n)),
/// the latter with the exact p-value for small samples without ties.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/alternative.hpp"
#include "qaframe/stats/distributions.hpp"
#include "qaframe/stats/pvalue_method.hpp"
#include "qaframe/stats/ranking.hpp"

namespace qaframe::stats {

/// A rank correlation and its test of no association.
struct CorrelationResult {
  double statistic = detail::kNaN;                 ///< rho or tau-b, in [−1, 1]
  double pvalue = detail::kNaN;                    ///< under the chosen alternative
  double n = 0.0;                                  ///< number of pairs
  std::string note;                                ///< why a value is NaN, when it is
  PValueMethod method = PValueMethod::asymptotic;  ///< how the p-value was found (never automatic)
  friend bool operator==(const CorrelationResult&, const CorrelationResult&) = default;
};

namespace detail {
inline absl::Status check_paired_samples(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size())
    return absl::InvalidArgumentError(
        absl::StrCat("x and y must have equal lengths, got ", x.size(), " and ", y.size()));
  if (auto s = check_no_nan(x, "x"); !s.ok()) return s;
  return check_no_nan(y, "y");
}

inline bool is_constant_sample(std::span<const double> v) {
  return std::all_of(v.begin(), v.end(), [&](double a) { return a == v.front(); });
}

/// Dense ranks 0..levels−1 of a sample and its tie sums Σt(t−1)/2, Σt(t−1)(t−2), Σt(t−1)(2t+5).
struct DenseRanks {
  std::vector<std::uint32_t> rank;
  std::uint32_t levels = 0;
  std::int64_t tied_pairs = 0;
  double t3 = 0.0, t5 = 0.0;
};

inline void add_tie_group(DenseRanks& d, std::int64_t t) {
  const double td = static_cast<double>(t);
  d.tied_pairs += t * (t - 1) / 2;
  d.t3 += td * (td - 1.0) * (td - 2.0);
  d.t5 += td * (td - 1.0) * (2.0 * td + 5.0);
}

/// Graded data has a handful of distinct values: finding them with a small sorted table and a
/// binary search per value costs O(n log k), much less than sorting. Past kMaxFewLevels
/// distinct values this gives up (nullopt) and the caller sorts.
inline constexpr std::size_t kMaxFewLevels = 256;

inline std::optional<DenseRanks> dense_ranks_few(std::span<const double> v) {
  std::vector<double> levels;
  for (const double a : v) {
    const auto it = std::lower_bound(levels.begin(), levels.end(), a);
    if (it != levels.end() && *it == a) continue;
    if (levels.size() == kMaxFewLevels) return std::nullopt;
    levels.insert(it, a);
  }
  DenseRanks d;
  d.levels = static_cast<std::uint32_t>(levels.size());
  d.rank.resize(v.size());
  std::vector<std::int64_t> counts(levels.size(), 0);
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto r = static_cast<std::uint32_t>(std::lower_bound(levels.begin(), levels.end(), v[i]) -
                                              levels.begin());
    d.rank[i] = r;
    ++counts[r];
  }
  for (const auto t : counts) add_tie_group(d, t);
  return d;
}

inline DenseRanks dense_ranks(std::span<const double> v) {
  if (auto few = dense_ranks_few(v)) return *std::move(few);
  const std::size_t n = v.size();
  // Sorting (value, index) pairs rather than indices keeps the comparisons in cache.
  std::vector<std::pair<double, std::uint32_t>> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = {v[i], static_cast<std::uint32_t>(i)};
  std::sort(order.begin(), order.end());
  DenseRanks d;
  d.rank.resize(n);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && order[j].first == order[i].first) ++j;
    for (std::size_t m = i; m < j; ++m) d.rank[order[m].second] = d.levels;
    add_tie_group(d, static_cast<std::int64_t>(j - i));
    ++d.levels;
    i = j;
  }
  return d;
}

/// Discordant pairs and pairs tied in both samples, from the kx × ky table of rank pairs:
/// n_d = Σ_ij T_ij · Σ_{i'<i, j'>j} T_i'j', n₃ = Σ T_ij(T_ij − 1)/2. O(n + kx·ky).
inline std::pair<std::int64_t, std::int64_t> discordant_from_table(const DenseRanks& dx,
                                                                   const DenseRanks& dy) {
  const std::size_t kx = dx.levels, ky = dy.levels;
  std::vector<std::int64_t> table(kx * ky, 0);
  for (std::size_t i = 0; i < dx.rank.size(); ++i) ++table[dx.rank[i] * ky + dy.rank[i]];
  std::vector<std::int64_t> above(ky, 0);  // Σ over earlier x rows, per y column
  std::int64_t discordant = 0, joint = 0;
  for (std::size_t i = 0; i < kx; ++i) {
    std::int64_t higher = 0;  // Σ_{i'<i, j'>j} T_i'j', built from the right
    for (std::size_t j = ky; j-- > 0;) {
      const std::int64_t t = table[i * ky + j];
      discordant += t * higher;
      joint += t * (t - 1) / 2;
      higher += above[j];
    }
    for (std::size_t j = 0; j < ky; ++j) above[j] += table[i * ky + j];
  }
  return {discordant, joint};
}

/// Discordant pairs and joint ties by sweeping the pairs in x order with a Fenwick tree over
/// the y ranks: O(n log ky) after two counting sorts.
inline std::pair<std::int64_t, std::int64_t> discordant_by_sweep(const DenseRanks& dx,
                                                                 const DenseRanks& dy) {
  const std::size_t n = dx.rank.size();
  // Order the pairs by (x rank, y rank) with two stable counting sorts: y first, then x.
  std::vector<std::uint32_t> by_y(n), order(n);
  {
    std::vector<std::size_t> start(dy.levels + 1, 0);
    for (std::size_t i = 0; i < n; ++i) ++start[dy.rank[i] + 1];
    for (std::uint32_t l = 0; l < dy.levels; ++l) start[l + 1] += start[l];
    for (std::size_t i = 0; i < n; ++i) by_y[start[dy.rank[i]]++] = static_cast<std::uint32_t>(i);
    std::vector<std::size_t> sx(dx.levels + 1, 0);
    for (std::size_t i = 0; i < n; ++i) ++sx[dx.rank[i] + 1];
    for (std::uint32_t l = 0; l < dx.levels; ++l) sx[l + 1] += sx[l];
    for (const auto i : by_y) order[sx[dx.rank[i]]++] = i;
  }
  // Sweep the x groups in order. A pair (earlier group, this element) is discordant when the
  // earlier y rank is greater; pairs within a group are tied in x and not counted. Joint ties
  // are runs of equal (x, y) ranks.
  std::vector<std::int64_t> fenwick(dy.levels + 1, 0);
  std::int64_t inserted = 0, discordant = 0, joint_ties = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    const std::uint32_t xr = dx.rank[order[i]];
    while (j < n && dx.rank[order[j]] == xr) {
      const std::uint32_t yr = dy.rank[order[j]];
      std::int64_t at_most = 0;  // inserted elements with y rank ≤ yr
      for (std::uint32_t p = yr + 1; p > 0; p -= p & (~p + 1)) at_most += fenwick[p];
      discordant += inserted - at_most;
      ++j;
    }
    for (std::size_t m = i; m < j;) {
      std::size_t e = m + 1;
      const std::uint32_t yr = dy.rank[order[m]];
      while (e < j && dy.rank[order[e]] == yr) ++e;
      const auto run = static_cast<std::int64_t>(e - m);
      joint_ties += run * (run - 1) / 2;
      for (std::uint32_t p = yr + 1; p <= dy.levels; p += p & (~p + 1)) fenwick[p] += run;
      m = e;
    }
    inserted += static_cast<std::int64_t>(j - i);
    i = j;
  }
  return {discordant, joint_ties};
}

/// The exact Kendall p-value is computed when n·min(C, n₀ − C) is at most this (always for
/// n ≤ 1000): the cost of kendall_exact_lower_tail.
inline constexpr double kMaxExactKendallWork = 2.5e8;

/// P(C ≤ k) and P(C = k) for the number C of concordant pairs among n pairs without ties under
/// independence, for k ≤ n(n − 1)/4 (the lower half: C is symmetric about n(n − 1)/4).
///
/// Kendall (1970), "Rank Correlation Methods", 4th ed.: with x in order, n₀ − C counts the pairs
/// that y puts out of order, the inversions of a random permutation, and C has the same
/// (symmetric) distribution, whose generating function is
/// ∏_{j=1}^{n} (1 + q + … + q^{j−1})/j. Each factor is a moving sum of width j, kept as a
/// running sum (O(k) per factor, O(n·k) in all) and divided by j so that the coefficients stay
/// probabilities (scipy's kendalltau(method="exact") divides by n! at the end instead).
inline std::pair<double, double> kendall_exact_lower_tail(std::size_t n, std::size_t k) {
  std::vector<double> f(k + 1, 0.0), next(k + 1, 0.0);
  f[0] = 1.0;
  for (std::size_t j = 2; j <= n; ++j) {
    const double width = static_cast<double>(j);
    double window = 0.0;
    for (std::size_t i = 0; i <= k; ++i) {
      window += f[i];
      if (i >= j) window -= f[i - j];
      next[i] = std::max(0.0, window) / width;
    }
    f.swap(next);
  }
  double cdf = 0.0;
  for (const double v : f) cdf += v;
  return {cdf, f[k]};
}

/// Exact p-value of C concordant pairs among n untied pairs, as scipy's _kendall_p_exact:
/// two-sided 2·P(C' ≤ min(C, n₀ − C)) capped at 1; one-sided the tail towards the alternative.
inline double kendall_exact_pvalue(std::size_t n, std::int64_t concordant,
                                   Alternative alternative) {
  const auto n0 = static_cast<std::int64_t>(n) * (static_cast<std::int64_t>(n) - 1) / 2;
  const bool right_tail = concordant >= n0 - concordant;
  const auto k = static_cast<std::size_t>(std::min(concordant, n0 - concordant));
  const auto [cdf, at_k] = kendall_exact_lower_tail(n, k);
  double p = 2.0 * cdf;
  if (alternative != Alternative::two_sided)
    p = right_tail == (alternative == Alternative::greater) ? cdf : 1.0 - cdf + at_k;
  return std::clamp(p, 0.0, 1.0);
}
}  // namespace detail

/// Spearman's rank correlation with the t-test of no association.
///
/// Spearman (1904), "The proof and measurement of association between two things": rho is
/// Pearson's r of the average ranks; t = r√((n − 2)/((1 + r)(1 − r))) on n − 2 df (as scipy's
/// spearmanr). InvalidArgument for unequal lengths or NaN; NaN with a note for fewer than two
/// pairs or a constant sample; with two pairs rho is ±1 and the p-value NaN (no df).
inline absl::StatusOr<CorrelationResult> spearman(
    std::span<const double> x, std::span<const double> y,
    Alternative alternative = Alternative::two_sided) {
  if (auto s = detail::check_paired_samples(x, y); !s.ok()) return s;
  CorrelationResult out;
  out.n = static_cast<double>(x.size());
  if (x.size() < 2) {
    out.note = "fewer than two pairs";
    return out;
  }
  if (detail::is_constant_sample(x) || detail::is_constant_sample(y)) {
    out.note = "a sample is constant: the correlation is undefined";
    return out;
  }
  const Eigen::ArrayXd rx = average_ranks(x).ranks;
  const Eigen::ArrayXd ry = average_ranks(y).ranks;
  // Both rank vectors have mean (n + 1)/2 exactly, so centre on it.
  const double centre = (out.n + 1.0) / 2.0;
  const Eigen::ArrayXd dx = rx - centre;
  const Eigen::ArrayXd dy = ry - centre;
  const double r = (dx * dy).sum() / std::sqrt(dx.square().sum() * dy.square().sum());
  out.statistic = std::clamp(r, -1.0, 1.0);
  if (x.size() < 3) {
    out.note = "two pairs: the t-test has no degrees of freedom";
    return out;
  }
  const double df = out.n - 2.0;
  const double rr = out.statistic;
  const double t = (rr == 1.0 || rr == -1.0)
                       ? std::copysign(std::numeric_limits<double>::infinity(), rr)
                       : rr * std::sqrt(df / ((1.0 + rr) * (1.0 - rr)));
  out.pvalue = t_pvalue(t, df, alternative);
  return out;
}

/// Kendall's tau-b with the test of no association (exact for small samples without ties,
/// otherwise normal), in O(n log n).
///
/// Kendall (1945), "The treatment of ties in ranking problems":
/// tau-b = (n_c − n_d)/√((n₀ − n₁)(n₀ − n₂)), n₀ = n(n−1)/2, n₁ and n₂ the pairs tied in x and
/// in y. Null variance of S = n_c − n_d with ties (Kendall 1970, "Rank Correlation Methods",
/// ch. 4; as scipy's kendalltau(method="asymptotic")), t and u the tie-group sizes:
/// [v₀ − v_t − v_u]/18 + Σt(t−1)·Σu(u−1)/2n(n−1) + Σt(t−1)(t−2)·Σu(u−1)(u−2)/9n(n−1)(n−2),
/// v₀ = n(n−1)(2n+5), v_t = Σt(t−1)(2t+5); z = S/√Var.
/// For graded data (few distinct values) n_d comes from the kx × ky table of rank pairs in
/// O(n log k + kx·ky), without sorting; otherwise from a Fenwick tree over the dense ranks of
/// y while sweeping the pairs in x order, O(n log n) for the sort and O(n log ky) for the count.
/// Exact p-value without ties (see detail::kendall_exact_lower_tail; scipy's
/// kendalltau(method="exact")): the tail of the permutation distribution of the number of
/// concordant pairs C. `method` automatic uses it when neither sample has ties and n ≤ 33 or
/// min(n_d, n₀ − n_d) ≤ 1 (scipy's rule, the second for perfect or almost perfect ordering at
/// any n), the normal test otherwise.
/// InvalidArgument for unequal lengths or NaN, and for method exact with ties (as scipy) or with
/// n·min(C, n₀ − C) > 2.5·10⁸ (it is always computed for n ≤ 1000); NaN with a note for fewer
/// than two pairs or a constant sample. With two pairs the normal variance is 1 (scipy gives NaN
/// there, from 0/0); the exact p-value is 1 two-sided.
inline absl::StatusOr<CorrelationResult> kendall_tau(
    std::span<const double> x, std::span<const double> y,
    Alternative alternative = Alternative::two_sided,
    PValueMethod method = PValueMethod::automatic) {
  if (auto s = detail::check_paired_samples(x, y); !s.ok()) return s;
  CorrelationResult out;
  const std::size_t n = x.size();
  out.n = static_cast<double>(n);
  if (n < 2) {
    out.note = "fewer than two pairs";
    return out;
  }
  const detail::DenseRanks dx = detail::dense_ranks(x);
  const detail::DenseRanks dy = detail::dense_ranks(y);
  const auto n64 = static_cast<std::int64_t>(n);
  const std::int64_t n0 = n64 * (n64 - 1) / 2;
  if (dx.tied_pairs == n0 || dy.tied_pairs == n0) {
    out.note = "a sample is constant: the correlation is undefined";
    return out;
  }
  const auto [discordant, joint_ties] =
      static_cast<std::size_t>(dx.levels) * dy.levels <= std::max<std::size_t>(n, 1u << 16)
          ? detail::discordant_from_table(dx, dy)
          : detail::discordant_by_sweep(dx, dy);
  // n₀ = n_c + n_d + n₁ + n₂ − n₃ (pairs tied in both are in n₁ and n₂).
  const std::int64_t s = n0 - dx.tied_pairs - dy.tied_pairs + joint_ties - 2 * discordant;
  const double sd = static_cast<double>(s);
  const bool ties = dx.tied_pairs > 0 || dy.tied_pairs > 0;
  const double exact_work = out.n * static_cast<double>(std::min(discordant, n0 - discordant));
  if (method == PValueMethod::exact && ties)
    return absl::InvalidArgumentError(
        "the exact p-value assumes no ties, but a sample has tied values: use method "
        "'asymptotic' (tie-corrected) or 'auto'");
  if (method == PValueMethod::exact && exact_work > detail::kMaxExactKendallWork)
    return absl::InvalidArgumentError(absl::StrCat(
        "the exact distribution for ", n, " pairs with ", discordant,
        " discordant is too costly (n * min(C, n0 - C) > 2.5e8): use method 'asymptotic' or "
        "'auto'"));
  if (method == PValueMethod::automatic)
    method = !ties && (n <= 33 || std::min(discordant, n0 - discordant) <= 1)
                 ? PValueMethod::exact
                 : PValueMethod::asymptotic;
  out.method = method;
  out.statistic = std::clamp(sd / std::sqrt(static_cast<double>(n0 - dx.tied_pairs)) /
                                 std::sqrt(static_cast<double>(n0 - dy.tied_pairs)),
                             -1.0, 1.0);
  if (method == PValueMethod::exact) {
    out.pvalue = detail::kendall_exact_pvalue(n, n0 - discordant, alternative);
    return out;
  }
  const double nd = out.n;
  const double m = nd * (nd - 1.0);
  double var = (m * (2.0 * nd + 5.0) - dx.t5 - dy.t5) / 18.0 +
               2.0 * static_cast<double>(dx.tied_pairs) * static_cast<double>(dy.tied_pairs) / m;
  if (n > 2) var += dx.t3 * dy.t3 / (9.0 * m * (nd - 2.0));
  out.pvalue = normal_pvalue(sd / std::sqrt(var), alternative);
  return out;
}

}  // namespace qaframe::stats
