#pragma once
// Options of the C interface (internal): a small, strict JSON parser (RFC 8259: no comments, no
// trailing commas, no repeated keys, no NaN, UTF-8 checked, nesting at most 16 deep) and the
// typed reading of an options object, where an unknown key or a value of the wrong type is an
// error naming the key. Options are a few keys, so a dependency would buy nothing here.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace qaframe::capi {

struct JsonMember;

/// A JSON value.
struct Json {
  enum class Kind : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  bool integral = false;  ///< a number written without fraction or exponent
  std::string string;
  std::vector<Json> items;          ///< array elements
  std::vector<JsonMember> members;  ///< object members, in order
};

/// A member of a JSON object. (Its own type, not a std::pair: a pair of an incomplete type inside
/// Json's definition is refused by clang with libstdc++.)
struct JsonMember {
  std::string name;  ///< the member's key
  Json value;        ///< its value
};

/// Parses one JSON value (and nothing after it but white space); InvalidArgument with the byte
/// offset and what was expected otherwise.
absl::StatusOr<Json> parse_json(std::string_view text);

/// The members of an options object, read by type.
class Options {
 public:
  /// Parses `text` (NULL: no options) as a JSON object whose keys are all in `accepted`;
  /// InvalidArgument naming an unknown key and the accepted ones otherwise.
  static absl::StatusOr<Options> parse(const char* text, std::vector<std::string> accepted);

  /// A string member.
  absl::StatusOr<std::optional<std::string>> string(std::string_view key);
  /// A string, or an array of strings (a string becomes one item; `split` splits it at commas).
  absl::StatusOr<std::optional<std::vector<std::string>>> strings(std::string_view key,
                                                                  bool split = false);
  /// A number member.
  absl::StatusOr<std::optional<double>> number(std::string_view key);
  /// A whole number in [lo, hi].
  absl::StatusOr<std::optional<std::int64_t>> integer(std::string_view key, std::int64_t lo,
                                                      std::int64_t hi);
  /// An object whose values are strings, as pairs in order.
  absl::StatusOr<std::optional<std::vector<std::pair<std::string, std::string>>>> string_map(
      std::string_view key);
  /// A member as it is (for values of several shapes), or nullptr.
  const Json* raw(std::string_view key);

 private:
  const Json* find(std::string_view key) const;
  Json object_;
};

}  // namespace qaframe::capi
