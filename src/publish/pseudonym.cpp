#include "qaframe/publish/pseudonym.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace qaframe {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::uint64_t rotl(std::uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

struct SipState {
  std::uint64_t v0, v1, v2, v3;

  void round() {
    v0 += v1;
    v1 = rotl(v1, 13);
    v1 ^= v0;
    v0 = rotl(v0, 32);
    v2 += v3;
    v3 = rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = rotl(v1, 17);
    v1 ^= v2;
    v2 = rotl(v2, 32);
  }
  void absorb(std::uint64_t m) {
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

absl::StatusOr<PseudonymKey> PseudonymKey::from_hex(std::string_view hex) {
  if (hex.size() != 32)
    return absl::InvalidArgumentError(
        absl::StrCat("pseudonym key: expected 32 hexadecimal digits (16 bytes), got ", hex.size(),
                     " characters; generate one with: python3 -c \"import secrets; "
                     "print(secrets.token_hex(16))\""));
  PseudonymKey key;
  for (std::size_t i = 0; i < 16; ++i) {
    const int hi = hex_value(hex[2 * i]);
    const int lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return absl::InvalidArgumentError(absl::StrCat("pseudonym key: character ",
                                                     hi < 0 ? 2 * i + 1 : 2 * i + 2,
                                                     " is not a hexadecimal digit"));
    const auto byte = static_cast<std::uint64_t>(hi * 16 + lo);
    (i < 8 ? key.k0 : key.k1) |= byte << (8 * (i % 8));
  }
  return key;
}

std::uint64_t siphash24(const PseudonymKey& key, std::string_view message) {
  SipState s{key.k0 ^ 0x736f6d6570736575ULL, key.k1 ^ 0x646f72616e646f6dULL,
             key.k0 ^ 0x6c7967656e657261ULL, key.k1 ^ 0x7465646279746573ULL};
  const std::size_t n = message.size();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t m = 0;
    for (std::size_t b = 0; b < 8; ++b)
      m |= static_cast<std::uint64_t>(static_cast<unsigned char>(message[i + b])) << (8 * b);
    s.absorb(m);
  }
  std::uint64_t last = static_cast<std::uint64_t>(n & 0xff) << 56;
  for (std::size_t b = 0; i + b < n; ++b)
    last |= static_cast<std::uint64_t>(static_cast<unsigned char>(message[i + b])) << (8 * b);
  s.absorb(last);
  s.v2 ^= 0xff;
  for (int r = 0; r < 4; ++r) s.round();
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

std::string normalise_staff_name(std::string_view name) {
  std::string out;
  bool pending_space = false;
  for (char c : name) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> pseudonymise(std::span<const std::string> names,
                                                      const PseudonymKey& key,
                                                      std::string_view prefix, int digits) {
  if (digits < 4 || digits > 16)
    return absl::InvalidArgumentError(
        absl::StrCat("pseudonyms: digits ", digits, " must be between 4 and 16"));
  std::vector<std::string> out;
  out.reserve(names.size());
  absl::flat_hash_map<std::string, std::size_t> owner;  // code -> index of the first name
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string normal = normalise_staff_name(names[i]);
    if (normal.empty()) {
      out.emplace_back();
      continue;
    }
    const std::string code = absl::StrFormat("%016X", siphash24(key, normal))
                                 .substr(0, static_cast<std::size_t>(digits));
    auto [it, inserted] = owner.try_emplace(code, i);
    if (!inserted && normalise_staff_name(names[it->second]) != normal)
      return absl::InvalidArgumentError(absl::StrCat(
          "pseudonyms: \"", names[it->second], "\" and \"", names[i], "\" share the code ", code,
          " under this key; use more digits or a new key"));
    out.push_back(prefix.empty() ? code : absl::StrCat(std::string(prefix), " ", code));
  }
  return out;
}

}  // namespace qaframe
