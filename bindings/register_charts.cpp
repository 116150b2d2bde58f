// Bindings of the chart layer (qaframe._core.charts): the palette and its colour science, and
// one function per SVG chart kind. Conversion only: every rule lives in include/qaframe/render/.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/render/palette.hpp"
#include "qaframe/render/svg.hpp"
#include "qaframe/render/svg_writer.hpp"
#include "registry.hpp"

namespace py = pybind11;
namespace qr = qaframe::charts;

namespace qaframe::bindings {
namespace {

template <typename T>
T value_or_raise(absl::StatusOr<T> result) {
  if (!result.ok()) throw py::value_error(std::string(result.status().message()));
  return *std::move(result);
}

qr::Rgb colour_of(const std::string& hex) {
  const std::optional<qr::Rgb> c = qr::parse_hex(hex);
  if (!c) throw py::value_error("a colour must be written '#rrggbb', got '" + hex + "'");
  return *c;
}

std::vector<std::string> hex_list(const std::vector<qr::Rgb>& colours) {
  std::vector<std::string> out;
  for (const qr::Rgb& c : colours) out.push_back(c.hex());
  return out;
}

qr::ChartFrame frame_of(std::string title, std::string description, std::string id, double width,
                        bool draw_title) {
  return {std::move(id), std::move(title), std::move(description), width, draw_title};
}

using Label = std::string;
using GradeBarTuple = std::tuple<Label, std::int64_t, std::vector<double>>;
using FunnelPointTuple = std::tuple<Label, double, double, std::string>;
using FunnelCurveTuple =
    std::tuple<double, std::vector<double>, std::vector<double>, std::vector<double>>;
using IntervalTuple = std::tuple<Label, double, double, double, std::optional<std::int64_t>>;
using SeriesTuple = std::tuple<Label, std::vector<double>, std::vector<double>, std::vector<double>,
                               std::vector<std::int64_t>>;
using CategoryTuple = std::tuple<std::string, std::string, std::string>;

std::vector<qr::IntervalRow> interval_rows(const std::vector<IntervalTuple>& rows) {
  std::vector<qr::IntervalRow> out;
  for (const auto& [label, estimate, low, high, n] : rows)
    out.push_back({label, estimate, low, high, n});
  return out;
}

// The keyword arguments every chart takes, after its data.
#define QAFRAME_FRAME_ARGS                                                               \
  py::kw_only(), py::arg("title") = "", py::arg("description") = "", py::arg("id") = "", \
                 py::arg("width") = 760.0, py::arg("draw_title") = true

}  // namespace

void register_charts(py::module_& m) {
  // -- palette and colour science ---------------------------------------------------------
  m.def(
      "ordinal_palette", [](std::size_t levels) { return hex_list(qr::ordinal_palette(levels)); },
      py::arg("levels"), "Colours of an ordinal scale, worst first, as '#rrggbb'.");
  m.def(
      "not_applicable_colour", []() { return qr::not_applicable_colour().hex(); },
      "The neutral grey of N/A.");
  m.def(
      "sequential_colour", [](double t) { return qr::sequential_colour(t).hex(); }, py::arg("t"),
      "The light-to-dark blue ramp of the heat map at t in [0, 1].");
  m.def(
      "chart_inks",
      []() {
        return py::dict(
            py::arg("ink") = qr::kInk.hex(), py::arg("muted") = qr::kMutedInk.hex(),
            py::arg("grid") = qr::kGrid.hex(), py::arg("background") = qr::kBackground.hex(),
            py::arg("better") = qr::kBetterMark.hex(), py::arg("worse") = qr::kWorseMark.hex(),
            py::arg("neutral") = qr::kNeutralMark.hex());
      },
      "Colours of the charts: text, secondary text, grid, background, marks.");
  m.def(
      "triangulation_statuses",
      []() {
        std::vector<std::tuple<std::string, std::string, std::string>> out;
        for (const qr::StatusStyle& s : qr::triangulation_status_styles())
          out.emplace_back(std::string(s.name), std::string(s.abbreviation), s.fill.hex());
        return out;
      },
      "(name, abbreviation, colour) of each triangulation cell status.");
  m.def(
      "relative_luminance",
      [](const std::string& c) { return qr::relative_luminance(colour_of(c)); }, py::arg("colour"),
      "WCAG 2.1 relative luminance.");
  m.def(
      "contrast_ratio",
      [](const std::string& a, const std::string& b) {
        return qr::contrast_ratio(colour_of(a), colour_of(b));
      },
      py::arg("a"), py::arg("b"), "WCAG 2.1 contrast ratio, 1 to 21.");
  m.def(
      "text_colour_on", [](const std::string& c) { return qr::text_colour_on(colour_of(c)).hex(); },
      py::arg("fill"), "Black or white, whichever contrasts more with the fill.");
  m.def(
      "simulate",
      [](const std::string& c, const std::string& vision) {
        return qr::simulate(colour_of(c), value_or_raise(qr::parse_colour_vision(vision))).hex();
      },
      py::arg("colour"), py::arg("vision"),
      "The colour as seen with protanopia or deuteranopia (Machado et al. 2009).");
  m.def(
      "to_lab",
      [](const std::string& c) {
        const qr::Lab lab = qr::to_lab(colour_of(c));
        return std::make_tuple(lab.l, lab.a, lab.b);
      },
      py::arg("colour"), "CIE L*a*b* (D65).");
  m.def(
      "ciede2000",
      [](std::tuple<double, double, double> x, std::tuple<double, double, double> y) {
        return qr::ciede2000({std::get<0>(x), std::get<1>(x), std::get<2>(x)},
                             {std::get<0>(y), std::get<1>(y), std::get<2>(y)});
      },
      py::arg("lab1"), py::arg("lab2"), "CIEDE2000 difference of two L*a*b* colours.");
  m.def(
      "colour_distance",
      [](const std::string& a, const std::string& b, const std::string& vision) {
        return qr::colour_distance(colour_of(a), colour_of(b),
                                   value_or_raise(qr::parse_colour_vision(vision)));
      },
      py::arg("a"), py::arg("b"), py::arg("vision") = "normal",
      "CIEDE2000 difference of two colours as seen with `vision`.");

  // -- label text -------------------------------------------------------------------------
  m.def("neutralise_controls", &qr::neutralise_controls, py::arg("text"),
        "Control and bidi characters as visible \\uXXXX escapes, bad UTF-8 as U+FFFD.");
  m.def("single_line", &qr::single_line, py::arg("text"),
        "Tab and line breaks as spaces, then neutralise_controls.");
  m.def(
      "shorten_to_width",
      [](const std::string& text, double max_px, double font_px) {
        return qr::shorten_to_width(text, max_px, font_px);
      },
      py::arg("text"), py::arg("max_px"), py::arg("font_px"),
      "Text cut with an ellipsis at a character boundary to fit max_px at font_px.");

  // -- charts -----------------------------------------------------------------------------
  m.def(
      "grade_bars",
      [](const std::vector<std::string>& levels, const std::vector<GradeBarTuple>& bars,
         bool last_is_not_applicable, const std::vector<std::string>& fills,
         const std::string& axis_label, std::string title, std::string description, std::string id,
         double width, bool draw_title) {
        qr::GradeBars c;
        c.frame =
            frame_of(std::move(title), std::move(description), std::move(id), width, draw_title);
        c.levels = levels;
        c.last_is_not_applicable = last_is_not_applicable;
        for (const std::string& f : fills) c.fills.push_back(colour_of(f));
        c.axis_label = axis_label;
        for (const auto& [label, n, shares] : bars) c.bars.push_back({label, n, shares});
        return value_or_raise(qr::render_svg(c));
      },
      py::arg("levels"), py::arg("bars"), py::arg("last_is_not_applicable") = false,
      py::arg("fills") = std::vector<std::string>{},
      py::arg("axis_label") = "Share of graded audits", QAFRAME_FRAME_ARGS,
      "Stacked bars of grade shares; bars are (label, n, shares).");
  m.def(
      "funnel",
      [](double benchmark, const std::vector<FunnelPointTuple>& points,
         const std::vector<FunnelCurveTuple>& curves, const std::string& benchmark_label,
         bool higher_is_better, const std::string& x_label, const std::string& y_label,
         std::optional<double> y_min, std::optional<double> y_max, std::string title,
         std::string description, std::string id, double width, bool draw_title) {
        qr::FunnelChart c;
        c.frame =
            frame_of(std::move(title), std::move(description), std::move(id), width, draw_title);
        c.benchmark = benchmark;
        c.benchmark_label = benchmark_label;
        c.higher_is_better = higher_is_better;
        c.x_label = x_label;
        c.y_label = y_label;
        c.y_min = y_min;
        c.y_max = y_max;
        for (const auto& [label, n, share, signal] : points)
          c.points.push_back({label, n, share, value_or_raise(qr::parse_funnel_signal(signal))});
        for (const auto& [level, n, low, high] : curves) c.curves.push_back({level, n, low, high});
        return value_or_raise(qr::render_svg(c));
      },
      py::arg("benchmark"), py::arg("points"), py::arg("curves"),
      py::arg("benchmark_label") = "Benchmark", py::arg("higher_is_better") = true,
      py::arg("x_label") = "Number of graded audits", py::arg("y_label") = "Share Good or better",
      py::arg("y_min") = py::none(), py::arg("y_max") = py::none(), QAFRAME_FRAME_ARGS,
      "A funnel plot; points are (label, n, share, signal), curves (level, n, low, high).");
  m.def(
      "heat_map",
      [](const std::vector<std::vector<double>>& counts, const std::vector<std::string>& rows,
         const std::vector<std::string>& columns, const std::string& row_title,
         const std::string& column_title, bool outline_diagonal, std::string title,
         std::string description, std::string id, double width, bool draw_title) {
        qr::HeatMap c;
        c.frame =
            frame_of(std::move(title), std::move(description), std::move(id), width, draw_title);
        c.counts = counts;
        c.rows = rows;
        c.columns = columns;
        c.row_title = row_title;
        c.column_title = column_title;
        c.outline_diagonal = outline_diagonal;
        return value_or_raise(qr::render_svg(c));
      },
      py::arg("counts"), py::arg("rows"), py::arg("columns"),
      py::arg("row_title") = "Auditor's grade", py::arg("column_title") = "Moderator's grade",
      py::arg("outline_diagonal") = false, QAFRAME_FRAME_ARGS,
      "A heat map of counts (rows x columns), each count written in its cell.");
  m.def(
      "forest",
      [](const std::vector<IntervalTuple>& rows, const std::string& axis_label,
         const std::string& below_zero_label, const std::string& above_zero_label,
         std::string title, std::string description, std::string id, double width,
         bool draw_title) {
        qr::ForestPlot c;
        c.frame =
            frame_of(std::move(title), std::move(description), std::move(id), width, draw_title);
        c.rows = interval_rows(rows);
        c.axis_label = axis_label;
        c.below_zero_label = below_zero_label;
        c.above_zero_label = above_zero_label;
        return value_or_raise(qr::render_svg(c));
      },
      py::arg("rows"), py::arg("axis_label") = "Change (percentage points)",
      py::arg("below_zero_label") = "", py::arg("above_zero_label") = "", QAFRAME_FRAME_ARGS,
      "A forest plot; rows are (label, difference, low, high, n or None).");
  m.def(
      "dot_plot",
      [](const std::vector<IntervalTuple>& rows, const std::string& axis_label,
         std::optional<double> reference, const std::string& reference_label, std::string title,
         std::string description, std::string id, double width, bool draw_title) {
        qr::DotPlot c;
        c.frame =
            frame_of(std::move(title), std::move(description), std::move(id), width, draw_title);
        c.rows = interval_rows(rows);
        c.axis_label = axis_label;
        c.reference = reference;
        c.reference_label = reference_label;
        return value_or_raise(qr::render_svg(c));
      },
      py::arg("rows"), py::arg("axis_label") = "Share below Good",
      py::arg("reference") = py::none(), py::arg("reference_label") = "", QAFRAME_FRAME_ARGS,
      "A dot plot; rows are (label, share, low, high, n or None).");
  m.def(
      "trend",
      [](const std::vector<std::string>& periods, const std::vector<SeriesTuple>& series,
         const std::string& intervals, const std::string& y_label,
         const std::string& interval_label, double y_min, double y_max, std::string title,
         std::string description, std::string id, double width, bool draw_title) {
        qr::TrendChart c;
        c.frame =
            frame_of(std::move(title), std::move(description), std::move(id), width, draw_title);
        c.periods = periods;
        for (const auto& [label, value, low, high, n] : series)
          c.series.push_back({label, value, low, high, n});
        c.intervals = value_or_raise(qr::parse_interval_style(intervals));
        c.y_label = y_label;
        c.interval_label = interval_label;
        c.y_min = y_min;
        c.y_max = y_max;
        return value_or_raise(qr::render_svg(c));
      },
      py::arg("periods"), py::arg("series"), py::arg("intervals") = "band",
      py::arg("y_label") = "Share Good or better", py::arg("interval_label") = "95% interval",
      py::arg("y_min") = 0.0, py::arg("y_max") = 1.0, QAFRAME_FRAME_ARGS,
      "A trend over periods; series are (label, values, lows, highs, ns).");
  m.def(
      "status_matrix",
      [](const std::vector<std::vector<int>>& cells, const std::vector<std::string>& rows,
         const std::vector<std::string>& columns, const std::vector<CategoryTuple>& categories,
         const std::string& row_title, const std::string& column_title, std::string title,
         std::string description, std::string id, double width, bool draw_title) {
        qr::StatusMatrix c;
        c.frame =
            frame_of(std::move(title), std::move(description), std::move(id), width, draw_title);
        c.cells = cells;
        c.rows = rows;
        c.columns = columns;
        for (const auto& [name, abbreviation, fill] : categories)
          c.categories.push_back({name, abbreviation, colour_of(fill)});
        c.row_title = row_title;
        c.column_title = column_title;
        return value_or_raise(qr::render_svg(c));
      },
      py::arg("cells"), py::arg("rows"), py::arg("columns"),
      py::arg("categories") = std::vector<CategoryTuple>{}, py::arg("row_title") = "Unit",
      py::arg("column_title") = "Theme", QAFRAME_FRAME_ARGS,
      "A matrix of categorical cells (category indices, -1 for none); categories are "
      "(name, abbreviation, colour), default the triangulation statuses.");
}

#undef QAFRAME_FRAME_ARGS

}  // namespace qaframe::bindings
