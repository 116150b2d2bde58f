#include "qaframe/readers/improvement_log.hpp"
#include "qaframe/io/file.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "io/csv_table.hpp"
#include "qaframe/io/atomic_file.hpp"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/text.hpp"

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

// The inverse of spreadsheet_safe: a leading ' before a formula character is removed.
std::string unescape_cell(std::string_view text) {
  if (text.size() >= 2 && text[0] == '\'' &&
      (text[1] == '=' || text[1] == '+' || text[1] == '-' || text[1] == '@' || text[1] == '\t' ||
       text[1] == '\r'))
    return std::string(text.substr(1));
  return std::string(text);
}

std::string date_text(const std::optional<DayNumber>& d) { return d ? format_date(*d) : ""; }

// The count an end-of-log line states: nullopt for "#end of log" alone; -1 when the rest is not
// ": N KLOEs" (a number cut short loses its word, so a cut line is not taken for a smaller count).
std::optional<std::int64_t> stated_count(std::string_view line) {
  std::string_view rest = trim(line.substr(kEndOfLog.size()));
  if (rest.empty()) return std::nullopt;
  if (rest.front() == ':') rest = trim(rest.substr(1));
  std::size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
  const std::string_view word = trim(rest.substr(digits));
  std::int64_t n = -1;
  if (digits == 0 || digits > 12 || !absl::SimpleAtoi(sv(rest.substr(0, digits)), &n) ||
      !(absl::EqualsIgnoreCase(sv(word), "KLOEs") || absl::EqualsIgnoreCase(sv(word), "KLOE")))
    return -1;
  return n;
}

// The end-of-log line checked against the KLOEs read (see kEndOfLog).
void check_end_of_log(const detail::CsvTable& t, std::size_t kloes, Diagnostics& d,
                      std::vector<std::string>& notes) {
  if (t.markers.empty()) {
    d.add({t.source, t.end_line, -1, "", "",
           absl::StrCat("no end-of-log line: the log may have been cut off (by a crash, a full "
                        "disk or a copy), so it is not read as a shorter log. Every log qaframe "
                        "writes ends with '",
                        sv(kEndOfLog),
                        ": N KLOEs'; restore the log from its .bak copy, or, if "
                        "it was made by hand and is complete, add a last line '",
                        sv(kEndOfLog), "'")});
    return;
  }
  for (std::size_t i = 1; i < t.markers.size(); ++i) {
    d.add({t.source, t.markers[i].first, -1, "", shorten_for_message(t.markers[i].second),
           absl::StrCat("a second end-of-log line (the first is on line ", t.markers[0].first,
                        "): two logs joined? Keep one end line")});
  }
  const auto [line, text] = t.markers[0];
  const std::optional<std::int64_t> stated = stated_count(text);
  if (!stated) return;  // a hand-made log declared complete
  if (*stated < 0) {
    d.add({t.source, line, -1, "", shorten_for_message(text),
           absl::StrCat("an end-of-log line reads '", sv(kEndOfLog), ": N KLOEs' (or '",
                        sv(kEndOfLog), "' alone); this one may have been cut off")});
    return;
  }
  const auto have = static_cast<std::int64_t>(kloes);
  if (have < *stated) {
    d.add({t.source, line, -1, "", "",
           absl::StrCat("the end-of-log line says ", *stated, " KLOEs but the log has ", have, ": ",
                        *stated - have,
                        " missing. The log may have been cut off, or rows were deleted (a KLOE is "
                        "never deleted: close it instead); restore it from its .bak copy")});
  } else if (have > *stated) {
    notes.push_back(absl::StrCat(t.source, ": ", have, " KLOEs, ", *stated,
                                 " when qaframe last wrote it (line ", line, "): ", have - *stated,
                                 " added by hand"));
  }
}

}  // namespace

std::string ImprovementLog::to_csv() const {
  std::string out;
  auto cell = [&out](std::string_view text, bool first = false) {
    if (!first) out.push_back(',');
    append_csv_field(out, spreadsheet_safe(text));
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
  absl::StrAppend(&out, sv(kEndOfLog), ": ", entries.size(), " KLOEs\n");
  return out;
}

absl::StatusOr<ImprovementLog> parse_log_csv(std::string_view text, const std::string& source,
                                             Diagnostics* diag) {
  Diagnostics local;
  Diagnostics& d = diag != nullptr ? *diag : local;
  std::vector<std::string_view> required(std::begin(kLogColumns), std::end(kLogColumns) - 1);
  // Fields are trimmed on reading, so free text is kept without surrounding white space; a log
  // read, written and read again is equal to the first reading.
  auto t = detail::read_csv_table(text, source, required, d, {}, kEndOfLog);
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
  check_end_of_log(*t, t->rows.size(), d, log.notes);
  if (!d.ok()) return d.to_status();
  return log;
}

absl::StatusOr<ImprovementLog> read_log_csv(const std::string& path, Diagnostics* diag) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  auto log = parse_log_csv(*text, path, diag);
  if (log.ok()) log->read_from = path;
  return log;
}

namespace {

// True when the two paths name one existing file (links and different spellings included).
bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {
  }, sb{};
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

}  // namespace

absl::Status write_log_csv(const ImprovementLog& log, const std::string& path,
                           const LogWriteOptions& options) {
  struct stat st {};
  const bool exists = ::lstat(path.c_str(), &st) == 0;
  if (exists && !options.force && !(!log.read_from.empty() && same_file(path, log.read_from))) {
    return absl::AlreadyExistsError(absl::StrCat(
        "'", path, "' exists and is not the log that was read",
        log.read_from.empty() ? std::string(" (this is a new log)")
                              : absl::StrCat(" ('", log.read_from, "')"),
        "; it was not replaced. Name the log itself to update it, another file name, or force "
        "the replacement (--force, force=True; the old file is then kept as '",
        path, sv(kBackupSuffix), "')"));
  }
  AtomicWriteOptions write;
  write.keep_backup = true;
  return write_file_atomically(path, log.to_csv(), write);
}

}  // namespace qaframe
