#pragma once
/// @file child_set.hpp
/// ChildSet: the distinct children of a set of audits as a mergeable set of 64-bit hashes of
/// their identifiers, so that partitions (files, chunks, workers) count distinct children
/// exactly when combined, which a count per part cannot do (a child audited in two councils'
/// files is one child).

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "qaframe/model/audit_set.hpp"

namespace qaframe {

/// Distinct child identifiers, held as their 64-bit hashes (8 bytes a child, sorted; the
/// identifiers themselves are never kept, so the set carries no personal data). Two different
/// identifiers share a hash with probability about n² / 2⁶⁵ over n children (3e-6 for ten
/// million), the only way the count can be wrong. The hash is fixed (FNV-1a, then the
/// SplitMix64 finaliser), the same on every machine and in every process, so sets made
/// anywhere merge.
class ChildSet {
 public:
  /// An empty set.
  ChildSet() = default;
  /// The distinct children of `audits` (its child_id column; empty when it has none).
  static ChildSet of(const AuditSet& audits);
  /// A set from hashes (as stored by hashes()); sorted and made distinct.
  static ChildSet from_hashes(std::vector<std::uint64_t> hashes);
  /// The hash of an identifier.
  static std::uint64_t hash(std::string_view id);

  /// Adds one identifier.
  void insert(std::string_view id);
  /// The union with another set (linear in both sizes).
  void merge(const ChildSet& other);
  /// Number of distinct children.
  std::size_t size() const { return hashes_.size(); }
  /// The hashes, sorted ascending, each once.
  const std::vector<std::uint64_t>& hashes() const { return hashes_; }
  /// Equal when they hold the same hashes.
  friend bool operator==(const ChildSet&, const ChildSet&) = default;

 private:
  std::vector<std::uint64_t> hashes_;  // sorted, distinct
};

}  // namespace qaframe
