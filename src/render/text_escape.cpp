#include "render/text_escape.hpp"

#include <cmath>

#include "absl/strings/str_format.h"
#include "qaframe/doc/document.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/render/svg_writer.hpp"

namespace qaframe::detail {

std::string markdown_cell(std::string_view raw) {
  // Controls and bidi overrides first shown as visible escapes, so a label cannot reorder or
  // hide what surrounds it.
  const std::string text = charts::neutralise_controls(raw);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      case '|':
      case '\\':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '#':
      case '~':
      case '!':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string json_string(std::string_view text) { return doc::Data::string(text).to_json(); }

std::string json_number(double value) {
  if (!std::isfinite(value)) return "null";
  return absl::StrFormat("%.12g", value);
}

std::string html_text(std::string_view text) {
  const std::string clean = charts::neutralise_controls(text);
  std::string out;
  out.reserve(clean.size() + clean.size() / 8);
  for (const char c : clean) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '$':
        out += "&#36;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace qaframe::detail
