// The Markdown renderer: headings, paragraphs, lists and pipe tables; figures left out.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/render/render.hpp"
#include "render/text_escape.hpp"

namespace qaframe::doc {
namespace {

// Runs of the same style are set together: "**All, Planning**", not "**All****, ****Planning**".
std::string text(const Text& t) {
  std::string out;
  std::size_t i = 0;
  while (i < t.spans.size()) {
    const Style style = t.spans[i].style;
    std::string run;
    for (; i < t.spans.size() && t.spans[i].style == style; ++i) {
      const Span& s = t.spans[i];
      run += s.from_data ? detail::markdown_cell(s.text) : s.text;
    }
    switch (style) {
      case Style::kPlain:
        out += run;
        break;
      case Style::kStrong:
        out += absl::StrCat("**", run, "**");
        break;
      case Style::kEmphasis:
        out += absl::StrCat("*", run, "*");
        break;
    }
  }
  return out;
}

std::string cell(const Value& v) {
  // Numbers and symbols are the library's own text ("<0.001", "c").
  return v.kind == Value::Kind::kText ? text(v.text) : format_value(v);
}

std::string table(const Table& t) {
  std::string out = "|";
  for (const Column& c : t.columns) out += absl::StrCat(" ", text(c.heading), " |");
  out += "\n|";
  for (const Column& c : t.columns) out += c.type == ColumnType::kNumber ? "---:|" : ":---|";
  out += "\n";
  for (const std::vector<Value>& row : t.rows) {
    out += "|";
    for (const Value& v : row) out += absl::StrCat(" ", cell(v), " |");
    out += "\n";
  }
  return out;
}

// One block, ending with a line end; empty for a figure (Markdown has no charts).
std::string block(const Block& b) {
  if (const auto* p = std::get_if<Paragraph>(&b)) return absl::StrCat(text(p->text), "\n");
  if (const auto* n = std::get_if<Note>(&b)) return absl::StrCat("Note: ", text(n->text), "\n");
  if (const auto* l = std::get_if<List>(&b)) {
    std::string out;
    for (std::size_t i = 0; i < l->items.size(); ++i) {
      out += l->numbered ? absl::StrCat(i + 1, ". ") : std::string("- ");
      out += absl::StrCat(text(l->items[i]), "\n");
    }
    return out;
  }
  if (const auto* t = std::get_if<Table>(&b)) return table(*t);
  return "";
}

// Blocks separated by a blank line.
std::string blocks(const std::vector<Block>& bs) {
  std::string out;
  bool first = true;
  for (const Block& b : bs) {
    std::string s = block(b);
    if (s.empty()) continue;
    if (!first) out += "\n";
    out += s;
    first = false;
  }
  return out;
}

void section(std::string& out, const Section& s, int level) {
  out += absl::StrCat("\n", std::string(static_cast<std::size_t>(level), '#'), " ", text(s.title),
                      "\n\n");
  out += blocks(s.blocks);
  for (const Section& sub : s.subsections) section(out, sub, level + 1);
}

}  // namespace

std::string to_markdown(const Table& t) { return table(t); }

std::string to_markdown(const Section& s, int level) {
  std::string out;
  section(out, s, level);
  return out.substr(1);  // without the blank line that separates it from what comes before
}

std::string to_markdown(const Document& d) {
  std::string out = absl::StrCat("# ", text(d.title), "\n");
  if (!d.preamble.empty()) out += absl::StrCat("\n", blocks(d.preamble));
  for (const Section& s : d.sections) section(out, s, 2);
  return out;
}

}  // namespace qaframe::doc
