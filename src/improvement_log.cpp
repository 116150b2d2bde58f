#include "qaframe/improvement_log.hpp"

#include <algorithm>
#include <fstream>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "csv_table.hpp"
#include "qaframe/audit_set.hpp"
#include "qaframe/text.hpp"
#include "text_escape.hpp"

namespace qaframe {

std::string_view kloe_status_name(KloeStatus status) {
  switch (status) {
    case KloeStatus::kOpen:
      return "open";
    case KloeStatus::kInReview:
      return "in review";
    case KloeStatus::kClosed:
      break;
  }
  return "closed";
}

namespace {

// The inverse of detail::spreadsheet_safe: a leading ' before a formula character is removed.
std::string unescape_cell(std::string_view text) {
  if (text.size() >= 2 && text[0] == '\'' &&
      (text[1] == '=' || text[1] == '+' || text[1] == '-' || text[1] == '@' || text[1] == '\t' ||
       text[1] == '\r'))
    return std::string(text.substr(1));
  return std::string(text);
}

std::string date_text(const std::optional<DayNumber>& d) { return d ? format_date(*d) : ""; }

}  // namespace

std::string ImprovementLog::to_csv() const {
  std::string out;
  auto cell = [&out](std::string_view text, bool first = false) {
    if (!first) out.push_back(',');
    append_csv_field(out, detail::spreadsheet_safe(text));
  };
  bool first = true;
  for (std::string_view c : kLogColumns) {
    cell(c, first);
    first = false;
  }
  for (const std::string& c : extra_columns) cell(c);
  out.push_back('\n');
  for (const KloeEntry& e : entries) {
    cell(e.kloe_id, true);
    cell(format_date(e.raised));
    cell(e.theme);
    cell(e.unit);
    cell(e.evidence);
    cell(e.question);
    cell(e.owner);
    cell(kloe_status_name(e.status));
    cell(date_text(e.review_by));
    cell(date_text(e.closed));
    cell(e.outcome);
    cell(date_text(e.updated));
    for (const std::string& x : e.extra) cell(x);
    out.push_back('\n');
  }
  return out;
}

absl::StatusOr<ImprovementLog> parse_log_csv(std::string_view text, const std::string& source,
                                             Diagnostics* diag) {
  Diagnostics local;
  Diagnostics& d = diag != nullptr ? *diag : local;
  std::vector<std::string_view> required(std::begin(kLogColumns), std::end(kLogColumns) - 1);
  // Fields are trimmed on reading, so free text is kept without surrounding white space; a log
  // read, written and read again is equal to the first reading.
  auto t = detail::read_csv_table(text, source, required, d);
  if (!t) return d.to_status();
  ImprovementLog log;
  std::vector<int> extra_index;
  for (std::size_t c = 0; c < t->columns.size(); ++c) {
    const bool known = std::find(std::begin(kLogColumns), std::end(kLogColumns), t->columns[c]) !=
                       std::end(kLogColumns);
    if (!known) {
      log.extra_columns.push_back(unescape_cell(t->display[c]));
      extra_index.push_back(static_cast<int>(c));
    }
  }
  auto col = [&](std::string_view name) { return t->column(name); };
  absl::flat_hash_map<std::string, std::int64_t> ids;
  absl::flat_hash_map<std::pair<std::string, std::string>, std::pair<std::string, std::int64_t>>
      not_closed;
  for (std::size_t r = 0; r < t->rows.size(); ++r) {
    const std::size_t before = d.total();
    KloeEntry e;
    auto text_of = [&](std::string_view name) { return unescape_cell(t->field(r, col(name))); };
    e.kloe_id = text_of("kloe_id");
    e.theme = text_of("theme");
    e.unit = text_of("unit");
    e.evidence = text_of("evidence");
    e.question = text_of("question");
    e.owner = text_of("owner");
    e.outcome = text_of("outcome");
    for (std::string_view name : {"kloe_id", "theme", "unit"})
      if (t->field(r, col(name)).empty())
        t->problem(d, r, name, "", absl::StrCat(sv(name), " is empty; it is required"));
    auto date = [&](std::string_view name, bool required) -> std::optional<DayNumber> {
      const std::string& v = t->field(r, col(name));
      if (v.empty()) {
        if (required)
          t->problem(d, r, name, "", absl::StrCat(sv(name), " is empty; it is required"));
        return std::nullopt;
      }
      auto day = parse_date(v);
      if (!day.ok()) {
        t->problem(d, r, name, v, std::string(day.status().message()));
        return std::nullopt;
      }
      return *day;
    };
    if (auto raised = date("raised", true)) e.raised = *raised;
    e.review_by = date("review_by", false);
    e.closed = date("closed", false);
    if (col("updated") >= 0) e.updated = date("updated", false);
    const std::string status = absl::AsciiStrToLower(sv(t->field(r, col("status"))));
    if (status == "open") {
      e.status = KloeStatus::kOpen;
    } else if (status == "in review" || status == "in_review" || status == "review") {
      e.status = KloeStatus::kInReview;
    } else if (status == "closed") {
      e.status = KloeStatus::kClosed;
    } else {
      t->problem(d, r, "status", t->field(r, col("status")),
                 "status must be open, in review or closed");
    }
    if (d.total() == before) {
      if (e.status == KloeStatus::kClosed && !e.closed)
        t->problem(d, r, "closed", "", "a closed KLOE needs the date it was closed");
      if (e.status != KloeStatus::kClosed && e.closed)
        t->problem(d, r, "closed", t->field(r, col("closed")),
                   absl::StrCat("a closing date on a KLOE that is ", sv(kloe_status_name(e.status)),
                                "; set status to closed or clear the date"));
    }
    if (!e.kloe_id.empty()) {
      if (auto [it, inserted] = ids.try_emplace(e.kloe_id, t->lines[r]); !inserted)
        t->problem(d, r, "kloe_id", e.kloe_id,
                   absl::StrCat("kloe_id repeated (first on line ", it->second, ")"));
    }
    if (d.total() == before && e.status != KloeStatus::kClosed) {
      auto [it, inserted] =
          not_closed.try_emplace(std::pair{e.unit, e.theme}, std::pair{e.kloe_id, t->lines[r]});
      if (!inserted)
        t->problem(
            d, r, "kloe_id", e.kloe_id,
            absl::StrCat("a second KLOE not closed for this unit and theme (", it->second.first,
                         " on line ", it->second.second, "); close or merge one"));
    }
    for (int c : extra_index) e.extra.push_back(unescape_cell(t->field(r, c)));
    if (d.total() == before) log.entries.push_back(std::move(e));
  }
  if (!d.ok()) return d.to_status();
  return log;
}

absl::StatusOr<ImprovementLog> read_log_csv(const std::string& path, Diagnostics* diag) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  return parse_log_csv(*text, path, diag);
}

absl::Status write_log_csv(const ImprovementLog& log, const std::string& path) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return absl::UnavailableError(absl::StrCat("cannot write '", path, "'"));
  const std::string text = log.to_csv();
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  file.close();
  if (!file) return absl::UnavailableError(absl::StrCat("error while writing '", path, "'"));
  return absl::OkStatus();
}

LogMergeSummary merge_kloes(ImprovementLog& log, const Triangulation& t, DayNumber as_of,
                            int review_days) {
  LogMergeSummary summary;
  const std::string today = format_date(as_of);
  // The current entry (not closed) of each unit and theme.
  absl::flat_hash_map<std::pair<std::string, std::string>, std::size_t> current;
  for (std::size_t i = 0; i < log.entries.size(); ++i)
    if (log.entries[i].status != KloeStatus::kClosed)
      current[{log.entries[i].unit, log.entries[i].theme}] = i;
  // Numbers already used this month.
  const absl::CivilDay day = to_civil_day(as_of);
  const std::string prefix = absl::StrFormat("KLOE-%04d%02d-", day.year(), day.month());
  int next = 0;
  for (const KloeEntry& e : log.entries) {
    int number = 0;
    if (absl::StartsWith(e.kloe_id, prefix) &&
        absl::SimpleAtoi(sv(std::string_view(e.kloe_id).substr(prefix.size())), &number))
      next = std::max(next, number);
  }
  absl::flat_hash_map<std::pair<std::string, std::string>, bool> raised_now;
  for (const LineOfEnquiry& k : t.kloes) {
    raised_now[{k.unit, k.theme}] = true;
    auto it = current.find({k.unit, k.theme});
    if (it != current.end()) {
      KloeEntry& e = log.entries[it->second];
      const bool changed =
          e.evidence != k.evidence || e.question != k.question || e.status != KloeStatus::kOpen;
      if (changed) {
        if (e.status == KloeStatus::kInReview)
          e.outcome = absl::StrCat(e.outcome, e.outcome.empty() ? "" : "\n", today,
                                   ": concern found again (", sv(cell_status_name(k.status)),
                                   "); reopened.");
        e.evidence = k.evidence;
        e.question = k.question;
        e.status = KloeStatus::kOpen;
        e.updated = as_of;
        ++summary.updated;
      }
      continue;
    }
    KloeEntry e;
    e.kloe_id = absl::StrFormat("%s%03d", prefix, ++next);
    e.raised = as_of;
    e.theme = k.theme;
    e.unit = k.unit;
    e.evidence = k.evidence;
    e.question = k.question;
    e.status = KloeStatus::kOpen;
    e.review_by = as_of + review_days;
    e.updated = as_of;
    e.extra.assign(log.extra_columns.size(), "");
    current[{e.unit, e.theme}] = log.entries.size();
    log.entries.push_back(std::move(e));
    ++summary.added;
  }
  // Open KLOEs of cells the triangulation covered that no longer raise one.
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    for (std::size_t th = 0; th < t.themes.size(); ++th) {
      const Cell& c = t.cell(u, th);
      if (raised_now.contains({c.unit, c.theme})) continue;
      auto it = current.find({c.unit, c.theme});
      if (it == current.end()) continue;
      KloeEntry& e = log.entries[it->second];
      if (e.status != KloeStatus::kOpen) continue;
      e.status = KloeStatus::kInReview;
      e.updated = as_of;
      e.outcome = absl::StrCat(e.outcome, e.outcome.empty() ? "" : "\n", today,
                               ": triangulation no longer shows a concern (now ",
                               sv(cell_status_name(c.status)), "); for review.");
      ++summary.marked_for_review;
    }
  }
  return summary;
}

}  // namespace qaframe
