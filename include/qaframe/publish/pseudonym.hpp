#pragma once
/// @file pseudonym.hpp
/// Stable pseudonyms for staff names (auditors, moderators) in published reports.
///
/// Scheme: pseudonym = prefix + " " + the first `digits` hexadecimal digits of
/// SipHash-2-4(key, normalised name), where the 128-bit key is the council's own secret, set once
/// in its profile. SipHash is a keyed pseudorandom function (Aumasson and Bernstein 2012,
/// "SipHash: a fast short-input PRF", INDOCRYPT 2012): without the key the pseudonyms cannot be
/// recomputed from a staff list (an unkeyed hash of a name can, by hashing every name on the
/// list), while with the same key the same name gives the same pseudonym in every run and every
/// report, and a colleague's name in one team pack matches the same pseudonym in another.
/// Normalisation: surrounding white space removed, inner runs of white space made one space,
/// ASCII letters lower-cased ("J. Thornton", " j.  thornton" are one person); other characters
/// are kept as they are (no Unicode normalisation).
///
/// Collisions: with d hex digits, two of m distinct names share a code with probability about
/// m(m-1)/2 / 16^d (30 staff, 4 digits: 0.7%). A collision is never resolved silently (that would
/// make a pseudonym depend on who else is in the report): `pseudonymise` returns an error naming
/// the pair, and the council chooses more digits or a new key.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace qaframe {

/// The council's secret 128-bit key for staff pseudonyms.
struct PseudonymKey {
  std::uint64_t k0 = 0;  ///< bytes 0..7 of the key, little-endian (SipHash's k0)
  std::uint64_t k1 = 0;  ///< bytes 8..15 of the key, little-endian (SipHash's k1)

  /// Parses 32 hexadecimal digits (16 bytes in order, as `secrets.token_hex(16)` prints them).
  static absl::StatusOr<PseudonymKey> from_hex(std::string_view hex);

  friend bool operator==(const PseudonymKey&, const PseudonymKey&) = default;
};

/// SipHash-2-4 of `message` under `key` (Aumasson and Bernstein 2012, reference algorithm).
std::uint64_t siphash24(const PseudonymKey& key, std::string_view message);

/// The name as compared: trimmed, inner white space collapsed to one space, ASCII lower case.
std::string normalise_staff_name(std::string_view name);

/// One pseudonym per name, in order: "<prefix> <first `digits` hex digits, upper case>" of
/// siphash24(key, normalise_staff_name(name)); a blank name gives "". `digits` must be 4..16.
/// Two different names with the same pseudonym are InvalidArgument, naming both.
absl::StatusOr<std::vector<std::string>> pseudonymise(std::span<const std::string> names,
                                                      const PseudonymKey& key,
                                                      std::string_view prefix = "Staff",
                                                      int digits = 4);

}  // namespace qaframe
