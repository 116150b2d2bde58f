#pragma once
/// @file svg.hpp
/// Charts as self-contained SVG: grade shares as stacked bars, a funnel plot, a heat map, a
/// forest plot, a trend with intervals, a dot plot with intervals and a matrix of categorical
/// cells. Each chart takes plain data (every number, interval and limit is computed by the
/// caller and passed in) and returns the SVG text, or InvalidArgument naming the bad value.
///
/// Every chart is an `<svg role="img" aria-labelledby="ID-title ID-desc">` with a `<title>` and
/// a one-sentence `<desc>` (passed in, or generated from the data); it references nothing
/// outside itself (no links, no script, no style sheets, no url()). Text is at least 12 px and
/// contrasts at least 4.5:1 with what it sits on; colour never carries information alone
/// (legends in words, labels on segments, shapes for funnel signals, abbreviations in matrix
/// cells). Labels from the data are neutralised and escaped (svg_writer.hpp); a label too long
/// for its place is shortened with "…" and keeps its full text in a `<title>` tooltip. NaN
/// values are drawn as gaps with a note, never as 0. The output is deterministic: the same
/// data gives the same bytes on any locale.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/render/palette.hpp"

namespace qaframe::charts {

/// What every chart has besides its data.
struct ChartFrame {
  std::string id;           ///< XML id prefix (made safe); empty: derived from title and data
  std::string title;        ///< the chart's title (its <title>, and drawn above it)
  std::string description;  ///< one-sentence text alternative; empty: generated from the data
  double width = 760.0;     ///< width in pixels, 320 to 4000
  bool draw_title = true;   ///< also draw the title (off when a report's caption carries it)
};

/// One bar of GradeBars: a group and the share of each level.
struct GradeBar {
  std::string label;           ///< the group (team, programme, audit type)
  std::int64_t n = 0;          ///< audits the shares are of, written beside the bar
  std::vector<double> shares;  ///< one per level, in [0, 1]; any NaN (or n = 0): a gap, "no data"
};

/// Horizontal stacked bars of grade shares per group, worst level on the left.
struct GradeBars {
  ChartFrame frame;                     ///< title, description, id, width
  std::vector<std::string> levels;      ///< level names worst to best (then N/A, see below)
  bool last_is_not_applicable = false;  ///< the last level is N/A: drawn in the neutral grey
  std::vector<Rgb> fills;               ///< one per level; empty: ordinal_palette (+ N/A grey)
  std::string axis_label = "Share of graded audits";  ///< title of the percentage axis
  std::vector<GradeBar> bars;                         ///< one per group, drawn top to bottom
};

/// Where a funnel-plot unit lies against the limits (computed by the caller).
enum class FunnelSignal : std::uint8_t {
  kWithin,      ///< inside every limit
  kAboveInner,  ///< above the inner (95%) limit, within the outer one
  kAboveOuter,  ///< above the outer (99.8%) limit
  kBelowInner,  ///< below the inner limit, within the outer one
  kBelowOuter,  ///< below the outer limit
};

/// "within", "above inner", "above outer", "below inner" or "below outer"; InvalidArgument for
/// anything else.
absl::StatusOr<FunnelSignal> parse_funnel_signal(std::string_view name);

/// One unit of a funnel plot.
struct FunnelPoint {
  std::string label;                            ///< the unit (team)
  double n = 0.0;                               ///< its size (x)
  double share = 0.0;                           ///< its share (y), in [0, 1]; NaN: not drawn
  FunnelSignal signal = FunnelSignal::kWithin;  ///< drawn by shape and colour
};

/// One pair of control-limit curves at a two-sided level, as (n, low, high) points.
struct FunnelCurve {
  double level = 0.95;       ///< two-sided level, e.g. 0.95 or 0.998
  std::vector<double> n;     ///< sizes, increasing
  std::vector<double> low;   ///< lower limit at each size (NaN: a gap)
  std::vector<double> high;  ///< upper limit at each size (NaN: a gap)
};

/// A funnel plot: shares against unit size, the benchmark, and control limits.
struct FunnelChart {
  ChartFrame frame;                                 ///< title, description, id, width
  double benchmark = 0.0;                           ///< the benchmark share, in [0, 1]
  std::string benchmark_label = "Benchmark";        ///< legend word for the benchmark line
  std::vector<FunnelCurve> curves;                  ///< inner (95%) first, then outer (99.8%)
  std::vector<FunnelPoint> points;                  ///< the units
  bool higher_is_better = true;                     ///< colours: above is better (blue)
  std::string x_label = "Number of graded audits";  ///< x axis title
  std::string y_label = "Share Good or better";     ///< y axis title
  std::optional<double> y_min;  ///< y axis start (share); default: fitted to points, benchmark
  std::optional<double> y_max;  ///< y axis end (share); default: fitted to points, benchmark
};

/// A heat map of counts (auditor's grade by moderator's grade), each count written in its cell.
struct HeatMap {
  ChartFrame frame;                                ///< title, description, id, width
  std::string row_title = "Auditor's grade";       ///< what the rows are
  std::string column_title = "Moderator's grade";  ///< what the columns are
  std::vector<std::string> rows;                   ///< row labels
  std::vector<std::string> columns;                ///< column labels
  std::vector<std::vector<double>> counts;         ///< rows x columns, >= 0; NaN: no data
  bool outline_diagonal = false;                   ///< outline the cells where row = column
};

/// One row of a forest plot or a dot plot: an estimate and its interval.
struct IntervalRow {
  std::string label;              ///< the item (domain, overall)
  double estimate = 0.0;          ///< the estimate (NaN: none)
  double low = 0.0;               ///< the interval's lower end (NaN: no interval)
  double high = 0.0;              ///< the interval's upper end (NaN: no interval)
  std::optional<std::int64_t> n;  ///< written beside the row when given
};

/// A forest plot of differences of shares (B − A) with intervals, in percentage points.
struct ForestPlot {
  ChartFrame frame;                                       ///< title, description, id, width
  std::vector<IntervalRow> rows;                          ///< differences in [−1, 1]
  std::string axis_label = "Change (percentage points)";  ///< x axis title
  std::string below_zero_label;  ///< what a negative change means ("worse"), left of zero
  std::string above_zero_label;  ///< what a positive change means ("better"), right of zero
};

/// A dot plot of shares with intervals on a 0-100% axis (key messages by domain).
struct DotPlot {
  ChartFrame frame;                             ///< title, description, id, width
  std::vector<IntervalRow> rows;                ///< shares in [0, 1]
  std::string axis_label = "Share below Good";  ///< x axis title
  std::optional<double> reference;              ///< a reference share drawn as a line
  std::string reference_label;                  ///< its legend words ("All domains")
};

/// One series of a trend chart: a value and interval per period.
struct TrendSeries {
  std::string label;            ///< legend words
  std::vector<double> value;    ///< one per period, in [0, 1]; NaN: a gap
  std::vector<double> low;      ///< one per period (or empty: no intervals)
  std::vector<double> high;     ///< one per period (or empty: no intervals)
  std::vector<std::int64_t> n;  ///< one per period (or empty); written under the periods
};

/// How a trend chart draws intervals.
enum class IntervalStyle : std::uint8_t {
  kBand,       ///< a shaded band between the low and high lines
  kErrorBars,  ///< a vertical bar with caps at each period
};

/// "band" or "error bars"; InvalidArgument for anything else.
absl::StatusOr<IntervalStyle> parse_interval_style(std::string_view name);

/// A line chart of shares over consecutive periods, with intervals.
struct TrendChart {
  ChartFrame frame;                                ///< title, description, id, width
  std::vector<std::string> periods;                ///< x labels in order ("Apr 2017", ...)
  std::vector<TrendSeries> series;                 ///< one to four series
  IntervalStyle intervals = IntervalStyle::kBand;  ///< band or error bars
  std::string y_label = "Share Good or better";    ///< y axis title
  std::string interval_label = "95% interval";     ///< legend words of the intervals
  double y_min = 0.0;                              ///< y axis start (share)
  double y_max = 1.0;                              ///< y axis end (share)
};

/// One category of a StatusMatrix: what a cell index means.
struct MatrixCategory {
  std::string name;          ///< legend words ("corroborated concern")
  std::string abbreviation;  ///< written in each cell ("CC")
  Rgb fill;                  ///< the cell colour
};

/// A matrix of categorical cells (triangulation: units by themes), each cell coloured and
/// carrying its category's abbreviation, with a legend.
struct StatusMatrix {
  ChartFrame frame;                        ///< title, description, id, width
  std::string row_title = "Unit";          ///< what the rows are
  std::string column_title = "Theme";      ///< what the columns are
  std::vector<std::string> rows;           ///< row labels
  std::vector<std::string> columns;        ///< column labels
  std::vector<MatrixCategory> categories;  ///< empty: triangulation_categories()
  std::vector<std::vector<int>> cells;     ///< rows x columns of category indices; -1: none
};

/// The triangulation cell statuses as matrix categories (triangulation_status_styles order).
std::vector<MatrixCategory> triangulation_categories();

/// Stacked horizontal bars of grade shares.
absl::StatusOr<std::string> render_svg(const GradeBars& chart);
/// A funnel plot.
absl::StatusOr<std::string> render_svg(const FunnelChart& chart);
/// A heat map of counts.
absl::StatusOr<std::string> render_svg(const HeatMap& chart);
/// A forest plot of differences.
absl::StatusOr<std::string> render_svg(const ForestPlot& chart);
/// A dot plot with intervals.
absl::StatusOr<std::string> render_svg(const DotPlot& chart);
/// A trend over periods.
absl::StatusOr<std::string> render_svg(const TrendChart& chart);
/// A matrix of categorical cells.
absl::StatusOr<std::string> render_svg(const StatusMatrix& chart);

}  // namespace qaframe::charts
