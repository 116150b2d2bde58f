#include "render/text_escape.hpp"

#include <cmath>

#include "absl/strings/str_format.h"
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
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
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
        out.append(text.substr(i, len));
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
        if (u < 0x20) {
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

std::string html_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (u >= 0x80) {
      const std::size_t len = utf8_sequence_length(text, i);
      if (len == 0) {
        out += "\xEF\xBF\xBD";
        continue;
      }
      const std::string_view ch = text.substr(i, len);
      i += len - 1;
      // C1 controls (U+0080-U+009F); bidi embeddings and overrides (U+202A-U+202E) and
      // isolates (U+2066-U+2069): shown, never obeyed.
      std::uint32_t cp = 0;
      if (len == 2) cp = ((u & 0x1Fu) << 6) | (static_cast<unsigned char>(ch[1]) & 0x3Fu);
      if (len == 3)
        cp = ((u & 0x0Fu) << 12) | ((static_cast<unsigned char>(ch[1]) & 0x3Fu) << 6) |
             (static_cast<unsigned char>(ch[2]) & 0x3Fu);
      if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
          (cp >= 0x2066 && cp <= 0x2069)) {
        out += absl::StrFormat("\\u%04X", cp);
      } else {
        out.append(ch);
      }
      continue;
    }
    switch (text[i]) {
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
      case '\t':
      case '\n':
        out += text[i];
        break;
      default:
        if (u < 0x20 || u == 0x7F) {
          out += absl::StrFormat("\\u%04X", u);
        } else {
          out += text[i];
        }
    }
  }
  return out;
}

}  // namespace qaframe::detail
