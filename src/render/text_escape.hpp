#pragma once
// Escaping of text from the data for each output format (internal to the compiled library).
#include <string>
#include <string_view>

namespace qaframe::detail {

/// Text for a Markdown table cell: Markdown and HTML specials escaped, line breaks as spaces.
std::string markdown_cell(std::string_view text);
/// A JSON string literal, quotes included; always valid UTF-8 (a stray byte becomes U+FFFD).
std::string json_string(std::string_view text);
/// Text for HTML (element content or a quoted attribute): &, <, >, " and ' as references, $ as
/// &#36; (so that notebook MathJax does not typeset it); C0 controls but tab and line feed,
/// DEL, C1 controls and bidirectional overrides and isolates as visible escapes ("\u202E");
/// bytes that are not UTF-8 as U+FFFD.
std::string html_text(std::string_view text);
/// A JSON number, or null for NaN and infinities.
std::string json_number(double value);

}  // namespace qaframe::detail
