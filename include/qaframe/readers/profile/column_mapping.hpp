#pragma once
/// @file column_mapping.hpp
/// How one system's audit export maps onto qaframe's columns and values (the `[audits]` part of
/// an export profile): headers renamed to canonical columns, programme spellings, extra grade
/// aliases and not-applicable spellings. RowMapper applies it to a header and to each record
/// before the AuditSetBuilder sees them, so every reader (CSV, workbook) maps alike and the
/// scale itself is unchanged (a mapped set equals one written with qaframe's own spellings).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "qaframe/model/grade_scale.hpp"

namespace qaframe {

/// The programmes an export profile may name in `[audits.programmes]`: (profile key, the value
/// qaframe's analyses look for).
inline constexpr std::pair<std::string_view, std::string_view> kProgrammeKeys[] = {
    {"core", "Core"},
    {"practice_review_week", "Practice Review Week"},
    {"thematic", "Thematic"},
};

/// An audit export's mapping onto qaframe (empty: the export uses qaframe's own names).
struct ColumnMapping {
  /// Where the mapping came from ("profile.toml", "arguments"), for messages.
  std::string source;
  /// (canonical column, the export's header): `child_id` = "Person ID". Headers are matched
  /// as canonical column names are (ASCII case, spaces and hyphens ignored).
  std::vector<std::pair<std::string, std::string>> columns;
  /// (programme value, spellings that mean it): "Practice Review Week" = {"PRW"}. Spellings,
  /// and the value itself, are matched by label_key (case, spaces, hyphens and underscores
  /// ignored); other values are kept as written.
  std::vector<std::pair<std::string, std::vector<std::string>>> programmes;
  /// (extra spelling, level label) for the grade columns on the audit scale: "4" = "Inadequate".
  std::vector<std::pair<std::string, std::string>> grades;
  /// Extra spellings of not applicable in the grade columns ("-"), matched as written (trimmed,
  /// ASCII case ignored).
  std::vector<std::string> not_applicable;

  /// True when the mapping changes nothing.
  bool empty() const {
    return columns.empty() && programmes.empty() && grades.empty() && not_applicable.empty();
  }
  /// Equal when every part is equal (the source aside).
  friend bool operator==(const ColumnMapping& a, const ColumnMapping& b) {
    return a.columns == b.columns && a.programmes == b.programmes && a.grades == b.grades &&
           a.not_applicable == b.not_applicable;
  }
};

/// Applies a ColumnMapping to one export: renames its header, then rewrites each record's
/// programme and grade values in place (views of strings the mapper owns), counting what it
/// did for the set's notes.
class RowMapper {
 public:
  /// A mapper for audits graded on `scale` (domain columns not in `domain_scales` are on it too);
  /// InvalidArgument, naming `mapping.source`, when a grade alias names no level of the scale or
  /// a spelling would mean two programmes.
  static absl::StatusOr<RowMapper> make(const ColumnMapping& mapping, const GradeScale& scale,
                                        const std::vector<std::string>& domains_on_own_scale = {});

  /// The header with every mapped export header replaced by its canonical column name; remembers
  /// which fields hold programme and grade values.
  std::vector<std::string> rename(std::span<const std::string_view> header);
  /// (canonical column, export header) of each column renamed by the last rename(), for
  /// AuditSetBuilder::set_exported_columns.
  const std::vector<std::pair<std::string, std::string>>& renamed() const { return renamed_; }
  /// Columns of the mapping whose export header the last rename() did not find, with the header
  /// looked for.
  const std::vector<std::pair<std::string, std::string>>& not_found() const { return not_found_; }
  /// Rewrites a record's mapped values in place (after rename()).
  void map_row(std::vector<std::string_view>& fields);
  /// What was done, for AuditSet::notes: columns renamed, values mapped (with counts), mapped
  /// columns not found, programme values left as written.
  std::vector<std::string> notes() const;
  /// True when there is nothing to do for records (no programme or grade value is mapped).
  bool maps_values() const { return !programme_.empty() || !grade_.empty(); }
  /// True when map_row reads (and may rewrite and count) fields of the header of the last
  /// rename(): a mapped programme column, or grade columns with aliases or N/A spellings.
  bool maps_rows() const { return programme_field_ >= 0 || !grade_fields_.empty(); }

 private:
  RowMapper() = default;
  // A value seen in a mapped column: what it becomes (or npos: kept) and how often it was seen.
  struct Seen {
    std::size_t target = static_cast<std::size_t>(-1);
    std::size_t count = 0;
  };
  // The value a mapped field becomes, resolving and counting it (`kind` 0 programme, 1 grade).
  std::string_view resolve(std::string_view value, int kind);

  std::string source_;
  std::vector<std::pair<std::string, std::string>> columns_;
  std::vector<std::string> targets_;                         // texts the builder sees
  absl::flat_hash_map<std::string, std::size_t> programme_;  // label_key -> target
  absl::flat_hash_map<std::string, std::size_t> grade_;      // label_key -> target
  absl::flat_hash_map<std::string, std::size_t> na_;         // folded spelling -> target
  std::vector<std::string> own_scale_domains_;
  std::vector<std::pair<std::string, std::string>> renamed_;
  std::vector<std::pair<std::string, std::string>> not_found_;
  std::int64_t programme_field_ = -1;
  std::vector<std::size_t> grade_fields_;
  // Values seen per kind, as written (trimmed), in the order first seen.
  absl::flat_hash_map<std::string, Seen> seen_[2];
  std::vector<std::string> seen_order_[2];
};

}  // namespace qaframe
