#pragma once
/// @file category_codes.hpp
/// The codes of a categorical column, each in the fewest bytes that hold the column's codes.
///
/// A column of up to 256 levels (programme, audit type, grade-like texts) takes one byte a row,
/// one of up to 65,536 levels (teams, auditors) two, and wider ones (child_id) four, so that a
/// set of a million audits holds about ten bytes an audit less than with four-byte codes
/// everywhere, and a table reads fewer bytes. The width is chosen when the codes are stored; a
/// column that grows (a builder's) keeps four-byte codes until it is finished.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <utility>
#include <vector>

namespace qaframe {

/// Codes, one per row, stored one, two or four bytes wide; read as 32-bit values.
class CategoryCodes {
 public:
  /// A forward iterator over the codes (yields 32-bit values).
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;  ///< iterator concept
    using value_type = std::uint32_t;                     ///< a code
    using difference_type = std::ptrdiff_t;               ///< distance between iterators
    using pointer = void;                                 ///< not addressable
    using reference = std::uint32_t;                      ///< yielded by value
    iterator() = default;
    /// An iterator at row `i` of `codes`.
    iterator(const CategoryCodes* codes, std::size_t i) : codes_(codes), i_(i) {}
    /// The code.
    std::uint32_t operator*() const { return (*codes_)[i_]; }
    /// Steps.
    iterator& operator++() { return ++i_, *this; }
    iterator operator++(int) { return {codes_, i_++}; }
    /// Iterators compare by position.
    friend bool operator==(iterator a, iterator b) { return a.i_ == b.i_; }

   private:
    const CategoryCodes* codes_ = nullptr;
    std::size_t i_ = 0;
  };

  CategoryCodes() = default;
  /// The codes, stored in the width that holds `levels` levels and every code (a code past the
  /// levels is kept as it is, for Categorical::check to report).
  CategoryCodes(std::vector<std::uint32_t> codes, std::size_t levels);
  /// The codes, stored in the width that holds the largest of them.
  explicit CategoryCodes(std::vector<std::uint32_t> codes) : CategoryCodes(std::move(codes), 0) {}

  /// Number of rows.
  std::size_t size() const {
    return width_ == 1 ? c8_.size() : width_ == 2 ? c16_.size() : c32_.size();
  }
  /// True when there are no rows.
  bool empty() const { return size() == 0; }
  /// Bytes a code: 1, 2 or 4.
  int width() const { return width_; }
  /// The code of row `i`, unchecked. Precondition: `i` < size().
  std::uint32_t operator[](std::size_t i) const {
    return width_ == 1 ? c8_[i] : width_ == 2 ? c16_[i] : c32_[i];
  }
  /// First row.
  iterator begin() const { return {this, 0}; }
  /// Past the last row.
  iterator end() const { return {this, size()}; }
  /// Calls `f` with the codes as a span of their stored type (std::uint8_t, std::uint16_t or
  /// std::uint32_t), so that a loop over every row is compiled once for each width.
  template <class F>
  decltype(auto) visit(F&& f) const {
    if (width_ == 1) return f(std::span<const std::uint8_t>(c8_));
    if (width_ == 2) return f(std::span<const std::uint16_t>(c16_));
    return f(std::span<const std::uint32_t>(c32_));
  }
  /// The codes of `rows`, in the same width.
  CategoryCodes take(const std::vector<std::uint32_t>& rows) const;
  /// The codes as 32-bit values.
  std::vector<std::uint32_t> to_vector() const { return {begin(), end()}; }
  /// Bytes held.
  std::size_t memory_bytes() const {
    return c8_.capacity() + c16_.capacity() * 2 + c32_.capacity() * 4;
  }

  /// Equal when every row has the same code, whatever the widths.
  friend bool operator==(const CategoryCodes& a, const CategoryCodes& b);
  /// Equal to 32-bit codes holding the same values.
  friend bool operator==(const CategoryCodes& a, const std::vector<std::uint32_t>& b) {
    return a.size() == b.size() && std::equal(b.begin(), b.end(), a.begin());
  }

 private:
  int width_ = 1;
  std::vector<std::uint8_t> c8_;    // width 1
  std::vector<std::uint16_t> c16_;  // width 2
  std::vector<std::uint32_t> c32_;  // width 4
};

}  // namespace qaframe
