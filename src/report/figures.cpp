#include "report/figures.hpp"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "qaframe/model/text.hpp"
#include "qaframe/render/palette.hpp"
#include "qaframe/render/svg.hpp"
#include "qaframe/report/report.hpp"
#include "report/publication.hpp"

namespace qaframe::detail {
namespace {

using doc::Value;

// The figure of a drawn chart, or a note saying why it could not be drawn.
doc::Block figure(std::string id, std::string title, const absl::StatusOr<std::string>& svg,
                  doc::Table table, std::string table_ref = "") {
  if (!svg.ok()) {
    return doc::Note{doc::words(absl::StrCat("the chart '", title, "' could not be drawn: "))
                         .data(std::string(svg.status().message()))};
  }
  doc::Figure f;
  f.id = std::move(id);
  f.title = std::move(title);
  f.svg = *svg;
  f.table = std::move(table);
  f.table_ref = std::move(table_ref);
  return f;
}

charts::ChartFrame frame(std::string id, std::string title, std::string description = "") {
  charts::ChartFrame fr;
  fr.id = std::move(id);
  fr.title = std::move(title);
  fr.description = std::move(description);
  fr.draw_title = false;  // the figure's caption carries it
  return fr;
}

charts::FunnelSignal signal(const FunnelUnit& u) {
  using charts::FunnelSignal;
  if (u.outer == stats::FunnelFlag::above) return FunnelSignal::kAboveOuter;
  if (u.outer == stats::FunnelFlag::below) return FunnelSignal::kBelowOuter;
  if (u.inner == stats::FunnelFlag::above) return FunnelSignal::kAboveInner;
  if (u.inner == stats::FunnelFlag::below) return FunnelSignal::kBelowInner;
  return FunnelSignal::kWithin;
}

std::string position(const FunnelUnit& u) {
  if (u.n == 0) return "no graded audits";
  if (u.outer == stats::FunnelFlag::above) return "above the 99.8% limit";
  if (u.outer == stats::FunnelFlag::below) return "below the 99.8% limit";
  if (u.inner == stats::FunnelFlag::above) return "above the 95% limit";
  if (u.inner == stats::FunnelFlag::below) return "below the 95% limit";
  return "within the limits";
}

}  // namespace

std::vector<doc::Block> grade_bars_figure(const GradeTable& t, std::string_view what,
                                          const SuppressedTable* suppressed,
                                          std::string_view table_id) {
  const std::string heading = absl::AsciiStrToLower(column_heading(t.by()));
  const std::string title = absl::StrCat(sv(what), " by ", heading);
  const std::string id = absl::StrCat("chart-grades-by-", t.by());
  charts::GradeBars chart;
  chart.frame = frame(id, title);
  chart.levels = t.scale().labels();
  chart.levels.push_back(GradeScale::not_applicable_label());
  chart.last_is_not_applicable = true;
  chart.axis_label = "Share of all audits";
  doc::Table table;
  table.caption = doc::words(absl::StrCat("Share of audits at each grade, by ", heading));
  table.columns.push_back({doc::data(column_heading(t.by())), doc::ColumnType::kLabel});
  for (const std::string& l : chart.levels)
    table.columns.push_back({doc::data(l), doc::ColumnType::kNumber});
  table.columns.push_back({doc::words("Audits"), doc::ColumnType::kNumber});
  std::vector<std::string> left_out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const GradeCounts& c = t.row_unchecked(i);
    if (suppressed != nullptr) {
      bool hidden = suppressed->row_totals[i].suppressed();
      for (std::size_t k = 0; k < suppressed->columns; ++k)
        hidden = hidden || suppressed->cell_unchecked(i, k).suppressed();
      if (hidden) {
        left_out.push_back(t.rows()[i]);
        continue;
      }
    }
    charts::GradeBar bar;
    bar.label = t.rows()[i];
    bar.n = c.n();
    std::vector<Value> row{Value::label(bar.label)};
    std::vector<std::int64_t> counts = c.level_counts();
    counts.push_back(c.n_not_applicable());
    for (std::int64_t k : counts) {
      const double share = c.n() > 0 ? static_cast<double>(k) / static_cast<double>(c.n()) : NAN;
      bar.shares.push_back(share);
      row.push_back(Value::percent_of(k, c.n()));
    }
    row.push_back(Value::count_of(c.n()));
    chart.bars.push_back(std::move(bar));
    table.rows.push_back(std::move(row));
  }
  std::vector<doc::Block> out;
  if (!left_out.empty()) {
    doc::Text note = doc::words("rows with a suppressed count are not drawn: ");
    for (std::size_t i = 0; i < left_out.size(); ++i) {
      if (i > 0) note.words(", ");
      note.data(left_out[i]);
    }
    note.words(".");
    out.push_back(doc::Note{std::move(note)});
  }
  if (chart.bars.empty()) return out;
  // Published, the shares of the table would be new numbers: the chart points at the counts.
  if (suppressed != nullptr) {
    out.push_back(figure(id, title, charts::render_svg(chart), {}, std::string(table_id)));
  } else {
    out.push_back(figure(id, title, charts::render_svg(chart), std::move(table)));
  }
  return out;
}

std::vector<doc::Block> funnel_figure(const TeamFunnel& f, const Publication* pub) {
  const std::string heading = absl::AsciiStrToLower(column_heading(f.by));
  const std::string title =
      absl::StrCat("Share ", f.good, " by ", heading, " against the number of graded audits");
  const std::string id = absl::StrCat("chart-funnel-", f.by);
  charts::FunnelChart chart;
  chart.frame = frame(id, title);
  chart.benchmark = f.benchmark;
  chart.benchmark_label = "Whole service";
  chart.curves = {{f.levels[0], f.grid, f.low_inner, f.high_inner},
                  {f.levels[1], f.grid, f.low_outer, f.high_outer}};
  chart.y_label = absl::StrCat("Share ", f.good);
  doc::Table table;
  table.caption =
      doc::words(absl::StrCat("Share ", f.good, " by ", heading, ", against the whole service (",
                              doc::format_percent(f.benchmark), ")"));
  table.columns = {{doc::data(column_heading(f.by)), doc::ColumnType::kLabel},
                   {doc::words(f.good), doc::ColumnType::kNumber},
                   {doc::words("Graded"), doc::ColumnType::kNumber},
                   {doc::words("Share"), doc::ColumnType::kNumber},
                   {doc::words("Position"), doc::ColumnType::kText}};
  bool any_hidden = false;
  for (const FunnelUnit& u : f.units) {
    if (pub != nullptr && pub->share_suppressed(u.good, u.n)) {
      any_hidden = true;
      table.rows.push_back({Value::label(u.unit), suppressed(),
                            count_value(u.n, pub->sensitive(u.n)), suppressed(), suppressed()});
      continue;
    }
    if (u.n > 0) chart.points.push_back({u.unit, static_cast<double>(u.n), u.share, signal(u)});
    table.rows.push_back({Value::label(u.unit), Value::count_of(u.good), Value::count_of(u.n),
                          Value::percent_of(u.good, u.n), Value::of(doc::words(position(u)))});
  }
  std::vector<doc::Block> out;
  if (any_hidden)
    out.push_back(
        doc::Note{doc::words("teams whose share rests on a suppressed count are not "
                             "drawn in the funnel plot.")});
  out.push_back(figure(id, title, charts::render_svg(chart), std::move(table)));
  return out;
}

doc::Block moderation_figure(const ModerationSummary& m, std::string_view table_id) {
  const std::string title = "Auditor's grade by moderator's grade";
  charts::HeatMap chart;
  chart.frame = frame("chart-moderation", title);
  chart.rows = m.scale.labels();
  chart.rows.push_back(GradeScale::not_applicable_label());
  chart.columns = chart.rows;
  chart.outline_diagonal = true;
  for (const auto& row : m.table) {
    std::vector<double> r;
    for (std::int64_t v : row) r.push_back(static_cast<double>(v));
    chart.counts.push_back(std::move(r));
  }
  return figure("chart-moderation", title, charts::render_svg(chart), {}, std::string(table_id));
}

doc::Block key_messages_figure(const std::vector<KeyMessage>& messages, double level,
                               std::string_view table_id) {
  const std::string title = "Share of graded audits below good, by area of practice";
  charts::DotPlot chart;
  chart.frame = frame("chart-key-messages", title);
  chart.axis_label = absl::StrCat("Share below good, with ", doc::format_level(level), " interval");
  for (const KeyMessage& k : messages)
    chart.rows.push_back({k.domain, k.share, k.low, k.high, k.n});
  return figure("chart-key-messages", title, charts::render_svg(chart), {}, std::string(table_id));
}

doc::Block comparison_figure(const Comparison& c, std::string_view table_id) {
  const std::string title =
      absl::StrCat("Change in the share Good or better, ", c.label_a, " to ", c.label_b);
  charts::ForestPlot chart;
  chart.frame = frame("chart-comparison", title);
  chart.axis_label = absl::StrCat("Change (percentage points), with ",
                                  doc::format_level(c.options.level), " interval");
  chart.below_zero_label = "lower in B";
  chart.above_zero_label = "higher in B";
  for (const ComparisonRow& r : c.rows)
    chart.rows.push_back({r.item, r.difference, r.low, r.high, r.n_a + r.n_b});
  return figure("chart-comparison", title, charts::render_svg(chart), {}, std::string(table_id));
}

doc::Block trend_figure(const Trend& t, std::string_view title, std::string_view table_id) {
  charts::TrendChart chart;
  chart.frame = frame("chart-trend", std::string(title));
  chart.intervals = charts::IntervalStyle::kErrorBars;
  charts::TrendSeries series;
  series.label = "Share Good or better";
  for (const TrendRow& r : t.rows) {
    chart.periods.push_back(r.period);
    series.value.push_back(r.share);
    series.low.push_back(r.low);
    series.high.push_back(r.high);
    series.n.push_back(r.n);
  }
  chart.series.push_back(std::move(series));
  return figure("chart-trend", std::string(title), charts::render_svg(chart), {},
                std::string(table_id));
}

doc::Block triangulation_figure(const Triangulation& t, std::string_view table_id) {
  const std::string title = absl::StrCat("Triangulation by ", t.options.by, " and theme");
  charts::StatusMatrix chart;
  chart.frame = frame("chart-triangulation", title);
  chart.row_title = column_heading(t.options.by);
  chart.rows = t.units;
  chart.columns = t.themes;
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    std::vector<int> row;
    for (std::size_t th = 0; th < t.themes.size(); ++th)
      row.push_back(static_cast<int>(t.cell_unchecked(u, th).status));
    chart.cells.push_back(std::move(row));
  }
  return figure("chart-triangulation", title, charts::render_svg(chart), {}, std::string(table_id));
}

}  // namespace qaframe::detail
