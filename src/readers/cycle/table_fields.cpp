#include "readers/cycle/table_fields.hpp"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/model/text.hpp"

namespace qaframe::detail {

std::optional<CsvTable> table_from_columns(const std::vector<std::string>& names,
                                           const std::vector<std::vector<std::string>>& columns,
                                           const std::string& source,
                                           const std::vector<std::string_view>& required,
                                           Diagnostics& diag) {
  if (names.size() != columns.size()) {
    diag.add({source, 0, -1, "", "",
              absl::StrCat(names.size(), " column names for ", columns.size(), " columns")});
    return std::nullopt;
  }
  CsvTable table;
  table.source = source;
  bool ok = true;
  absl::flat_hash_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string display(trim(names[i]));
    std::string name = canonical_column_name(display);
    if (name.empty()) {
      diag.add({source, 0, -1, "", "", absl::StrCat("column ", i + 1, " has no name")});
      ok = false;
    } else if (auto [it, inserted] = seen.try_emplace(name, i); !inserted) {
      diag.add({source, 0, -1, display, display,
                absl::StrCat("column name repeated (columns ", it->second + 1, " and ", i + 1,
                             "); each column must be named once")});
      ok = false;
    }
    if (columns[i].size() != columns[0].size()) {
      diag.add({source, 0, -1, display, "",
                absl::StrCat("column has ", columns[i].size(), " rows, the first has ",
                             columns[0].size())});
      ok = false;
    }
    table.columns.push_back(std::move(name));
    table.display.push_back(std::move(display));
  }
  std::vector<std::string> missing;
  for (std::string_view r : required)
    if (table.column(r) < 0) missing.emplace_back(r);
  if (!missing.empty()) {
    diag.add({source, 0, -1, "", "",
              absl::StrCat("missing required column", missing.size() > 1 ? "s " : " ",
                           absl::StrJoin(missing, ", "),
                           " (the columns are: ", absl::StrJoin(table.display, ", "), ")")});
    ok = false;
  }
  if (!ok) return std::nullopt;
  const std::size_t rows = columns.empty() ? 0 : columns[0].size();
  for (std::size_t r = 0; r < rows; ++r) {
    std::vector<std::string> values;
    values.reserve(columns.size());
    for (const auto& c : columns) values.emplace_back(trim(c[r]));
    table.rows.push_back(std::move(values));
    table.lines.push_back(0);
  }
  return table;
}

std::optional<DayNumber> date_field(const CsvTable& t, Diagnostics& d, std::size_t row, int column,
                                    std::string_view name,
                                    std::optional<std::string_view> required_why) {
  const std::string& v = t.field(row, column);
  if (v.empty()) {
    if (required_why)
      t.problem(d, row, name, "", absl::StrCat(sv(name), " is empty; ", sv(*required_why)));
    return std::nullopt;
  }
  auto day = parse_date(v);
  if (!day.ok()) {
    t.problem(d, row, name, v, std::string(day.status().message()));
    return std::nullopt;
  }
  return *day;
}

absl::flat_hash_map<std::string_view, std::uint32_t> audit_rows(const AuditSet& audits) {
  absl::flat_hash_map<std::string_view, std::uint32_t> out;
  out.reserve(audits.size());
  for (std::size_t i = 0; i < audits.size(); ++i)
    out.emplace(audits.audit_id_unchecked(i), static_cast<std::uint32_t>(i));
  return out;
}

}  // namespace qaframe::detail
