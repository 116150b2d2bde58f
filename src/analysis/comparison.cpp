#include "qaframe/analysis/comparison.hpp"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/model/text.hpp"
#include "qaframe/stats/contingency.hpp"
#include "qaframe/stats/multiple_testing.hpp"
#include "qaframe/stats/proportion.hpp"
#include "qaframe/stats/rank_tests.hpp"

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
    r.pvalue = std::isnan(z->pvalue) ? 1.0 : z->pvalue;  // no variance: no evidence of change
  }
  if (auto mw = stats::mann_whitney(gb.values, ga.values); mw.ok()) {
    r.superiority = mw->effect;
    r.mw_pvalue = mw->pvalue;
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

absl::StatusOr<Comparison> compare(const AuditSet& a, const AuditSet& b, std::string label_a,
                                   std::string label_b, const CompareOptions& options) {
  if (auto s = check_options(options); !s.ok()) return s;
  if (!(a.scale() == b.scale()) || a.domain_columns() != b.domain_columns()) {
    return absl::InvalidArgumentError(
        "the two sets of audits differ in grading scale or practice domains");
  }
  Comparison out{std::move(label_a), std::move(label_b), {}, options};
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
        compare_row(std::string(domain_name(name)), *ca->scale, ca->grades, cb->grades, options));
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
  return compare(audits.take(rows_a), audits.take(rows_b), std::string(a), std::string(b), options);
}

absl::StatusOr<Comparison> compare_periods(const AuditSet& audits, const Period& a, const Period& b,
                                           const CompareOptions& options) {
  std::vector<std::uint32_t> rows_a, rows_b;
  for (std::size_t i = 0; i < audits.size(); ++i) {
    if (a.contains(audits.dates()[i])) rows_a.push_back(static_cast<std::uint32_t>(i));
    if (b.contains(audits.dates()[i])) rows_b.push_back(static_cast<std::uint32_t>(i));
  }
  return compare(audits.take(rows_a), audits.take(rows_b), a.name, b.name, options);
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
  std::int64_t n = 0;
  for (std::size_t k = 0; k < periods.size(); ++k) {
    TrendRow r{periods[k].name,
               static_cast<std::int64_t>(total[k]),
               static_cast<std::int64_t>(good[k]),
               kNaN,
               kNaN,
               kNaN};
    n += r.n;
    if (r.n > 0) {
      auto ci = stats::proportion_ci(good[k], total[k], options.level);
      if (ci.ok()) {
        r.share = ci->estimate;
        r.low = ci->low;
        r.high = ci->high;
      }
    }
    out.rows.push_back(std::move(r));
  }
  auto t = stats::cochran_armitage(good, total);
  if (!t.ok()) return t.status();
  out.statistic = t->statistic;
  out.pvalue = t->pvalue;
  out.slope = t->effect;
  out.note = t->note;
  if (n < options.min_n) {
    out.verdict = "too few to say";
  } else if (out.pvalue < 1.0 - options.level) {
    out.verdict = out.statistic > 0 ? "improving" : "declining";
  } else {
    out.verdict = "no clear trend";
  }
  return out;
}

}  // namespace qaframe
