#include "qaframe/tally/child_set.hpp"

#include <algorithm>
#include <iterator>

namespace qaframe {

std::uint64_t ChildSet::hash(std::string_view id) {
  // FNV-1a 64 (Fowler, Noll and Vo): a fixed, portable hash of the bytes...
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : id) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  // ...then the SplitMix64 finaliser (Steele, Lea and Flood 2014), so that nearby identifiers
  // ("C-10001", "C-10002") spread over all 64 bits.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

ChildSet ChildSet::of(const AuditSet& audits) {
  ChildSet s;
  auto column = audits.categorical(AuditColumns::kChildId);
  if (!column.ok()) return s;
  // Levels may be shared with a larger set (a filtered subset): hash only those used.
  const Categorical& c = **column;
  std::vector<bool> used(c.levels().size(), false);
  for (std::uint32_t code : c.codes()) used[code] = true;
  for (std::size_t i = 0; i < used.size(); ++i)
    if (used[i]) s.hashes_.push_back(hash(c.levels()[i]));
  std::sort(s.hashes_.begin(), s.hashes_.end());
  s.hashes_.erase(std::unique(s.hashes_.begin(), s.hashes_.end()), s.hashes_.end());
  return s;
}

ChildSet ChildSet::from_hashes(std::vector<std::uint64_t> hashes) {
  ChildSet s;
  s.hashes_ = std::move(hashes);
  std::sort(s.hashes_.begin(), s.hashes_.end());
  s.hashes_.erase(std::unique(s.hashes_.begin(), s.hashes_.end()), s.hashes_.end());
  return s;
}

void ChildSet::insert(std::string_view id) {
  const std::uint64_t h = hash(id);
  auto it = std::lower_bound(hashes_.begin(), hashes_.end(), h);
  if (it == hashes_.end() || *it != h) hashes_.insert(it, h);
}

void ChildSet::merge(const ChildSet& other) {
  std::vector<std::uint64_t> out;
  out.reserve(hashes_.size() + other.hashes_.size());
  std::set_union(hashes_.begin(), hashes_.end(), other.hashes_.begin(), other.hashes_.end(),
                 std::back_inserter(out));
  hashes_ = std::move(out);
}

}  // namespace qaframe
