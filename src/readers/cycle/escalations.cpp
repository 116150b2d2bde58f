#include "qaframe/readers/cycle/escalations.hpp"
#include "qaframe/io/file.hpp"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "io/csv_table.hpp"
#include "qaframe/model/text.hpp"
#include "readers/cycle/table_fields.hpp"

namespace qaframe {
namespace {

absl::StatusOr<EscalationLog> read_table(const std::optional<detail::CsvTable>& table,
                                         const AuditSet& audits, Diagnostics& d) {
  if (!table) return d.to_status();
  using C = EscalationColumns;
  const detail::CsvTable& t = *table;
  const int c_audit = t.column(C::kAuditId), c_date = t.column(C::kEscalated),
            c_to = t.column(C::kEscalatedTo);
  const auto rows_of = detail::audit_rows(audits);
  absl::flat_hash_map<std::string, std::size_t> seen;  // audit_id -> first table row
  EscalationLog out;
  out.source = t.source;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::size_t before = d.total();
    EscalationRecord e;
    e.audit_id = t.field(r, c_audit);
    e.escalated_to = t.field(r, c_to);
    e.line = t.lines[r];
    std::optional<DayNumber> audit_date;
    if (e.audit_id.empty()) {
      t.problem(d, r, C::kAuditId, "", "audit_id is empty; it is required");
    } else if (auto it = rows_of.find(e.audit_id); it == rows_of.end()) {
      t.problem(d, r, C::kAuditId, e.audit_id, "no audit with this audit_id in the audits");
    } else {
      e.audit_row = it->second;
      audit_date = audits.dates()[it->second];
      if (auto [first, inserted] = seen.try_emplace(e.audit_id, r); !inserted) {
        const std::size_t f = first->second;
        t.problem(d, r, C::kAuditId, e.audit_id,
                  absl::StrCat(
                      "a second escalation of this audit (first on ",
                      t.lines[f] > 0 ? absl::StrCat("line ", t.lines[f]) : absl::StrCat("row ", f),
                      "); give its first escalation only"));
      }
    }
    auto day = detail::date_field(t, d, r, c_date, C::kEscalated,
                                  "leave out audits that were not escalated");
    if (day) {
      e.escalated = *day;
      if (audit_date && *day < *audit_date)
        t.problem(
            d, r, C::kEscalated, t.field(r, c_date),
            absl::StrCat("escalated before its audit (audited ", format_date(*audit_date), ")"));
    }
    if (d.total() == before) out.records.push_back(std::move(e));
  }
  if (!d.ok()) return d.to_status();
  return out;
}

}  // namespace

absl::StatusOr<EscalationLog> parse_escalations_csv(std::string_view text,
                                                    const std::string& source,
                                                    const AuditSet& audits, Diagnostics* diag,
                                                    const CsvOptions& csv) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  return read_table(
      detail::read_csv_table(text, source,
                             {EscalationColumns::kAuditId, EscalationColumns::kEscalated}, d, csv),
      audits, d);
}

absl::StatusOr<EscalationLog> read_escalations_csv(const std::string& path, const AuditSet& audits,
                                                   Diagnostics* diag, const CsvOptions& csv) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  return parse_escalations_csv(*text, path, audits, diag, csv);
}

absl::StatusOr<EscalationLog> escalations_from_columns(
    const std::vector<std::string>& names, const std::vector<std::vector<std::string>>& columns,
    const AuditSet& audits, const std::string& source, Diagnostics* diag) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  return read_table(
      detail::table_from_columns(names, columns, source,
                                 {EscalationColumns::kAuditId, EscalationColumns::kEscalated}, d),
      audits, d);
}

absl::StatusOr<EscalationLog> escalations_from_audits(const AuditSet& audits,
                                                      std::string_view column,
                                                      const std::string& source,
                                                      Diagnostics* diag) {
  auto values = audits.categorical(column);
  if (!values.ok()) return values.status();
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  EscalationLog out;
  out.source = absl::StrCat(source, " (column ", sv(column), ")");
  const Categorical& c = **values;
  // Each distinct text is parsed once: a column of a million audits has few distinct dates.
  std::vector<std::optional<absl::StatusOr<DayNumber>>> parsed(c.levels().size());
  for (std::size_t i = 0; i < audits.size(); ++i) {
    const std::string_view text = trim(c.value(i));
    if (text.empty()) continue;
    auto& p = parsed[c.codes()[i]];
    if (!p) p = parse_date(text);
    const std::string id(audits.audit_id_unchecked(i));
    if (!p->ok()) {
      d.add({source, 0, static_cast<std::int64_t>(i), std::string(column),
             shorten_for_message(text), absl::StrCat("audit ", id, ": ", p->status().message())});
      continue;
    }
    if (**p < audits.dates()[i]) {
      d.add({source, 0, static_cast<std::int64_t>(i), std::string(column),
             shorten_for_message(text),
             absl::StrCat("audit ", id, ": escalated before its audit (audited ",
                          format_date(audits.dates()[i]), ")")});
      continue;
    }
    out.records.push_back({id, static_cast<std::uint32_t>(i), **p, "", 0});
  }
  if (!d.ok()) return d.to_status();
  return out;
}

}  // namespace qaframe
