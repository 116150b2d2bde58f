#pragma once
// What the chart kinds share (internal to the compiled library): the frame of a chart (root
// element, title, description, background), text and labels, legends, axes, markers, clipping.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "qaframe/render/palette.hpp"
#include "qaframe/render/svg.hpp"
#include "qaframe/render/svg_writer.hpp"

namespace qaframe::charts::detail {

inline constexpr double kFontTitle = 15.0;  // the drawn title, bold
inline constexpr double kFontLabel = 13.0;  // labels from the data, axis titles
inline constexpr double kFontSmall = 12.0;  // ticks, notes, values on marks: the minimum
inline constexpr double kMargin = 16.0;     // around the drawing
inline constexpr std::string_view kFontFamily =
    "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

// Marks for the better and worse sides and for neither (palette.hpp).
inline constexpr Rgb kBetter = kBetterMark;
inline constexpr Rgb kWorse = kWorseMark;

// InvalidArgument unless the width is finite and within 320 to 4000 pixels.
absl::Status check_frame(const ChartFrame& frame);

// "chart 'TITLE': MESSAGE" for the errors of a chart.
absl::Status chart_error(const ChartFrame& frame, std::string_view message);

// How a text element is drawn.
struct TextStyle {
  double size = kFontLabel;
  std::string_view anchor = "start";  // start, middle or end
  Rgb fill = kInk;
  bool bold = false;
};

// A <text> of text already neutralised (escaped on output); `transform` when not empty.
void draw_text(SvgWriter& w, double x, double y, std::string_view text, const TextStyle& style,
               std::string_view transform = {});

// A label from the data: one line, shortened to `max_px`; when shortened, wrapped in a <g>
// whose <title> holds the full text.
void draw_label(SvgWriter& w, double x, double y, std::string_view raw, double max_px,
                const TextStyle& style, std::string_view transform = {});

// Lines of a wrapped label (neutralised, shortened) drawn as one <text> with a <tspan> each;
// the full text in a <title> when any line was shortened. `y` is the first baseline.
void draw_wrapped_label(SvgWriter& w, double x, double y, std::string_view raw, double max_px,
                        std::size_t max_lines, const TextStyle& style);

// The lines wrap_to_width gives for a label from the data.
std::vector<std::string> label_lines(std::string_view raw, double max_px, double font_px,
                                     std::size_t max_lines, bool bold = false);

// A label from the data as one line, shortened to about `chars` average characters: for the
// generated descriptions.
std::string short_label(std::string_view raw, double chars = 48);

// Estimated width of a label from the data as drawn on one line.
double label_width(std::string_view raw, double font_px, bool bold = false);

// A chart under construction: the title is drawn first; finish() wraps the body in the root
// element with its <title>, <desc> and background once the height is known.
class ChartCanvas {
 public:
  ChartCanvas(const ChartFrame& frame, std::string_view default_title);
  SvgWriter& body() { return body_; }
  double width() const { return width_; }
  double top() const { return top_; }  // where the content starts, below the drawn title
  const std::string& title() const { return title_; }
  // The SVG. `generated` is the description used when the frame has none; `fingerprint`
  // (the data as text) derives the id when the frame has none.
  std::string finish(double height, std::string_view generated, std::string_view fingerprint);

 private:
  const ChartFrame& frame_;
  std::string title_;
  double width_;
  double top_;
  SvgWriter body_;
};

// One legend entry: a swatch drawn by `swatch` (at its left x and centre y) and its words.
struct LegendItem {
  std::function<void(SvgWriter&, double x, double cy)> swatch;
  double swatch_width = 14.0;
  std::string text;  // neutralised (from the chart code, or a label from the data)
};

// Draws the entries left to right from (x, y), wrapping at `max_width`; returns the height.
double draw_legend(SvgWriter& w, const std::vector<LegendItem>& items, double x, double y,
                   double max_width);
// The height draw_legend would take.
double legend_height(const std::vector<LegendItem>& items, double max_width);

// A filled square swatch for a legend.
LegendItem fill_item(Rgb fill, std::string text);

// Round tick values covering [lo, hi] with about `target` steps of 1, 2, 2.5 or 5 x 10^k.
std::vector<double> nice_ticks(double lo, double hi, int target = 5);
// The smallest "nice" number (1, 2, 2.5, 5 x 10^k) at least `value` (> 0).
double nice_ceiling(double value);

// Shapes of markers.
enum class Shape { kCircle, kSquare, kTriangleUp, kTriangleDown, kDiamond };

// A marker centred at (cx, cy) of radius `r`, with `tooltip` as its <title> when not empty.
void draw_marker(SvgWriter& w, Shape shape, double cx, double cy, double r, Rgb fill, Rgb stroke,
                 double stroke_width, std::string_view tooltip = {});

// A point in pixels.
struct Point {
  double x = 0.0;
  double y = 0.0;
};
// A rectangle in pixels.
struct Box {
  double x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0;
  bool intersects(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// The visible runs of a polyline (points with a NaN coordinate are gaps) cut to `clip`.
std::vector<std::vector<Point>> clip_polyline(const std::vector<Point>& points, const Box& clip);

// "x1,y1 x2,y2 ..." for a points attribute.
std::string points_attribute(const std::vector<Point>& points);

// A difference of shares in percentage points with its sign: "+12 pp", "−3 pp", "0 pp".
std::string points_text(double difference);

// A count as text: whole numbers without decimals, others with one.
std::string count_text(double count);

// "a, b and c" of already neutralised words.
std::string join_words(const std::vector<std::string>& words);

}  // namespace qaframe::charts::detail
