#include "report/text_escape.hpp"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe::detail {

std::string markdown_cell(std::string_view text) {
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
      case '$':  // MathJax in Jupyter would typeset $...$
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  // Control and bidi characters as visible escapes, after the Markdown escaping so that their
  // backslash shows as one.
  return neutralise_controls(out);
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      // JSON is UTF-8: a byte that does not start a valid character becomes U+FFFD.
      const std::size_t len = utf8_sequence_length(text, i);
      if (len == 0) {
        out += "\\ufffd";
      } else {
        // C1 controls and bidi overrides are escaped, as C0 controls are: a reader of the JSON
        // decodes them, but the file itself holds none raw.
        const std::string_view ch = text.substr(i, len);
        const std::string shown = neutralise_controls(ch);
        if (shown != ch) {
          out += absl::AsciiStrToLower(sv(shown));
        } else {
          out.append(ch);
        }
        i += len - 1;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20 || u == 0x7F) {
          out += absl::StrFormat("\\u%04x", u);
        } else if (c == '<' || c == '>' || c == '&') {
          // Escaped so that JSON embedded in an HTML page cannot close a script element.
          out += absl::StrFormat("\\u%04x", u);
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string json_number(double value) {
  if (!std::isfinite(value)) return "null";
  return absl::StrFormat("%.12g", value);
}

}  // namespace qaframe::detail
