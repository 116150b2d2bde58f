#include "qaframe/analysis/comparison.hpp"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/model/text.hpp"
#include "qaframe/stats/inference/contingency.hpp"
#include "qaframe/stats/inference/exact.hpp"
#include "qaframe/stats/inference/rank_tests.hpp"
#include "qaframe/stats/multiple_testing.hpp"
#include "qaframe/stats/proportion.hpp"

namespace qaframe {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Graded values (as doubles, for the rank test) and the count at or above `good`.
struct Graded {
  std::vector<double> values;
  std::int64_t good = 0;
};

Graded graded(std::span<const Grade> grades, Grade good, std::size_t levels) {
  Graded out;
  for (Grade g : grades) {
    if (g >= levels) continue;  // N/A or not recorded
    out.values.push_back(static_cast<double>(g));
    if (g >= good) ++out.good;
  }
  return out;
}

// The sentence stating when each test is used.
std::string test_rule(const CompareOptions& o) {
  const std::string fisher = o.mid_p ? "Fisher's exact test (mid-p)" : "Fisher's exact test";
  switch (o.exact) {
    case ExactRule::kAlways:
      return absl::StrCat("Each change is tested with ", fisher, ".");
    case ExactRule::kNever:
      return "Each change is tested with the pooled two-proportion z-test.";
    case ExactRule::kAuto:
      break;
  }
  return absl::StrCat(
      "Each change is tested with the pooled two-proportion z-test, or with ", fisher,
      " where the smallest expected count of its 2 x 2 table is below 5 (Cochran 1954).");
}

ComparisonRow compare_row(std::string item, const GradeScale& scale, std::span<const Grade> a,
                          std::span<const Grade> b, const CompareOptions& options) {
  const Grade good = scale.good_from();
  const Graded ga = graded(a, good, scale.size());
  const Graded gb = graded(b, good, scale.size());
  ComparisonRow r;
  r.item = std::move(item);
  r.good = absl::StrCat(scale.label(good), good + 1u < scale.size() ? " or better" : "");
  r.n_a = static_cast<std::int64_t>(ga.values.size());
  r.n_b = static_cast<std::int64_t>(gb.values.size());
  r.good_a = ga.good;
  r.good_b = gb.good;
  r.share_a = r.n_a > 0 ? static_cast<double>(r.good_a) / static_cast<double>(r.n_a) : kNaN;
  r.share_b = r.n_b > 0 ? static_cast<double>(r.good_b) / static_cast<double>(r.n_b) : kNaN;
  r.difference = r.share_b - r.share_a;
  r.low = r.high = r.pvalue = r.adjusted = r.superiority = r.mw_pvalue = kNaN;
  r.expected_min = r.z_pvalue = r.exact_pvalue = kNaN;
  if (r.n_a == 0 || r.n_b == 0) return r;
  const auto na = static_cast<double>(r.n_a), nb = static_cast<double>(r.n_b);
  if (auto d = stats::newcombe_difference(static_cast<double>(r.good_b), nb,
                                          static_cast<double>(r.good_a), na, options.level);
      d.ok()) {
    r.low = d->low;
    r.high = d->high;
  }
  if (auto z = stats::two_proportion_ztest(static_cast<double>(r.good_b), nb,
                                           static_cast<double>(r.good_a), na);
      z.ok()) {
    r.z_pvalue = std::isnan(z->pvalue) ? 1.0 : z->pvalue;  // no variance: no evidence of change
  }
  // The 2 x 2 table [[good_b, not_b], [good_a, not_a]]; E_ij = row_i · col_j / N.
  const double good_ab = static_cast<double>(r.good_a + r.good_b), total = na + nb;
  const double not_good = total - good_ab;
  r.expected_min = std::min({nb * good_ab, nb * not_good, na * good_ab, na * not_good}) / total;
  Eigen::Matrix2d table;
  table << static_cast<double>(r.good_b), nb - static_cast<double>(r.good_b),
      static_cast<double>(r.good_a), na - static_cast<double>(r.good_a);
  if (auto f = stats::fisher_exact(table, stats::Alternative::two_sided, options.mid_p); f.ok())
    r.exact_pvalue = f->pvalue;
  const bool exact = options.exact == ExactRule::kAlways ||
                     (options.exact == ExactRule::kAuto && r.expected_min < 5.0);
  if (exact && !std::isnan(r.exact_pvalue)) {
    r.pvalue = r.exact_pvalue;
    r.test = options.mid_p ? "Fisher's exact test (mid-p)" : "Fisher's exact test";
  } else {
    r.pvalue = r.z_pvalue;
    r.test = "two-proportion z-test";
  }
  if (auto mw = stats::mann_whitney(gb.values, ga.values); mw.ok()) {
    r.superiority = mw->effect;
    r.mw_pvalue = mw->pvalue;
    r.mw_method = mw->method == stats::PValueMethod::exact ? "exact" : "normal (tie-corrected)";
  }
  r.adjusted = r.pvalue;
  return r;
}

void decide(ComparisonRow& r, const CompareOptions& options) {
  if (r.n_a < options.min_n || r.n_b < options.min_n) {
    r.verdict = "too few to say";
  } else if (r.adjusted < 1.0 - options.level) {
    r.verdict = r.difference > 0 ? "improved" : "worsened";
  } else {
    r.verdict = "no clear change";
  }
}

absl::Status check_options(const CompareOptions& options) {
  if (!(options.level > 0.0 && options.level < 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("level must lie in (0, 1), got ", options.level));
  }
  if (options.min_n < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("min_n must be at least 1, got ", options.min_n));
  }
  return absl::OkStatus();
}

}  // namespace

std::string_view exact_rule_name(ExactRule rule) {
  switch (rule) {
    case ExactRule::kAlways:
      return "always";
    case ExactRule::kNever:
      return "never";
    case ExactRule::kAuto:
      break;
  }
  return "auto";
}

absl::StatusOr<ExactRule> parse_exact_rule(std::string_view name) {
  if (name == "auto") return ExactRule::kAuto;
  if (name == "always" || name == "exact" || name == "true") return ExactRule::kAlways;
  if (name == "never" || name == "z" || name == "false") return ExactRule::kNever;
  return absl::InvalidArgumentError(
      absl::StrCat("exact must be 'auto', 'always' or 'never', got '", sv(name), "'"));
}

absl::StatusOr<Comparison> compare(const AuditSet& a, const AuditSet& b, std::string label_a,
                                   std::string label_b, const CompareOptions& options) {
  if (auto s = check_options(options); !s.ok()) return s;
  if (!(a.scale() == b.scale()) || a.domain_columns() != b.domain_columns()) {
    return absl::InvalidArgumentError(
        "the two sets of audits differ in grading scale or practice domains");
  }
  Comparison out{std::move(label_a), std::move(label_b), {}, options, test_rule(options)};
  auto overall_a = a.grade_column(options.grades);
  if (!overall_a.ok()) return overall_a.status();
  auto overall_b = b.grade_column(options.grades);
  if (!overall_b.ok()) return overall_b.status();
  out.rows.push_back(
      compare_row("overall", *overall_a->scale, overall_a->grades, overall_b->grades, options));
  for (const std::string& name : a.domain_columns()) {
    auto ca = a.grade_column(name);
    auto cb = b.grade_column(name);
    if (!ca.ok() || !cb.ok()) return !ca.ok() ? ca.status() : cb.status();
    if (!(*ca->scale == *cb->scale)) {
      return absl::InvalidArgumentError(absl::StrCat("domain ", name, " has different scales"));
    }
    out.rows.push_back(
        compare_row(a.domain_label(name), *ca->scale, ca->grades, cb->grades, options));
  }
  // Holm across the domains that can be tested.
  std::vector<std::size_t> family;
  std::vector<double> p;
  for (std::size_t i = 1; i < out.rows.size(); ++i) {
    const ComparisonRow& r = out.rows[i];
    if (r.n_a >= options.min_n && r.n_b >= options.min_n && !std::isnan(r.pvalue)) {
      family.push_back(i);
      p.push_back(r.pvalue);
    }
  }
  auto adjusted = stats::holm(p);
  if (!adjusted.ok()) return adjusted.status();
  for (std::size_t j = 0; j < family.size(); ++j) {
    out.rows[family[j]].adjusted = (*adjusted)[static_cast<Eigen::Index>(j)];
  }
  for (ComparisonRow& r : out.rows) decide(r, options);
  return out;
}

absl::StatusOr<Comparison> compare_groups(const AuditSet& audits, std::string_view by,
                                          std::string_view a, std::string_view b,
                                          const CompareOptions& options) {
  auto g = grouping(audits, by, options.allow_identifiers);
  if (!g.ok()) return g.status();
  const std::int64_t code_a = g->column.find(a);
  const std::int64_t code_b = g->column.find(b);
  if (code_a < 0 || code_b < 0) {
    return absl::NotFoundError(
        absl::StrCat("no audit has ", g->name, " '", shorten_for_message(code_a < 0 ? a : b), "'; ",
                     values_for_message(audits, g->name, g->column.levels().to_vector())));
  }
  std::vector<std::uint32_t> rows_a, rows_b;
  for (std::size_t i = 0; i < audits.size(); ++i) {
    const std::uint32_t c = g->column.codes()[i];
    if (c == static_cast<std::uint32_t>(code_a)) rows_a.push_back(static_cast<std::uint32_t>(i));
    if (c == static_cast<std::uint32_t>(code_b)) rows_b.push_back(static_cast<std::uint32_t>(i));
  }
  return compare(audits.take_unchecked(rows_a), audits.take_unchecked(rows_b), std::string(a),
                 std::string(b), options);
}

absl::StatusOr<Comparison> compare_periods(const AuditSet& audits, const Period& a, const Period& b,
                                           const CompareOptions& options) {
  std::vector<std::uint32_t> rows_a, rows_b;
  for (std::size_t i = 0; i < audits.size(); ++i) {
    if (a.contains(audits.dates()[i])) rows_a.push_back(static_cast<std::uint32_t>(i));
    if (b.contains(audits.dates()[i])) rows_b.push_back(static_cast<std::uint32_t>(i));
  }
  if (rows_a.empty() && rows_b.empty())
    return absl::OutOfRangeError(absl::StrCat("no audit is dated in either period compared (",
                                              describe_period(a), "; ", describe_period(b),
                                              "): ", describe_date_range(audits)));
  auto c = compare(audits.take_unchecked(rows_a), audits.take_unchecked(rows_b), a.name, b.name,
                   options);
  if (c.ok() && (rows_a.empty() || rows_b.empty()))
    c->warning = absl::StrCat("no audit is dated in ", describe_period(rows_a.empty() ? a : b),
                              " (", rows_a.empty() ? "A" : "B", "); ", describe_date_range(audits));
  return c;
}

absl::StatusOr<Trend> trend(const AuditSet& audits, PeriodKind kind,
                            const CompareOptions& options) {
  if (auto s = check_options(options); !s.ok()) return s;
  auto column = audits.grade_column(options.grades);
  if (!column.ok()) return column.status();
  Trend out;
  out.kind = std::string(period_kind_name(kind));
  out.grades = column->name;
  out.statistic = out.pvalue = out.slope = kNaN;
  if (audits.empty()) {
    out.verdict = "too few to say";
    out.note = "no audits";
    return out;
  }
  const auto [first_day, last_day] =
      std::minmax_element(audits.dates().begin(), audits.dates().end());
  std::vector<Period> periods;
  for (Period p = period_of(kind, *first_day); p.first <= *last_day;
       p = period_of(kind, p.last + 1))
    periods.push_back(p);
  std::vector<double> good(periods.size(), 0.0), total(periods.size(), 0.0);
  const Grade threshold = column->scale->good_from();
  for (std::size_t i = 0; i < audits.size(); ++i) {
    const Grade g = column->grades[i];
    if (g >= column->scale->size()) continue;
    const DayNumber day = audits.dates()[i];
    const auto at = std::upper_bound(periods.begin(), periods.end(), day,
                                     [](DayNumber d, const Period& p) { return d < p.first; });
    const auto k = static_cast<std::size_t>(at - periods.begin()) - 1;
    total[k] += 1.0;
    if (g >= threshold) good[k] += 1.0;
  }
  out.min_n = options.min_n;
  out.periods_total = periods.size();
  // Only the periods with enough graded audits enter the test, at their calendar scores.
  std::vector<double> used_good, used_total, used_scores;
  std::vector<std::string> left_out;
  for (std::size_t k = 0; k < periods.size(); ++k) {
    TrendRow r;
    r.period = periods[k].name;
    r.n = static_cast<std::int64_t>(total[k]);
    r.good = static_cast<std::int64_t>(good[k]);
    r.share = r.low = r.high = kNaN;
    if (r.n > 0) {
      auto ci = stats::proportion_ci(good[k], total[k], options.level);
      if (ci.ok()) {
        r.share = ci->estimate;
        r.low = ci->low;
        r.high = ci->high;
      }
    }
    r.qualifies = r.n >= options.min_n;
    if (r.qualifies) {
      used_good.push_back(good[k]);
      used_total.push_back(total[k]);
      used_scores.push_back(static_cast<double>(k));
      out.n_used += r.n;
    } else {
      r.note = absl::StrCat("fewer than ", options.min_n, " graded audits: shown, not tested");
      left_out.push_back(absl::StrCat(r.period, " (", r.n, ")"));
    }
    out.rows.push_back(std::move(r));
  }
  out.periods_used = used_good.size();
  std::vector<std::string> notes;
  if (!left_out.empty())
    notes.push_back(absl::StrCat(
        left_out.size(), " of ", periods.size(), " period(s) have fewer than ", options.min_n,
        " graded audits and are left out of the test: ", absl::StrJoin(left_out, ", ")));
  if (out.periods_used < 2) {
    out.verdict = "too few to say";
    notes.push_back(absl::StrCat(out.periods_used, " period(s) with at least ", options.min_n,
                                 " graded audits: a trend needs two"));
    out.note = absl::StrJoin(notes, "; ");
    return out;
  }
  auto t = stats::cochran_armitage(used_good, used_total, used_scores);
  if (!t.ok()) return t.status();
  out.statistic = t->statistic;
  out.pvalue = t->pvalue;
  out.slope = t->effect;
  if (!t->note.empty()) notes.insert(notes.begin(), t->note);
  out.note = absl::StrJoin(notes, "; ");
  if (std::isnan(out.pvalue)) {
    out.verdict = "no clear trend";
  } else if (out.pvalue < 1.0 - options.level) {
    out.verdict = out.statistic > 0 ? "improving" : "declining";
  } else {
    out.verdict = "no clear trend";
  }
  return out;
}

}  // namespace qaframe
