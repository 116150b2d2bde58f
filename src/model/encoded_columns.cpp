#include "qaframe/model/encoded_columns.hpp"
#include "qaframe/model/audit_set_builder.hpp"

#include <algorithm>
#include <limits>
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "model/machine.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {
namespace {

// InvalidArgument when the columns differ in length or a code is out of range.
absl::Status check_codes(const std::vector<EncodedColumn>& columns, std::size_t n) {
  for (const EncodedColumn& c : columns) {
    if (c.codes.size() != n) {
      return absl::InvalidArgumentError(
          absl::StrCat("column '", c.name, "' has ", c.codes.size(), " values, expected ", n));
    }
    const auto k = static_cast<std::int64_t>(c.categories.size());
    for (std::int32_t code : c.codes) {
      if (code < -1 || code >= k) {
        return absl::InvalidArgumentError(
            absl::StrCat("column '", c.name, "' has code ", code, " for ", k, " categories"));
      }
    }
  }
  return absl::OkStatus();
}

// One column's levels, each classified once: level 0 is the missing value (code -1, an empty
// field), level k + 1 category k. A row's level is its code + 1.
// A level's text is not kept here (16 bytes a level, for columns of a level a row): it is its
// category trimmed, taken again when it is needed (level_text).
struct LevelTable {
  std::vector<std::uint8_t> flags;  // kEmpty, kBad: one byte a level for the row loop
  // (level, problem) of the levels check_value refuses, in level order.
  std::vector<std::pair<std::size_t, FieldProblem>> problems;
  std::vector<DayNumber> date;      // a date column's day of each sound level
  std::vector<Grade> grade;         // a grade column's grade of each sound level
  std::vector<std::uint32_t> code;  // categorical code in the set, assigned on first use

  // The problem of level l, which has one (kBad).
  const FieldProblem& problem(std::size_t l) const {
    return std::lower_bound(problems.begin(), problems.end(), l,
                            [](const auto& p, std::size_t level) { return p.first < level; })
        ->second;
  }
};

// The text of level l of `column` as the builder sees the field: "" for level 0 (missing), else
// its category trimmed.
std::string_view level_text(const EncodedColumn& column, std::size_t l) {
  return l == 0 ? std::string_view{} : trim(column.categories[l - 1]);
}

constexpr std::uint8_t kEmpty = 1;  // the level is empty (after trimming)
constexpr std::uint8_t kBad = 2;    // the level is a problem

constexpr std::uint32_t kUnassigned = std::numeric_limits<std::uint32_t>::max();

}  // namespace

absl::StatusOr<AuditSet> audits_from_encoded(const std::vector<EncodedColumn>& columns,
                                             const GradeScale& scale, const std::string& source,
                                             Diagnostics* diag, const DomainScales& domain_scales) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  const std::size_t n = columns.empty() ? 0 : columns[0].codes.size();
  if (absl::Status s = check_codes(columns, n); !s.ok()) return s;
  AuditSetBuilder builder(scale, source, d, domain_scales);
  {
    std::vector<std::string_view> names;
    for (const EncodedColumn& c : columns) names.emplace_back(c.name);
    if (!builder.set_header(names, 0)) return builder.finish();
  }
  const std::size_t m = columns.size();
  // Every level of every column validated once, by the builder's own rules.
  std::vector<LevelTable> tables(m);
  std::size_t id_field = m, date_field = m;
  std::vector<std::pair<std::size_t, std::size_t>> categoricals, grade_fields;  // (field, slot)
  for (std::size_t c = 0; c < m; ++c) {
    LevelTable& t = tables[c];
    const std::size_t k = columns[c].categories.size() + 1;
    const std::optional<ColumnKind> kind = builder.field_kind(c);
    t.flags.assign(k, 0);
    if (kind == ColumnKind::kDate) t.date.assign(k, 0);
    if (kind == ColumnKind::kGrade) t.grade.assign(k, kNotApplicable);
    FieldValue value;
    FieldProblem why;
    for (std::size_t l = 0; l < k; ++l) {
      const std::string_view text = level_text(columns[c], l);
      if (text.empty()) t.flags[l] |= kEmpty;
      if (!builder.check_value(c, text, value, why)) {
        t.problems.emplace_back(l, std::move(why));
        why = {};
        t.flags[l] |= kBad;
      } else if (kind == ColumnKind::kDate) {
        t.date[l] = value.date;
      } else if (kind == ColumnKind::kGrade) {
        t.grade[l] = value.grade;
      }
    }
    if (!kind) continue;
    switch (*kind) {
      case ColumnKind::kId:
        id_field = c;
        break;
      case ColumnKind::kCategorical:
        t.code.assign(k, kUnassigned);
        categoricals.emplace_back(c, builder.field_slot(c));
        break;
      case ColumnKind::kDate:
        date_field = c;
        break;
      case ColumnKind::kGrade:
        grade_fields.emplace_back(c, builder.field_slot(c));
        break;
    }
  }
  std::vector<const std::int32_t*> codes(m);
  for (std::size_t c = 0; c < m; ++c) codes[c] = columns[c].codes.data();
  // The identifiers' bytes, so that the arena is allocated once.
  std::size_t id_bytes = 0;
  if (id_field < m) {
    for (std::int32_t code : columns[id_field].codes)
      id_bytes += level_text(columns[id_field], static_cast<std::size_t>(code + 1)).size();
  }
  builder.reserve(n, id_bytes);
  // A column's levels are at most its categories: its index is allocated once. Columns of
  // many categories (child_id) are read at random, a few rows ahead of their use.
  constexpr std::size_t kWide = std::size_t{1} << 14;
  std::vector<std::pair<std::size_t, std::size_t>> wide;  // (field, slot)
  for (const auto& [c, slot] : categoricals) {
    std::size_t bytes = 0;
    for (const std::string& text : columns[c].categories) bytes += text.size();
    const std::size_t levels = columns[c].categories.size() + 1;
    builder.reserve_levels(slot, levels, bytes);
    if (levels >= kWide) wide.emplace_back(c, slot);
  }
  std::vector<Grade> grades(builder.grade_slots(), kNotApplicable);
  std::vector<std::uint32_t> cat_codes(builder.categorical_slots(), 0);
  auto level = [&](std::size_t c, std::size_t r) {
    return static_cast<std::size_t>(codes[c][r] + 1);
  };
  // Each row: a lookup of its level's flags in each column. A row whose every level is empty is
  // a blank record (skipped); a row with a level that is a problem reports it, field by field.
  constexpr std::size_t kAhead = 16;  // rows between the first fetch and the use
  for (std::size_t r = 0; r < n; ++r) {
    const auto row = static_cast<std::int64_t>(r);
    for (const auto& [c, slot] : wide) {
      const LevelTable& t = tables[c];
      if (r + kAhead < n) {
        const std::size_t l = level(c, r + kAhead);
        __builtin_prefetch(&t.code[l]);
        __builtin_prefetch(&t.flags[l]);
        if (l > 0) __builtin_prefetch(&columns[c].categories[l - 1]);  // a short text's bytes
      }
      if (r + kAhead / 2 < n) {
        // Halfway: a level not coded yet is looked up in the index when its row comes.
        const std::size_t l = level(c, r + kAhead / 2);
        if (t.code[l] == kUnassigned)
          builder.prefetch_categorical_code(slot, level_text(columns[c], l));
      }
    }
    std::uint8_t all = kEmpty, any = 0;
    for (std::size_t c = 0; c < m; ++c) {
      const std::uint8_t f = tables[c].flags[level(c, r)];
      all &= f;
      any |= f;
    }
    if ((all & kEmpty) != 0) continue;
    if ((any & kBad) != 0) {
      // The row's problems in field order, then its identifier for the check for repeats.
      for (std::size_t c = 0; c < m; ++c) {
        const LevelTable& t = tables[c];
        const std::size_t l = level(c, r);
        if ((t.flags[l] & kBad) != 0) builder.report(row, level_text(columns[c], l), t.problem(l));
      }
      if (id_field < m) {
        const std::size_t l = level(id_field, r);
        const std::string_view id = level_text(columns[id_field], l);
        if ((tables[id_field].flags[l] & kBad) == 0 && !id.empty())
          builder.add_rejected_id(id, row);
      }
      continue;
    }
    for (const auto& [c, slot] : categoricals) {
      LevelTable& t = tables[c];
      const std::size_t l = level(c, r);
      if (t.code[l] == kUnassigned)
        t.code[l] = builder.categorical_code(slot, level_text(columns[c], l));
      cat_codes[slot] = t.code[l];
    }
    for (const auto& [c, slot] : grade_fields) grades[slot] = tables[c].grade[level(c, r)];
    const DayNumber date = date_field < m ? tables[date_field].date[level(date_field, r)] : 0;
    const std::string_view id =
        id_field < m ? level_text(columns[id_field], level(id_field, r)) : std::string_view{};
    builder.add_checked_row(id, date, grades, cat_codes, row);
  }
  absl::StatusOr<AuditSet> audits = builder.finish();
  detail::release_free_memory();  // the builder's scratch
  return audits;
}

namespace detail {

absl::StatusOr<AuditSet> audits_from_encoded_by_row(const std::vector<EncodedColumn>& columns,
                                                    const GradeScale& scale,
                                                    const std::string& source, Diagnostics* diag,
                                                    const DomainScales& domain_scales) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  const std::size_t n = columns.empty() ? 0 : columns[0].codes.size();
  if (absl::Status s = check_codes(columns, n); !s.ok()) return s;
  AuditSetBuilder builder(scale, source, d, domain_scales);
  std::vector<std::string_view> fields;
  for (const EncodedColumn& c : columns) fields.emplace_back(c.name);
  if (!builder.set_header(fields, 0)) return builder.finish();
  builder.reserve(n);
  // Each column's texts as views, with "" at index 0 for code -1.
  std::vector<std::vector<std::string_view>> texts(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    texts[c].reserve(columns[c].categories.size() + 1);
    texts[c].emplace_back();
    for (const std::string& t : columns[c].categories) texts[c].emplace_back(t);
  }
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      fields[c] = texts[c][static_cast<std::size_t>(columns[c].codes[r] + 1)];
    }
    builder.add_row(fields, 0, static_cast<std::int64_t>(r));
  }
  absl::StatusOr<AuditSet> audits = builder.finish();
  release_free_memory();  // the builder's scratch
  return audits;
}

}  // namespace detail

}  // namespace qaframe
