#include "qaframe/readers/cycle/caseload.hpp"
#include "qaframe/io/file.hpp"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "io/csv_table.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/text.hpp"
#include "readers/cycle/table_fields.hpp"

namespace qaframe {
namespace {

constexpr std::string_view kRequired[] = {CaseloadColumns::kChildId, CaseloadColumns::kTeam,
                                          CaseloadColumns::kCaseType, CaseloadColumns::kWorker};

absl::StatusOr<Caseload> read_table(const std::optional<detail::CsvTable>& table, Diagnostics& d) {
  if (!table) return d.to_status();
  using C = CaseloadColumns;
  const detail::CsvTable& t = *table;
  const int c_child = t.column(C::kChildId), c_team = t.column(C::kTeam),
            c_type = t.column(C::kCaseType), c_worker = t.column(C::kWorker);
  Caseload out;
  out.source = t.source;
  std::vector<int> extra;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const int c = static_cast<int>(i);
    if (c == c_child || c == c_team || c == c_type || c == c_worker) continue;
    extra.push_back(c);
    out.extra_columns.push_back(t.display[i]);
  }
  absl::flat_hash_map<std::string, std::size_t> seen;  // child_id -> first table row
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::size_t before = d.total();
    Case c;
    c.child_id = t.field(r, c_child);
    c.team = t.field(r, c_team);
    c.case_type = t.field(r, c_type);
    c.worker = t.field(r, c_worker);
    c.line = t.lines[r];
    if (c.child_id.empty()) {
      t.problem(d, r, C::kChildId, "", "child_id is empty; it is required");
    } else if (auto [it, inserted] = seen.try_emplace(c.child_id, r); !inserted) {
      // The identifier is personal data: the message gives where, never which child.
      const std::size_t f = it->second;
      t.problem(
          d, r, C::kChildId, "",
          absl::StrCat("the same child is listed twice (first on ",
                       t.lines[f] > 0 ? absl::StrCat("line ", t.lines[f]) : absl::StrCat("row ", f),
                       "); list each open case once"));
    }
    if (c.team.empty()) t.problem(d, r, C::kTeam, "", "team is empty; it is required");
    if (c.case_type.empty())
      t.problem(d, r, C::kCaseType, "",
                "case_type is empty; write the type of case (e.g. Child in Need)");
    if (d.total() != before) continue;
    for (int e : extra) c.extra.push_back(t.field(r, e));
    out.cases.push_back(std::move(c));
  }
  if (!d.ok()) return d.to_status();
  return out;
}

}  // namespace

absl::StatusOr<Caseload> parse_caseload_csv(std::string_view text, const std::string& source,
                                            Diagnostics* diag, const CsvOptions& csv) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  return read_table(
      detail::read_csv_table(text, source, {std::begin(kRequired), std::end(kRequired)}, d, csv),
      d);
}

absl::StatusOr<Caseload> read_caseload_csv(const std::string& path, Diagnostics* diag,
                                           const CsvOptions& csv) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  return parse_caseload_csv(*text, path, diag, csv);
}

absl::StatusOr<Caseload> caseload_from_columns(const std::vector<std::string>& names,
                                               const std::vector<std::vector<std::string>>& columns,
                                               const std::string& source, Diagnostics* diag) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  return read_table(detail::table_from_columns(names, columns, source,
                                               {std::begin(kRequired), std::end(kRequired)}, d),
                    d);
}

}  // namespace qaframe
