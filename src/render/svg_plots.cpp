// The charts drawn on numeric axes: the funnel plot, the forest and dot plots with intervals,
// and the trend over periods.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/render/svg.hpp"
#include "render/svg_chart.hpp"

namespace qaframe::charts {

using detail::Box;
using detail::ChartCanvas;
using detail::kFontLabel;
using detail::kFontSmall;
using detail::kMargin;
using detail::Point;
using detail::Shape;
using detail::TextStyle;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kListed = 12;  // items named in a generated description

bool is_share_or_nan(double v) { return std::isnan(v) || (v >= 0.0 && v <= 1.0); }

// "95%", "99.8%" for a two-sided level.
std::string level_text(double level) { return absl::StrCat(svg_number(level * 100.0), "%"); }

// A whole number of percentage points with its sign and no unit: "+12", "−3", "0".
std::string signed_whole(double difference) {
  const std::string text = detail::points_text(difference);
  return text.size() > 3 ? text.substr(0, text.size() - 3) : text;
}

// A horizontal line swatch for a legend, dashed by `dash` when not empty.
detail::LegendItem line_item(Rgb colour, double width, std::string dash, std::string text) {
  return {[colour, width, dash](SvgWriter& w, double x, double cy) {
            std::vector<SvgAttribute> a = {{"x1", x},
                                           {"y1", cy},
                                           {"x2", x + 26.0},
                                           {"y2", cy},
                                           {"stroke", colour.hex()},
                                           {"stroke-width", width}};
            if (!dash.empty()) a.emplace_back("stroke-dasharray", dash);
            w.empty("line", a);
          },
          26.0, std::move(text)};
}

detail::LegendItem marker_item(Shape shape, double r, Rgb fill, Rgb stroke, double stroke_width,
                               std::string text) {
  return {[=](SvgWriter& w, double x, double cy) {
            detail::draw_marker(w, shape, x + 8.0, cy, r, fill, stroke, stroke_width);
          },
          16.0, std::move(text)};
}

// Horizontal grid lines and the percentage tick labels of a y axis.
void y_percent_axis(SvgWriter& w, const Box& plot, double lo, double hi,
                    const std::vector<double>& ticks_pct) {
  w.open("g", {{"class", "y-axis"}});
  for (const double t : ticks_pct) {
    const double y = plot.y1 - (t / 100.0 - lo) / (hi - lo) * (plot.y1 - plot.y0);
    w.empty("line", {{"x1", plot.x0},
                     {"y1", y},
                     {"x2", plot.x1},
                     {"y2", y},
                     {"stroke", kGrid.hex()},
                     {"stroke-width", 1.0}});
    detail::draw_text(w, plot.x0 - 6.0, y + 0.35 * kFontSmall, absl::StrCat(svg_number(t), "%"),
                      {.size = kFontSmall, .anchor = "end", .fill = kMutedInk});
  }
  w.close();
}

// The axis title written vertically to the left of a plot.
void y_title(SvgWriter& w, const Box& plot, std::string_view text) {
  const double x = kMargin + kFontLabel, y = (plot.y0 + plot.y1) / 2.0;
  detail::draw_label(w, x, y, text, plot.y1 - plot.y0, {.anchor = "middle"},
                     absl::StrCat("rotate(-90 ", svg_number(x), " ", svg_number(y), ")"));
}

}  // namespace

absl::StatusOr<FunnelSignal> parse_funnel_signal(std::string_view name) {
  if (name == "within") return FunnelSignal::kWithin;
  if (name == "above inner") return FunnelSignal::kAboveInner;
  if (name == "above outer") return FunnelSignal::kAboveOuter;
  if (name == "below inner") return FunnelSignal::kBelowInner;
  if (name == "below outer") return FunnelSignal::kBelowOuter;
  return absl::InvalidArgumentError(
      absl::StrCat("funnel signal must be 'within', 'above inner', 'above outer', 'below inner' "
                   "or 'below outer', got '",
                   single_line(name), "'"));
}

absl::StatusOr<IntervalStyle> parse_interval_style(std::string_view name) {
  if (name == "band") return IntervalStyle::kBand;
  if (name == "error bars") return IntervalStyle::kErrorBars;
  return absl::InvalidArgumentError(
      absl::StrCat("interval style must be 'band' or 'error bars', got '", single_line(name), "'"));
}

// ---------------------------------------------------------------------------------------------
// Funnel plot

absl::StatusOr<std::string> render_svg(const FunnelChart& chart) {
  const ChartFrame& frame = chart.frame;
  if (auto s = detail::check_frame(frame); !s.ok()) return s;
  if (!(chart.benchmark >= 0.0 && chart.benchmark <= 1.0))
    return detail::chart_error(frame, absl::StrCat("benchmark must be a share in [0, 1], got ",
                                                   svg_number(chart.benchmark)));
  for (std::size_t c = 0; c < chart.curves.size(); ++c) {
    const FunnelCurve& curve = chart.curves[c];
    if (!(curve.level > 0.0 && curve.level < 1.0))
      return detail::chart_error(
          frame, absl::StrCat("curve ", c + 1, " has level ", svg_number(curve.level),
                              ", not strictly between 0 and 1"));
    if (curve.low.size() != curve.n.size() || curve.high.size() != curve.n.size())
      return detail::chart_error(
          frame, absl::StrCat("curve ", c + 1, " has ", curve.n.size(), " sizes, ",
                              curve.low.size(), " lows and ", curve.high.size(), " highs"));
    for (std::size_t i = 0; i < curve.n.size(); ++i) {
      if (!(curve.n[i] >= 0.0) || std::isinf(curve.n[i]))
        return detail::chart_error(frame, absl::StrCat("curve ", c + 1, " has size n[", i,
                                                       "] = ", svg_number(curve.n[i])));
      if (!is_share_or_nan(curve.low[i]) || !is_share_or_nan(curve.high[i]))
        return detail::chart_error(frame, absl::StrCat("curve ", c + 1,
                                                       " has a limit outside "
                                                       "[0, 1] at n = ",
                                                       svg_number(curve.n[i])));
    }
  }
  double max_n = 5.0, lo = chart.benchmark, hi = chart.benchmark;  // an axis of 0-6 at least
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < chart.points.size(); ++i) {
    const FunnelPoint& p = chart.points[i];
    if (!(p.n >= 0.0) || std::isinf(p.n))
      return detail::chart_error(frame,
                                 absl::StrCat("point ", i + 1, " ('", detail::short_label(p.label),
                                              "') has n = ", svg_number(p.n)));
    if (!is_share_or_nan(p.share))
      return detail::chart_error(
          frame, absl::StrCat("point ", i + 1, " ('", detail::short_label(p.label), "') has share ",
                              svg_number(p.share), ", outside [0, 1]"));
    if (std::isnan(p.share)) {
      missing.push_back(detail::short_label(p.label, 30));
      continue;
    }
    max_n = std::max(max_n, p.n);
    lo = std::min(lo, p.share);
    hi = std::max(hi, p.share);
  }
  // By default the points and benchmark with 5 points' room, out to whole ticks.
  double y_lo = std::max(0.0, std::floor((lo - 0.05) * 10.0) / 10.0);
  double y_hi = std::min(1.0, std::ceil((hi + 0.05) * 10.0) / 10.0);
  const double y_step = detail::nice_ceiling((y_hi - y_lo) * 100.0 / 6.0) / 100.0;
  y_lo = chart.y_min.value_or(std::floor(y_lo / y_step + 1e-9) * y_step);
  y_hi = chart.y_max.value_or(std::min(1.0, std::ceil(y_hi / y_step - 1e-9) * y_step));
  if (!(y_lo >= 0.0 && y_hi <= 1.0 && y_lo < y_hi))
    return detail::chart_error(
        frame, absl::StrCat("y axis from ", svg_number(y_lo), " to ", svg_number(y_hi),
                            " is not an increasing range within [0, 1]"));

  const Rgb up = chart.higher_is_better ? detail::kBetter : detail::kWorse;
  const Rgb down = chart.higher_is_better ? detail::kWorse : detail::kBetter;
  const std::string inner = chart.curves.empty() ? "inner" : level_text(chart.curves.front().level);
  const std::string outer = chart.curves.size() < 2 ? "outer" : level_text(chart.curves[1].level);
  struct Mark {
    Shape shape;
    double r;
    Rgb fill, stroke;
    double stroke_width;
    std::string words;
  };
  auto mark = [&](FunnelSignal s) -> Mark {
    switch (s) {
      case FunnelSignal::kAboveInner:
        return {Shape::kTriangleUp, 5.5, kBackground, up, 2.0, "above the " + inner + " limit"};
      case FunnelSignal::kAboveOuter:
        return {Shape::kTriangleUp, 6.0, up, kInk, 1.0, "above the " + outer + " limit"};
      case FunnelSignal::kBelowInner:
        return {Shape::kTriangleDown, 5.5, kBackground, down, 2.0, "below the " + inner + " limit"};
      case FunnelSignal::kBelowOuter:
        return {Shape::kTriangleDown, 6.0, down, kInk, 1.0, "below the " + outer + " limit"};
      case FunnelSignal::kWithin:
        break;
    }
    return {Shape::kCircle, 4.5, kNeutralMark, kBackground, 1.0, "within the limits"};
  };

  ChartCanvas canvas(frame, "Funnel plot");
  SvgWriter& w = canvas.body();
  const double width = canvas.width();
  double y = canvas.top();

  static constexpr std::array<std::string_view, 3> kDashes = {"6 4", "", "2 3"};
  std::vector<detail::LegendItem> legend;
  legend.push_back(line_item(
      kInk, 2.0, "",
      absl::StrCat(single_line(chart.benchmark_label), " ", percent_text(chart.benchmark))));
  for (std::size_t c = 0; c < chart.curves.size(); ++c)
    legend.push_back(line_item(kMutedInk, 1.5, std::string(kDashes[std::min<std::size_t>(c, 2)]),
                               level_text(chart.curves[c].level) + " limits"));
  std::array<bool, 5> present{};
  present[0] = true;
  for (const FunnelPoint& p : chart.points)
    if (!std::isnan(p.share)) present[static_cast<std::size_t>(p.signal)] = true;
  for (std::size_t s = 0; s < present.size(); ++s) {
    if (!present[s]) continue;
    Mark m = mark(static_cast<FunnelSignal>(s));
    m.words[0] = static_cast<char>(m.words[0] - 'a' + 'A');
    legend.push_back(marker_item(m.shape, m.r, m.fill, m.stroke, m.stroke_width, m.words));
  }
  y += detail::draw_legend(w, legend, kMargin, y, width - 2 * kMargin) + 8.0;

  const double plot_h = std::clamp(0.5 * width, 260.0, 480.0);
  const Box plot{kMargin + 60.0, y, width - kMargin - 10.0, y + plot_h};
  // The x axis ends at the first tick past the largest unit (plus 5%, so no point sits on the
  // frame).
  const double x_step = detail::nice_ceiling(max_n * 1.05 / 5.0);
  const double x_hi = std::ceil(max_n * 1.05 / x_step) * x_step;
  auto px = [&](double n) { return plot.x0 + n / x_hi * (plot.x1 - plot.x0); };
  auto py = [&](double s) { return plot.y1 - (s - y_lo) / (y_hi - y_lo) * (plot.y1 - plot.y0); };

  y_percent_axis(w, plot, y_lo, y_hi, detail::nice_ticks(y_lo * 100.0, y_hi * 100.0, 6));
  w.open("g", {{"class", "x-axis"}});
  for (const double t : detail::nice_ticks(0.0, x_hi, 6)) {
    w.empty("line", {{"x1", px(t)},
                     {"y1", plot.y0},
                     {"x2", px(t)},
                     {"y2", plot.y1},
                     {"stroke", kGrid.hex()},
                     {"stroke-width", 1.0}});
    detail::draw_text(w, px(t), plot.y1 + 18.0, detail::count_text(t),
                      {.size = kFontSmall, .anchor = "middle", .fill = kMutedInk});
  }
  w.close();
  w.empty("rect", {{"x", plot.x0},
                   {"y", plot.y0},
                   {"width", plot.x1 - plot.x0},
                   {"height", plot.y1 - plot.y0},
                   {"fill", "none"},
                   {"stroke", kMutedInk.hex()},
                   {"stroke-width", 1.0}});

  // Limits, clipped to the plot.
  for (std::size_t c = 0; c < chart.curves.size(); ++c) {
    const FunnelCurve& curve = chart.curves[c];
    w.open("g", {{"class", "limits"}});
    for (const std::vector<double>* side : {&curve.low, &curve.high}) {
      std::vector<Point> pts;
      for (std::size_t i = 0; i < curve.n.size(); ++i)
        pts.push_back({px(curve.n[i]), std::isnan((*side)[i]) ? kNaN : py((*side)[i])});
      for (const auto& run : detail::clip_polyline(pts, plot)) {
        std::vector<SvgAttribute> a = {{"points", detail::points_attribute(run)},
                                       {"fill", "none"},
                                       {"stroke", kMutedInk.hex()},
                                       {"stroke-width", 1.5}};
        const std::string_view dash = kDashes[std::min<std::size_t>(c, 2)];
        if (!dash.empty()) a.emplace_back("stroke-dasharray", dash);
        w.empty("polyline", a);
      }
    }
    w.close();
  }
  w.empty("line", {{"x1", plot.x0},
                   {"y1", py(chart.benchmark)},
                   {"x2", plot.x1},
                   {"y2", py(chart.benchmark)},
                   {"stroke", kInk.hex()},
                   {"stroke-width", 2.0}});

  // Points: the flagged ones drawn last (on top) and labelled first.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < chart.points.size(); ++i)
    if (!std::isnan(chart.points[i].share)) order.push_back(i);
  auto rank = [](FunnelSignal s) {
    return s == FunnelSignal::kAboveOuter || s == FunnelSignal::kBelowOuter ? 0
           : s == FunnelSignal::kWithin                                     ? 2
                                                                            : 1;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return rank(chart.points[a].signal) > rank(chart.points[b].signal);
  });
  std::vector<Box> occupied;
  w.open("g", {{"class", "points"}});
  for (const std::size_t i : order) {
    const FunnelPoint& p = chart.points[i];
    const Mark m = mark(p.signal);
    const double cx = px(p.n), cy = py(p.share);
    occupied.push_back({cx - m.r - 2, cy - m.r - 2, cx + m.r + 2, cy + m.r + 2});
    detail::draw_marker(w, m.shape, cx, cy, m.r, m.fill, m.stroke, m.stroke_width,
                        absl::StrCat(detail::short_label(p.label, 60), ": ", percent_text(p.share),
                                     " of ", detail::count_text(p.n), " (", m.words, ")"));
  }
  w.close();
  w.open("g", {{"class", "point-labels"}});
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const FunnelPoint& p = chart.points[*it];
    const double cx = px(p.n), cy = py(p.share);
    const std::string full = single_line(p.label);
    const std::string shown = shorten_to_width(full, 150.0, kFontSmall);
    const double tw = text_width(shown, kFontSmall);
    struct Option {
      double x, y;
      std::string_view anchor;
      Box box;
    };
    const std::array<Option, 4> options = {{
        {cx + 9.0, cy + 4.0, "start", {cx + 8.0, cy - 8.0, cx + 10.0 + tw, cy + 6.0}},
        {cx - 9.0, cy + 4.0, "end", {cx - 10.0 - tw, cy - 8.0, cx - 8.0, cy + 6.0}},
        {cx, cy - 10.0, "middle", {cx - tw / 2 - 1, cy - 22.0, cx + tw / 2 + 1, cy - 7.0}},
        {cx, cy + 20.0, "middle", {cx - tw / 2 - 1, cy + 8.0, cx + tw / 2 + 1, cy + 23.0}},
    }};
    for (const Option& o : options) {
      if (o.box.x0 < plot.x0 || o.box.x1 > plot.x1 || o.box.y0 < plot.y0 || o.box.y1 > plot.y1)
        continue;
      const bool clash = std::any_of(occupied.begin(), occupied.end(), [&](const Box& b) {
        const bool own =
            std::abs((b.x0 + b.x1) / 2 - cx) < 1e-9 && std::abs((b.y0 + b.y1) / 2 - cy) < 1e-9;
        return !own && b.intersects(o.box);
      });
      if (clash) continue;
      occupied.push_back(o.box);
      // On a white ground, so that a limit line crossing the label does not cross the words.
      w.empty("rect", {{"x", o.box.x0},
                       {"y", o.box.y0 + 1.0},
                       {"width", o.box.x1 - o.box.x0},
                       {"height", o.box.y1 - o.box.y0 - 1.0},
                       {"fill", kBackground.hex()},
                       {"fill-opacity", 0.85}});
      if (shown == full) {
        detail::draw_text(w, o.x, o.y, shown, {.size = kFontSmall, .anchor = o.anchor});
      } else {
        w.open("g");
        w.element("title", {}, full);
        detail::draw_text(w, o.x, o.y, shown, {.size = kFontSmall, .anchor = o.anchor});
        w.close();
      }
      break;
    }
  }
  w.close();

  y = plot.y1 + 38.0;
  detail::draw_label(w, (plot.x0 + plot.x1) / 2.0, y, chart.x_label, plot.x1 - plot.x0,
                     {.anchor = "middle"});
  y_title(w, plot, chart.y_label);
  if (!missing.empty()) {
    y += 20.0;
    const std::string note =
        absl::StrCat("Not drawn (no share): ", detail::join_words(missing), ".");
    for (const std::string& line : wrap_to_width(note, width - 2 * kMargin, kFontSmall, 3)) {
      detail::draw_text(w, kMargin, y, line, {.size = kFontSmall, .fill = kMutedInk});
      y += kFontSmall * 1.4;
    }
    y -= kFontSmall * 1.4;
  }

  // Description: the flagged units by name, the rest counted.
  std::array<std::vector<std::string>, 5> by_signal;
  std::string fingerprint;
  for (const FunnelPoint& p : chart.points) {
    absl::StrAppend(&fingerprint, p.label, "\x1f", svg_number(p.n), ",", svg_number(p.share * 1e4),
                    ",", static_cast<int>(p.signal), "\x1f");
    if (!std::isnan(p.share))
      by_signal[static_cast<std::size_t>(p.signal)].push_back(detail::short_label(p.label, 30));
  }
  std::vector<std::string> levels;
  for (const FunnelCurve& c : chart.curves) levels.push_back(level_text(c.level));
  std::string desc = absl::StrCat(
      "Funnel plot of ", detail::short_label(chart.y_label), " against ",
      detail::short_label(chart.x_label), " for ", chart.points.size(),
      chart.points.size() == 1 ? " unit" : " units", ", benchmark ", percent_text(chart.benchmark));
  if (!levels.empty())
    absl::StrAppend(&desc, ", with ", detail::join_words(levels), " control limits");
  for (const FunnelSignal s : {FunnelSignal::kAboveOuter, FunnelSignal::kAboveInner,
                               FunnelSignal::kBelowOuter, FunnelSignal::kBelowInner}) {
    const auto& names = by_signal[static_cast<std::size_t>(s)];
    if (names.empty()) continue;
    std::vector<std::string> listed(names.begin(), names.begin() + std::min(names.size(), kListed));
    if (names.size() > kListed) listed.push_back(absl::StrCat(names.size() - kListed, " more"));
    absl::StrAppend(&desc, "; ", mark(s).words, ": ", detail::join_words(listed));
  }
  absl::StrAppend(&desc, "; ", by_signal[0].size(), " within the limits");
  if (!missing.empty()) absl::StrAppend(&desc, "; ", missing.size(), " without a share");
  desc += ".";
  absl::StrAppend(&fingerprint, svg_number(chart.benchmark * 1e4));
  return canvas.finish(y + kMargin, desc, fingerprint);
}

// ---------------------------------------------------------------------------------------------
// Forest and dot plots

namespace {

struct IntervalLayout {
  bool differences = false;  // forest (percentage points around 0) or dot (shares 0-100%)
  std::string_view default_title;
  std::string axis_label;
  std::string below_zero{}, above_zero{};  // forest only
  std::optional<double> reference{};       // dot only
  std::string reference_label{};
};

absl::StatusOr<std::string> interval_chart(const ChartFrame& frame,
                                           const std::vector<IntervalRow>& rows,
                                           const IntervalLayout& layout) {
  if (auto s = detail::check_frame(frame); !s.ok()) return s;
  const double lowest = layout.differences ? -1.0 : 0.0;
  auto valid = [&](double v) { return std::isnan(v) || (v >= lowest && v <= 1.0); };
  double extent = 0.0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const IntervalRow& r = rows[i];
    const std::string which =
        absl::StrCat("row ", i + 1, " ('", detail::short_label(r.label), "')");
    for (const auto& [name, v] :
         {std::pair<const char*, double>{"estimate", r.estimate}, {"low", r.low}, {"high", r.high}})
      if (!valid(v))
        return detail::chart_error(frame, absl::StrCat(which, " has ", name, " ", svg_number(v),
                                                       ", outside [", svg_number(lowest), ", 1]"));
    if (!std::isnan(r.low) && !std::isnan(r.high) && r.low > r.high)
      return detail::chart_error(frame, absl::StrCat(which, " has low ", svg_number(r.low),
                                                     " above high ", svg_number(r.high)));
    if (r.n && *r.n < 0)
      return detail::chart_error(frame, absl::StrCat(which, " has n = ", *r.n, " < 0"));
    for (const double v : {r.estimate, r.low, r.high})
      if (!std::isnan(v)) extent = std::max(extent, std::abs(v));
  }
  if (layout.reference && !(*layout.reference >= 0.0 && *layout.reference <= 1.0))
    return detail::chart_error(frame, "the reference must be a share in [0, 1]");

  // The axis: symmetric around 0 in percentage points, or 0-100%.
  // A round step, and the first multiple of it past the largest end.
  const double step_pp = detail::nice_ceiling(std::max(extent * 100.0, 5.0) / 3.0);
  const double span_pp = layout.differences
                             ? std::ceil(std::max(extent * 100.0, 5.0) / step_pp - 1e-9) * step_pp
                             : 0.0;
  const double a_lo = layout.differences ? -span_pp : 0.0;
  const double a_hi = layout.differences ? span_pp : 100.0;

  auto value_text = [&](const IntervalRow& r) {
    std::string out;
    if (std::isnan(r.estimate)) return std::string("\u2013");
    out = layout.differences ? detail::points_text(r.estimate) : percent_text(r.estimate);
    if (std::isnan(r.low) || std::isnan(r.high))
      out += " (no interval)";
    else if (layout.differences)
      absl::StrAppend(&out, " (", signed_whole(r.low), " to ", signed_whole(r.high), ")");
    else
      absl::StrAppend(&out, " (", percent_text(r.low), " to ", percent_text(r.high), ")");
    if (r.n) absl::StrAppend(&out, ", n=", *r.n);
    return out;
  };

  ChartCanvas canvas(frame, layout.default_title);
  SvgWriter& w = canvas.body();
  const double width = canvas.width();
  double y = canvas.top();

  std::vector<detail::LegendItem> legend;
  legend.push_back(marker_item(layout.differences ? Shape::kSquare : Shape::kCircle, 5.0,
                               detail::kBetter, detail::kBetter, 1.0, "Estimate"));
  legend.push_back({[](SvgWriter& lw, double x, double cy) {
                      lw.empty("line", {{"x1", x},
                                        {"y1", cy},
                                        {"x2", x + 26.0},
                                        {"y2", cy},
                                        {"stroke", kInk.hex()},
                                        {"stroke-width", 2.0}});
                      for (const double e : {x, x + 26.0})
                        lw.empty("line", {{"x1", e},
                                          {"y1", cy - 5.0},
                                          {"x2", e},
                                          {"y2", cy + 5.0},
                                          {"stroke", kInk.hex()},
                                          {"stroke-width", 2.0}});
                    },
                    26.0, "Interval"});
  if (layout.reference)
    legend.push_back(line_item(
        detail::kWorse, 2.0, "5 3",
        absl::StrCat(single_line(layout.reference_label), " ", percent_text(*layout.reference))));
  y += detail::draw_legend(w, legend, kMargin, y, width - 2 * kMargin) + 6.0;

  double label_w = 40.0, value_w = 40.0;
  for (const IntervalRow& r : rows) {
    label_w = std::max(label_w, detail::label_width(r.label, kFontLabel));
    value_w = std::max(value_w, text_width(value_text(r), kFontSmall));
  }
  label_w = std::min(label_w, 0.3 * width) + 12.0;
  value_w = std::min(value_w, 0.3 * width) + 12.0;
  constexpr double kPitch = 30.0;
  const Box plot{kMargin + label_w, y, width - kMargin - value_w,
                 y + kPitch * static_cast<double>(std::max<std::size_t>(rows.size(), 1))};
  auto px = [&](double v) {  // v: a share or a difference, as a proportion
    return plot.x0 + (v * 100.0 - a_lo) / (a_hi - a_lo) * (plot.x1 - plot.x0);
  };

  w.open("g", {{"class", "x-axis"}});
  for (const double t : detail::nice_ticks(a_lo, a_hi, 6)) {
    const double x = px(t / 100.0);
    w.empty("line", {{"x1", x},
                     {"y1", plot.y0},
                     {"x2", x},
                     {"y2", plot.y1},
                     {"stroke", kGrid.hex()},
                     {"stroke-width", 1.0}});
    const std::string tick =
        layout.differences ? signed_whole(t / 100.0) : absl::StrCat(svg_number(t), "%");
    detail::draw_text(w, x, plot.y1 + 18.0, tick,
                      {.size = kFontSmall, .anchor = "middle", .fill = kMutedInk});
  }
  w.empty("line", {{"x1", plot.x0},
                   {"y1", plot.y1},
                   {"x2", plot.x1},
                   {"y2", plot.y1},
                   {"stroke", kMutedInk.hex()},
                   {"stroke-width", 1.0}});
  w.close();
  if (layout.differences)
    w.empty("line", {{"x1", px(0.0)},
                     {"y1", plot.y0},
                     {"x2", px(0.0)},
                     {"y2", plot.y1},
                     {"stroke", kInk.hex()},
                     {"stroke-width", 1.5}});
  if (layout.reference)
    w.empty("line", {{"x1", px(*layout.reference)},
                     {"y1", plot.y0},
                     {"x2", px(*layout.reference)},
                     {"y2", plot.y1},
                     {"stroke", detail::kWorse.hex()},
                     {"stroke-width", 2.0},
                     {"stroke-dasharray", "5 3"}});

  std::string fingerprint;
  std::vector<std::string> listed;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const IntervalRow& r = rows[i];
    const double cy = plot.y0 + kPitch * (static_cast<double>(i) + 0.5);
    w.open("g", {{"class", "row"}});
    detail::draw_label(w, plot.x0 - 12.0, cy + 0.35 * kFontLabel, r.label, label_w - 12.0,
                       {.anchor = "end"});
    const std::string value = value_text(r);
    if (std::isnan(r.estimate)) {
      // On a white ground: the zero line would cross the words.
      constexpr std::string_view kNote = "no estimate: not drawn";
      const double tw = text_width(kNote, kFontSmall), mid = (plot.x0 + plot.x1) / 2.0;
      w.empty("rect", {{"x", mid - tw / 2.0 - 4.0},
                       {"y", cy - 9.0},
                       {"width", tw + 8.0},
                       {"height", 18.0},
                       {"fill", kBackground.hex()}});
      detail::draw_text(w, mid, cy + 0.35 * kFontSmall, kNote,
                        {.size = kFontSmall, .anchor = "middle", .fill = kMutedInk});
    } else {
      if (!std::isnan(r.low) && !std::isnan(r.high)) {
        w.empty("line", {{"x1", px(r.low)},
                         {"y1", cy},
                         {"x2", px(r.high)},
                         {"y2", cy},
                         {"stroke", kInk.hex()},
                         {"stroke-width", 2.0}});
        for (const double e : {r.low, r.high})
          w.empty("line", {{"x1", px(e)},
                           {"y1", cy - 5.0},
                           {"x2", px(e)},
                           {"y2", cy + 5.0},
                           {"stroke", kInk.hex()},
                           {"stroke-width", 2.0}});
      }
      detail::draw_marker(w, layout.differences ? Shape::kSquare : Shape::kCircle, px(r.estimate),
                          cy, 5.0, detail::kBetter, kBackground, 1.0,
                          absl::StrCat(detail::short_label(r.label, 60), ": ", value));
    }
    detail::draw_text(w, plot.x1 + 10.0, cy + 0.35 * kFontSmall, value, {.size = kFontSmall});
    w.close();
    absl::StrAppend(&fingerprint, r.label, "\x1f", svg_number(r.estimate * 1e4), ",",
                    svg_number(r.low * 1e4), ",", svg_number(r.high * 1e4), "\x1f");
    if (i < kListed) listed.push_back(absl::StrCat(detail::short_label(r.label, 30), " ", value));
  }
  if (rows.size() > kListed) listed.push_back(absl::StrCat(rows.size() - kListed, " more"));

  y = plot.y1 + 18.0;
  if (layout.differences && (!layout.below_zero.empty() || !layout.above_zero.empty())) {
    y += 18.0;
    const double zx = px(0.0);
    if (!layout.below_zero.empty())
      detail::draw_label(w, zx - 8.0, y, "\u2190 " + layout.below_zero, zx - plot.x0 - 8.0,
                         {.size = kFontSmall, .anchor = "end", .fill = kMutedInk});
    if (!layout.above_zero.empty())
      detail::draw_label(w, zx + 8.0, y, layout.above_zero + " \u2192", plot.x1 - zx - 8.0,
                         {.size = kFontSmall, .fill = kMutedInk});
  }
  y += 20.0;
  detail::draw_label(w, (plot.x0 + plot.x1) / 2.0, y, layout.axis_label, plot.x1 - plot.x0,
                     {.anchor = "middle"});

  std::string desc = absl::StrCat(layout.differences ? "Forest plot of " : "Dot plot of ",
                                  detail::short_label(layout.axis_label), " with intervals for ",
                                  rows.size(), rows.size() == 1 ? " item" : " items");
  if (layout.reference)
    absl::StrAppend(&desc, ", reference ", detail::short_label(layout.reference_label), " ",
                    percent_text(*layout.reference));
  if (!listed.empty()) absl::StrAppend(&desc, ": ", absl::StrJoin(listed, "; "));
  desc += ".";
  return canvas.finish(y + kMargin, desc, fingerprint);
}

}  // namespace

absl::StatusOr<std::string> render_svg(const ForestPlot& chart) {
  return interval_chart(chart.frame, chart.rows,
                        {.differences = true,
                         .default_title = "Changes with intervals",
                         .axis_label = chart.axis_label,
                         .below_zero = single_line(chart.below_zero_label),
                         .above_zero = single_line(chart.above_zero_label)});
}

absl::StatusOr<std::string> render_svg(const DotPlot& chart) {
  return interval_chart(chart.frame, chart.rows,
                        {.differences = false,
                         .default_title = "Shares with intervals",
                         .axis_label = chart.axis_label,
                         .reference = chart.reference,
                         .reference_label = chart.reference_label});
}

// ---------------------------------------------------------------------------------------------
// Trend

absl::StatusOr<std::string> render_svg(const TrendChart& chart) {
  const ChartFrame& frame = chart.frame;
  if (auto s = detail::check_frame(frame); !s.ok()) return s;
  const std::size_t np = chart.periods.size();
  if (chart.series.empty() || chart.series.size() > 4)
    return detail::chart_error(frame,
                               absl::StrCat("needs 1 to 4 series, got ", chart.series.size()));
  if (!(chart.y_min >= 0.0 && chart.y_max <= 1.0 && chart.y_min < chart.y_max))
    return detail::chart_error(frame, "the y axis must be an increasing range within [0, 1]");
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const TrendSeries& series = chart.series[s];
    const std::string which =
        absl::StrCat("series ", s + 1, " ('", detail::short_label(series.label), "')");
    if (series.value.size() != np)
      return detail::chart_error(
          frame, absl::StrCat(which, " has ", series.value.size(), " values for ", np, " periods"));
    const bool has_intervals = !series.low.empty() || !series.high.empty();
    if (has_intervals && (series.low.size() != np || series.high.size() != np))
      return detail::chart_error(
          frame, absl::StrCat(which, " has ", series.low.size(), " lows and ", series.high.size(),
                              " highs for ", np, " periods"));
    if (!series.n.empty() && series.n.size() != np)
      return detail::chart_error(
          frame, absl::StrCat(which, " has ", series.n.size(), " counts for ", np, " periods"));
    for (std::size_t i = 0; i < np; ++i) {
      const bool bad =
          !is_share_or_nan(series.value[i]) ||
          (has_intervals && (!is_share_or_nan(series.low[i]) || !is_share_or_nan(series.high[i])));
      if (bad)
        return detail::chart_error(frame, absl::StrCat(which, " has a value outside [0, 1] at '",
                                                       detail::short_label(chart.periods[i]), "'"));
      if (has_intervals && series.low[i] > series.high[i])
        return detail::chart_error(frame, absl::StrCat(which, " has low above high at '",
                                                       detail::short_label(chart.periods[i]), "'"));
      if (!series.n.empty() && series.n[i] < 0)
        return detail::chart_error(frame, absl::StrCat(which, " has a negative n at '",
                                                       detail::short_label(chart.periods[i]), "'"));
    }
  }

  static constexpr std::array<Rgb, 4> kColours = {detail::kBetter, Rgb{0xb4, 0x58, 0x1f},
                                                  Rgb{0x4d, 0x4d, 0x4d}, Rgb{0x7b, 0x3f, 0x99}};
  static constexpr std::array<Shape, 4> kShapes = {Shape::kCircle, Shape::kSquare,
                                                   Shape::kTriangleUp, Shape::kDiamond};
  const bool any_intervals = std::any_of(chart.series.begin(), chart.series.end(),
                                         [](const TrendSeries& s) { return !s.low.empty(); });

  ChartCanvas canvas(frame, "Trend over periods");
  SvgWriter& w = canvas.body();
  const double width = canvas.width();
  double y = canvas.top();

  std::vector<detail::LegendItem> legend;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const Rgb colour = kColours[s];
    const Shape shape = kShapes[s];
    legend.push_back({[colour, shape](SvgWriter& lw, double x, double cy) {
                        lw.empty("line", {{"x1", x},
                                          {"y1", cy},
                                          {"x2", x + 26.0},
                                          {"y2", cy},
                                          {"stroke", colour.hex()},
                                          {"stroke-width", 2.0}});
                        detail::draw_marker(lw, shape, x + 13.0, cy, 4.0, colour, kBackground, 1.0);
                      },
                      26.0, single_line(chart.series[s].label)});
  }
  if (any_intervals) {
    const Rgb colour = kColours[0];
    if (chart.intervals == IntervalStyle::kBand)
      legend.push_back({[colour](SvgWriter& lw, double x, double cy) {
                          lw.empty("rect", {{"x", x},
                                            {"y", cy - 7.0},
                                            {"width", 26.0},
                                            {"height", 14.0},
                                            {"fill", colour.hex()},
                                            {"fill-opacity", 0.18}});
                        },
                        26.0, single_line(chart.interval_label)});
    else
      legend.push_back({[colour](SvgWriter& lw, double x, double cy) {
                          lw.empty("line", {{"x1", x + 8.0},
                                            {"y1", cy - 7.0},
                                            {"x2", x + 8.0},
                                            {"y2", cy + 7.0},
                                            {"stroke", colour.hex()},
                                            {"stroke-width", 1.5}});
                        },
                        16.0, single_line(chart.interval_label)});
  }
  y += detail::draw_legend(w, legend, kMargin, y, width - 2 * kMargin) + 8.0;

  const double plot_h = std::clamp(0.42 * width, 220.0, 400.0);
  const Box plot{kMargin + 60.0, y, width - kMargin - 10.0, y + plot_h};
  const double step = np == 0 ? 0.0 : (plot.x1 - plot.x0) / static_cast<double>(np);
  auto px = [&](std::size_t i) { return plot.x0 + step * (static_cast<double>(i) + 0.5); };
  auto py = [&](double v) {
    return plot.y1 - (v - chart.y_min) / (chart.y_max - chart.y_min) * (plot.y1 - plot.y0);
  };
  y_percent_axis(w, plot, chart.y_min, chart.y_max,
                 detail::nice_ticks(chart.y_min * 100.0, chart.y_max * 100.0, 5));
  w.empty("rect", {{"x", plot.x0},
                   {"y", plot.y0},
                   {"width", plot.x1 - plot.x0},
                   {"height", plot.y1 - plot.y0},
                   {"fill", "none"},
                   {"stroke", kMutedInk.hex()},
                   {"stroke-width", 1.0}});

  std::vector<std::string> missing;
  std::string fingerprint;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const TrendSeries& series = chart.series[s];
    const Rgb colour = kColours[s];
    w.open("g", {{"class", "series"}});
    if (!series.low.empty()) {
      // Bands over each run of periods with an interval; error bars for lone periods.
      std::size_t i = 0;
      while (i < np) {
        // An interval without its value is not drawn: it would stand for a value not there.
        auto drawn = [&](std::size_t k) {
          return !std::isnan(series.value[k]) && !std::isnan(series.low[k]) &&
                 !std::isnan(series.high[k]);
        };
        if (!drawn(i)) {
          ++i;
          continue;
        }
        std::size_t j = i;
        while (j < np && drawn(j)) ++j;
        if (chart.intervals == IntervalStyle::kBand && j - i >= 2) {
          std::vector<Point> band;
          for (std::size_t k = i; k < j; ++k) band.push_back({px(k), py(series.high[k])});
          for (std::size_t k = j; k-- > i;) band.push_back({px(k), py(series.low[k])});
          w.empty("polygon", {{"points", detail::points_attribute(band)},
                              {"fill", colour.hex()},
                              {"fill-opacity", 0.18},
                              {"stroke", "none"}});
        } else {
          for (std::size_t k = i; k < j; ++k) {
            w.empty("line", {{"x1", px(k)},
                             {"y1", py(series.low[k])},
                             {"x2", px(k)},
                             {"y2", py(series.high[k])},
                             {"stroke", colour.hex()},
                             {"stroke-width", 1.5}});
            for (const double e : {series.low[k], series.high[k]})
              w.empty("line", {{"x1", px(k) - 4.0},
                               {"y1", py(e)},
                               {"x2", px(k) + 4.0},
                               {"y2", py(e)},
                               {"stroke", colour.hex()},
                               {"stroke-width", 1.5}});
          }
        }
        i = j;
      }
    }
    std::vector<Point> line;
    for (std::size_t i = 0; i < np; ++i)
      line.push_back({px(i), std::isnan(series.value[i]) ? kNaN : py(series.value[i])});
    for (const auto& run :
         detail::clip_polyline(line, {plot.x0 - 1, plot.y0 - 1, plot.x1 + 1, plot.y1 + 1}))
      w.empty("polyline", {{"points", detail::points_attribute(run)},
                           {"fill", "none"},
                           {"stroke", colour.hex()},
                           {"stroke-width", 2.0}});
    for (std::size_t i = 0; i < np; ++i) {
      const double v = series.value[i];
      absl::StrAppend(&fingerprint, svg_number(v * 1e4), ",");
      if (std::isnan(v)) {
        missing.push_back(chart.series.size() == 1
                              ? detail::short_label(chart.periods[i], 20)
                              : absl::StrCat(detail::short_label(chart.periods[i], 20), " (",
                                             detail::short_label(series.label, 20), ")"));
        continue;
      }
      std::string tip =
          absl::StrCat(detail::short_label(chart.periods[i], 60), ": ", percent_text(v));
      if (!series.low.empty() && !std::isnan(series.low[i]) && !std::isnan(series.high[i]))
        absl::StrAppend(&tip, " (", percent_text(series.low[i]), " to ",
                        percent_text(series.high[i]), ")");
      if (!series.n.empty()) absl::StrAppend(&tip, ", n=", series.n[i]);
      detail::draw_marker(w, kShapes[s], px(i), py(v), 4.5, colour, kBackground, 1.0, tip);
    }
    w.close();
  }

  // Period labels: level when they fit, else turned 45 degrees; n under them when it fits.
  double label_max = 0.0;
  for (const std::string& p : chart.periods)
    label_max = std::max(label_max, std::min(detail::label_width(p, kFontSmall), 110.0));
  const bool turned = label_max > step - 6.0;
  y = plot.y1 + 4.0;
  const TrendSeries& first = chart.series.front();
  bool n_row = chart.series.size() == 1 && !first.n.empty();
  if (n_row)
    for (const std::int64_t n : first.n)
      n_row = n_row && text_width(absl::StrCat("n=", n), kFontSmall) <= step - 4.0;
  if (n_row) {
    y += 14.0;
    for (std::size_t i = 0; i < np; ++i)
      detail::draw_text(w, px(i), y, absl::StrCat("n=", first.n[i]),
                        {.size = kFontSmall, .anchor = "middle", .fill = kMutedInk});
  }
  y += 16.0;
  w.open("g", {{"class", "x-axis"}});
  for (std::size_t i = 0; i < np; ++i) {
    if (turned)
      detail::draw_label(
          w, px(i) + 4.0, y - 4.0, chart.periods[i], 110.0,
          {.size = kFontSmall, .anchor = "end", .fill = kInk},
          absl::StrCat("rotate(-45 ", svg_number(px(i) + 4.0), " ", svg_number(y - 4.0), ")"));
    else
      detail::draw_label(w, px(i), y, chart.periods[i], step - 4.0,
                         {.size = kFontSmall, .anchor = "middle"});
  }
  w.close();
  y += turned ? label_max * 0.71 + 8.0 : 6.0;
  y_title(w, plot, chart.y_label);
  if (!missing.empty()) {
    y += 16.0;
    const std::string note =
        absl::StrCat("No value (a gap in the line): ", detail::join_words(missing), ".");
    for (const std::string& line : wrap_to_width(note, width - 2 * kMargin, kFontSmall, 3)) {
      detail::draw_text(w, kMargin, y, line, {.size = kFontSmall, .fill = kMutedInk});
      y += kFontSmall * 1.4;
    }
    y -= kFontSmall * 1.4;
  }

  std::string desc = absl::StrCat("Line chart of ", detail::short_label(chart.y_label), " over ",
                                  np, np == 1 ? " period" : " periods");
  if (np > 0)
    absl::StrAppend(&desc, " from ", detail::short_label(chart.periods.front(), 20), " to ",
                    detail::short_label(chart.periods.back(), 20));
  if (any_intervals) absl::StrAppend(&desc, ", with ", detail::short_label(chart.interval_label));
  for (const TrendSeries& series : chart.series) {
    std::vector<std::string> values;
    for (std::size_t i = 0; i < np && i < 24; ++i)
      values.push_back(absl::StrCat(detail::short_label(chart.periods[i], 20), " ",
                                    percent_text(series.value[i])));
    if (np > 24) values.push_back("...");
    absl::StrAppend(&desc, "; ", detail::short_label(series.label, 30), ": ",
                    absl::StrJoin(values, ", "));
  }
  desc += ".";
  for (const std::string& p : chart.periods) absl::StrAppend(&fingerprint, p, "\x1f");
  return canvas.finish(y + kMargin, desc, fingerprint);
}

}  // namespace qaframe::charts
