// The charts drawn on a grid of rows: stacked grade bars, the heat map of counts and the
// matrix of categorical cells.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "qaframe/render/svg.hpp"
#include "render/svg_chart.hpp"

namespace qaframe::charts {

using detail::ChartCanvas;
using detail::kFontLabel;
using detail::kFontSmall;
using detail::kMargin;
using detail::TextStyle;

std::vector<MatrixCategory> triangulation_categories() {
  std::vector<MatrixCategory> out;
  for (const StatusStyle& s : triangulation_status_styles())
    out.push_back({std::string(s.name), std::string(s.abbreviation), s.fill});
  return out;
}

namespace {

constexpr std::size_t kListed = 12;  // groups named in a generated description before "and N more"

// The baseline that centres text of `size` on `cy`.
double baseline(double cy, double size) { return cy + 0.35 * size; }

// The columns of a grid: their width and how the headers are drawn, wrapped to `max_lines`
// when every word fits its column, else turned 45 degrees (up to 140 px long) with room kept
// right of the last column for its header.
struct GridColumns {
  double width = 0.0;
  bool turned = false;
  double header_h = 0.0;
};

constexpr double kTurnedMax = 140.0;

GridColumns grid_columns(const std::vector<std::string>& columns, double avail, double min_w,
                         double max_w, std::size_t max_lines) {
  GridColumns g;
  const double n = static_cast<double>(columns.size());
  g.header_h = kFontSmall * 1.2 + 6.0;
  if (columns.empty()) return g;
  g.width = std::clamp(avail / n, min_w, max_w);
  bool fits = true;
  for (const std::string& c : columns)
    for (const absl::string_view word : absl::StrSplit(single_line(c), ' ', absl::SkipEmpty()))
      fits = fits && text_width({word.data(), word.size()}, kFontSmall) <= g.width - 6.0;
  if (fits) {
    std::size_t lines = 1;
    for (const std::string& c : columns)
      lines = std::max(lines, detail::label_lines(c, g.width - 6.0, kFontSmall, max_lines).size());
    g.header_h = static_cast<double>(lines) * kFontSmall * 1.2 + 6.0;
    return g;
  }
  double longest = 0.0;
  for (const std::string& c : columns)
    longest = std::max(longest, std::min(detail::label_width(c, kFontSmall), kTurnedMax));
  const double rise = longest * 0.71;  // sin 45°
  g.turned = true;
  g.width = std::clamp((avail - rise) / n, min_w, max_w);
  g.header_h = rise + kFontSmall + 4.0;
  return g;
}

void draw_column_headers(SvgWriter& w, const std::vector<std::string>& columns,
                         const GridColumns& g, double x0, double y, std::size_t max_lines) {
  for (std::size_t j = 0; j < columns.size(); ++j) {
    const double cx = x0 + g.width * (static_cast<double>(j) + 0.5);
    if (g.turned) {
      const double bx = cx - 4.0, by = y + g.header_h - 4.0;
      detail::draw_label(w, bx, by, columns[j], kTurnedMax, {.size = kFontSmall},
                         absl::StrCat("rotate(-45 ", svg_number(bx), " ", svg_number(by), ")"));
    } else {
      detail::draw_wrapped_label(w, cx, y + kFontSmall, columns[j], g.width - 6.0, max_lines,
                                 {.size = kFontSmall, .anchor = "middle"});
    }
  }
}

}  // namespace

absl::StatusOr<std::string> render_svg(const GradeBars& chart) {
  const ChartFrame& frame = chart.frame;
  if (auto s = detail::check_frame(frame); !s.ok()) return s;
  const std::size_t k = chart.levels.size();
  if (k == 0) return detail::chart_error(frame, "needs at least one level");
  if (!chart.fills.empty() && chart.fills.size() != k)
    return detail::chart_error(
        frame, absl::StrCat("has ", k, " levels but ", chart.fills.size(), " fills"));
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const GradeBar& bar = chart.bars[i];
    const std::string which =
        absl::StrCat("bar ", i + 1, " ('", detail::short_label(bar.label), "')");
    if (bar.shares.size() != k)
      return detail::chart_error(
          frame, absl::StrCat(which, " has ", bar.shares.size(), " shares for ", k, " levels"));
    if (bar.n < 0)
      return detail::chart_error(frame, absl::StrCat(which, " has n = ", bar.n, " < 0"));
    double sum = 0.0;
    for (std::size_t j = 0; j < k; ++j) {
      const double v = bar.shares[j];
      if (std::isnan(v)) continue;
      if (!(v >= -1e-9 && v <= 1.0 + 1e-9))
        return detail::chart_error(
            frame, absl::StrCat(which, " has share ", svg_number(v), " for '",
                                detail::short_label(chart.levels[j]), "', outside [0, 1]"));
      sum += v;
    }
    if (sum > 1.0 + 1e-6)
      return detail::chart_error(
          frame, absl::StrCat(which, "'s shares add up to ", svg_number(sum), ", more than 1"));
  }

  std::vector<Rgb> fills = chart.fills;
  if (fills.empty()) {
    fills = ordinal_palette(chart.last_is_not_applicable ? k - 1 : k);
    if (chart.last_is_not_applicable) fills.push_back(not_applicable_colour());
  }

  ChartCanvas canvas(frame, "Grade shares by group");
  SvgWriter& w = canvas.body();
  const double width = canvas.width();
  double y = canvas.top();

  // Legend: every level in words, worst to best.
  std::vector<detail::LegendItem> legend;
  for (std::size_t j = 0; j < k; ++j)
    legend.push_back(detail::fill_item(fills[j], single_line(chart.levels[j])));
  y += detail::draw_legend(w, legend, kMargin, y, width - 2 * kMargin) + 6.0;

  // Columns: labels | bars | n.
  double label_w = 40.0;
  for (const GradeBar& bar : chart.bars)
    label_w = std::max(label_w, detail::label_width(bar.label, kFontLabel));
  label_w = std::min(label_w, 0.3 * width) + 10.0;
  double n_w = 0.0;
  for (const GradeBar& bar : chart.bars)
    n_w = std::max(n_w, text_width(absl::StrCat("n=", bar.n), kFontSmall));
  n_w += 14.0;
  const double x0 = kMargin + label_w, x1 = width - kMargin - n_w, plot_w = x1 - x0;
  constexpr double kBarH = 26.0, kPitch = 36.0;
  const double bars_top = y;
  const double bars_bottom = bars_top + kPitch * static_cast<double>(chart.bars.size());

  // Grid behind the bars.
  w.open("g", {{"class", "grid"}});
  for (int t = 0; t <= 4; ++t) {
    const double gx = x0 + plot_w * t / 4.0;
    w.empty("line", {{"x1", gx},
                     {"y1", bars_top},
                     {"x2", gx},
                     {"y2", bars_bottom},
                     {"stroke", kGrid.hex()},
                     {"stroke-width", 1.0}});
  }
  w.close();

  std::string fingerprint;
  std::string desc = absl::StrCat("Stacked bars of the share of each grade, ",
                                  detail::short_label(chart.levels.front()), " to ",
                                  detail::short_label(chart.levels.back()), ", for ",
                                  chart.bars.size(), chart.bars.size() == 1 ? " group" : " groups");
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const GradeBar& bar = chart.bars[i];
    const double top = bars_top + kPitch * static_cast<double>(i) + (kPitch - kBarH) / 2.0;
    const double cy = top + kBarH / 2.0;
    const bool no_data = bar.n == 0 || std::any_of(bar.shares.begin(), bar.shares.end(),
                                                   [](double v) { return std::isnan(v); });
    absl::StrAppend(&fingerprint, bar.label, "\x1f", bar.n, "\x1f");
    w.open("g", {{"class", "bar"}});
    detail::draw_label(w, x0 - 10.0, baseline(cy, kFontLabel), bar.label, label_w - 10.0,
                       {.anchor = "end"});
    std::string parts;
    if (no_data) {
      w.empty("rect", {{"x", x0},
                       {"y", top},
                       {"width", plot_w},
                       {"height", kBarH},
                       {"fill", "none"},
                       {"stroke", kMutedInk.hex()},
                       {"stroke-width", 1.0},
                       {"stroke-dasharray", "4 3"}});
      detail::draw_text(w, x0 + plot_w / 2.0, baseline(cy, kFontSmall), "no data: not drawn",
                        {.size = kFontSmall, .anchor = "middle", .fill = kMutedInk});
      parts = "no data";
    } else {
      double left = x0;
      for (std::size_t j = 0; j < k; ++j) {
        const double share = std::max(bar.shares[j], 0.0);
        absl::StrAppend(&fingerprint, svg_number(share * 1e4), ",");
        absl::StrAppend(&parts, parts.empty() ? "" : ", ", detail::short_label(chart.levels[j]),
                        " ", percent_text(share));
        const double seg = share * plot_w;
        if (seg <= 0.0) continue;
        const std::string tip = absl::StrCat(detail::short_label(bar.label, 60), ": ",
                                             detail::short_label(chart.levels[j], 60), " ",
                                             percent_text(share), " of ", bar.n);
        w.open(
            "rect",
            {{"x", left}, {"y", top}, {"width", seg}, {"height", kBarH}, {"fill", fills[j].hex()}});
        w.element("title", {}, tip);
        w.close();
        const std::string pct = percent_text(share);
        if (text_width(pct, kFontSmall) + 6.0 <= seg)
          detail::draw_text(
              w, left + seg / 2.0, baseline(cy, kFontSmall), pct,
              {.size = kFontSmall, .anchor = "middle", .fill = text_colour_on(fills[j])});
        left += seg;
      }
    }
    detail::draw_text(w, x1 + 8.0, baseline(cy, kFontSmall), absl::StrCat("n=", bar.n),
                      {.size = kFontSmall});
    w.close();
    if (i < kListed)
      absl::StrAppend(&desc, i == 0 ? ": " : "; ", detail::short_label(bar.label), " (n=", bar.n,
                      ") ", parts);
  }
  if (chart.bars.size() > kListed)
    absl::StrAppend(&desc, "; and ", chart.bars.size() - kListed, " more");
  desc += ".";

  // The percentage axis.
  y = bars_bottom + 4.0;
  w.open("g", {{"class", "axis"}});
  w.empty("line", {{"x1", x0},
                   {"y1", y},
                   {"x2", x1},
                   {"y2", y},
                   {"stroke", kMutedInk.hex()},
                   {"stroke-width", 1.0}});
  for (int t = 0; t <= 4; ++t) {
    const double gx = x0 + plot_w * t / 4.0;
    w.empty("line", {{"x1", gx},
                     {"y1", y},
                     {"x2", gx},
                     {"y2", y + 4.0},
                     {"stroke", kMutedInk.hex()},
                     {"stroke-width", 1.0}});
    detail::draw_text(w, gx, y + 18.0, absl::StrCat(t * 25, "%"),
                      {.size = kFontSmall, .anchor = "middle", .fill = kMutedInk});
  }
  detail::draw_label(w, x0 + plot_w / 2.0, y + 38.0, chart.axis_label, plot_w,
                     {.anchor = "middle"});
  w.close();
  for (const std::string& level : chart.levels) absl::StrAppend(&fingerprint, level, "\x1f");
  return canvas.finish(y + 38.0 + kMargin, desc, fingerprint);
}

absl::StatusOr<std::string> render_svg(const HeatMap& chart) {
  const ChartFrame& frame = chart.frame;
  if (auto s = detail::check_frame(frame); !s.ok()) return s;
  const std::size_t rows = chart.rows.size(), cols = chart.columns.size();
  if (chart.counts.size() != rows)
    return detail::chart_error(frame, absl::StrCat("has ", rows, " row labels but ",
                                                   chart.counts.size(), " rows of counts"));
  double max_count = 0.0;
  bool any_nan = false;
  for (std::size_t i = 0; i < rows; ++i) {
    if (chart.counts[i].size() != cols)
      return detail::chart_error(frame, absl::StrCat("row ", i + 1, " has ", chart.counts[i].size(),
                                                     " counts for ", cols, " columns"));
    for (std::size_t j = 0; j < cols; ++j) {
      const double v = chart.counts[i][j];
      if (std::isnan(v)) {
        any_nan = true;
        continue;
      }
      if (!(v >= 0.0) || std::isinf(v))
        return detail::chart_error(
            frame, absl::StrCat("count at row ", i + 1, ", column ", j + 1, " is ", svg_number(v),
                                ", not a count >= 0"));
      max_count = std::max(max_count, v);
    }
  }

  ChartCanvas canvas(frame, "Counts by row and column");
  SvgWriter& w = canvas.body();
  const double width = canvas.width();
  double y = canvas.top();

  double label_w = detail::label_width(chart.row_title, kFontSmall, true);
  for (const std::string& r : chart.rows)
    label_w = std::max(label_w, detail::label_width(r, kFontLabel));
  label_w = std::min(label_w, 0.3 * width) + 12.0;
  const double x0 = kMargin + label_w;
  const double avail = width - kMargin - x0;
  const GridColumns grid = grid_columns(chart.columns, avail, 36.0, 96.0, 2);
  const double cw = grid.width, header_h = grid.header_h;
  constexpr double kCellH = 34.0;

  // Titles of the two dimensions, then the column headers.
  detail::draw_label(w, x0 + cw * static_cast<double>(cols) / 2.0, y + kFontLabel,
                     chart.column_title, std::max(cw * static_cast<double>(cols), 120.0),
                     {.anchor = "middle", .bold = true});
  y += kFontLabel + 10.0;
  draw_column_headers(w, chart.columns, grid, x0, y, 2);
  detail::draw_label(w, x0 - 12.0, y + header_h - 6.0, chart.row_title, label_w - 12.0,
                     {.size = kFontSmall, .anchor = "end", .bold = true});
  y += header_h;

  std::string fingerprint;
  std::string desc =
      absl::StrCat("Heat map of counts, ", detail::short_label(chart.row_title), " (rows) by ",
                   detail::short_label(chart.column_title), " (columns)");
  for (std::size_t i = 0; i < rows; ++i) {
    const double top = y + kCellH * static_cast<double>(i);
    detail::draw_label(w, x0 - 12.0, baseline(top + kCellH / 2.0, kFontLabel), chart.rows[i],
                       label_w - 12.0, {.anchor = "end"});
    std::vector<std::string> cells;
    for (std::size_t j = 0; j < cols; ++j) {
      const double v = chart.counts[i][j];
      const double left = x0 + cw * static_cast<double>(j);
      const Rgb fill =
          std::isnan(v) ? kBackground : sequential_colour(max_count > 0 ? v / max_count : 0.0);
      const std::string tip = absl::StrCat(detail::short_label(chart.rows[i], 60), ", ",
                                           detail::short_label(chart.columns[j], 60), ": ",
                                           std::isnan(v) ? "no data" : detail::count_text(v));
      w.open("rect", {{"x", left},
                      {"y", top},
                      {"width", cw},
                      {"height", kCellH},
                      {"fill", fill.hex()},
                      {"stroke", kBackground.hex()},
                      {"stroke-width", 1.0}});
      w.element("title", {}, tip);
      w.close();
      detail::draw_text(
          w, left + cw / 2.0, baseline(top + kCellH / 2.0, kFontLabel), detail::count_text(v),
          {.anchor = "middle", .fill = std::isnan(v) ? kMutedInk : text_colour_on(fill)});
      cells.push_back(
          absl::StrCat(detail::short_label(chart.columns[j], 24), " ", detail::count_text(v)));
      absl::StrAppend(&fingerprint, svg_number(v), ",");
    }
    if (i < kListed)
      absl::StrAppend(&desc, i == 0 ? ": " : "; ", detail::short_label(chart.rows[i]), ": ",
                      absl::StrJoin(cells, ", "));
  }
  if (rows > kListed) absl::StrAppend(&desc, "; and ", rows - kListed, " more rows");
  desc += ".";
  if (chart.outline_diagonal) {
    for (std::size_t i = 0; i < std::min(rows, cols); ++i)
      w.empty("rect", {{"x", x0 + cw * static_cast<double>(i) + 1.0},
                       {"y", y + kCellH * static_cast<double>(i) + 1.0},
                       {"width", cw - 2.0},
                       {"height", kCellH - 2.0},
                       {"fill", "none"},
                       {"stroke", kInk.hex()},
                       {"stroke-width", 2.0}});
  }
  y += kCellH * static_cast<double>(rows) + 20.0;
  std::vector<std::string> notes = {
      "Darker cells hold larger counts; each count is written in "
      "its cell."};
  if (chart.outline_diagonal) notes.push_back("Outlined cells: row and column agree.");
  if (any_nan) notes.push_back("\u2013 no data.");
  const std::string note = absl::StrJoin(notes, " ");
  for (const std::string& line : wrap_to_width(note, width - 2 * kMargin, kFontSmall, 3)) {
    detail::draw_text(w, kMargin, y, line, {.size = kFontSmall, .fill = kMutedInk});
    y += kFontSmall * 1.4;
  }
  for (const std::string& r : chart.rows) absl::StrAppend(&fingerprint, r, "\x1f");
  for (const std::string& c : chart.columns) absl::StrAppend(&fingerprint, c, "\x1f");
  return canvas.finish(y + kMargin - kFontSmall, desc, fingerprint);
}

absl::StatusOr<std::string> render_svg(const StatusMatrix& chart) {
  const ChartFrame& frame = chart.frame;
  if (auto s = detail::check_frame(frame); !s.ok()) return s;
  const std::vector<MatrixCategory> categories =
      chart.categories.empty() ? triangulation_categories() : chart.categories;
  const std::size_t rows = chart.rows.size(), cols = chart.columns.size();
  if (chart.cells.size() != rows)
    return detail::chart_error(frame, absl::StrCat("has ", rows, " row labels but ",
                                                   chart.cells.size(), " rows of cells"));
  bool any_empty = false;
  for (std::size_t i = 0; i < rows; ++i) {
    if (chart.cells[i].size() != cols)
      return detail::chart_error(frame, absl::StrCat("row ", i + 1, " has ", chart.cells[i].size(),
                                                     " cells for ", cols, " columns"));
    for (std::size_t j = 0; j < cols; ++j) {
      const int c = chart.cells[i][j];
      if (c == -1) {
        any_empty = true;
        continue;
      }
      if (c < 0 || static_cast<std::size_t>(c) >= categories.size())
        return detail::chart_error(
            frame, absl::StrCat("cell at row ", i + 1, ", column ", j + 1, " is category ", c,
                                "; there are ", categories.size(), " (or -1 for none)"));
    }
  }
  for (std::size_t c = 0; c < categories.size(); ++c)
    if (categories[c].abbreviation.empty())
      return detail::chart_error(
          frame, absl::StrCat("category ", c + 1, " ('", detail::short_label(categories[c].name),
                              "') has no abbreviation to write in cells"));

  ChartCanvas canvas(frame, "Status by row and column");
  SvgWriter& w = canvas.body();
  const double width = canvas.width();
  double y = canvas.top();

  double label_w = detail::label_width(chart.row_title, kFontSmall, true);
  for (const std::string& r : chart.rows)
    label_w = std::max(label_w, detail::label_width(r, kFontLabel));
  label_w = std::min(label_w, 0.28 * width) + 12.0;
  const double x0 = kMargin + label_w;
  const double avail = width - kMargin - x0;
  const GridColumns grid = grid_columns(chart.columns, avail, 40.0, 110.0, 3);
  const double cw = grid.width, header_h = grid.header_h;
  constexpr double kCellH = 30.0;

  detail::draw_label(w, x0 + cw * static_cast<double>(cols) / 2.0, y + kFontLabel,
                     chart.column_title, std::max(cw * static_cast<double>(cols), 120.0),
                     {.anchor = "middle", .bold = true});
  y += kFontLabel + 10.0;
  draw_column_headers(w, chart.columns, grid, x0, y, 3);
  detail::draw_label(w, x0 - 12.0, y + header_h - 6.0, chart.row_title, label_w - 12.0,
                     {.size = kFontSmall, .anchor = "end", .bold = true});
  y += header_h;

  std::string fingerprint;
  std::vector<std::size_t> tally(categories.size(), 0);
  std::string desc = absl::StrCat("Matrix of ", detail::short_label(chart.row_title), " (", rows,
                                  " rows) by ", detail::short_label(chart.column_title), " (", cols,
                                  " columns), each cell a status written as an "
                                  "abbreviation");
  for (std::size_t i = 0; i < rows; ++i) {
    const double top = y + kCellH * static_cast<double>(i);
    detail::draw_label(w, x0 - 12.0, baseline(top + kCellH / 2.0, kFontLabel), chart.rows[i],
                       label_w - 12.0, {.anchor = "end"});
    for (std::size_t j = 0; j < cols; ++j) {
      const int c = chart.cells[i][j];
      const double left = x0 + cw * static_cast<double>(j);
      const MatrixCategory* cat = c >= 0 ? &categories[static_cast<std::size_t>(c)] : nullptr;
      const Rgb fill = cat ? cat->fill : kBackground;
      const std::string name = cat ? single_line(cat->name) : "no status";
      if (cat) ++tally[static_cast<std::size_t>(c)];
      w.open("rect", {{"x", left + 1.0},
                      {"y", top + 1.0},
                      {"width", cw - 2.0},
                      {"height", kCellH - 2.0},
                      {"fill", fill.hex()},
                      {"stroke", kGrid.hex()},
                      {"stroke-width", 1.0}});
      w.element("title", {},
                absl::StrCat(detail::short_label(chart.rows[i], 60), ", ",
                             detail::short_label(chart.columns[j], 60), ": ", name));
      w.close();
      const std::string abbreviation =
          cat ? shorten_to_width(single_line(cat->abbreviation), cw - 6.0, kFontSmall, true)
              : "\u2013";
      detail::draw_text(w, left + cw / 2.0, baseline(top + kCellH / 2.0, kFontSmall), abbreviation,
                        {.size = kFontSmall,
                         .anchor = "middle",
                         .fill = cat ? text_colour_on(fill) : kMutedInk,
                         .bold = true});
      absl::StrAppend(&fingerprint, c, ",");
    }
  }
  y += kCellH * static_cast<double>(rows) + 12.0;

  std::vector<detail::LegendItem> legend;
  for (const MatrixCategory& cat : categories) {
    const std::string abbreviation = single_line(cat.abbreviation);
    const double sw = std::max(28.0, text_width(abbreviation, kFontSmall, true) + 8.0);
    legend.push_back({[fill = cat.fill, abbreviation, sw](SvgWriter& lw, double x, double cy) {
                        lw.empty("rect", {{"x", x},
                                          {"y", cy - 9.0},
                                          {"width", sw},
                                          {"height", 18.0},
                                          {"fill", fill.hex()},
                                          {"stroke", kGrid.hex()},
                                          {"stroke-width", 1.0}});
                        detail::draw_text(lw, x + sw / 2.0, cy + 0.35 * kFontSmall, abbreviation,
                                          {.size = kFontSmall,
                                           .anchor = "middle",
                                           .fill = text_colour_on(fill),
                                           .bold = true});
                      },
                      sw, single_line(cat.name)});
  }
  if (any_empty)
    legend.push_back(
        {[](SvgWriter& lw, double x, double cy) {
           lw.empty("rect", {{"x", x},
                             {"y", cy - 9.0},
                             {"width", 28.0},
                             {"height", 18.0},
                             {"fill", kBackground.hex()},
                             {"stroke", kGrid.hex()},
                             {"stroke-width", 1.0}});
           detail::draw_text(
               lw, x + 14.0, cy + 0.35 * kFontSmall, "\u2013",
               {.size = kFontSmall, .anchor = "middle", .fill = kMutedInk, .bold = true});
         },
         28.0, "no status"});
  y += detail::draw_legend(w, legend, kMargin, y, width - 2 * kMargin);

  std::vector<std::string> counts;
  for (std::size_t c = 0; c < categories.size(); ++c)
    if (tally[c] > 0)
      counts.push_back(absl::StrCat(tally[c], " ", detail::short_label(categories[c].name, 30)));
  if (!counts.empty()) absl::StrAppend(&desc, ": ", absl::StrJoin(counts, ", "));
  desc += ".";
  for (const std::string& r : chart.rows) absl::StrAppend(&fingerprint, r, "\x1f");
  for (const std::string& c : chart.columns) absl::StrAppend(&fingerprint, c, "\x1f");
  return canvas.finish(y + kMargin, desc, fingerprint);
}

}  // namespace qaframe::charts
