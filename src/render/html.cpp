// The HTML renderer: one self-contained, accessible HTML5 file (inline CSS and SVG, nothing
// fetched, no script), with print styles so that printing to A4 gives a clean PDF.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/model/text.hpp"
#include "qaframe/render/render.hpp"
#include "qaframe/version.hpp"
#include "render/text_escape.hpp"

namespace qaframe::doc {
namespace {

using detail::html_text;

// Contrast: text #0b0c0c and links #1d70b8 on white are 19.0:1 and 5.2:1; muted text #505a5f
// is 7.0:1; every colour pair here is above WCAG AA's 4.5:1.
constexpr std::string_view kStyle = R"(
:root { color-scheme: light; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.45;
  color: #0b0c0c; background: #ffffff; margin: 0 auto; max-width: 62rem; padding: 1rem 1.5rem; }
h1 { font-size: 2rem; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.5rem; margin: 2rem 0 0.75rem; border-top: 2px solid #0b0c0c; padding-top: 0.5rem; }
h3 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
a { color: #1d70b8; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0 1rem; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
.missing { color: #505a5f; font-style: italic; }
nav ol { columns: 2; }
table { border-collapse: collapse; margin: 0.75rem 0 1rem; font-size: 0.95rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.3rem 0.6rem; vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; text-align: left; }
thead th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody th { text-align: left; font-weight: normal; }
tfoot th { text-align: left; }
tfoot th, tfoot td { font-weight: bold; border-top: 2px solid #0b0c0c; }
.table-wrap { overflow-x: auto; }
figure { margin: 1rem 0 1.5rem; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-weight: bold; margin: 0.25rem 0; }
details summary { cursor: pointer; color: #1d70b8; }
.note { border-left: 4px solid #1d70b8; padding: 0.25rem 0.75rem; background: #f3f2f1; }
footer { margin-top: 3rem; color: #505a5f; font-size: 0.9rem; border-top: 1px solid #b1b4b6; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  h2 { break-before: auto; break-after: avoid; }
  h3 { break-after: avoid; }
  table, figure { break-inside: avoid; }
  a { color: #0b0c0c; text-decoration: none; }
  details::details-content { content-visibility: visible; display: contents; }
  details summary { display: none; }
}
)";

std::string span_html(const Span& s) {
  const std::string t = html_text(s.text);
  switch (s.style) {
    case Style::kStrong:
      return absl::StrCat("<strong>", t, "</strong>");
    case Style::kEmphasis:
      return absl::StrCat("<em>", t, "</em>");
    case Style::kPlain:
      break;
  }
  return t;
}

std::string text(const Text& t) {
  std::string out;
  for (const Span& s : t.spans) out += span_html(s);
  return out;
}

std::string value(const Value& v) {
  if (v.kind == Value::Kind::kText) return text(v.text);
  if (v.kind == Value::Kind::kSymbol) {
    // The symbol with its reason as an abbreviation, read out by screen readers.
    return absl::StrCat("<abbr title=\"", html_text(v.text.plain()), "\">", html_text(v.symbol),
                        "</abbr>");
  }
  return html_text(format_value(v));
}

std::string table(const Table& t) {
  std::string out = "<div class=\"table-wrap\"><table";
  if (!t.id.empty()) out += absl::StrCat(" id=\"", html_text(t.id), "\"");
  out += ">";
  if (!t.caption.empty()) out += absl::StrCat("<caption>", text(t.caption), "</caption>");
  out += "<thead><tr>";
  for (const Column& c : t.columns) {
    out +=
        c.type == ColumnType::kNumber ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">";
    out += absl::StrCat(text(c.heading), "</th>");
  }
  out += "</tr></thead>";
  const std::size_t body_rows =
      t.rows.size() - std::min<std::size_t>(t.rows.size(), static_cast<std::size_t>(t.total_rows));
  auto row = [&](const std::vector<Value>& r) {
    out += "<tr>";
    for (std::size_t i = 0; i < r.size() && i < t.columns.size(); ++i) {
      const bool header = i == 0 && t.columns[0].type == ColumnType::kLabel;
      const bool num = t.columns[i].type == ColumnType::kNumber;
      out += header ? "<th scope=\"row\">" : num ? "<td class=\"num\">" : "<td>";
      out += value(r[i]);
      out += header ? "</th>" : "</td>";
    }
    out += "</tr>";
  };
  out += "<tbody>";
  for (std::size_t i = 0; i < body_rows; ++i) row(t.rows[i]);
  out += "</tbody>";
  if (body_rows < t.rows.size()) {
    out += "<tfoot>";
    for (std::size_t i = body_rows; i < t.rows.size(); ++i) row(t.rows[i]);
    out += "</tfoot>";
  }
  out += "</table></div>\n";
  return out;
}

std::string figure(const Figure& f) {
  const std::string id = f.id.empty() ? std::string("figure") : f.id;
  std::string out = absl::StrCat("<figure id=\"", html_text(id), "\">");
  out += f.svg;
  out += absl::StrCat("<figcaption>", html_text(f.title), "</figcaption>");
  if (!f.table.columns.empty()) {
    out += absl::StrCat("<details><summary>The numbers in this chart</summary>", table(f.table),
                        "</details>");
  } else if (!f.table_ref.empty()) {
    out += absl::StrCat("<p class=\"figure-data\">The numbers in this chart are in <a href=\"#",
                        html_text(f.table_ref), "\">the table</a> of this section.</p>");
  }
  out += "</figure>\n";
  return out;
}

std::string block(const Block& b) {
  if (const auto* p = std::get_if<Paragraph>(&b))
    return absl::StrCat("<p>", text(p->text), "</p>\n");
  if (const auto* n = std::get_if<Note>(&b))
    return absl::StrCat("<p class=\"note\"><strong>Note:</strong> ", text(n->text), "</p>\n");
  if (const auto* l = std::get_if<List>(&b)) {
    std::string out = l->numbered ? "<ol>" : "<ul>";
    for (const Text& item : l->items) out += absl::StrCat("<li>", text(item), "</li>");
    out += l->numbered ? "</ol>\n" : "</ul>\n";
    return out;
  }
  if (const auto* t = std::get_if<Table>(&b)) return table(*t);
  if (const auto* f = std::get_if<Figure>(&b)) return figure(*f);
  return "";
}

void section(std::string& out, const Section& s, int level) {
  const std::string h = absl::StrCat("h", std::to_string(level));
  const std::string id = html_text(s.id);
  out += "<section";
  if (!s.id.empty()) out += absl::StrCat(" id=\"", id, "\" aria-labelledby=\"", id, "-heading\"");
  out += absl::StrCat(">\n<", h, s.id.empty() ? "" : absl::StrCat(" id=\"", id, "-heading\""), ">",
                      text(s.title), "</", h, ">\n");
  for (const Block& b : s.blocks) out += block(b);
  for (const Section& sub : s.subsections) section(out, sub, level + 1);
  out += "</section>\n";
}

void meta_row(std::string& out, std::string_view name, const std::string& value,
              std::string_view missing) {
  out += absl::StrCat("<dt>", std::string(name), "</dt><dd>");
  out += value.empty() ? absl::StrCat("<span class=\"missing\">", sv(missing), "</span>")
                       : html_text(value);
  out += "</dd>";
}

}  // namespace

std::string to_html(const Document& d) {
  const Metadata& m = d.meta;
  std::string out =
      absl::StrCat("<!DOCTYPE html>\n<html lang=\"", html_text(m.language), "\">\n<head>\n");
  out += "<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out +=
      absl::StrCat("<meta name=\"generator\" content=\"qaframe ", std::string(kVersion), "\">\n");
  out +=
      absl::StrCat("<title>", html_text(m.title.empty() ? d.title.plain() : m.title), "</title>\n");
  out += absl::StrCat("<style>", std::string(kStyle), "</style>\n</head>\n");
  // MathJax in notebooks would read "$...$" in labels as mathematics: both versions' opt-out.
  out += absl::StrCat("<body class=\"tex2jax_ignore mathjax_ignore\">\n<header>\n<h1>",
                      text(d.title), "</h1>\n<dl class=\"meta\">");
  meta_row(out, "Organisation", m.organisation, "not given");
  meta_row(out, "Period covered", m.period, "not given");
  meta_row(out, "Produced", m.produced, "not given");
  meta_row(out, "Author", m.author, "not given");
  meta_row(out, "Data", m.source, "not named");
  out += "</dl>\n</header>\n<main>\n";
  for (const Block& b : d.preamble) out += block(b);
  if (d.sections.size() > 1) {
    out += "<nav aria-label=\"Contents\"><h2>Contents</h2><ol>";
    for (const Section& s : d.sections) {
      if (s.id.empty()) continue;
      out += absl::StrCat("<li><a href=\"#", html_text(s.id), "\">", text(s.title), "</a></li>");
    }
    out += "</ol></nav>\n";
  }
  for (const Section& s : d.sections) section(out, s, 2);
  out += absl::StrCat(
      "</main>\n<footer><p>Produced with qaframe ", std::string(kVersion),
      ". Grades, shares and intervals are computed from the audit records; see the notes "
      "in each section for what was left out and why.</p></footer>\n</body>\n</html>\n");
  return out;
}

}  // namespace qaframe::doc
