#pragma once
// The report's sections on moderation, practice domains, period comparisons and trends, as
// Markdown for people and JSON for machines. Rendering only: every figure comes from the core.

#include <string>
#include <string_view>
#include <vector>

#include "qaframe/analysis/comparison.hpp"
#include "qaframe/analysis/domains.hpp"
#include "qaframe/analysis/moderation.hpp"

namespace qaframe::detail {

/// A share as a whole percentage, "62%"; "-" for NaN.
std::string percent(double share);
/// An interval of shares, "45-77%"; "-" for NaN limits.
std::string percent_interval(double low, double high);
/// A p-value for people: "<0.001" or three decimals; "-" for NaN.
std::string format_p(double p);

/// The moderation section (Markdown, from the "## Moderation" heading).
std::string moderation_markdown(const ModerationSummary& m);
/// The moderation summary as a JSON object.
std::string moderation_json(const ModerationSummary& m);
/// The key-messages section (Markdown).
std::string key_messages_markdown(const std::vector<KeyMessage>& messages, double level);
/// The key messages as a JSON array.
std::string key_messages_json(const std::vector<KeyMessage>& messages);
/// The comparison section (Markdown) under `title`.
std::string comparison_markdown(const Comparison& c, std::string_view title);
/// A comparison as a JSON object.
std::string comparison_json(const Comparison& c);
/// The trend section (Markdown) under `title`.
std::string trend_markdown(const Trend& t, std::string_view title);
/// A trend as a JSON object.
std::string trend_json(const Trend& t);

}  // namespace qaframe::detail
