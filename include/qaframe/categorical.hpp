#pragma once
/// @file categorical.hpp
/// Dictionary-encoded text columns: each row holds a 32-bit code into a shared list of levels.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace qaframe {

/// A dictionary-encoded column. Levels are kept in order of first appearance; the empty string
/// is an ordinary level meaning "missing" in an optional column. Levels are shared between a set
/// and its subsets, so filtering copies only codes.
class Categorical {
 public:
  /// An empty column with no levels.
  Categorical() : levels_(std::make_shared<std::vector<std::string>>()) {}
  /// A column from levels and codes (each code must index a level).
  Categorical(std::shared_ptr<const std::vector<std::string>> levels,
              std::vector<std::uint32_t> codes)
      : levels_(std::move(levels)), codes_(std::move(codes)) {}

  /// Number of rows.
  std::size_t size() const { return codes_.size(); }
  /// Levels, in order of first appearance in the data they were read from.
  const std::vector<std::string>& levels() const { return *levels_; }
  /// The shared level list.
  const std::shared_ptr<const std::vector<std::string>>& shared_levels() const { return levels_; }
  /// Codes, one per row.
  const std::vector<std::uint32_t>& codes() const { return codes_; }
  /// The value of row `i`.
  std::string_view value(std::size_t i) const { return (*levels_)[codes_[i]]; }
  /// The code of `level`, or -1 when it is not a level.
  std::int64_t find(std::string_view level) const;
  /// Number of distinct levels used by the rows (which may be fewer than the levels).
  std::size_t count_distinct() const;
  /// The column restricted to `rows` (levels shared).
  Categorical take(const std::vector<std::uint32_t>& rows) const;

  /// Equal when every row has the same value (codes and level order may differ).
  friend bool operator==(const Categorical& a, const Categorical& b);

 private:
  std::shared_ptr<const std::vector<std::string>> levels_;
  std::vector<std::uint32_t> codes_;
};

/// Builds a categorical column row by row, looking levels up in a hash map.
class CategoricalBuilder {
 public:
  /// Appends a value, adding it as a level when new.
  void append(std::string_view value);
  /// Reserves room for `n` rows.
  void reserve(std::size_t n) { codes_.reserve(n); }
  /// Number of rows appended.
  std::size_t size() const { return codes_.size(); }
  /// The finished column (the builder is left empty).
  Categorical finish();

 private:
  std::vector<std::string> levels_;
  absl::flat_hash_map<std::string, std::uint32_t> index_;
  std::vector<std::uint32_t> codes_;
};

}  // namespace qaframe
