#pragma once
/// @file category_codes.hpp
/// The codes of a categorical column, each in the fewest bytes that hold the column's codes.
///
/// A column of up to 256 levels (programme, audit type, grade-like texts) takes one byte a row,
/// one of up to 65,536 levels (teams, auditors) two, one of up to 16,777,216 (child_id, even in a
/// national collection) three, and wider ones four, so that a set of a million audits holds
/// about eleven bytes an audit less than with four-byte codes everywhere, and a table reads
/// fewer bytes. The width is chosen when the codes are stored; a column that grows (a
/// builder's) keeps four-byte codes until it is finished.

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <span>
#include <utility>
#include <vector>

namespace qaframe {

/// A forward iterator over the codes of `Codes` (CategoryCodes, PackedCodes24), read by
/// position with its operator[] (yields 32-bit values).
template <class Codes>
class CodeIterator {
 public:
  using iterator_category = std::forward_iterator_tag;  ///< iterator concept
  using value_type = std::uint32_t;                     ///< a code
  using difference_type = std::ptrdiff_t;               ///< distance between iterators
  using pointer = void;                                 ///< not addressable
  using reference = std::uint32_t;                      ///< yielded by value
  CodeIterator() = default;
  /// An iterator at row `i` of `codes` (valid while `codes` lives).
  CodeIterator(const Codes* codes, std::size_t i) : codes_(codes), i_(i) {}
  /// The code.
  std::uint32_t operator*() const { return (*codes_)[i_]; }
  /// Steps.
  CodeIterator& operator++() { return ++i_, *this; }
  CodeIterator operator++(int) { return {codes_, i_++}; }
  /// Iterators compare by position.
  friend bool operator==(CodeIterator a, CodeIterator b) { return a.i_ == b.i_; }

 private:
  const Codes* codes_ = nullptr;
  std::size_t i_ = 0;
};

/// Codes stored three bytes each, little-endian, read as 32-bit values: what
/// CategoryCodes::visit gives for a column of 65,537 to 16,777,216 levels, indexed and iterated
/// as a span is. The bytes are followed by one spare byte, so that a code is one 4-byte load.
class PackedCodes24 {
 public:
  /// A forward iterator over the codes.
  using iterator = CodeIterator<PackedCodes24>;

  /// A view of `n` codes at `bytes` (3 n bytes and a spare one).
  PackedCodes24(const std::uint8_t* bytes, std::size_t n) : bytes_(bytes), n_(n) {}
  /// Number of codes.
  std::size_t size() const { return n_; }
  /// The code of row `i`, unchecked. Precondition: `i` < size().
  std::uint32_t operator[](std::size_t i) const { return load(bytes_ + 3 * i); }
  /// First code.
  iterator begin() const { return {this, 0}; }
  /// Past the last code.
  iterator end() const { return {this, n_}; }
  /// The code whose three bytes begin at `p` (the byte after them is read too, and ignored).
  static std::uint32_t load(const std::uint8_t* p) {
    if constexpr (std::endian::native == std::endian::little) {
      std::uint32_t v;
      std::memcpy(&v, p, 4);
      return v & 0xFFFFFFu;
    } else {
      return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16;
    }
  }

 private:
  const std::uint8_t* bytes_;
  std::size_t n_;
};

/// Codes, one per row, stored one, two, three or four bytes wide; read as 32-bit values.
class CategoryCodes {
 public:
  /// A forward iterator over the codes.
  using iterator = CodeIterator<CategoryCodes>;

  CategoryCodes() = default;
  /// The codes, stored in the width that holds `levels` levels and every code (a code past the
  /// levels is kept as it is, for Categorical::check to report).
  CategoryCodes(std::vector<std::uint32_t> codes, std::size_t levels);
  /// The codes, stored in the width that holds the largest of them.
  explicit CategoryCodes(std::vector<std::uint32_t> codes) : CategoryCodes(std::move(codes), 0) {}

  /// Number of rows.
  std::size_t size() const {
    return width_ == 1 ? c8_.size() : width_ == 2 ? c16_.size() : width_ == 3 ? n24_ : c32_.size();
  }
  /// True when there are no rows.
  bool empty() const { return size() == 0; }
  /// Bytes a code: 1, 2, 3 or 4.
  int width() const { return width_; }
  /// The code of row `i`, unchecked. Precondition: `i` < size().
  std::uint32_t operator[](std::size_t i) const {
    return width_ == 1   ? c8_[i]
           : width_ == 2 ? c16_[i]
           : width_ == 3 ? PackedCodes24::load(c24_.data() + 3 * i)
                         : c32_[i];
  }
  /// First row.
  iterator begin() const { return {this, 0}; }
  /// Past the last row.
  iterator end() const { return {this, size()}; }
  /// Calls `f` with the codes as a span of their stored type (std::uint8_t, std::uint16_t or
  /// std::uint32_t) or, three bytes wide, as PackedCodes24 (indexed and iterated the same way),
  /// so that a loop over every row is compiled once for each width.
  template <class F>
  decltype(auto) visit(F&& f) const {
    if (width_ == 1) return f(std::span<const std::uint8_t>(c8_));
    if (width_ == 2) return f(std::span<const std::uint16_t>(c16_));
    if (width_ == 3) return f(PackedCodes24(c24_.data(), n24_));
    return f(std::span<const std::uint32_t>(c32_));
  }
  /// The codes of `rows`, in the same width.
  CategoryCodes take(const std::vector<std::uint32_t>& rows) const;
  /// The codes as 32-bit values.
  std::vector<std::uint32_t> to_vector() const { return {begin(), end()}; }
  /// Bytes held.
  std::size_t memory_bytes() const {
    return c8_.capacity() + c16_.capacity() * 2 + c24_.capacity() + c32_.capacity() * 4;
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
  std::vector<std::uint8_t> c24_;   // width 3: three bytes a code, then a spare byte
  std::size_t n24_ = 0;             // codes in c24_
  std::vector<std::uint32_t> c32_;  // width 4
};

}  // namespace qaframe
