#pragma once
// Escaping of text from the data for each output format (internal to the compiled library).
#include <string>
#include <string_view>

namespace qaframe::detail {

/// Text for a Markdown table cell: Markdown and HTML specials escaped, line breaks as spaces.
std::string markdown_cell(std::string_view text);
/// A JSON string literal, quotes included; always valid UTF-8 (a stray byte becomes U+FFFD).
std::string json_string(std::string_view text);
/// A JSON number, or null for NaN and infinities.
std::string json_number(double value);

}  // namespace qaframe::detail
