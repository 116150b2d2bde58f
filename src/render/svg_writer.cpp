#include "qaframe/render/svg_writer.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <system_error>

namespace qaframe::charts {
namespace {

constexpr std::string_view kEllipsis = "\u2026";
constexpr std::string_view kReplacement = "\uFFFD";

// Length (1-4) of the strict UTF-8 character at `i` (no overlong forms, no surrogates, at most
// U+10FFFF) and its code point; 0 when the bytes there are not one.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t min = 0;
  if ((b0 & 0xe0) == 0xc0) {
    len = 2, cp = b0 & 0x1f, min = 0x80;
  } else if ((b0 & 0xf0) == 0xe0) {
    len = 3, cp = b0 & 0x0f, min = 0x800;
  } else if ((b0 & 0xf8) == 0xf0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return len;
}

bool needs_escape(char32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp <= 0x9f) ||
         (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfffe ||
         cp == 0xffff;
}

void append_escape(std::string& out, char32_t cp) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xf];
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// One unit that shortening never cuts: a `\uXXXX` escape, or one valid character (the text is
// neutralised, so it is valid UTF-8). Returns its byte length and its code point (U+005C for
// an escape, whose width is then taken as its six visible characters).
std::size_t unit_at(std::string_view s, std::size_t i, char32_t& cp) {
  if (s[i] == '\\' && i + 6 <= s.size() && s[i + 1] == 'u' && is_hex(s[i + 2]) &&
      is_hex(s[i + 3]) && is_hex(s[i + 4]) && is_hex(s[i + 5])) {
    cp = '\\';
    return 6;
  }
  const std::size_t len = decode_utf8(s, i, cp);
  if (len == 0) {
    cp = 0xfffd;
    return 1;
  }
  return len;
}

// DejaVu Sans advance widths of U+0020..U+007E in thousandths of an em (from the font's hmtx
// table: matplotlib's DejaVuSans.ttf and DejaVuSans-Bold.ttf, 2048 units per em).
constexpr std::array<std::uint16_t, 95> kRegular = {
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361,  318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635,  611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352,  635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,  525, 636, 337, 636, 838};
constexpr std::array<std::uint16_t, 95> kBold = {
    348,  456, 521, 838, 696, 1002, 872, 306,  457, 457, 523, 838, 380, 415,  380, 365,
    696,  696, 696, 696, 696, 696,  696, 696,  696, 696, 400, 400, 838, 838,  838, 580,
    1000, 774, 762, 734, 830, 683,  683, 821,  837, 372, 372, 775, 637, 995,  837, 850,
    733,  850, 770, 720, 682, 812,  774, 1103, 771, 724, 725, 457, 365, 457,  838, 500,
    500,  675, 716, 593, 716, 678,  435, 716,  712, 343, 343, 665, 343, 1042, 712, 687,
    716,  716, 493, 595, 478, 712,  652, 924,  645, 652, 582, 712, 365, 712,  838};

// Width of one character in ems.
double char_em(char32_t cp, bool bold) {
  if (cp >= 0x20 && cp <= 0x7e) return (bold ? kBold : kRegular)[cp - 0x20] / 1000.0;
  if (cp < 0x20) return 0.0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) ||
      (cp >= 0xfe00 && cp <= 0xfe0f))
    return 0.0;  // combining marks, zero-width spaces and joiners, variation selectors
  if (cp == 0x2026) return 1.0;
  if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
      (cp >= 0x20000 && cp <= 0x3fffd))
    return 1.0;  // wide East Asian characters and emoji
  return 0.7;
}

double unit_width(std::string_view unit, char32_t cp, double font_px, bool bold) {
  if (unit.size() == 6 && unit[0] == '\\') return text_width(unit, font_px, bold);
  return char_em(cp, bold) * font_px;
}

}  // namespace

std::string neutralise_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (needs_escape(cp))
      append_escape(out, cp);
    else
      out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

std::string xml_escape(std::string_view text) {
  const std::string clean = neutralise_controls(text);
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
      case '$':  // so that notebook MathJax never typesets a label
        out += "&#36;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string single_line(std::string_view text) {
  std::string flat(text);
  for (char& c : flat)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return neutralise_controls(flat);
}

double text_width(std::string_view text, double font_px, bool bold) {
  double em = 0.0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    em += len == 0 ? 0.7 : char_em(cp, bold);
    i += len == 0 ? 1 : len;
  }
  return em * font_px;
}

std::string shorten_to_width(std::string_view text, double max_px, double font_px, bool bold) {
  if (text_width(text, font_px, bold) <= max_px) return std::string(text);
  const double budget = max_px - text_width(kEllipsis, font_px, bold);
  double used = 0.0;
  std::size_t cut = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = unit_at(text, i, cp);
    const double w = unit_width(text.substr(i, len), cp, font_px, bold);
    if (used + w > budget) break;
    used += w;
    i += len;
    cut = i;
  }
  std::string out(text.substr(0, cut));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += kEllipsis;
  return out;
}

std::vector<std::string> wrap_to_width(std::string_view text, double max_px, double font_px,
                                       std::size_t max_lines, bool bold) {
  std::vector<std::string> lines;
  if (max_lines == 0) return lines;
  std::string line;
  std::size_t i = 0;
  auto flush_rest = [&]() {
    // The last line takes whatever is left, shortened.
    std::string rest = line;
    if (i < text.size()) {
      if (!rest.empty()) rest += ' ';
      rest.append(text.substr(i));
    }
    lines.push_back(shorten_to_width(rest, max_px, font_px, bold));
  };
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size()) break;
    std::size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(i, end - i);
    std::string candidate = line;
    if (!candidate.empty()) candidate += ' ';
    candidate.append(word);
    if (text_width(candidate, font_px, bold) <= max_px) {
      line = candidate;
      i = end;
      continue;
    }
    if (line.empty()) {  // a word longer than the line
      if (lines.size() + 1 == max_lines) break;
      lines.push_back(shorten_to_width(word, max_px, font_px, bold));
      i = end;
      continue;
    }
    if (lines.size() + 1 == max_lines) break;
    lines.push_back(line);
    line.clear();
  }
  if (i < text.size() || !line.empty()) flush_rest();
  return lines;
}

std::string svg_number(double value) {
  if (!std::isfinite(value)) return "0";
  std::array<char, 64> buf{};
  const auto [end, ec] =
      std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::fixed, 2);
  if (ec != std::errc()) return "0";
  std::string out(buf.data(), end);
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  return out;
}

std::string percent_text(double share) {
  if (std::isnan(share)) return "\u2013";
  const double whole = std::floor(share * 100.0 + 0.5 + 1e-9);
  std::array<char, 32> buf{};
  const auto [end, ec] =
      std::to_chars(buf.data(), buf.data() + buf.size(), static_cast<long long>(whole));
  std::string out = ec == std::errc() ? std::string(buf.data(), end) : "?";
  if (out.front() == '-') out.replace(0, 1, "\u2212");
  return out + "%";
}

std::string xml_id(std::string_view text) {
  std::string out;
  for (const char c : text)
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
        c == '-')
      out += c;
  if (out.empty()) return "qf-chart";
  if (!((out[0] >= 'A' && out[0] <= 'Z') || (out[0] >= 'a' && out[0] <= 'z'))) out = "qf-" + out;
  return out;
}

SvgAttribute::SvgAttribute(std::string_view name_, std::string_view value_)
    : name(name_), value(value_) {}
SvgAttribute::SvgAttribute(std::string_view name_, const char* value_)
    : name(name_), value(value_) {}
SvgAttribute::SvgAttribute(std::string_view name_, double value_)
    : name(name_), value(svg_number(value_)) {}

namespace {
bool is_inline(std::string_view tag) {
  return tag == "text" || tag == "tspan" || tag == "title" || tag == "desc";
}
}  // namespace

void SvgWriter::start_tag(std::string_view tag, const SvgAttribute* first, std::size_t count) {
  out_ += '<';
  out_ += tag;
  for (std::size_t k = 0; k < count; ++k) {
    out_ += ' ';
    out_ += first[k].name;
    out_ += "=\"";
    out_ += xml_escape(first[k].value);
    out_ += '"';
  }
}

void SvgWriter::open(std::string_view tag, std::initializer_list<SvgAttribute> attributes) {
  start_tag(tag, attributes.begin(), attributes.size());
  out_ += '>';
  if (!is_inline(tag)) out_ += '\n';
  open_.emplace_back(tag);
}

void SvgWriter::open(std::string_view tag, const std::vector<SvgAttribute>& attributes) {
  start_tag(tag, attributes.data(), attributes.size());
  out_ += '>';
  if (!is_inline(tag)) out_ += '\n';
  open_.emplace_back(tag);
}

void SvgWriter::close() {
  if (open_.empty()) return;
  out_ += "</";
  out_ += open_.back();
  out_ += '>';
  open_.pop_back();
  end_line();
}

void SvgWriter::end_line() {
  if (open_.empty() || !is_inline(open_.back())) out_ += '\n';
}

void SvgWriter::write_empty(std::string_view tag, const SvgAttribute* first, std::size_t count) {
  start_tag(tag, first, count);
  out_ += "/>";
  end_line();
}

void SvgWriter::write_element(std::string_view tag, const SvgAttribute* first, std::size_t count,
                              std::string_view text) {
  start_tag(tag, first, count);
  out_ += '>';
  out_ += xml_escape(text);
  out_ += "</";
  out_ += tag;
  out_ += '>';
  end_line();
}

void SvgWriter::empty(std::string_view tag, std::initializer_list<SvgAttribute> attributes) {
  write_empty(tag, attributes.begin(), attributes.size());
}

void SvgWriter::empty(std::string_view tag, const std::vector<SvgAttribute>& attributes) {
  write_empty(tag, attributes.data(), attributes.size());
}

void SvgWriter::element(std::string_view tag, std::initializer_list<SvgAttribute> attributes,
                        std::string_view text) {
  write_element(tag, attributes.begin(), attributes.size(), text);
}

void SvgWriter::element(std::string_view tag, const std::vector<SvgAttribute>& attributes,
                        std::string_view text) {
  write_element(tag, attributes.data(), attributes.size(), text);
}

void SvgWriter::text(std::string_view text) { out_ += xml_escape(text); }

void SvgWriter::append_markup(std::string_view markup) { out_ += markup; }

std::string SvgWriter::finish() {
  while (!open_.empty()) close();
  return std::move(out_);
}

}  // namespace qaframe::charts
