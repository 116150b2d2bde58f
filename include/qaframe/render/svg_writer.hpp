#pragma once
/// @file svg_writer.hpp
/// Text from the data made safe for XML and SVG, and a small element builder that writes
/// deterministic SVG: fixed number formatting (std::to_chars, never the locale), attributes
/// and text always escaped, every opened element closed.
///
/// Labels from the data are untrusted. They pass through `neutralise_controls` (control and
/// bidirectional-formatting characters become visible escapes), `xml_escape` (the five XML
/// specials) and, where space is short, `shorten_to_width` (cut at a character boundary with
/// an ellipsis; the chart keeps the full text in a <title> tooltip).

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace qaframe::charts {

/// `text` with each character that could hide, reorder or corrupt what is displayed written as
/// a visible escape `\uXXXX` (upper-case hex): C0 controls except tab and line feed, DEL, C1
/// controls, the bidirectional embeddings and overrides U+202A-U+202E and isolates
/// U+2066-U+2069, and the XML non-characters U+FFFE and U+FFFF. A byte that is not valid UTF-8
/// becomes U+FFFD. The result is valid UTF-8 that XML 1.0 accepts.
std::string neutralise_controls(std::string_view text);

/// `text` neutralised, then with & < > " ' as entities: safe as XML text and attribute value.
std::string xml_escape(std::string_view text);

/// `text` on one line: tab, line feed and carriage return as spaces, then neutralised.
std::string single_line(std::string_view text);

/// The estimated advance width in pixels of UTF-8 `text` at `font_px` in DejaVu Sans (the
/// widest of the usual sans-serif faces, so text that fits here fits in Arial or Helvetica
/// too): per-character widths for ASCII, 1 em for wide East Asian characters, 0 for combining
/// marks and zero-width characters, 0.7 em otherwise.
double text_width(std::string_view text, double font_px, bool bold = false);

/// `text` cut at a character boundary, with "…", so that it fits in `max_px` at `font_px`;
/// `text` itself when it fits. Never cuts inside a `\uXXXX` escape of neutralise_controls.
std::string shorten_to_width(std::string_view text, double max_px, double font_px,
                             bool bold = false);

/// `text` broken at spaces into at most `max_lines` lines of at most `max_px`; a word longer
/// than a line, or text beyond the last line, is shortened with "…".
std::vector<std::string> wrap_to_width(std::string_view text, double max_px, double font_px,
                                       std::size_t max_lines, bool bold = false);

/// A coordinate or length for SVG: fixed-point with at most two decimals, trailing zeros
/// dropped, "-0" written as "0", non-finite values as "0". Independent of the locale.
std::string svg_number(double value);

/// A share in [0, 1] as a whole percentage, halves rounded up as DfE rounds ("12%"); "–" for
/// NaN. A tolerance of 1e-9 keeps 0.125 → 13% although 12.5 is not exact in binary.
std::string percent_text(double share);

/// An XML id: the characters of `text` outside [A-Za-z0-9_-] dropped, prefixed with "qf-"
/// unless it starts with a letter; "qf-chart" when nothing is left.
std::string xml_id(std::string_view text);

/// One attribute of an element: its name and the value, escaped when written.
struct SvgAttribute {
  /// A text value (escaped on output).
  SvgAttribute(std::string_view name_, std::string_view value_);
  /// A text value (escaped on output).
  SvgAttribute(std::string_view name_, const char* value_);
  /// A number, formatted by svg_number.
  SvgAttribute(std::string_view name_, double value_);
  std::string_view name;  ///< attribute name (a literal of the chart code, never data)
  std::string value;      ///< the value as written before escaping
};

/// Builds an SVG (or any XML) document as text. Element names and attribute names come from
/// the chart code; every attribute value and text is escaped.
class SvgWriter {
 public:
  /// Opens `<tag attrs...>`; close() ends it.
  void open(std::string_view tag, std::initializer_list<SvgAttribute> attributes = {});
  /// Like open() with the attributes in a vector (for attributes chosen at run time).
  void open(std::string_view tag, const std::vector<SvgAttribute>& attributes);
  /// Closes the element opened last.
  void close();
  /// `<tag attrs.../>`.
  void empty(std::string_view tag, std::initializer_list<SvgAttribute> attributes);
  /// `<tag attrs...>text</tag>` with `text` escaped.
  void element(std::string_view tag, std::initializer_list<SvgAttribute> attributes,
               std::string_view text);
  /// Like element() with the attributes in a vector (for attributes chosen at run time).
  void element(std::string_view tag, const std::vector<SvgAttribute>& attributes,
               std::string_view text);
  /// Like empty() with the attributes in a vector.
  void empty(std::string_view tag, const std::vector<SvgAttribute>& attributes);
  /// Escaped text inside the open element.
  void text(std::string_view text);
  /// Markup finished by another SvgWriter, inserted as it is (never text from the data).
  void append_markup(std::string_view markup);
  /// The document, every open element closed.
  std::string finish();

 private:
  void start_tag(std::string_view tag, const SvgAttribute* first, std::size_t count);
  void write_empty(std::string_view tag, const SvgAttribute* first, std::size_t count);
  void write_element(std::string_view tag, const SvgAttribute* first, std::size_t count,
                     std::string_view text);
  void end_line();
  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace qaframe::charts
