#include "qaframe/readers/cycle/actions.hpp"
#include "qaframe/io/file.hpp"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "io/csv_table.hpp"
#include "qaframe/model/text.hpp"
#include "readers/cycle/table_fields.hpp"

namespace qaframe {

std::string normalise_action_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool gap = false;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool separator =
        u < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    if (separator) {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out.push_back(' ');
    gap = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

bool is_no_action_needed(std::string_view description) {
  const std::string key = normalise_action_text(description);
  return key == "no action needed" || key == "no actions needed" || key == "no action required" ||
         key == "no actions required";
}

namespace {

enum class StatusKind { kNone, kOpen, kDone, kCancelled, kUnknown };

StatusKind status_kind(std::string_view status) {
  const std::string key = normalise_action_text(status);
  if (key.empty()) return StatusKind::kNone;
  if (key == "open" || key == "in progress" || key == "ongoing") return StatusKind::kOpen;
  if (key == "done" || key == "completed" || key == "complete" || key == "closed")
    return StatusKind::kDone;
  if (key == "cancelled" || key == "canceled" || key == "withdrawn") return StatusKind::kCancelled;
  return StatusKind::kUnknown;
}

absl::StatusOr<ActionLog> read_table(const std::optional<detail::CsvTable>& table,
                                     const AuditSet& audits, const ActionReadOptions& options,
                                     Diagnostics& d) {
  if (!table) return d.to_status();
  using C = ActionColumns;
  const detail::CsvTable& t = *table;
  const int c_id = t.column(C::kActionId), c_audit = t.column(C::kAuditId),
            c_desc = t.column(C::kDescription), c_owner = t.column(C::kOwner),
            c_raised = t.column(C::kRaised), c_due = t.column(C::kDue),
            c_done = t.column(C::kCompleted), c_status = t.column(C::kStatus),
            c_outcome = t.column(C::kOutcome), c_evidence = t.column(C::kEvidence);
  const auto rows_of = detail::audit_rows(audits);
  absl::flat_hash_map<std::string, std::int64_t> ids;  // action_id -> line (or row) first seen
  // Per audit row: where its first action and its first "no action needed" record are.
  absl::flat_hash_map<std::uint32_t, std::size_t> first_action;
  std::vector<std::size_t> table_row;  // the table row of each action kept
  ActionLog out;
  out.source = t.source;
  auto where = [&](std::size_t r) {
    return t.lines[r] > 0 ? absl::StrCat("line ", t.lines[r]) : absl::StrCat("row ", r);
  };
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::size_t before = d.total();
    Action a;
    a.action_id = t.field(r, c_id);
    a.audit_id = t.field(r, c_audit);
    a.description = t.field(r, c_desc);
    a.owner = t.field(r, c_owner);
    a.status = t.field(r, c_status);
    a.outcome = t.field(r, c_outcome);
    a.evidence = t.field(r, c_evidence);
    a.line = t.lines[r];
    a.no_action_needed = is_no_action_needed(a.description);
    if (a.action_id.empty()) {
      t.problem(d, r, C::kActionId, "", "action_id is empty; it is required");
    } else if (auto [it, inserted] = ids.try_emplace(a.action_id, static_cast<std::int64_t>(r));
               !inserted) {
      t.problem(
          d, r, C::kActionId, a.action_id,
          absl::StrCat("action_id repeated (first on ", where(static_cast<std::size_t>(it->second)),
                       "); each action needs its own id"));
    }
    std::optional<DayNumber> audit_date;
    if (a.audit_id.empty()) {
      t.problem(d, r, C::kAuditId, "", "audit_id is empty; it is required");
    } else if (auto it = rows_of.find(a.audit_id); it == rows_of.end()) {
      t.problem(d, r, C::kAuditId, a.audit_id, "no audit with this audit_id in the audits");
    } else {
      a.audit_row = it->second;
      audit_date = audits.dates()[it->second];
    }
    if (a.description.empty())
      t.problem(d, r, C::kDescription, "",
                "description is empty; say what the action is, or write 'No action needed'");
    if (a.owner.empty() && !a.no_action_needed && options.require_owner)
      t.problem(d, r, C::kOwner, "", "owner is empty; every action needs a named owner");
    auto raised = detail::date_field(
        t, d, r, c_raised, C::kRaised,
        a.no_action_needed ? std::nullopt
                           : std::optional<std::string_view>("the date the action was raised "
                                                             "is required"));
    a.due = detail::date_field(t, d, r, c_due, C::kDue);
    a.completed = detail::date_field(t, d, r, c_done, C::kCompleted);
    if (raised) {
      a.raised = *raised;
      if (audit_date && *raised < *audit_date)
        t.problem(d, r, C::kRaised, t.field(r, c_raised),
                  absl::StrCat("raised before its audit (audited ", format_date(*audit_date), ")"));
      if (a.due && *a.due < *raised)
        t.problem(
            d, r, C::kDue, t.field(r, c_due),
            absl::StrCat("due before the action was raised (raised ", format_date(*raised), ")"));
      if (a.completed && *a.completed < *raised)
        t.problem(d, r, C::kCompleted, t.field(r, c_done),
                  absl::StrCat("completed before the action was raised (raised ",
                               format_date(*raised), ")"));
    } else if (audit_date && a.no_action_needed) {
      a.raised = *audit_date;  // a record of no action dates from its audit
    }
    switch (status_kind(a.status)) {
      case StatusKind::kUnknown:
        t.problem(d, r, C::kStatus, a.status,
                  "unknown status; accepted: open, in progress, done, completed, closed, "
                  "cancelled, withdrawn (or empty)");
        break;
      case StatusKind::kDone:
        if (!a.completed && t.field(r, c_done).empty())
          t.problem(d, r, C::kStatus, a.status, "the status says done but completed is empty");
        break;
      case StatusKind::kOpen:
        if (a.completed)
          t.problem(d, r, C::kStatus, a.status,
                    "the status says open but a completed date is given");
        break;
      case StatusKind::kCancelled:
        a.cancelled = true;
        break;
      case StatusKind::kNone:
        break;
    }
    if (d.total() != before) continue;
    if (!a.no_action_needed && !a.cancelled)
      first_action.try_emplace(a.audit_row, out.actions.size());
    table_row.push_back(r);
    out.actions.push_back(std::move(a));
  }
  // An audit cannot both need no action and have actions: reported at its "no action" record.
  for (std::size_t i = 0; i < out.actions.size(); ++i) {
    const Action& n = out.actions[i];
    if (!n.no_action_needed) continue;
    auto it = first_action.find(n.audit_row);
    if (it == first_action.end()) continue;
    t.problem(d, table_row[i], C::kDescription, n.description,
              absl::StrCat("a 'no action needed' record for an audit that also has actions (",
                           where(table_row[it->second]), ")"));
  }
  if (!d.ok()) return d.to_status();
  return out;
}

}  // namespace

absl::StatusOr<ActionLog> parse_actions_csv(std::string_view text, const std::string& source,
                                            const AuditSet& audits,
                                            const ActionReadOptions& options, Diagnostics* diag) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  const std::vector<std::string_view> required(std::begin(ActionColumns::kRequired),
                                               std::end(ActionColumns::kRequired));
  return read_table(detail::read_csv_table(text, source, required, d, options.csv), audits, options,
                    d);
}

absl::StatusOr<ActionLog> read_actions_csv(const std::string& path, const AuditSet& audits,
                                           const ActionReadOptions& options, Diagnostics* diag) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  return parse_actions_csv(*text, path, audits, options, diag);
}

absl::StatusOr<ActionLog> actions_from_columns(const std::vector<std::string>& names,
                                               const std::vector<std::vector<std::string>>& columns,
                                               const AuditSet& audits, const std::string& source,
                                               const ActionReadOptions& options,
                                               Diagnostics* diag) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  const std::vector<std::string_view> required(std::begin(ActionColumns::kRequired),
                                               std::end(ActionColumns::kRequired));
  return read_table(detail::table_from_columns(names, columns, source, required, d), audits,
                    options, d);
}

}  // namespace qaframe
