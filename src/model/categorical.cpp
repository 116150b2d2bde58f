#include "qaframe/model/categorical.hpp"

#include <algorithm>
#include <cstring>

#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"
#include "model/machine.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

std::uint32_t Levels::push_back(std::string_view text) {
  if (width_ != kVariable) restore_offsets();
  const auto code = static_cast<std::uint32_t>(size());
  arena_.append(text);
  offsets_.push_back(static_cast<std::uint32_t>(arena_.size()));
  return code;
}

bool Levels::append(const Levels& other) {
  if (arena_.size() + other.arena_.size() > UINT32_MAX) return false;
  if (width_ != kVariable) restore_offsets();
  const std::size_t n = other.size();
  offsets_.reserve(offsets_.size() + n);
  const auto base = static_cast<std::uint32_t>(arena_.size());
  if (other.width_ != kVariable) {
    for (std::size_t i = 1; i <= n; ++i)
      offsets_.push_back(base + static_cast<std::uint32_t>(i * other.width_));
  } else {
    for (std::size_t i = 1; i <= n; ++i) offsets_.push_back(base + other.offsets_[i]);
  }
  arena_.append(other.arena_);
  return true;
}

void Levels::reserve(std::size_t levels, std::size_t bytes) {
  if (width_ != kVariable) restore_offsets();
  // A column of identifiers is filled once, front to back: huge pages spare the page faults.
  offsets_.reserve(offsets_.size() + levels);
  detail::advise_huge_pages(offsets_.data(), offsets_.capacity() * sizeof(std::uint32_t));
  arena_.reserve(arena_.size() + bytes);
  detail::advise_huge_pages(arena_.data(), arena_.capacity());
}

void Levels::shrink_to_fit() {
  arena_.shrink_to_fit();
  if (width_ != kVariable || offsets_.size() < 2) {
    offsets_.shrink_to_fit();
    return;
  }
  const std::uint32_t width = offsets_[1];
  for (std::size_t i = 1; i < offsets_.size(); ++i) {
    if (offsets_[i] - offsets_[i - 1] != width) {
      offsets_.shrink_to_fit();
      return;
    }
  }
  count_ = offsets_.size() - 1;
  width_ = width;
  std::vector<std::uint32_t>().swap(offsets_);  // (assigning {} would keep the capacity)
}

void Levels::restore_offsets() {
  offsets_.clear();
  offsets_.reserve(count_ + 1);
  for (std::size_t i = 0; i <= count_; ++i)
    offsets_.push_back(static_cast<std::uint32_t>(i * width_));
  width_ = kVariable;
  count_ = 0;
}

absl::Status Categorical::check() const {
  if (levels_ == nullptr) return absl::InvalidArgumentError("the column has no level list (null)");
  const std::size_t n = levels_->size();
  for (std::size_t i = 0; i < codes_.size(); ++i) {
    if (codes_[i] >= n) {
      return absl::InvalidArgumentError(absl::StrCat("row ", i, " has code ", codes_[i],
                                                     ", past the column's ", n,
                                                     n == 1 ? " level" : " levels"));
    }
  }
  return absl::OkStatus();
}

std::int64_t Categorical::find(std::string_view level) const {
  const Levels& levels = *levels_;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (levels[i] == level) return static_cast<std::int64_t>(i);
  }
  return -1;
}

CategoryCodes::CategoryCodes(std::vector<std::uint32_t> codes, std::size_t levels) {
  std::uint64_t top = levels;  // codes 0 .. levels - 1, and any past them
  for (std::uint32_t c : codes) top = std::max<std::uint64_t>(top, std::uint64_t{c} + 1);
  if (top <= 256) {
    width_ = 1;
    c8_.assign(codes.begin(), codes.end());
  } else if (top <= 65536) {
    width_ = 2;
    c16_.assign(codes.begin(), codes.end());
  } else if (top <= (std::uint64_t{1} << 24)) {
    width_ = 3;
    n24_ = codes.size();
    c24_.resize(3 * n24_ + 1);
    std::uint8_t* out = c24_.data();
    for (std::uint32_t c : codes) {
      *out++ = static_cast<std::uint8_t>(c);
      *out++ = static_cast<std::uint8_t>(c >> 8);
      *out++ = static_cast<std::uint8_t>(c >> 16);
    }
  } else {
    width_ = 4;
    c32_ = std::move(codes);
  }
}

CategoryCodes CategoryCodes::take(const std::vector<std::uint32_t>& rows) const {
  CategoryCodes out;
  out.width_ = width_;
  auto gather = [&](const auto& from, auto& to) {
    to.reserve(rows.size());
    for (std::uint32_t r : rows) to.push_back(from[r]);
  };
  if (width_ == 1) gather(c8_, out.c8_);
  if (width_ == 2) gather(c16_, out.c16_);
  if (width_ == 3) {
    out.n24_ = rows.size();
    out.c24_.resize(3 * rows.size() + 1);
    std::uint8_t* to = out.c24_.data();
    for (std::uint32_t r : rows) {
      std::memcpy(to, c24_.data() + 3 * std::size_t{r}, 3);
      to += 3;
    }
  }
  if (width_ == 4) gather(c32_, out.c32_);
  return out;
}

bool operator==(const CategoryCodes& a, const CategoryCodes& b) {
  if (a.size() != b.size()) return false;
  if (a.width_ == b.width_)
    return a.c8_ == b.c8_ && a.c16_ == b.c16_ && a.c24_ == b.c24_ && a.c32_ == b.c32_;
  return std::equal(a.begin(), a.end(), b.begin());
}

std::size_t Categorical::count_distinct() const {
  // Mark, then count the marks: no branch per row (a row's level is new or not at random).
  std::vector<std::uint8_t> seen(levels_->size(), 0);
  codes_.visit([&](auto codes) {
    for (auto c : codes) seen[c] = 1;
  });
  std::size_t distinct = 0;
  for (std::uint8_t s : seen) distinct += s;
  return distinct;
}

Categorical Categorical::take(const std::vector<std::uint32_t>& rows) const {
  return Categorical(levels_, codes_.take(rows));
}

std::size_t Categorical::memory_bytes() const {
  const std::size_t codes = codes_.memory_bytes();
  // Shared levels are counted with the column that owns them alone; a subset shares them.
  return levels_.use_count() > 1 ? codes : codes + levels_->memory_bytes();
}

bool operator==(const Categorical& a, const Categorical& b) {
  if (a.size() != b.size()) return false;
  if (a.levels_ == b.levels_ || *a.levels_ == *b.levels_) return a.codes_ == b.codes_;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a.value(i) != b.value(i)) return false;
  }
  return true;
}

namespace {
// The two halves of a 64 x 64-bit product, folded: every input bit reaches most output bits.
std::uint64_t fold_multiply(std::uint64_t a, std::uint64_t b) {
  const absl::uint128 p = absl::uint128(a) * b;
  return absl::Uint128Low64(p) ^ absl::Uint128High64(p);
}
std::uint64_t load8(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
std::uint64_t load4(const char* p) {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}
}  // namespace

std::size_t CategoricalBuilder::Hash::operator()(std::string_view text) const {
  // Level texts are short (most under 24 bytes): the text is read as at most two overlapping
  // words per 16 bytes, without a loop below 17 bytes, and folded by one multiplication per 16
  // bytes and one to finish (the construction of wyhash, Wang Yi 2019). The table uses the high
  // and the low bits of the result alike.
  constexpr std::uint64_t k0 = 0xA0761D6478BD642FULL;
  constexpr std::uint64_t k1 = 0xE7037ED1A0B428DBULL;
  constexpr std::uint64_t k2 = 0x8EBC6AF09C88C6E3ULL;
  const char* p = text.data();
  std::size_t n = text.size();
  std::uint64_t seed = k0 ^ n;
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  if (n <= 16) {
    if (n >= 8) {
      a = load8(p);
      b = load8(p + n - 8);
    } else if (n >= 4) {
      a = load4(p);
      b = load4(p + n - 4);
    } else if (n > 0) {
      a = (static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
          (static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8) |
          static_cast<unsigned char>(p[n - 1]);
    }
  } else {
    const char* last = p + n - 16;
    for (; p < last; p += 16) seed = fold_multiply(load8(p) ^ k1, load8(p + 8) ^ seed);
    a = load8(last);
    b = load8(last + 8);
  }
  return static_cast<std::size_t>(fold_multiply(k1 ^ n, fold_multiply(a ^ k1, b ^ seed) ^ k2));
}

CategoricalBuilder::CategoricalBuilder()
    : levels_(std::make_unique<Levels>()), index_(0, Hash{levels_.get()}, Eq{levels_.get()}) {}

std::uint32_t CategoricalBuilder::code(std::string_view value) {
  // One probe: a new level is written to the arena only when the value is not found.
  const auto it = index_.lazy_emplace(value, [&](const auto& construct) {
    construct(make_slot(value, levels_->push_back(value)));
  });
  return it->code;
}

void CategoricalBuilder::reserve(std::size_t n) {
  codes_.reserve(n);
  detail::advise_huge_pages(codes_.data(), codes_.capacity() * sizeof(std::uint32_t));
}

Categorical CategoricalBuilder::finish() {
  levels_->shrink_to_fit();
  Categorical column(std::shared_ptr<const Levels>(std::move(levels_)), std::move(codes_));
  levels_ = std::make_unique<Levels>();
  index_ = absl::flat_hash_set<Slot, Hash, Eq>(0, Hash{levels_.get()}, Eq{levels_.get()});
  codes_ = {};
  return column;
}

}  // namespace qaframe
