#include "report/publication.hpp"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "qaframe/publish/pseudonym.hpp"

namespace qaframe::detail {

absl::StatusOr<Publication> Publication::make(const PublishOptions& options,
                                              const AuditSet& audits) {
  Publication p;
  p.options_ = options;
  if (!options.pseudonymise_staff) return p;
  auto key = PseudonymKey::from_hex(options.pseudonym_key);
  if (!key.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("staff pseudonyms need the council's key (32 hexadecimal digits): ",
                     key.status().message()));
  }
  std::vector<std::string> names;
  for (std::string_view column : {AuditColumns::kAuditor, AuditColumns::kModerator}) {
    auto c = audits.categorical(column);
    if (!c.ok()) continue;
    for (const std::string& level : (*c)->levels().to_vector())
      if (std::find(names.begin(), names.end(), level) == names.end()) names.push_back(level);
  }
  auto pseudonyms = pseudonymise(names, *key, "Staff");
  if (!pseudonyms.ok()) return pseudonyms.status();
  for (std::size_t i = 0; i < names.size(); ++i) p.staff_[names[i]] = (*pseudonyms)[i];
  return p;
}

bool Publication::sensitive(std::int64_t count) const {
  if (count == 0) return options_.rule.zeros == ZeroCells::kSensitive;
  return count >= 1 && count <= options_.rule.threshold;
}

bool Publication::share_suppressed(std::int64_t count, std::int64_t n) const {
  return sensitive(count) || (n > count && sensitive(n - count)) || sensitive(n);
}

std::string Publication::staff(const std::string& name) const {
  auto it = staff_.find(name);
  return it == staff_.end() ? name : it->second;
}

std::string Publication::describe() const {
  std::string out = absl::StrCat(
      "Publication mode. ", options_.rule.describe(),
      " Shares and intervals resting on a suppressed count are suppressed too; percentages are "
      "whole numbers rounded half up from the unrounded counts. Agreement coefficients, "
      "moderation rows and comparisons resting on fewer than ",
      options_.min_pairs, " pairs or graded audits are withheld.");
  if (options_.pseudonymise_staff)
    out += " Auditors and moderators are shown by stable pseudonyms.";
  out += " No child's identifier appears in this report.";
  return out;
}

doc::Value count_value(std::int64_t count, bool is_suppressed) {
  return is_suppressed ? suppressed() : doc::Value::count_of(count);
}

doc::Value suppressed() {
  return doc::Value::symbol_for("c", "suppressed to protect confidentiality");
}

doc::Value withheld(std::int64_t min) {
  return doc::Value::symbol_for(
      "u", absl::StrCat("withheld: fewer than ", min, " pairs or graded audits"));
}

absl::StatusOr<std::vector<SuppressedTable>> suppress_grade_tables(
    const AuditSet& audits, const GradeColumn& grades, const std::vector<GradeTable>& tables,
    const DisclosureRule& rule) {
  const std::size_t k = grades.scale->size();
  const std::size_t width = k + 1;  // the levels, then N/A
  // Each audit's row in every table, from the same groupings the tables were counted by.
  std::vector<std::vector<std::int64_t>> row_of(tables.size());
  for (std::size_t t = 0; t < tables.size(); ++t) {
    auto g = grouping(audits, tables[t].by());
    if (!g.ok()) return g.status();
    absl::flat_hash_map<std::string, std::int64_t> index;
    for (std::size_t r = 0; r < tables[t].size(); ++r)
      index[tables[t].rows()[r]] = static_cast<std::int64_t>(r);
    const std::vector<std::string> levels = g->column.levels().to_vector();
    row_of[t].reserve(audits.size());
    for (std::uint32_t code : g->column.codes()) {
      auto it = index.find(levels[code]);
      row_of[t].push_back(it == index.end() ? -1 : it->second);
    }
  }
  // The base: audits counted by their row in every table and their grade, so that every table is
  // a margin of one finer table and a count shown in two tables is one count.
  absl::flat_hash_map<std::vector<std::int64_t>, std::size_t> base_index;
  std::vector<std::int64_t> base;
  std::vector<std::vector<std::vector<std::size_t>>> sets(tables.size());
  for (std::size_t t = 0; t < tables.size(); ++t) sets[t].assign(tables[t].size() * width, {});
  std::vector<std::int64_t> key(tables.size() + 1);
  for (std::size_t i = 0; i < audits.size(); ++i) {
    const Grade g = grades.grades[i];
    if (g == kNotRecorded) continue;
    const std::size_t column = g < k ? g : k;
    bool counted = true;
    for (std::size_t t = 0; t < tables.size(); ++t) {
      key[t] = row_of[t][i];
      counted = counted && key[t] >= 0;
    }
    if (!counted) continue;
    key[tables.size()] = static_cast<std::int64_t>(column);
    auto [it, inserted] = base_index.try_emplace(key, base.size());
    if (inserted) {
      base.push_back(0);
      for (std::size_t t = 0; t < tables.size(); ++t)
        sets[t][static_cast<std::size_t>(key[t]) * width + column].push_back(it->second);
    }
    ++base[it->second];
  }
  std::vector<LinkedTable> linked;
  std::vector<std::size_t> which;  // tables with rows (an empty table has nothing to protect)
  for (std::size_t t = 0; t < tables.size(); ++t) {
    if (tables[t].size() == 0) continue;
    LinkedTable l;
    l.rows = tables[t].size();
    l.columns = width;
    l.cell_sets = std::move(sets[t]);
    linked.push_back(std::move(l));
    which.push_back(t);
  }
  std::vector<SuppressedTable> out(tables.size());
  if (linked.empty()) return out;
  auto suppressed_tables = suppress_linked(base, linked, rule);
  if (!suppressed_tables.ok()) return suppressed_tables.status();
  for (std::size_t i = 0; i < which.size(); ++i) out[which[i]] = (*suppressed_tables)[i];
  return out;
}

void apply_suppression(doc::Table& table, const SuppressedTable& s) {
  // Layout of grade_table(): label, levels and N/A (s.columns of them), Total; the category rows,
  // then the Total row.
  for (std::size_t r = 0; r < s.rows && r < table.rows.size(); ++r) {
    for (std::size_t c = 0; c < s.columns; ++c)
      if (s.cell_unchecked(r, c).suppressed()) table.rows[r][c + 1] = suppressed();
    if (s.row_totals[r].suppressed()) table.rows[r][s.columns + 1] = suppressed();
  }
  if (table.rows.size() == s.rows + 1) {
    std::vector<doc::Value>& total = table.rows.back();
    for (std::size_t c = 0; c < s.columns; ++c)
      if (s.column_totals[c].suppressed()) total[c + 1] = suppressed();
    if (s.grand_total.suppressed()) total[s.columns + 1] = suppressed();
  }
}

bool any_suppressed(const SuppressedTable& s) {
  return s.primary_count() + s.secondary_count() > 0;
}

}  // namespace qaframe::detail
