#include "render/svg_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "qaframe/model/text.hpp"

namespace qaframe::charts::detail {

absl::Status check_frame(const ChartFrame& frame) {
  if (!(frame.width >= 320.0 && frame.width <= 4000.0))
    return chart_error(
        frame, absl::StrCat("width must be 320 to 4000 pixels, got ", svg_number(frame.width)));
  return absl::OkStatus();
}

absl::Status chart_error(const ChartFrame& frame, std::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(
      "chart '", short_label(frame.title.empty() ? "untitled" : frame.title), "': ", sv(message)));
}

void draw_text(SvgWriter& w, double x, double y, std::string_view text, const TextStyle& style,
               std::string_view transform) {
  std::vector<SvgAttribute> a = {
      {"x", x}, {"y", y}, {"font-size", style.size}, {"fill", style.fill.hex()}};
  if (style.anchor != "start") a.emplace_back("text-anchor", style.anchor);
  if (style.bold) a.emplace_back("font-weight", "bold");
  if (!transform.empty()) a.emplace_back("transform", transform);
  w.element("text", a, text);
}

void draw_label(SvgWriter& w, double x, double y, std::string_view raw, double max_px,
                const TextStyle& style, std::string_view transform) {
  const std::string full = single_line(raw);
  const std::string shown = shorten_to_width(full, max_px, style.size, style.bold);
  if (shown == full) {
    draw_text(w, x, y, shown, style, transform);
    return;
  }
  w.open("g");
  w.element("title", {}, full);
  draw_text(w, x, y, shown, style, transform);
  w.close();
}

std::vector<std::string> label_lines(std::string_view raw, double max_px, double font_px,
                                     std::size_t max_lines, bool bold) {
  return wrap_to_width(single_line(raw), max_px, font_px, max_lines, bold);
}

void draw_wrapped_label(SvgWriter& w, double x, double y, std::string_view raw, double max_px,
                        std::size_t max_lines, const TextStyle& style) {
  const std::string full = single_line(raw);
  const std::vector<std::string> lines =
      wrap_to_width(full, max_px, style.size, max_lines, style.bold);
  bool shortened = false;
  for (const std::string& line : lines)
    if (line.size() >= 3 && line.compare(line.size() - 3, 3, "\u2026") == 0) shortened = true;
  if (shortened) {
    w.open("g");
    w.element("title", {}, full);
  }
  std::vector<SvgAttribute> a = {
      {"x", x}, {"y", y}, {"font-size", style.size}, {"fill", style.fill.hex()}};
  if (style.anchor != "start") a.emplace_back("text-anchor", style.anchor);
  if (style.bold) a.emplace_back("font-weight", "bold");
  w.open("text", a);
  for (std::size_t i = 0; i < lines.size(); ++i)
    w.element("tspan", {{"x", x}, {"dy", i == 0 ? 0.0 : style.size * 1.2}}, lines[i]);
  w.close();
  if (shortened) w.close();
}

std::string short_label(std::string_view raw, double chars) {
  return shorten_to_width(single_line(raw), chars * 0.6 * kFontLabel, kFontLabel);
}

double label_width(std::string_view raw, double font_px, bool bold) {
  return text_width(single_line(raw), font_px, bold);
}

namespace {

std::uint32_t fnv1a(std::string_view text) {
  std::uint32_t h = 2166136261u;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

std::string hex32(std::uint32_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = kDigits[v & 0xf];
  return out;
}

}  // namespace

ChartCanvas::ChartCanvas(const ChartFrame& frame, std::string_view default_title)
    : frame_(frame),
      title_(frame.title.empty() ? std::string(default_title) : frame.title),
      width_(std::round(frame.width)),
      top_(kMargin) {
  if (frame.draw_title) {
    draw_label(body_, kMargin, kMargin + kFontTitle, title_, width_ - 2 * kMargin,
               {.size = kFontTitle, .bold = true});
    top_ = kMargin + kFontTitle + 14.0;
  }
}

std::string ChartCanvas::finish(double height, std::string_view generated,
                                std::string_view fingerprint) {
  height = std::ceil(height);
  const std::string id =
      frame_.id.empty() ? "qf-chart-" + hex32(fnv1a(absl::StrCat(title_, "\x1f", sv(fingerprint))))
                        : xml_id(frame_.id);
  const std::string title_id = id + "-title", desc_id = id + "-desc";
  SvgWriter head;
  head.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                    {"role", "img"},
                    {"aria-labelledby", title_id + " " + desc_id},
                    {"id", id},
                    {"width", width_},
                    {"height", height},
                    {"viewBox", absl::StrCat("0 0 ", svg_number(width_), " ", svg_number(height))},
                    {"font-family", kFontFamily}});
  head.element("title", {{"id", title_id}}, single_line(title_));
  head.element("desc", {{"id", desc_id}},
               single_line(frame_.description.empty() ? generated : frame_.description));
  head.empty("rect", {{"width", width_}, {"height", height}, {"fill", kBackground.hex()}});
  head.append_markup(body_.finish());
  return head.finish();
}

namespace {
constexpr double kLegendGap = 18.0;  // between entries
constexpr double kLegendRow = 22.0;  // height of a row
constexpr double kSwatchText = 6.0;  // between a swatch and its words

double item_width(const LegendItem& item, double max_width) {
  return std::min(item.swatch_width + kSwatchText + text_width(item.text, kFontSmall), max_width);
}
}  // namespace

double legend_height(const std::vector<LegendItem>& items, double max_width) {
  if (items.empty()) return 0.0;
  double x = 0.0;
  int rows = 1;
  for (const LegendItem& item : items) {
    const double iw = item_width(item, max_width);
    if (x > 0.0 && x + iw > max_width) {
      ++rows;
      x = 0.0;
    }
    x += iw + kLegendGap;
  }
  return rows * kLegendRow;
}

double draw_legend(SvgWriter& w, const std::vector<LegendItem>& items, double x0, double y0,
                   double max_width) {
  if (items.empty()) return 0.0;
  w.open("g", {{"class", "legend"}});
  double x = 0.0, y = 0.0;
  for (const LegendItem& item : items) {
    const double iw = item_width(item, max_width);
    if (x > 0.0 && x + iw > max_width) {
      x = 0.0;
      y += kLegendRow;
    }
    const double cy = y0 + y + kLegendRow / 2.0;
    item.swatch(w, x0 + x, cy);
    // draw_label keeps the whole of words shortened in a tooltip.
    draw_label(w, x0 + x + item.swatch_width + kSwatchText, cy + 0.35 * kFontSmall + 0.5, item.text,
               max_width - item.swatch_width - kSwatchText, {.size = kFontSmall});
    x += iw + kLegendGap;
  }
  w.close();
  return y + kLegendRow;
}

LegendItem fill_item(Rgb fill, std::string text) {
  return {[fill](SvgWriter& w, double x, double cy) {
            w.empty("rect", {{"x", x},
                             {"y", cy - 7.0},
                             {"width", 14.0},
                             {"height", 14.0},
                             {"fill", fill.hex()},
                             {"stroke", kMutedInk.hex()},
                             {"stroke-width", 0.5}});
          },
          14.0, std::move(text)};
}

double nice_ceiling(double value) {
  if (!(value > 0.0) || !std::isfinite(value)) return 1.0;
  const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * magnitude >= value * (1.0 - 1e-12)) return m * magnitude;
  return 10.0 * magnitude;
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  std::vector<double> ticks;
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return ticks;
  const double step = nice_ceiling((hi - lo) / std::max(target, 1));
  const double first = std::ceil(lo / step - 1e-9) * step;
  for (double t = first; t <= hi + step * 1e-9; t += step) {
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    if (ticks.size() > 200) break;
  }
  return ticks;
}

void draw_marker(SvgWriter& w, Shape shape, double cx, double cy, double r, Rgb fill, Rgb stroke,
                 double stroke_width, std::string_view tooltip) {
  std::string_view tag;
  std::vector<SvgAttribute> a;
  switch (shape) {
    case Shape::kCircle:
      tag = "circle";
      a = {{"cx", cx}, {"cy", cy}, {"r", r}};
      break;
    case Shape::kSquare:
      tag = "rect";
      a = {{"x", cx - r * 0.9}, {"y", cy - r * 0.9}, {"width", r * 1.8}, {"height", r * 1.8}};
      break;
    case Shape::kTriangleUp:
    case Shape::kTriangleDown:
    case Shape::kDiamond: {
      tag = "polygon";
      const double s = shape == Shape::kTriangleDown ? -1.0 : 1.0;
      const double k = r * 1.25;  // triangles look smaller than circles of the same radius
      std::vector<Point> p;
      if (shape == Shape::kDiamond)
        p = {{cx, cy - k}, {cx + k, cy}, {cx, cy + k}, {cx - k, cy}};
      else
        p = {{cx, cy - s * k}, {cx + k, cy + s * k * 0.8}, {cx - k, cy + s * k * 0.8}};
      a = {{"points", points_attribute(p)}};
      break;
    }
  }
  a.emplace_back("fill", fill.hex());
  a.emplace_back("stroke", stroke.hex());
  a.emplace_back("stroke-width", stroke_width);
  if (tooltip.empty()) {
    w.empty(tag, a);
    return;
  }
  w.open(tag, a);
  w.element("title", {}, tooltip);
  w.close();
}

std::vector<std::vector<Point>> clip_polyline(const std::vector<Point>& points, const Box& clip) {
  std::vector<std::vector<Point>> runs;
  std::vector<Point> run;
  auto flush = [&]() {
    if (run.size() >= 2) runs.push_back(run);
    run.clear();
  };
  auto finite = [](const Point& p) { return std::isfinite(p.x) && std::isfinite(p.y); };
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    const Point a = points[i], b = points[i + 1];
    if (!finite(a) || !finite(b)) {
      flush();
      continue;
    }
    // Liang-Barsky: the part of segment a-b inside the box, as parameters t0 <= t1.
    double t0 = 0.0, t1 = 1.0;
    const double dx = b.x - a.x, dy = b.y - a.y;
    bool visible = true;
    const std::array<std::pair<double, double>, 4> pq = {
        {{-dx, a.x - clip.x0}, {dx, clip.x1 - a.x}, {-dy, a.y - clip.y0}, {dy, clip.y1 - a.y}}};
    for (const auto& [p, q] : pq) {
      if (p == 0.0) {
        if (q < 0.0) visible = false;
        continue;
      }
      const double t = q / p;
      if (p < 0.0)
        t0 = std::max(t0, t);
      else
        t1 = std::min(t1, t);
    }
    if (!visible || t0 > t1) {
      flush();
      continue;
    }
    const Point from{a.x + t0 * dx, a.y + t0 * dy}, to{a.x + t1 * dx, a.y + t1 * dy};
    if (run.empty() || t0 > 0.0) {
      flush();
      run.push_back(from);
    }
    run.push_back(to);
    if (t1 < 1.0) flush();
  }
  flush();
  return runs;
}

std::string points_attribute(const std::vector<Point>& points) {
  std::string out;
  for (const Point& p : points) {
    if (!out.empty()) out += ' ';
    absl::StrAppend(&out, svg_number(p.x), ",", svg_number(p.y));
  }
  return out;
}

std::string points_text(double difference) {
  if (std::isnan(difference)) return "\u2013";
  const double magnitude = std::floor(std::abs(difference) * 100.0 + 0.5 + 1e-9);
  const std::string digits = svg_number(magnitude);
  if (magnitude == 0.0) return "0 pp";
  return absl::StrCat(difference < 0 ? "\u2212" : "+", digits, " pp");
}

std::string count_text(double count) {
  if (std::isnan(count)) return "\u2013";
  if (count == std::floor(count) && std::abs(count) < 1e15)
    return absl::StrCat(static_cast<long long>(count));
  const double tenth = std::round(count * 10.0) / 10.0;
  std::string out = svg_number(tenth);
  if (out.find('.') == std::string::npos) out += ".0";
  return out;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " and " : ", ";
    out += words[i];
  }
  return out;
}

}  // namespace qaframe::charts::detail
