#pragma once
/// @file categorical.hpp
/// Dictionary-encoded text columns: each row holds a code into a shared list of levels, one to
/// four bytes wide by the number of levels (category_codes.hpp).
///
/// Levels are stored as text in one arena with 32-bit offsets (about the text's length plus four
/// bytes a level; no offsets once finished when every level has the same length), so that a
/// column with a level per row, such as child_id, stays compact. The hash index used while
/// building is dropped when the column is finished.

#include <algorithm>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "qaframe/model/category_codes.hpp"

namespace qaframe {

/// The levels of a categorical column: texts in one arena, read as string views.
class Levels {
 public:
  /// A random-access iterator over the levels (yields string views).
  class iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;  ///< iterator concept
    using value_type = std::string_view;                        ///< a level's text
    using difference_type = std::ptrdiff_t;                     ///< distance between iterators
    using pointer = void;                                       ///< not addressable
    using reference = std::string_view;                         ///< yielded by value
    iterator() = default;
    /// An iterator at level `i` of `levels`.
    iterator(const Levels* levels, std::size_t i) : levels_(levels), i_(i) {}
    /// The level's text.
    std::string_view operator*() const { return (*levels_)[i_]; }
    /// The level `n` places on.
    std::string_view operator[](difference_type n) const {
      return (*levels_)[static_cast<std::size_t>(static_cast<difference_type>(i_) + n)];
    }
    /// Steps.
    iterator& operator++() { return ++i_, *this; }
    iterator operator++(int) { return {levels_, i_++}; }
    iterator& operator--() { return --i_, *this; }
    iterator operator--(int) { return {levels_, i_--}; }
    iterator& operator+=(difference_type n) { return i_ += static_cast<std::size_t>(n), *this; }
    iterator& operator-=(difference_type n) { return i_ -= static_cast<std::size_t>(n), *this; }
    friend iterator operator+(iterator it, difference_type n) { return it += n; }
    friend iterator operator+(difference_type n, iterator it) { return it += n; }
    friend iterator operator-(iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(iterator a, iterator b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    /// Iterators compare by position.
    friend bool operator==(iterator a, iterator b) { return a.i_ == b.i_; }
    friend auto operator<=>(iterator a, iterator b) { return a.i_ <=> b.i_; }

   private:
    const Levels* levels_ = nullptr;
    std::size_t i_ = 0;
  };

  Levels() = default;
  /// Levels with these texts, in this order.
  explicit Levels(const std::vector<std::string>& texts) {
    for (const std::string& t : texts) push_back(t);
    shrink_to_fit();
  }

  /// Number of levels.
  std::size_t size() const { return width_ == kVariable ? offsets_.size() - 1 : count_; }
  /// True when there are no levels.
  bool empty() const { return size() == 0; }
  /// The text of level `i`.
  std::string_view operator[](std::size_t i) const {
    if (width_ != kVariable) return std::string_view(arena_).substr(i * width_, width_);
    return std::string_view(arena_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  /// First level.
  iterator begin() const { return {this, 0}; }
  /// Past the last level.
  iterator end() const { return {this, size()}; }
  /// Bytes of text in all the levels.
  std::size_t text_bytes() const { return arena_.size(); }
  /// Appends a level (no check for repeats); returns its index. Precondition: text_bytes() plus
  /// the text's size is at most UINT32_MAX (offsets are 32 bits).
  std::uint32_t push_back(std::string_view text);
  /// Appends the levels of `other`, in order; false (and nothing appended) when the text would
  /// pass UINT32_MAX bytes.
  bool append(const Levels& other);
  /// Reserves room for `levels` more levels holding `bytes` more bytes of text.
  void reserve(std::size_t levels, std::size_t bytes);
  /// Releases spare capacity, and the offsets too when every level has the same length (ids and
  /// codes written to a fixed width, such as "A00012345": four bytes a level saved). The levels
  /// read the same either way; push_back() after it brings the offsets back.
  void shrink_to_fit();
  /// The levels as strings.
  std::vector<std::string> to_vector() const { return {begin(), end()}; }
  /// Bytes held (capacities of the arena and the offsets).
  std::size_t memory_bytes() const {
    return arena_.capacity() + offsets_.capacity() * sizeof(std::uint32_t);
  }

  /// Equal when the same texts are in the same order.
  friend bool operator==(const Levels& a, const Levels& b) {
    if (a.size() != b.size() || a.arena_ != b.arena_) return false;
    if (a.width_ == b.width_ && a.offsets_ == b.offsets_) return true;
    return std::equal(a.begin(), a.end(), b.begin());
  }
  /// Equal to a list of strings holding the same texts in the same order.
  friend bool operator==(const Levels& a, const std::vector<std::string>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  static constexpr std::uint32_t kVariable = UINT32_MAX;  // width_ when the offsets are used
  // Back from fixed width to offsets, before a level is appended.
  void restore_offsets();

  std::string arena_;
  std::vector<std::uint32_t> offsets_{0};  // empty while every level is width_ bytes long
  std::uint32_t width_ = kVariable;        // the length of every level, or kVariable
  std::size_t count_ = 0;                  // the number of levels when width_ is fixed
};

/// A dictionary-encoded column. Levels are kept in order of first appearance; the empty string
/// is an ordinary level meaning "missing" in an optional column. Levels are shared between a set
/// and its subsets, so filtering copies only codes.
class Categorical {
 public:
  /// An empty column with no levels.
  Categorical() : levels_(std::make_shared<const Levels>()) {}
  /// A column from levels and codes. Not checked here (it runs in the builders' hot loops):
  /// AuditSet::with_categorical and with_moderation_columns check() the column they are given,
  /// and check() tells a caller whether each code indexes a level.
  Categorical(std::shared_ptr<const Levels> levels, std::vector<std::uint32_t> codes)
      : levels_(std::move(levels)), codes_(std::move(codes), levels_ ? levels_->size() : 0) {}
  /// A column from levels and codes already stored (unchecked, as above).
  Categorical(std::shared_ptr<const Levels> levels, CategoryCodes codes)
      : levels_(std::move(levels)), codes_(std::move(codes)) {}
  /// A column from levels given as a list of strings and codes. Precondition: `levels` is not
  /// null (the codes are not checked: see check()).
  Categorical(const std::shared_ptr<const std::vector<std::string>>& levels,
              std::vector<std::uint32_t> codes)
      : levels_(std::make_shared<const Levels>(*levels)),
        codes_(std::move(codes), levels_->size()) {}

  /// Number of rows.
  std::size_t size() const { return codes_.size(); }
  /// OK when the levels are set and every code indexes a level; InvalidArgument naming the
  /// first row whose code does not, its code and the number of levels, otherwise.
  absl::Status check() const;
  /// Levels, in order of first appearance in the data they were read from. A reference into
  /// the column's shared levels: valid while this column (or another sharing them) lives; not
  /// callable on a temporary column.
  const Levels& levels() const& { return *levels_; }
  const Levels& levels() const&& = delete;  ///< a view into a temporary would dangle
  /// The shared level list.
  const std::shared_ptr<const Levels>& shared_levels() const { return levels_; }
  /// Codes, one per row, in the width the levels need: a reference into the column, valid
  /// while it lives.
  const CategoryCodes& codes() const& { return codes_; }
  const CategoryCodes& codes() const&& = delete;  ///< would dangle
  /// The value of row `i`, a view into the levels, unchecked. Precondition: `i` < size() and
  /// check() is OK (true of every column of an AuditSet).
  std::string_view value(std::size_t i) const& { return (*levels_)[codes_[i]]; }
  std::string_view value(std::size_t i) const&& = delete;  ///< would dangle
  /// The code of `level`, or -1 when it is not a level.
  std::int64_t find(std::string_view level) const;
  /// Number of distinct levels used by the rows (which may be fewer than the levels).
  std::size_t count_distinct() const;
  /// The column restricted to `rows` (levels shared).
  Categorical take(const std::vector<std::uint32_t>& rows) const;
  /// Bytes held by the codes, and by the levels when they are not shared with another column.
  std::size_t memory_bytes() const;

  /// Equal when every row has the same value (codes and level order may differ).
  friend bool operator==(const Categorical& a, const Categorical& b);

 private:
  std::shared_ptr<const Levels> levels_;
  CategoryCodes codes_;
};

/// Builds a categorical column row by row. New levels go into the arena; a hash set of level
/// indices, hashed by their text, finds repeats without storing the text twice.
class CategoricalBuilder {
 public:
  CategoricalBuilder();
  CategoricalBuilder(CategoricalBuilder&&) noexcept = default;
  CategoricalBuilder& operator=(CategoricalBuilder&&) noexcept = default;

  /// Appends a value, adding it as a level when new.
  void append(std::string_view value) { codes_.push_back(code(value)); }
  /// The code of `value`, adding it as a level when new (no row is appended).
  std::uint32_t code(std::string_view value);
  /// Appends a row with a code returned by code().
  void append_code(std::uint32_t code) { codes_.push_back(code); }
  /// Starts loading the part of the index where `value` would be, when the index has outgrown
  /// the caches (a column of identifiers), so that code(value) a little later finds it loaded;
  /// nothing for a column of few levels, whose index stays in cache.
  void prefetch(std::string_view value) const {
    if (levels_->size() >= kPrefetchLevels) index_.prefetch(value);
  }
  /// Reserves room for `n` rows.
  void reserve(std::size_t n);
  /// Reserves room for `levels` levels of `bytes` bytes of text in all (a DataFrame's categories,
  /// known in advance), so that the index is allocated once instead of growing by doubling.
  void reserve_levels(std::size_t levels, std::size_t bytes) {
    levels_->reserve(levels, bytes);
    index_.reserve(levels);
  }
  /// Number of rows appended.
  std::size_t size() const { return codes_.size(); }
  /// Number of levels so far.
  std::size_t levels() const { return levels_->size(); }
  /// The finished column (the builder is left empty).
  Categorical finish();

 private:
  // Levels from which the index (16 bytes a level) no longer fits a core's L2 cache.
  static constexpr std::size_t kPrefetchLevels = std::size_t{1} << 14;
  // An entry of the index: a level's code, with its length and first bytes kept inline, so that
  // a short text (most identifiers and names) is found without reading the arena: two cache
  // misses a lookup of a large column instead of four.
  struct Slot {
    static constexpr std::size_t kInline = 11;
    std::uint32_t code;
    std::uint8_t size;  // the text's size, or 255 for 255 bytes and more
    char head[kInline];
  };
  static Slot make_slot(std::string_view text, std::uint32_t code) {
    Slot s{code, static_cast<std::uint8_t>(text.size() < 255 ? text.size() : 255), {}};
    // An empty view may have a null data pointer, which memcpy must not be given.
    if (!text.empty())
      std::memcpy(s.head, text.data(), text.size() < Slot::kInline ? text.size() : Slot::kInline);
    return s;
  }
  // Hash and equality of entries by their text, usable with a string view (transparent).
  struct Hash {
    using is_transparent = void;
    const Levels* levels;
    std::size_t operator()(std::string_view text) const;
    std::size_t operator()(const Slot& s) const {
      return s.size <= Slot::kInline ? (*this)(std::string_view(s.head, s.size))
                                     : (*this)((*levels)[s.code]);
    }
  };
  struct Eq {
    using is_transparent = void;
    const Levels* levels;
    bool operator()(const Slot& a, const Slot& b) const { return a.code == b.code; }
    bool operator()(const Slot& s, std::string_view t) const {
      if (s.size != (t.size() < 255 ? t.size() : 255)) return false;
      const std::size_t n = t.size() < Slot::kInline ? t.size() : Slot::kInline;
      if (!same(std::string_view(s.head, n), t.substr(0, n))) return false;
      return t.size() <= Slot::kInline || same((*levels)[s.code], t);
    }
    bool operator()(std::string_view t, const Slot& s) const { return (*this)(s, t); }
    // Level texts are short: compared by 8-byte words inline, not through a library call.
    static bool same(std::string_view a, std::string_view b) {
      const std::size_t n = a.size();
      if (n != b.size()) return false;
      std::size_t i = 0;
      for (; i + 8 <= n; i += 8) {
        std::uint64_t x, y;
        std::memcpy(&x, a.data() + i, 8);
        std::memcpy(&y, b.data() + i, 8);
        if (x != y) return false;
      }
      for (; i < n; ++i) {
        if (a[i] != b[i]) return false;
      }
      return true;
    }
  };

  std::unique_ptr<Levels> levels_;  // on the heap, so that Hash and Eq may point at it
  absl::flat_hash_set<Slot, Hash, Eq> index_;
  std::vector<std::uint32_t> codes_;
};

}  // namespace qaframe
