// The SVG charts: the values drawn (segment widths, positions, texts), the accessibility frame
// (role, title, desc, font sizes, text contrast against what the text sits on), hostile labels
// kept inert, NaN drawn as gaps, deterministic output, and the errors for bad data.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <locale>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "qaframe/io/csv.hpp"
#include "qaframe/render/palette.hpp"
#include "qaframe/render/svg.hpp"
#include "qaframe/render/svg_writer.hpp"

namespace qr = qaframe::charts;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const std::vector<std::string> kOfsted = {"Inadequate", "Requires Improvement", "Good",
                                          "Outstanding"};

// ---- a small reader of the SVG the charts write ---------------------------------------------

struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  // for <text>, <title>, <desc>: the characters inside, entities decoded
  std::size_t position = 0;
  double number(const std::string& key) const {
    const auto it = attributes.find(key);
    REQUIRE_MESSAGE(it != attributes.end(), "no attribute " << key << " on <" << name << ">");
    return std::stod(it->second);
  }
  std::string attribute(const std::string& key) const {
    const auto it = attributes.find(key);
    return it == attributes.end() ? "" : it->second;
  }
};

std::string decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t end = s.find(';', i);
    REQUIRE(end != std::string_view::npos);
    const std::string_view entity = s.substr(i, end - i + 1);
    if (entity == "&amp;")
      out += '&';
    else if (entity == "&lt;")
      out += '<';
    else if (entity == "&gt;")
      out += '>';
    else if (entity == "&quot;")
      out += '"';
    else if (entity == "&#39;")
      out += '\'';
    else if (entity == "&#36;")  // $, so that notebook MathJax never typesets a label
      out += '$';
    else
      FAIL("unknown entity " << std::string(entity));
    i = end;
  }
  return out;
}

// Checks that `svg` is well-formed XML of the simple kind the writer produces (elements,
// attributes in double quotes, text with the five entities and &#36;, no comments or CDATA) and returns
// its elements in document order.
std::vector<Element> parse(const std::string& svg) {
  CHECK(qaframe::find_invalid_utf8_or_nul(svg) == std::string::npos);
  const auto control = std::find_if(svg.begin(), svg.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\n';
  });
  CHECK_MESSAGE(control == svg.end(),
                "a raw control character at byte " << (control - svg.begin()));
  std::vector<Element> out;
  std::vector<std::size_t> open;  // indices into out
  std::size_t i = 0;
  auto text_until = [&](std::size_t end) {
    const std::string_view raw = std::string_view(svg).substr(i, end - i);
    CHECK(raw.find('>') == std::string_view::npos);
    const std::string text = decode(raw);
    if (!open.empty()) out[open.back()].text += text;
  };
  while (i < svg.size()) {
    const std::size_t lt = svg.find('<', i);
    if (lt == std::string::npos) {
      text_until(svg.size());
      break;
    }
    text_until(lt);
    const std::size_t gt = svg.find('>', lt);
    REQUIRE(gt != std::string::npos);
    std::string_view tag = std::string_view(svg).substr(lt + 1, gt - lt - 1);
    i = gt + 1;
    REQUIRE(!tag.empty());
    CHECK(tag[0] != '!');
    CHECK(tag[0] != '?');
    if (tag[0] == '/') {
      REQUIRE_MESSAGE(!open.empty(), "closing tag without an open element");
      CHECK(out[open.back()].name == tag.substr(1));
      open.pop_back();
      continue;
    }
    const bool empty = tag.back() == '/';
    if (empty) tag.remove_suffix(1);
    Element e;
    e.position = lt;
    std::size_t k = 0;
    while (k < tag.size() && tag[k] != ' ') ++k;
    e.name = std::string(tag.substr(0, k));
    while (k < tag.size()) {
      while (k < tag.size() && tag[k] == ' ') ++k;
      if (k >= tag.size()) break;
      const std::size_t eq = tag.find('=', k);
      REQUIRE(eq != std::string_view::npos);
      REQUIRE(eq + 1 < tag.size());
      REQUIRE(tag[eq + 1] == '"');
      const std::size_t close = tag.find('"', eq + 2);
      REQUIRE(close != std::string_view::npos);
      const std::string_view raw = tag.substr(eq + 2, close - eq - 2);
      CHECK(raw.find('<') == std::string_view::npos);
      const std::string key(tag.substr(k, eq - k));
      CHECK_MESSAGE(e.attributes.count(key) == 0, "attribute " << key << " twice");
      CHECK_MESSAGE(key.rfind("on", 0) != 0, "event handler attribute " << key);
      e.attributes[key] = decode(raw);
      k = close + 1;
    }
    out.push_back(std::move(e));
    if (!empty) open.push_back(out.size() - 1);
  }
  CHECK(open.empty());
  return out;
}

std::vector<Element> only(const std::vector<Element>& all, std::string_view name) {
  std::vector<Element> out;
  for (const Element& e : all)
    if (e.name == name) out.push_back(e);
  return out;
}

std::vector<std::string> texts(const std::vector<Element>& all) {
  std::vector<std::string> out;
  for (const Element& e : all)
    if (e.name == "text") out.push_back(e.text);
  return out;
}

bool has_text(const std::vector<Element>& all, std::string_view text) {
  const auto t = texts(all);
  return std::find(t.begin(), t.end(), text) != t.end();
}

qr::Rgb colour(const std::string& hex) {
  const auto c = qr::parse_hex(hex);
  REQUIRE_MESSAGE(c.has_value(), "not a colour: " << hex);
  return *c;
}

// The frame every chart must have, the font sizes, the colours of text against the rectangle
// it sits on, and nothing that reaches outside the file.
void check_accessible(const std::string& svg) {
  const std::vector<Element> all = parse(svg);
  REQUIRE(!all.empty());
  const Element& root = all.front();
  CHECK(root.name == "svg");
  CHECK(root.attribute("role") == "img");
  const std::string id = root.attribute("id");
  CHECK(!id.empty());
  CHECK(root.attribute("aria-labelledby") == id + "-title " + id + "-desc");
  REQUIRE(all.size() > 3);
  CHECK(all[1].name == "title");
  CHECK(all[1].attribute("id") == id + "-title");
  CHECK(!all[1].text.empty());
  CHECK(all[2].name == "desc");
  CHECK(all[2].attribute("id") == id + "-desc");
  CHECK(all[2].text.size() > 10);
  CHECK(all[3].name == "rect");
  CHECK(all[3].attribute("fill") == "#ffffff");
  for (const std::string_view banned : {"href", "url(", "<script", "<style", "@import",
                                        "javascript:", "<image", "<foreignObject", "<a ", "<use"})
    CHECK_MESSAGE(svg.find(banned) == std::string::npos, "found " << std::string(banned));
  for (const Element& e : all) {
    if (e.attributes.count("font-size")) CHECK(e.number("font-size") >= 12.0);
    if (e.name != "text") continue;
    // What the text sits on: the last filled rectangle drawn before it that holds its centre.
    const double x = e.number("x"), y = e.number("y") - 0.35 * e.number("font-size");
    qr::Rgb ground = qr::kBackground;
    for (const Element& r : all) {
      if (r.position > e.position) break;
      if (r.name != "rect" || r.attribute("fill") == "none" || r.attribute("fill").empty())
        continue;
      const double rx = r.attributes.count("x") ? r.number("x") : 0.0;
      const double ry = r.attributes.count("y") ? r.number("y") : 0.0;
      if (x >= rx && x <= rx + r.number("width") && y >= ry && y <= ry + r.number("height"))
        ground = colour(r.attribute("fill"));
    }
    CAPTURE(e.text);
    CHECK(qr::contrast_ratio(colour(e.attribute("fill")), ground) >= 4.5);
  }
}

std::string ok(const absl::StatusOr<std::string>& r) {
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return *r;
}

// ---- one chart of each kind, with `label` wherever a label from the data goes --------------

qr::GradeBars bars(const std::string& label) {
  qr::GradeBars c;
  c.frame.title = "Final grades by " + label;
  c.levels = {"Inadequate", "Requires Improvement", label, "Outstanding"};
  c.bars = {{"Team A", 20, {0.1, 0.25, 0.5, 0.15}},
            {label, 8, {0.0, 0.125, 0.75, 0.125}},
            {"Team C", 50, {0.02, 0.18, 0.6, 0.2}}};
  return c;
}

qr::FunnelChart funnel(const std::string& label) {
  qr::FunnelChart c;
  c.frame.title = "Funnel " + label;
  c.benchmark = 0.7;
  c.benchmark_label = label;
  for (const double level : {0.95, 0.998}) {
    qr::FunnelCurve curve{level, {}, {}, {}};
    const double z = level == 0.95 ? 1.96 : 3.09;
    for (double n = 1; n <= 60; ++n) {
      const double half = z * std::sqrt(0.7 * 0.3 / n);
      curve.n.push_back(n);
      curve.low.push_back(std::max(0.0, 0.7 - half));
      curve.high.push_back(std::min(1.0, 0.7 + half));
    }
    c.curves.push_back(curve);
  }
  c.points = {{"Team A", 40, 0.95, qr::FunnelSignal::kAboveOuter},
              {label, 30, 0.5, qr::FunnelSignal::kBelowInner},
              {"Team C", 12, 0.75, qr::FunnelSignal::kWithin},
              {"Team D", 15, kNaN, qr::FunnelSignal::kWithin}};
  return c;
}

qr::HeatMap heat(const std::string& label) {
  qr::HeatMap c;
  c.frame.title = "Moderation " + label;
  c.rows = {"Inadequate", label, "Good"};
  c.columns = {"Inadequate", label, "Good"};
  c.counts = {{3, 1, 0}, {2, 10, 3}, {0, 2, 25}};
  c.outline_diagonal = true;
  return c;
}

qr::ForestPlot forest(const std::string& label) {
  qr::ForestPlot c;
  c.frame.title = "Comparison " + label;
  c.rows = {{"Overall", 0.12, -0.03, 0.27, 93},
            {label, -0.05, -0.2, 0.1, std::nullopt},
            {"Voice of the child", kNaN, kNaN, kNaN, 2}};
  c.below_zero_label = "worse";
  c.above_zero_label = label;
  return c;
}

qr::DotPlot dots(const std::string& label) {
  qr::DotPlot c;
  c.frame.title = "Key messages " + label;
  c.rows = {{"Chronology", 0.5, 0.4, 0.6, 93}, {label, 0.3, 0.21, 0.4, 91}};
  c.reference = 0.35;
  c.reference_label = label;
  return c;
}

qr::TrendChart trend(const std::string& label) {
  qr::TrendChart c;
  c.frame.title = "Trend " + label;
  c.periods = {"Apr 2017", "May 2017", label, "Jul 2017", "Aug 2017", "Sep 2017"};
  c.series = {{label,
               {0.6, 0.65, 0.55, kNaN, 0.72, 0.7},
               {0.45, 0.5, 0.4, kNaN, 0.6, 0.55},
               {0.72, 0.77, 0.67, kNaN, 0.82, 0.8},
               {20, 18, 22, 0, 21, 19}}};
  return c;
}

qr::StatusMatrix matrix(const std::string& label) {
  qr::StatusMatrix c;
  c.frame.title = "Triangulation " + label;
  c.rows = {"Team A", label};
  c.columns = {"Planning", label, "Supervision"};
  c.cells = {{0, 1, 2}, {4, 8, -1}};
  c.categories = qr::triangulation_categories();
  c.categories[0].name = label;
  return c;
}

std::vector<std::string> every_chart(const std::string& label) {
  return {ok(qr::render_svg(bars(label))),  ok(qr::render_svg(funnel(label))),
          ok(qr::render_svg(heat(label))),  ok(qr::render_svg(forest(label))),
          ok(qr::render_svg(dots(label))),  ok(qr::render_svg(trend(label))),
          ok(qr::render_svg(matrix(label)))};
}

}  // namespace

TEST_CASE("svg text: controls and bidi overrides become visible escapes; XML specials escaped") {
  CHECK(qr::neutralise_controls("a\tb\nc") == "a\tb\nc");
  CHECK(qr::neutralise_controls("\x1b[31mred") == "\\u001B[31mred");
  CHECK(qr::neutralise_controls(std::string_view("a\0b", 3)) == "a\\u0000b");
  CHECK(qr::neutralise_controls("\r\x7f") == "\\u000D\\u007F");
  CHECK(qr::neutralise_controls("\u0085\u009f") == "\\u0085\\u009F");  // C1
  CHECK(qr::neutralise_controls("abc\u202Edef\u202C") == "abc\\u202Edef\\u202C");
  CHECK(qr::neutralise_controls("\u202A\u202B\u202D\u2066\u2067\u2068\u2069") ==
        "\\u202A\\u202B\\u202D\\u2066\\u2067\\u2068\\u2069");
  CHECK(qr::neutralise_controls("\uFFFE") == "\\uFFFE");
  CHECK(qr::neutralise_controls("caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80") ==
        "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80");  // ordinary characters kept
  CHECK(qr::neutralise_controls("a\xff"
                                "b\xc3") == "a\uFFFDb\uFFFD");             // invalid UTF-8
  CHECK(qr::neutralise_controls("\xed\xa0\x80") == "\uFFFD\uFFFD\uFFFD");  // a surrogate
  CHECK(qr::xml_escape("<a href=\"x\">&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
  CHECK(qr::single_line("two\nlines\tand\rmore") == "two lines and more");
}

TEST_CASE("svg text: shortening at character boundaries keeps escapes and UTF-8 whole") {
  const std::string long_label(6000, 'x');
  const std::string s = qr::shorten_to_width(long_label, 200.0, 13.0);
  CHECK(s.size() < 100);
  CHECK(s.substr(s.size() - 3) == "\u2026");
  CHECK(qr::text_width(s, 13.0) <= 200.0);
  CHECK(qr::shorten_to_width("short", 200.0, 13.0) == "short");
  // Multi-byte characters are never cut: every prefix the shortening makes is valid UTF-8.
  const std::string accents = "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";  // é € 😀
  std::string many;
  for (int i = 0; i < 50; ++i) many += accents;
  for (double width = 10; width < 400; width += 7) {
    const std::string cut = qr::shorten_to_width(many, width, 13.0);
    CHECK(qaframe::find_invalid_utf8_or_nul(cut) == std::string::npos);
  }
  // An escape is one unit: either all six characters or none.
  const std::string escaped = qr::neutralise_controls(std::string(30, '\x1b'));
  for (double width = 10; width < 300; width += 3) {
    const std::string cut = qr::shorten_to_width(escaped, width, 13.0);
    const std::string body = cut.substr(0, cut.size() - 3);
    CHECK(body.size() % 6 == 0);
  }
  const auto lines = qr::wrap_to_width("Assessment and case history", 80.0, 12.0, 3);
  CHECK(lines == std::vector<std::string>{"Assessment", "and case", "history"});
  const auto two = qr::wrap_to_width("Assessment and case history", 80.0, 12.0, 2);
  REQUIRE(two.size() == 2);
  CHECK(two[1].substr(two[1].size() - 3) == "\u2026");
}

TEST_CASE("svg text: numbers in fixed notation, percentages rounded half up") {
  CHECK(qr::svg_number(12.0) == "12");
  CHECK(qr::svg_number(12.5) == "12.5");
  CHECK(qr::svg_number(12.345678) == "12.35");
  CHECK(qr::svg_number(-0.001) == "0");
  CHECK(qr::svg_number(1e7) == "10000000");
  CHECK(qr::svg_number(kNaN) == "0");
  CHECK(qr::percent_text(0.125) == "13%");  // 12.5 rounds up, as DfE rounds
  CHECK(qr::percent_text(0.285) == "29%");  // 28.499999... in binary: still half up
  CHECK(qr::percent_text(1.0 / 3.0) == "33%");
  CHECK(qr::percent_text(0.0) == "0%");
  CHECK(qr::percent_text(kNaN) == "\u2013");
  CHECK(qr::xml_id("chart 1: grades") == "chart1grades");
  CHECK(qr::xml_id("1st") == "qf-1st");
  CHECK(qr::xml_id("<>") == "qf-chart");
}

TEST_CASE("svg grade bars: segment widths proportional to shares, labels and n") {
  const qr::GradeBars chart = bars("Good");
  const std::string svg = ok(qr::render_svg(chart));
  check_accessible(svg);
  const std::vector<Element> all = parse(svg);
  const std::vector<qr::Rgb> palette = qr::ordinal_palette(4);
  // The segments: rectangles filled with a grade colour, in bar order, worst first.
  std::vector<Element> segments;
  for (const Element& r : only(all, "rect"))
    for (const qr::Rgb& c : palette)
      if (r.attribute("fill") == c.hex() && r.number("height") == 26.0) segments.push_back(r);
  // Bar 1 has four segments, bar 2 three (no Inadequate), bar 3 four.
  REQUIRE(segments.size() == 11);
  const double full = segments[0].number("width") + segments[1].number("width") +
                      segments[2].number("width") + segments[3].number("width");
  CHECK(full > 300.0);
  std::size_t s = 0;
  for (const qr::GradeBar& bar : chart.bars) {
    double left = segments[s].number("x");
    for (std::size_t j = 0; j < 4; ++j) {
      if (bar.shares[j] == 0.0) continue;
      CAPTURE(bar.label);
      CAPTURE(j);
      const Element& seg = segments[s++];
      CHECK(seg.attribute("fill") == palette[j].hex());
      CHECK(std::abs(seg.number("width") - bar.shares[j] * full) <= 1.0);
      CHECK(std::abs(seg.number("x") - left) <= 0.02);  // stacked without gaps
      left += seg.number("width");
    }
  }
  // Percentages on segments wide enough; the 2% segment of Team C has none.
  for (const char* label : {"10%", "25%", "50%", "15%", "13%", "75%", "18%", "60%", "20%"})
    CHECK_MESSAGE(has_text(all, label), label);
  CHECK_FALSE(has_text(all, "2%"));
  CHECK(has_text(all, "n=20"));
  CHECK(has_text(all, "n=8"));
  CHECK(has_text(all, "n=50"));
  CHECK(has_text(all, "Team A"));
  // Every level named in the legend, and the axis in percentages.
  for (const std::string& level : kOfsted) CHECK(has_text(all, level));
  for (const char* tick : {"0%", "25%", "50%", "75%", "100%"}) CHECK(has_text(all, tick));
  CHECK(has_text(all, "Share of graded audits"));
  const std::string desc = only(all, "desc").front().text;
  CHECK(desc.find("Team A (n=20) Inadequate 10%, Requires Improvement 25%, Good 50%, "
                  "Outstanding 15%") != std::string::npos);
  CHECK(only(all, "title").front().text == "Final grades by Good");
}

TEST_CASE("svg grade bars: N/A in grey, a bar without data drawn as a gap with a note") {
  qr::GradeBars chart;
  chart.frame.title = "Grades";
  chart.frame.description = "Given description.";
  chart.levels = {"Inadequate", "Requires Improvement", "Good", "Outstanding", "N/A"};
  chart.last_is_not_applicable = true;
  chart.bars = {{"DTA", 0, {kNaN, kNaN, kNaN, kNaN, kNaN}}, {"Team B", 4, {0, 0, 0.5, 0, 0.5}}};
  const std::string svg = ok(qr::render_svg(chart));
  check_accessible(svg);
  const auto all = parse(svg);
  CHECK(has_text(all, "no data: not drawn"));
  CHECK(only(all, "desc").front().text == "Given description.");
  std::size_t grey = 0;
  for (const Element& r : only(all, "rect"))
    if (r.attribute("fill") == qr::not_applicable_colour().hex()) ++grey;
  CHECK(grey == 2);  // the N/A segment and its legend swatch
  // Nothing drawn for the NaN shares: no 0% segment and no "0%" label on the DTA bar.
  CHECK(svg.find("DTA: ") == std::string::npos);
}

TEST_CASE("svg funnel: limits inside the frame, points by shape, benchmark, labels") {
  const qr::FunnelChart chart = funnel("Team B");
  const std::string svg = ok(qr::render_svg(chart));
  check_accessible(svg);
  const auto all = parse(svg);
  // The plot frame: the unfilled rectangle.
  Element frame;
  for (const Element& r : only(all, "rect"))
    if (r.attribute("fill") == "none") frame = r;
  REQUIRE(!frame.attributes.empty());
  const double x0 = frame.number("x"), y0 = frame.number("y");
  const double x1 = x0 + frame.number("width"), y1 = y0 + frame.number("height");
  // Limits: four runs at least (low and high at two levels), every vertex inside the frame.
  const auto lines = only(all, "polyline");
  CHECK(lines.size() >= 4);
  for (const Element& l : lines) {
    std::string pts = l.attribute("points");
    std::replace(pts.begin(), pts.end(), ',', ' ');
    std::istringstream in(pts);
    double x = 0, y = 0;
    while (in >> x >> y) {
      CHECK(x >= x0 - 0.01);
      CHECK(x <= x1 + 0.01);
      CHECK(y >= y0 - 0.01);
      CHECK(y <= y1 + 0.01);
    }
  }
  // The y axis runs from 40% (floor of 50% - 5%) to 100%; the benchmark line sits at 70%.
  CHECK(has_text(all, "40%"));
  CHECK(has_text(all, "100%"));
  CHECK_FALSE(has_text(all, "30%"));
  const double expected_y = y1 - (0.7 - 0.4) / (1.0 - 0.4) * (y1 - y0);
  bool benchmark = false;
  for (const Element& l : only(all, "line"))
    if (l.attribute("stroke-width") == "2" && std::abs(l.number("y1") - expected_y) < 0.01 &&
        std::abs(l.number("y2") - expected_y) < 0.01)
      benchmark = true;
  CHECK(benchmark);
  // Shapes: a filled up-triangle in the "better" blue above the outer limit, a hollow
  // down-triangle in the "worse" orange below the inner one, a circle within.
  const auto polygons = only(all, "polygon");
  auto count_polygons = [&](const std::string& fill, const std::string& stroke) {
    return std::count_if(polygons.begin(), polygons.end(), [&](const Element& p) {
      return p.attribute("fill") == fill && p.attribute("stroke") == stroke;
    });
  };
  CHECK(count_polygons("#1f5e9c", "#1f1f1f") == 2);  // the point and its legend entry
  CHECK(count_polygons("#ffffff", "#803400") == 2);
  CHECK(only(all, "circle").size() == 2);  // Team C and the legend's "within"
  for (const char* words : {"Above the 99.8% limit", "Below the 95% limit", "Within the limits",
                            "95% limits", "99.8% limits", "Team B 70%"})
    CHECK_MESSAGE(has_text(all, words), words);
  CHECK(has_text(all, "Team A"));
  // The point without a share is not drawn, and said so.
  CHECK(has_text(all, "Not drawn (no share): Team D."));
  CHECK(svg.find("Team D: ") == std::string::npos);
  const std::string desc = only(all, "desc").front().text;
  CHECK(desc.find("above the 99.8% limit: Team A") != std::string::npos);
  CHECK(desc.find("below the 95% limit: Team B") != std::string::npos);
  CHECK(desc.find("1 within the limits") != std::string::npos);
}

TEST_CASE("svg heat map: counts in cells, darkest for the largest, diagonal outlined") {
  const std::string svg = ok(qr::render_svg(heat("Requires Improvement")));
  check_accessible(svg);
  const auto all = parse(svg);
  for (const char* count : {"3", "1", "0", "2", "10", "25"}) CHECK(has_text(all, count));
  std::size_t darkest = 0, lightest = 0, outlined = 0;
  for (const Element& r : only(all, "rect")) {
    if (r.attribute("fill") == qr::sequential_colour(1.0).hex()) ++darkest;
    if (r.attribute("fill") == qr::sequential_colour(0.0).hex()) ++lightest;
    if (r.attribute("fill") == "none" && r.attribute("stroke-width") == "2") ++outlined;
  }
  CHECK(darkest == 1);   // 25
  CHECK(lightest == 2);  // the two zeros
  CHECK(outlined == 3);
  CHECK(has_text(all, "Moderator's grade"));
  CHECK(has_text(all, "Auditor's grade"));
  const std::string desc = only(all, "desc").front().text;
  CHECK(desc.find("Good: Inadequate 0, Requires Improvement 2, Good 25") != std::string::npos);
}

TEST_CASE("svg forest plot: zero line, intervals, values in words, NaN as a note") {
  const std::string svg = ok(qr::render_svg(forest("better")));
  check_accessible(svg);
  const auto all = parse(svg);
  CHECK(has_text(all, "+12 pp (\u22123 to +27), n=93"));
  CHECK(has_text(all, "\u22125 pp (\u221220 to +10)"));
  CHECK(has_text(all, "no estimate: not drawn"));
  CHECK(has_text(all, "\u2190 worse"));
  CHECK(has_text(all, "better \u2192"));
  // The axis is symmetric, ±30 pp (the largest end is 27 pp); zero in the middle.
  CHECK(has_text(all, "\u221230"));
  CHECK(has_text(all, "+30"));
  double left = 0, right = 0, zero = 0;
  for (const Element& t : only(all, "text")) {
    if (t.text == "\u221230") left = t.number("x");
    if (t.text == "+30") right = t.number("x");
    if (t.text == "0") zero = t.number("x");
  }
  CHECK(std::abs(zero - (left + right) / 2.0) < 0.02);
  // The estimate +12 pp sits at 12/60 of the axis right of its left end.
  bool found = false;
  for (const Element& r : only(all, "rect"))
    if (r.attribute("fill") == "#1f5e9c" && r.attribute("stroke") == "#ffffff") {
      const double cx = r.number("x") + r.number("width") / 2.0;
      if (std::abs(cx - (left + (right - left) * 42.0 / 60.0)) < 0.5) found = true;
    }
  CHECK(found);
  // Two markers: the NaN row has none.
  std::size_t markers = 0;
  for (const Element& r : only(all, "rect"))
    if (r.attribute("fill") == "#1f5e9c" && r.attribute("stroke") == "#ffffff") ++markers;
  CHECK(markers == 2);
}

TEST_CASE("svg dot plot: 0-100% axis, estimate positions, reference line") {
  const std::string svg = ok(qr::render_svg(dots("All domains")));
  check_accessible(svg);
  const auto all = parse(svg);
  double x0 = 0, x100 = 0;
  for (const Element& t : only(all, "text")) {
    if (t.text == "0%") x0 = t.number("x");
    if (t.text == "100%") x100 = t.number("x");
  }
  REQUIRE(x100 > x0);
  std::vector<double> cx;
  for (const Element& c : only(all, "circle"))
    if (c.attribute("stroke") == "#ffffff") cx.push_back(c.number("cx"));
  REQUIRE(cx.size() == 2);
  CHECK(cx[0] == doctest::Approx(x0 + 0.5 * (x100 - x0)).epsilon(1e-3));
  CHECK(cx[1] == doctest::Approx(x0 + 0.3 * (x100 - x0)).epsilon(1e-3));
  CHECK(has_text(all, "50% (40% to 60%), n=93"));
  CHECK(has_text(all, "All domains 35%"));
  bool reference = false;
  for (const Element& l : only(all, "line"))
    if (l.attribute("stroke-dasharray") == "5 3" && l.number("x1") == l.number("x2") &&
        std::abs(l.number("x1") - (x0 + 0.35 * (x100 - x0))) < 0.01)
      reference = true;
  CHECK(reference);
}

TEST_CASE("svg trend: a gap at NaN, band, percentage axis, n under the periods") {
  const std::string svg = ok(qr::render_svg(trend("Share Good or better")));
  check_accessible(svg);
  const auto all = parse(svg);
  // The NaN in July splits the line in two and the band in two.
  CHECK(only(all, "polyline").size() == 2);
  CHECK(only(all, "polygon").size() == 2);
  CHECK(has_text(all, "No value (a gap in the line): Jul 2017."));
  for (const char* tick : {"0%", "20%", "40%", "60%", "80%", "100%"}) CHECK(has_text(all, tick));
  CHECK(has_text(all, "n=20"));
  CHECK(has_text(all, "95% interval"));
  // Five markers (one per period with a value), none at July.
  std::size_t markers = 0;
  for (const Element& c : only(all, "circle"))
    if (c.attribute("r") == "4.5") ++markers;
  CHECK(markers == 5);
  const std::string desc = only(all, "desc").front().text;
  CHECK(desc.find("Apr 2017 60%, May 2017 65%") != std::string::npos);
  CHECK(desc.find("Jul 2017 \u2013") != std::string::npos);
  // Error bars instead of a band.
  qr::TrendChart bars_chart = trend("x");
  bars_chart.intervals = qr::IntervalStyle::kErrorBars;
  const auto with_bars = parse(ok(qr::render_svg(bars_chart)));
  CHECK(only(with_bars, "polygon").empty());
  // An interval whose value is missing is not drawn either.
  qr::TrendChart lone = trend("x");
  lone.series[0].low[3] = 0.4;
  lone.series[0].high[3] = 0.8;
  lone.intervals = qr::IntervalStyle::kErrorBars;
  const auto lone_all = parse(ok(qr::render_svg(lone)));
  std::size_t bars_drawn = 0;
  for (const Element& l : only(lone_all, "line"))
    if (l.attribute("stroke-width") == "1.5" && l.number("x1") == l.number("x2")) ++bars_drawn;
  CHECK(bars_drawn == 5 + 1);  // the five periods with a value, and the legend's glyph
}

TEST_CASE("svg status matrix: colour and abbreviation in every cell, legend in words") {
  const qr::StatusMatrix chart = matrix("Children with Disabilities");
  const std::string svg = ok(qr::render_svg(chart));
  check_accessible(svg);
  const auto all = parse(svg);
  const auto styles = qr::triangulation_status_styles();
  // Each cell: a rect in its status colour and its abbreviation.
  for (const auto& row : chart.cells)
    for (const int c : row) {
      if (c < 0) continue;
      const auto& style = styles[static_cast<std::size_t>(c)];
      CHECK(has_text(all, std::string(style.abbreviation)));
      bool filled = false;
      for (const Element& r : only(all, "rect"))
        if (r.attribute("fill") == style.fill.hex() && r.number("height") == 28.0) filled = true;
      CHECK(filled);
    }
  // The legend names every status (the first renamed by the test).
  CHECK(has_text(all, "Children with Disabilities"));
  for (std::size_t i = 1; i < styles.size(); ++i) CHECK(has_text(all, std::string(styles[i].name)));
  CHECK(has_text(all, "no status"));
  CHECK(svg.find("Team A, Planning: Children with Disabilities") != std::string::npos);
}

TEST_CASE("svg: hostile labels are inert in every chart kind") {
  const std::string hostile =
      "<script>alert(1)</script> & \"quoted\" 'single' \u202Egnp.exe\u202C \x1b[31mred\x1b[0m "
      "=HYPERLINK(\"x\") | $x$ _under \xff";
  for (const std::string& svg : every_chart(hostile)) {
    check_accessible(svg);
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("\u202E") == std::string::npos);
    CHECK(svg.find("\x1b") == std::string::npos);
    CHECK(svg.find("\\u202E") != std::string::npos);
    CHECK(svg.find("\\u001B") != std::string::npos);
    CHECK(svg.find("&lt;script&gt;") != std::string::npos);
    CHECK(svg.find("&amp;") != std::string::npos);
    CHECK(svg.find("&quot;quoted&quot;") != std::string::npos);
  }
  // A 6,000-character label: shortened where drawn, whole in a tooltip, in every chart kind.
  const std::string huge = "L" + std::string(5998, 'x') + "R";
  for (const std::string& svg : every_chart(huge)) {
    check_accessible(svg);
    const auto all = parse(svg);
    std::size_t tooltips = 0;
    bool shortened = false;
    for (const Element& e : all) {
      if (e.name == "title" && e.text.find(huge) != std::string::npos) ++tooltips;
      if (e.name == "text" && e.text.find("Lxxx") != std::string::npos) {
        CHECK(e.text.find("\u2026") != std::string::npos);
        CHECK(e.text.size() < 400);
        shortened = true;
      }
    }
    CHECK(tooltips >= 2);  // the chart's title, and the element drawn shortened
    CHECK(shortened);
    // Whole only in the tooltips of shortened elements; marks' tooltips name it shortly.
    CHECK(svg.size() < 60000);
  }
}

TEST_CASE("svg: deterministic, independent of the global locale") {
  const std::vector<std::string> first = every_chart("Team");
  CHECK(first == every_chart("Team"));
  // A global C++ locale that writes numbers with a decimal comma changes nothing.
  struct Comma : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
  };
  const std::locale previous = std::locale::global(std::locale(std::locale::classic(), new Comma));
  const std::vector<std::string> again = every_chart("Team");
  std::locale::global(previous);
  CHECK(first == again);
  // Ids differ between charts, so that several can share one HTML page.
  std::vector<std::string> ids;
  for (const std::string& svg : first) ids.push_back(parse(svg).front().attribute("id"));
  std::sort(ids.begin(), ids.end());
  CHECK(std::unique(ids.begin(), ids.end()) == ids.end());
  qr::GradeBars named = bars("Good");
  named.frame.id = "grades by team!";
  CHECK(parse(ok(qr::render_svg(named))).front().attribute("id") == "gradesbyteam");
}

TEST_CASE("svg: bad data is refused with the chart, the item and the reason") {
  qr::GradeBars b = bars("Good");
  b.bars[1].shares.pop_back();
  auto r = qr::render_svg(b);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() ==
        "chart 'Final grades by Good': bar 2 ('Good') has 3 shares for 4 levels");
  b = bars("Good");
  b.bars[0].shares[2] = 1.5;
  CHECK(qr::render_svg(b).status().message() ==
        "chart 'Final grades by Good': bar 1 ('Team A') has share 1.5 for 'Good', outside [0, 1]");
  b = bars("Good");
  b.bars[0].shares = {0.5, 0.5, 0.5, 0.0};
  CHECK(qr::render_svg(b).status().message().find("add up to 1.5, more than 1") !=
        std::string::npos);
  b = bars("Good");
  b.frame.width = 100;
  CHECK(qr::render_svg(b).status().message() ==
        "chart 'Final grades by Good': width must be 320 to 4000 pixels, got 100");
  qr::FunnelChart f = funnel("B");
  f.curves[0].low.pop_back();
  CHECK(qr::render_svg(f).status().message().find("curve 1 has 60 sizes, 59 lows and 60 highs") !=
        std::string::npos);
  qr::HeatMap h = heat("B");
  h.counts[1][1] = -1;
  CHECK(qr::render_svg(h).status().message().find("row 2, column 2 is -1") != std::string::npos);
  qr::ForestPlot fp = forest("B");
  fp.rows[0].low = 0.5;
  CHECK(qr::render_svg(fp).status().message().find("low 0.5 above high 0.27") != std::string::npos);
  qr::DotPlot d = dots("B");
  d.rows[0].estimate = 1.2;
  CHECK(qr::render_svg(d).status().message() ==
        "chart 'Key messages B': row 1 ('Chronology') has estimate 1.2, outside [0, 1]");
  qr::TrendChart t = trend("B");
  t.series[0].value.pop_back();
  CHECK(qr::render_svg(t).status().message().find("has 5 values for 6 periods") !=
        std::string::npos);
  qr::StatusMatrix m = matrix("B");
  m.cells[0][0] = 9;
  CHECK(qr::render_svg(m).status().message().find("is category 9; there are 9") !=
        std::string::npos);
  CHECK(qr::parse_funnel_signal("above outer").value() == qr::FunnelSignal::kAboveOuter);
  CHECK_FALSE(qr::parse_funnel_signal("outside").ok());
  CHECK(qr::parse_interval_style("error bars").value() == qr::IntervalStyle::kErrorBars);
  CHECK_FALSE(qr::parse_interval_style("whiskers").ok());
}
