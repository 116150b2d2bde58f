// The document model and its three renderers: the same document, each format's rules.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "qaframe/doc/document.hpp"
#include "qaframe/render/render.hpp"

namespace {

using qaframe::doc::Column;
using qaframe::doc::ColumnType;
using qaframe::doc::Data;
using qaframe::doc::Document;
using qaframe::doc::Section;
using qaframe::doc::Style;
using qaframe::doc::Table;
using qaframe::doc::Value;

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

Document small_document() {
  Document d;
  d.title = qaframe::doc::words("Report: ").data("a|b");
  d.meta.organisation = "Anyshire";
  d.preamble.push_back(qaframe::doc::Paragraph{qaframe::doc::words("Intro.")});
  Section s;
  s.id = "tables";
  s.title = qaframe::doc::words("Grades by ").data("team_x");
  Table t;
  t.id = "t1";
  t.caption = qaframe::doc::words("Caption");
  t.columns = {{qaframe::doc::words("Team"), ColumnType::kLabel},
               {qaframe::doc::words("n"), ColumnType::kNumber},
               {qaframe::doc::words("Share"), ColumnType::kNumber}};
  t.rows = {{Value::label("<b>A</b>"), Value::count_of(12), Value::share_of(14, 38)},
            {Value::label("Total"), Value::count_of(3), Value::symbol_for("c", "suppressed")}};
  t.total_rows = 1;
  s.blocks.push_back(t);
  qaframe::doc::List kloes;
  kloes.numbered = true;
  kloes.items.push_back(qaframe::doc::data("All", Style::kStrong)
                            .words(", ", Style::kStrong)
                            .data("Planning", Style::kStrong)
                            .words(" (x). ")
                            .data("why?", Style::kEmphasis));
  s.blocks.push_back(kloes);
  d.sections.push_back(s);
  d.data = Data::object().set("n", Data::integer(3)).set("share", Data::number(NAN));
  return d;
}

}  // namespace

TEST_CASE("doc: values format alike for every renderer") {
  using qaframe::doc::format_value;
  CHECK(format_value(Value::share(0.576)) == "58%");
  CHECK(format_value(Value::percent_of(29, 200)) == "15%");  // exact halves up: 14.5 -> 15
  CHECK(format_value(Value::percent_of(1, 0)) == "-");
  CHECK(format_value(Value::share_of(14, 38)) == "37% (14/38)");
  CHECK(format_value(Value::share_of(0, 0)) == "- (n 0)");
  CHECK(format_value(Value::share_interval(0.47, 0.676)) == "47-68%");
  CHECK(format_value(Value::number(0.6249)) == "0.62");
  CHECK(format_value(Value::interval(0.52, 0.734)) == "0.52 to 0.73");
  CHECK(format_value(Value::pvalue(0.0004)) == "<0.001");
  CHECK(format_value(Value::pvalue(0.0921)) == "0.092");
  CHECK(format_value(Value::points(0.189)) == "+19 pts");
  CHECK(format_value(Value::points(-0.03)) == "-3 pts");
  CHECK(format_value(Value::points_interval(-0.03, 0.38)) == "-3 to 38 pts");
  CHECK(format_value(Value::share(NAN)) == "-");
  CHECK(format_value(Value::symbol_for("c", "suppressed")) == "c");
}

TEST_CASE("doc: data is one line of JSON, in insertion order, escaped for HTML") {
  Data d = Data::object()
               .set("b", Data::integer(1))
               .set("a", Data::strings({"x\"<y>", "\u202e"}))
               .set("nan", Data::number(NAN))
               .set("z", Data());
  d.set("b", Data::boolean(true));  // a repeated name replaces in place
  CHECK(
      d.to_json() ==
      "{\"b\": true, \"a\": [\"x\\\"\\u003cy\\u003e\", \"\\u202e\"], \"nan\": null, \"z\": null}");
  CHECK(Data::number(0.296610169491525).to_json() == "0.296610169492");
  CHECK(Data::string("bad \xE9 byte").to_json() == "\"bad \\ufffd byte\"");
}

TEST_CASE("doc: Markdown escapes the data, keeps the library's words, joins styled runs") {
  const std::string md = qaframe::doc::to_markdown(small_document());
  CHECK(md.rfind("# Report: a\\|b\n\nIntro.\n\n## Grades by team\\_x\n\n", 0) == 0);
  CHECK(contains(md, "| Team | n | Share |\n|:---|---:|---:|\n"));
  CHECK(contains(md, "| &lt;b&gt;A&lt;/b&gt; | 12 | 37% (14/38) |\n| Total | 3 | c |\n"));
  CHECK(contains(md, "1. **All, Planning** (x). *why?*\n"));
}

TEST_CASE("doc: HTML is one accessible page; JSON is the data") {
  const Document d = small_document();
  const std::string html = qaframe::doc::to_html(d);
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en-GB\">", 0) == 0);
  CHECK(contains(html, "<h1>Report: a|b</h1>"));
  CHECK(contains(html, "<dt>Organisation</dt><dd>Anyshire</dd>"));
  CHECK(contains(html, "<dt>Author</dt><dd><span class=\"missing\">not given</span></dd>"));
  CHECK(contains(html, "<caption>Caption</caption><thead><tr><th scope=\"col\">Team</th>"));
  CHECK(contains(html,
                 "<tbody><tr><th scope=\"row\">&lt;b&gt;A&lt;/b&gt;</th><td class=\"num\">"
                 "12</td>"));
  CHECK(contains(html, "<tfoot><tr><th scope=\"row\">Total</th>"));
  CHECK(contains(html, "<abbr title=\"suppressed\">c</abbr>"));
  CHECK(contains(html, "<ol><li><strong>All</strong><strong>, </strong><strong>Planning"));
  CHECK(contains(html, "<section id=\"tables\" aria-labelledby=\"tables-heading\">"));
  CHECK_FALSE(contains(html, "<script"));
  CHECK(qaframe::doc::to_json(d) == "{\"n\": 3, \"share\": null}\n");
}

TEST_CASE("doc: HTML text shows controls and bidi overrides, never obeys them") {
  Document d;
  d.title = qaframe::doc::data("a\x1b[31m \u202e b $x$ & \"q\"");
  const std::string html = qaframe::doc::to_html(d);
  CHECK(contains(html, "<h1>a\\u001B[31m \\u202E b &#36;x&#36; &amp; &quot;q&quot;</h1>"));
}

TEST_CASE("doc: published data holds what the document shows, and no more") {
  const Data p = qaframe::doc::published_data(small_document());
  const std::string json = p.to_json();
  CHECK(contains(json, "\"published\": true"));
  CHECK(contains(json, "[\"\\u003cb\\u003eA\\u003c/b\\u003e\", 12, {\"count\": 14, \"n\": 38"));
  CHECK(contains(json, "{\"symbol\": \"c\", \"reason\": \"suppressed\"}"));
  CHECK_FALSE(contains(json, "\"share\""));  // the analyses' own data is not in it
}
