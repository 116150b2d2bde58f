#pragma once
/// @file rounding.hpp
/// Publication rounding as the Department for Education does it: percentages as whole numbers
/// rounded half up (not to even), rates computed from unrounded counts, exact integer arithmetic
/// (a share of 5 in 200 is exactly 2.5% and rounds to 3, never to the 2 that a binary 0.0249999...
/// or banker's rounding gives), and the GSS symbols for what is not shown: `c` when the count or
/// its denominator is suppressed, `z` when there is no denominator, `low` when a non-zero value
/// rounds to zero. Published percentages need not add to 100.
///
/// Reference: DfE, "Standards for official statistics published by DfE" (rounding: "round half
/// up", percentages to whole numbers unless stated); GSS Analysis Function, "Symbols in tables,
/// definitions and help" (2023).

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "qaframe/publish/disclosure.hpp"

namespace qaframe {

/// numerator / denominator x scale, rounded to the nearest integer with halves up:
/// floor((2 x numerator x scale + denominator) / (2 x denominator)), in 128-bit integers.
/// Needs numerator >= 0, denominator > 0, scale >= 1 and a result that fits in 64 bits;
/// otherwise InvalidArgument.
absl::StatusOr<std::int64_t> round_half_up(std::int64_t numerator, std::int64_t denominator,
                                           std::int64_t scale = 1);

/// The percentage 100 x count / n as a whole number, halves up (1/8 -> 13, 5/200 -> 3,
/// 1/3 -> 33). Needs count >= 0 and n > 0.
absl::StatusOr<std::int64_t> percent_half_up(std::int64_t count, std::int64_t n);

/// What a table shows for the rate `per` x count / n (per 100 for a percentage, per 10,000
/// children ...) with `decimals` decimal places (0..6), halves up, from the unrounded counts:
/// "c" when the count or its denominator is suppressed (it could otherwise be recovered from the
/// rate), "z" when n is 0 (no denominator), "low" when a non-zero count rounds to 0, else the
/// digits ("13", "2.5"). Errors: a negative count or n, per < 1, decimals outside 0..6.
absl::StatusOr<std::string> published_rate(std::int64_t count, std::int64_t n, std::int64_t per,
                                           int decimals = 0, bool count_suppressed = false,
                                           bool n_suppressed = false);

/// `published_rate` per 100: the published percentage (without the % sign).
absl::StatusOr<std::string> published_percent(std::int64_t count, std::int64_t n, int decimals = 0,
                                              bool count_suppressed = false,
                                              bool n_suppressed = false);

/// The published percentage of two entries of a suppressed table: suppressed when either is.
absl::StatusOr<std::string> published_percent(const PublishedEntry& count, const PublishedEntry& n,
                                              int decimals = 0);

}  // namespace qaframe
