#include "qaframe/publish/rounding.hpp"

#include <cstdint>
#include <limits>
#include <string>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace qaframe {

absl::StatusOr<std::int64_t> round_half_up(std::int64_t numerator, std::int64_t denominator,
                                           std::int64_t scale) {
  if (numerator < 0)
    return absl::InvalidArgumentError(absl::StrCat("count ", numerator, " is negative"));
  if (denominator <= 0)
    return absl::InvalidArgumentError(
        absl::StrCat("denominator ", denominator, " must be positive"));
  if (scale < 1) return absl::InvalidArgumentError(absl::StrCat("scale ", scale, " must be >= 1"));
  // Both factors are below 2^63, so 2 x scaled + denominator stays below 2^127: no overflow.
  const absl::int128 scaled = absl::int128(numerator) * absl::int128(scale);
  const absl::int128 twice_den = absl::int128(denominator) * 2;
  const absl::int128 result = (scaled * 2 + absl::int128(denominator)) / twice_den;
  if (result > absl::int128(std::numeric_limits<std::int64_t>::max()))
    return absl::InvalidArgumentError(
        absl::StrCat(numerator, " / ", denominator, " x ", scale, " does not fit in 64 bits"));
  return static_cast<std::int64_t>(result);
}

absl::StatusOr<std::int64_t> percent_half_up(std::int64_t count, std::int64_t n) {
  return round_half_up(count, n, 100);
}

absl::StatusOr<std::string> published_rate(std::int64_t count, std::int64_t n, std::int64_t per,
                                           int decimals, bool count_suppressed, bool n_suppressed) {
  if (count < 0) return absl::InvalidArgumentError(absl::StrCat("count ", count, " is negative"));
  if (n < 0) return absl::InvalidArgumentError(absl::StrCat("denominator ", n, " is negative"));
  if (per < 1) return absl::InvalidArgumentError(absl::StrCat("per ", per, " must be >= 1"));
  if (decimals < 0 || decimals > 6)
    return absl::InvalidArgumentError(absl::StrCat("decimals ", decimals, " must be 0..6"));
  if (count_suppressed || n_suppressed) return std::string(gss_symbol(GssSymbol::kSuppressed));
  if (n == 0) return std::string(gss_symbol(GssSymbol::kNotApplicable));
  std::int64_t unit = 1;
  for (int i = 0; i < decimals; ++i) unit *= 10;
  if (per > std::numeric_limits<std::int64_t>::max() / unit)
    return absl::InvalidArgumentError(absl::StrCat("per ", per, " is too large"));
  auto rounded = round_half_up(count, n, per * unit);
  if (!rounded.ok()) return rounded.status();
  if (*rounded == 0 && count > 0) return std::string(gss_symbol(GssSymbol::kLow));
  if (decimals == 0) return absl::StrCat(*rounded);
  std::string fraction = absl::StrCat(*rounded % unit);
  fraction.insert(0, static_cast<std::size_t>(decimals) - fraction.size(), '0');
  return absl::StrCat(*rounded / unit, ".", fraction);
}

absl::StatusOr<std::string> published_percent(std::int64_t count, std::int64_t n, int decimals,
                                              bool count_suppressed, bool n_suppressed) {
  return published_rate(count, n, 100, decimals, count_suppressed, n_suppressed);
}

absl::StatusOr<std::string> published_percent(const PublishedEntry& count, const PublishedEntry& n,
                                              int decimals) {
  return published_rate(count.value, n.value, 100, decimals, count.suppressed(), n.suppressed());
}

}  // namespace qaframe
