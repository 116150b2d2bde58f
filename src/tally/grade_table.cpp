#include "qaframe/tally/grade_table.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "model/machine.hpp"
#include "qaframe/model/period.hpp"

namespace qaframe {

namespace {
absl::Status check_row(std::size_t i, std::size_t size) {
  if (i < size) return absl::OkStatus();
  return absl::OutOfRangeError(
      absl::StrCat("row ", i, " is past the table's ", size, size == 1 ? " row" : " rows",
                   size == 0 ? "" : absl::StrCat(" (0 to ", size - 1, ")")));
}
}  // namespace

absl::StatusOr<std::vector<std::string>> GradeTable::key(std::size_t i) const {
  if (absl::Status s = check_row(i, keys_.size()); !s.ok()) return s;
  return keys_[i];
}

absl::StatusOr<GradeCounts> GradeTable::row(std::size_t i) const {
  if (absl::Status s = check_row(i, counts_.size()); !s.ok()) return s;
  return counts_[i];
}

GradeTable::GradeTable(std::vector<std::string> by_columns, GradeScale scale)
    : by_(absl::StrJoin(by_columns, " / ")),
      by_columns_(std::move(by_columns)),
      scale_(std::move(scale)) {}

GradeCounts GradeTable::total() const {
  GradeCounts sum(scale_.size());
  for (const GradeCounts& c : counts_) (void)sum.merge(c);
  return sum;
}

absl::Status GradeTable::add(std::string_view label, const GradeCounts& counts) {
  return add_key({std::string(label)}, counts);
}

absl::Status GradeTable::add_key(const std::vector<std::string>& key, const GradeCounts& counts) {
  if (counts.levels() != scale_.size()) {
    return absl::InvalidArgumentError(absl::StrCat("counts of ", counts.levels(),
                                                   " levels added to a table on the ",
                                                   scale_.name(), " scale of ", scale_.size()));
  }
  if (key.size() != by_columns_.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a key of ", key.size(), " values added to a table by ", by_columns_.size(), " columns"));
  }
  // Values joined by a unit separator (not text a label holds) identify a row.
  auto [it, inserted] = index_.try_emplace(absl::StrJoin(key, "\x1f"), rows_.size());
  if (!inserted) return counts_[it->second].merge(counts);
  rows_.push_back(absl::StrJoin(key, " / "));
  keys_.push_back(key);
  counts_.push_back(counts);
  return absl::OkStatus();
}

absl::Status GradeTable::merge(const GradeTable& other) {
  if (other.by_columns_ != by_columns_) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot merge a table by '", other.by_, "' into a table by '", by_, "'"));
  }
  if (!(other.scale_ == scale_)) {
    return absl::InvalidArgumentError(absl::StrCat("cannot merge a table on the ",
                                                   other.scale_.name(), " scale into one on the ",
                                                   scale_.name(), " scale"));
  }
  for (std::size_t i = 0; i < other.rows_.size(); ++i) {
    if (auto s = add_key(other.keys_[i], other.counts_[i]); !s.ok()) return s;
  }
  return absl::OkStatus();
}

namespace {

// The label of a row: the value, or kMissingLabel for an empty one, never a blank label.
std::string row_label(std::string_view value) {
  return value.empty() ? std::string(kMissingLabel) : std::string(value);
}

// A column to group by: a categorical column of the set (not copied) or a derived period.
struct Key {
  std::string name;
  const Categorical* column = nullptr;
  Categorical owned;  // for periods
  bool ordered = false;
};

absl::StatusOr<Key> key_column(const AuditSet& audits, std::string_view by,
                               bool allow_identifiers) {
  Key key;
  if (const ColumnInfo* c = audits.find_column(by); c != nullptr) {
    if (absl::Status s = check_grouping(audits, c->name, allow_identifiers); !s.ok()) return s;
    auto column = audits.categorical(by);
    if (!column.ok()) return column.status();
    key.name = c->name;
    key.column = *column;
    return key;
  }
  auto g = grouping(audits, by);
  if (!g.ok()) return g.status();
  key.name = g->name;
  key.owned = std::move(g->column);
  key.ordered = g->ordered;
  return key;
}

// Counts of (code, grade slot) cells: one pass over a code column and a grade column, with no
// branch per row. Each grade byte maps to its slot (levels, then N/A, then a slot for "not
// recorded" that is dropped). With few cells, four copies of the counters let consecutive rows
// of the same cell update different memory, so increments do not wait for each other.
template <typename Counter, typename Code>
std::vector<Counter> count_range_as(Code code, const Grade* grades, std::size_t n,
                                    std::size_t n_codes, std::size_t k) {
  const std::size_t width = k + 2;
  std::array<std::uint32_t, 256> slot;
  for (std::size_t g = 0; g < 256; ++g) slot[g] = static_cast<std::uint32_t>(g < k ? g : k);
  slot[kNotRecorded] = static_cast<std::uint32_t>(k + 1);
  const std::size_t cells = n_codes * width;
  const std::size_t copies = cells * sizeof(Counter) * 4 <= (std::size_t{256} << 10) ? 4 : 1;
  std::vector<Counter> counts(cells * copies, 0);
  Counter* c0 = counts.data();
  std::size_t i = 0;
  if (copies == 4) {
    Counter* c1 = c0 + cells;
    Counter* c2 = c1 + cells;
    Counter* c3 = c2 + cells;
    for (; i + 4 <= n; i += 4) {
      ++c0[code(i) * width + slot[grades[i]]];
      ++c1[code(i + 1) * width + slot[grades[i + 1]]];
      ++c2[code(i + 2) * width + slot[grades[i + 2]]];
      ++c3[code(i + 3) * width + slot[grades[i + 3]]];
    }
    for (std::size_t j = 0; j < cells; ++j) c0[j] += c1[j] + c2[j] + c3[j];
    counts.resize(cells);
  }
  for (; i < n; ++i) ++c0[code(i) * width + slot[grades[i]]];
  return counts;
}

// count_range_as with 32-bit counters where no cell can pass 2^32 - 1 and the cells are few
// (a table by team): half the cache a counter takes, so that a thousand teams' cells keep their
// four copies in a core's L2 cache; 64-bit counters otherwise (a large table is not copied).
template <typename Code>
std::vector<std::int64_t> count_range(Code code, const Grade* grades, std::size_t n,
                                      std::size_t n_codes, std::size_t k) {
  if (n <= UINT32_MAX && n_codes * (k + 2) <= (std::size_t{1} << 20)) {
    const std::vector<std::uint32_t> counts =
        count_range_as<std::uint32_t>(code, grades, n, n_codes, k);
    return std::vector<std::int64_t>(counts.begin(), counts.end());
  }
  return count_range_as<std::int64_t>(code, grades, n, n_codes, k);
}

// Rows a thread counts at the least, and the most cells a thread may count into, for a table
// to be counted on several cores: each thread counts a contiguous share of the rows into cells
// of its own, and the cells are added. Counts are integers, so the table is the same however
// the rows are shared out. Below half a million rows a thread's start costs more than it saves;
// a table of many cells (a column of identifiers, allowed) is counted on one thread, so that
// each thread's copy of the cells stays small.
constexpr std::size_t kRowsPerThread = std::size_t{1} << 19;
constexpr std::size_t kMaxThreadCells = std::size_t{1} << 16;

// count_range over all n rows, on every core (up to 8, detail::resolve_threads) when the rows
// are many and the cells few. A share that fails on its thread (memory exhausted) is counted
// again on this one, where a failure reaches the caller.
template <typename Code>
std::vector<std::int64_t> count_cells(Code code, const Grade* grades, std::size_t n,
                                      std::size_t n_codes, std::size_t k) {
  const std::size_t parts = n_codes * (k + 2) > kMaxThreadCells
                                ? 1
                                : std::min(detail::resolve_threads(0), n / kRowsPerThread);
  if (parts < 2) return count_range(code, grades, n, n_codes, k);
  auto count_part = [&](std::size_t p) {  // rows [first, last) of part p
    // (Plain variables, not a structured binding: clang 14 cannot capture those in a lambda.)
    const std::size_t first = n * p / parts;
    const std::size_t last = n * (p + 1) / parts;
    return count_range([&code, first](std::size_t i) { return code(first + i); }, grades + first,
                       last - first, n_codes, k);
  };
  std::vector<std::vector<std::int64_t>> counted(parts);
  std::vector<char> done(parts, 0);
  detail::run_parts(parts, [&](std::size_t p) {
    try {
      counted[p] = count_part(p);
      done[p] = 1;
    } catch (const std::exception&) {  // counted again below
    }
  });
  for (std::size_t p = 0; p < parts; ++p) {
    if (!done[p]) counted[p] = count_part(p);
  }
  std::vector<std::int64_t> cells = std::move(counted[0]);
  for (std::size_t p = 1; p < parts; ++p) {
    for (std::size_t j = 0; j < cells.size(); ++j) cells[j] += counted[p][j];
  }
  return cells;
}

// The codes that have a recorded grade, in order of first appearance: counted cells tell which
// codes occur, and the scan stops as soon as all of them have been seen (early, in practice).
template <typename Code>
std::vector<std::uint32_t> first_appearance(const std::vector<std::int64_t>& counts, Code code,
                                            const Grade* grades, std::size_t n, std::size_t n_codes,
                                            std::size_t k) {
  const std::size_t width = k + 2;
  std::vector<char> pending(n_codes, 0);
  std::size_t left = 0;
  for (std::size_t c = 0; c < n_codes; ++c) {
    const std::int64_t* row = &counts[c * width];
    if (std::accumulate(row, row + k + 1, std::int64_t{0}) > 0) {
      pending[c] = 1;
      ++left;
    }
  }
  std::vector<std::uint32_t> order;
  order.reserve(left);
  for (std::size_t i = 0; i < n && left > 0; ++i) {
    const std::size_t c = code(i);
    if (pending[c] && grades[i] != kNotRecorded) {
      pending[c] = 0;
      order.push_back(static_cast<std::uint32_t>(c));
      --left;
    }
  }
  return order;
}

GradeCounts counts_of(const std::int64_t* row, std::size_t k) {
  return GradeCounts(std::vector<std::int64_t>(row, row + k), row[k]);
}

}  // namespace

absl::StatusOr<GradeTable> crosstab(const AuditSet& audits, std::string_view by,
                                    std::string_view grades, bool allow_identifiers) {
  auto key = key_column(audits, by, allow_identifiers);
  if (!key.ok()) return key.status();
  auto grade_column = audits.grade_column(grades);
  if (!grade_column.ok()) return grade_column.status();
  const GradeScale& scale = *grade_column->scale;
  const Categorical& col = key->column != nullptr ? *key->column : key->owned;
  const std::size_t k = scale.size();
  const std::size_t n_levels = col.levels().size();
  const Grade* values = grade_column->grades.data();
  const std::size_t n = audits.size();
  std::vector<std::int64_t> cells;
  std::vector<std::uint32_t> order;
  col.codes().visit([&](auto codes) {  // compiled for each width of code
    auto code = [codes](std::size_t i) -> std::size_t { return codes[i]; };
    cells = count_cells(code, values, n, n_levels, k);
    order = first_appearance(cells, code, values, n, n_levels, k);
  });
  if (key->ordered) std::sort(order.begin(), order.end());
  GradeTable table(key->name, scale);
  for (std::uint32_t c : order) {
    (void)table.add(row_label(col.levels()[c]), counts_of(&cells[c * (k + 2)], k));  // sizes match
  }
  return table;
}

absl::StatusOr<GradeTable> crosstab(const AuditSet& audits, const std::vector<std::string>& by,
                                    std::string_view grades, bool allow_identifiers) {
  if (by.empty()) return absl::InvalidArgumentError("crosstab needs at least one column");
  if (by.size() == 1) return crosstab(audits, by[0], grades, allow_identifiers);
  std::vector<Key> keys;
  for (const std::string& b : by) {
    auto key = key_column(audits, b, allow_identifiers);
    if (!key.ok()) return key.status();
    keys.push_back(*std::move(key));
  }
  auto grade_column = audits.grade_column(grades);
  if (!grade_column.ok()) return grade_column.status();
  const GradeScale& scale = *grade_column->scale;
  const std::size_t n = audits.size();
  const std::size_t m = keys.size();
  const std::size_t k = scale.size();
  const Grade* values = grade_column->grades.data();
  std::vector<std::string> names;
  for (const Key& key : keys) names.push_back(key.name);
  auto column = [&](std::size_t j) -> const Categorical& {
    return keys[j].column != nullptr ? *keys[j].column : keys[j].owned;
  };
  // Few combinations in all (teams by programme): count straight into a table of every
  // combination, its index computed from the codes on the fly, with no pass to combine them.
  std::vector<std::size_t> stride(m, 1);
  std::size_t all = 1;
  for (std::size_t j = m; j-- > 0;) {
    stride[j] = all;
    all *= std::max<std::size_t>(column(j).levels().size(), 1);
    if (all * (k + 2) > (std::size_t{1} << 22)) break;
  }
  if (all * (k + 2) <= (std::size_t{1} << 22)) {
    std::vector<const CategoryCodes*> codes(m);
    for (std::size_t j = 0; j < m; ++j) codes[j] = &column(j).codes();
    std::vector<std::int64_t> cells;
    std::vector<std::uint32_t> order;
    auto cells_order = [&](auto code) {
      cells = count_cells(code, values, n, all, k);
      order = first_appearance(cells, code, values, n, all, k);
    };
    if (m == 2) {
      // Two columns (the usual table): compiled for each pair of code widths.
      codes[0]->visit([&](auto first) {
        codes[1]->visit([&](auto second) {
          cells_order([first, second, s0 = stride[0]](std::size_t i) {
            return std::size_t{first[i]} * s0 + second[i];
          });
        });
      });
    } else {
      cells_order([&](std::size_t i) {
        std::size_t c = 0;
        for (std::size_t j = 0; j < m; ++j) c += (*codes[j])[i] * stride[j];
        return c;
      });
    }
    auto part = [&](std::uint32_t c, std::size_t j) {
      return (c / stride[j]) % column(j).levels().size();
    };
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      for (std::size_t j = 0; j < m; ++j) {
        if (!keys[j].ordered || part(a, j) == part(b, j)) continue;
        return part(a, j) < part(b, j);
      }
      return false;
    });
    GradeTable table(names, scale);
    std::vector<std::string> key(m);
    for (std::uint32_t c : order) {
      for (std::size_t j = 0; j < m; ++j) key[j] = row_label(column(j).levels()[part(c, j)]);
      (void)table.add_key(key, counts_of(&cells[c * (k + 2)], k));
    }
    return table;
  }
  // Otherwise combine the columns' codes into one code per combination that occurs: densely (a
  // lookup array over all combinations) while that array is small, through a hash map otherwise.
  std::vector<std::uint32_t> combined(n, 0);
  std::vector<std::vector<std::uint32_t>> parts(1, std::vector<std::uint32_t>());  // per code
  for (std::size_t j = 0; j < m; ++j) {
    const Categorical& col = keys[j].column != nullptr ? *keys[j].column : keys[j].owned;
    const std::size_t levels = col.levels().size();
    const std::size_t before = parts.size();
    std::vector<std::vector<std::uint32_t>> next_parts;
    auto add = [&](std::uint32_t left, std::uint32_t code) {
      std::vector<std::uint32_t> p = parts[left];
      p.push_back(code);
      next_parts.push_back(std::move(p));
      return static_cast<std::uint32_t>(next_parts.size() - 1);
    };
    col.codes().visit([&](auto codes) {  // compiled for each width of code
      if (before * levels <= (std::size_t{1} << 24)) {
        std::vector<std::uint32_t> id(before * levels, UINT32_MAX);
        for (std::size_t i = 0; i < n; ++i) {
          std::uint32_t& slot = id[combined[i] * levels + codes[i]];
          if (slot == UINT32_MAX) slot = add(combined[i], codes[i]);
          combined[i] = slot;
        }
      } else {
        absl::flat_hash_map<std::uint64_t, std::uint32_t> id;
        for (std::size_t i = 0; i < n; ++i) {
          const std::uint64_t pair = (std::uint64_t{combined[i]} << 32) | codes[i];
          auto [it, inserted] = id.try_emplace(pair, 0);
          if (inserted) it->second = add(combined[i], codes[i]);
          combined[i] = it->second;
        }
      }
    });
    parts = std::move(next_parts);
  }
  auto code = [&combined](std::size_t i) -> std::size_t { return combined[i]; };
  const std::vector<std::int64_t> cells = count_cells(code, values, n, parts.size(), k);
  std::vector<std::uint32_t> order = first_appearance(cells, code, values, n, parts.size(), k);
  // Periods run in date order: order rows by the codes of the period columns, stably.
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    for (std::size_t j = 0; j < m; ++j) {
      if (!keys[j].ordered || parts[a][j] == parts[b][j]) continue;
      return parts[a][j] < parts[b][j];
    }
    return false;
  });
  GradeTable table(names, scale);
  std::vector<std::string> values_of(m);
  for (std::uint32_t c : order) {
    for (std::size_t j = 0; j < m; ++j) {
      const Categorical& col = keys[j].column != nullptr ? *keys[j].column : keys[j].owned;
      values_of[j] = std::string(col.levels()[parts[c][j]]);
    }
    (void)table.add_key(values_of, counts_of(&cells[c * (k + 2)], k));
  }
  return table;
}

}  // namespace qaframe
