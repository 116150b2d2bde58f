#include "qaframe/readers/improvement_log.hpp"
#include "qaframe/io/file.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "io/csv_table.hpp"
#include "qaframe/io/atomic_file.hpp"
#include "qaframe/io/csv.hpp"
#include "qaframe/io/csv_file.hpp"
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

// The inverse of spreadsheet_safe: a leading ' before a formula character is removed (in place:
// a log's text is moved, never copied, from the reader into its entries).
std::string unescape_cell(std::string text) {
  if (text.size() >= 2 && text[0] == '\'' &&
      (text[1] == '=' || text[1] == '+' || text[1] == '-' || text[1] == '@' || text[1] == '\t' ||
       text[1] == '\r'))
    text.erase(0, 1);
  return text;
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

namespace {

// The CSV of a log, piece by piece: the header, entries [first, last), the end line.
void append_cell(std::string& out, std::string_view text, bool first = false) {
  if (!first) out.push_back(',');
  append_csv_field(out, spreadsheet_safe(text));
}

void append_header(const ImprovementLog& log, std::string& out) {
  bool first = true;
  for (std::string_view c : kLogColumns) {
    append_cell(out, c, first);
    first = false;
  }
  for (const std::string& c : log.extra_columns) append_cell(out, c);
  out.push_back('\n');
}

void append_entries(const ImprovementLog& log, std::size_t first, std::size_t last,
                    std::string& out) {
  for (std::size_t i = first; i < last; ++i) {
    const KloeEntry& e = log.entries[i];
    append_cell(out, e.kloe_id, true);
    append_cell(out, format_date(e.raised));
    append_cell(out, e.theme);
    append_cell(out, e.unit);
    append_cell(out, e.evidence);
    append_cell(out, e.question);
    append_cell(out, e.owner);
    append_cell(out, kloe_status_name(e.status));
    append_cell(out, date_text(e.review_by));
    append_cell(out, date_text(e.closed));
    append_cell(out, e.outcome);
    append_cell(out, date_text(e.updated));
    for (const std::string& x : e.extra) append_cell(out, x);
    out.push_back('\n');
  }
}

void append_end(const ImprovementLog& log, std::string& out) {
  absl::StrAppend(&out, sv(kEndOfLog), ": ", log.entries.size(), " KLOEs\n");
}

}  // namespace

std::string ImprovementLog::to_csv() const {
  std::string out;
  append_header(*this, out);
  append_entries(*this, 0, entries.size(), out);
  append_end(*this, out);
  return out;
}

namespace {

// The rows of a log, checked and turned into entries one at a time, from a table in memory or a
// file read block by block (the row's strings are moved into the entry, not copied).
class LogRows {
 public:
  LogRows(const detail::CsvTable& t, Diagnostics& d, ImprovementLog& log)
      : t_(t), d_(d), log_(log) {
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const bool known = std::find(std::begin(kLogColumns), std::end(kLogColumns), t.columns[c]) !=
                         std::end(kLogColumns);
      if (!known) {
        log.extra_columns.push_back(unescape_cell(t.display[c]));
        extra_index_.push_back(static_cast<int>(c));
      }
    }
  }

  std::size_t rows() const { return rows_; }

  // A file of `bytes`: once a hundred rows show their length, the entries are reserved for the
  // whole file, as growing them by doubling would hold the old and the new array together.
  void expect_bytes(std::uint64_t bytes) { expected_bytes_ = bytes; }

  void add(std::vector<std::string>& values, std::int64_t line) {
    const auto r = static_cast<std::int64_t>(rows_++);
    for (const std::string& v : values) row_bytes_ += v.size() + 1;
    if (rows_ == 100 && expected_bytes_ > 0) {
      const std::uint64_t estimate = expected_bytes_ / std::max<std::uint64_t>(row_bytes_ / 100, 1);
      log_.entries.reserve(static_cast<std::size_t>(estimate + estimate / 16 + 100));
    }
    const std::size_t before = d_.total();
    std::string none;
    auto field = [&](std::string_view name) -> std::string& {
      const int c = t_.column(name);
      return c >= 0 && static_cast<std::size_t>(c) < values.size()
                 ? values[static_cast<std::size_t>(c)]
                 : none;
    };
    auto problem = [&](std::string_view column, std::string_view value, std::string reason) {
      d_.add(
          {t_.source, line, r, std::string(column), shorten_for_message(value), std::move(reason)});
    };
    for (std::string_view name : {"kloe_id", "theme", "unit"})
      if (field(name).empty())
        problem(name, "", absl::StrCat(sv(name), " is empty; it is required"));
    KloeEntry e;
    auto date = [&](std::string_view name, bool required) -> std::optional<DayNumber> {
      const std::string& v = field(name);
      if (v.empty()) {
        if (required) problem(name, "", absl::StrCat(sv(name), " is empty; it is required"));
        return std::nullopt;
      }
      auto day = parse_date(v);
      if (!day.ok()) {
        problem(name, v, std::string(day.status().message()));
        return std::nullopt;
      }
      return *day;
    };
    if (auto raised = date("raised", true)) e.raised = *raised;
    e.review_by = date("review_by", false);
    e.closed = date("closed", false);
    if (t_.column("updated") >= 0) e.updated = date("updated", false);
    const std::string status = absl::AsciiStrToLower(sv(field("status")));
    if (status == "open") {
      e.status = KloeStatus::kOpen;
    } else if (status == "in review" || status == "in_review" || status == "review") {
      e.status = KloeStatus::kInReview;
    } else if (status == "closed") {
      e.status = KloeStatus::kClosed;
    } else {
      problem("status", field("status"), "status must be open, in review or closed");
    }
    if (d_.total() == before) {
      if (e.status == KloeStatus::kClosed && !e.closed)
        problem("closed", "", "a closed KLOE needs the date it was closed");
      if (e.status != KloeStatus::kClosed && e.closed)
        problem("closed", field("closed"),
                absl::StrCat("a closing date on a KLOE that is ", sv(kloe_status_name(e.status)),
                             "; set status to closed or clear the date"));
    }
    e.kloe_id = unescape_cell(std::move(field("kloe_id")));
    e.theme = unescape_cell(std::move(field("theme")));
    e.unit = unescape_cell(std::move(field("unit")));
    e.evidence = unescape_cell(std::move(field("evidence")));
    e.question = unescape_cell(std::move(field("question")));
    e.owner = unescape_cell(std::move(field("owner")));
    e.outcome = unescape_cell(std::move(field("outcome")));
    if (!e.kloe_id.empty()) {
      const std::uint64_t h = absl::Hash<absl::string_view>{}(sv(e.kloe_id));
      if (auto [it, inserted] = ids_.try_emplace(h, line); !inserted)
        problem("kloe_id", e.kloe_id,
                absl::StrCat("kloe_id repeated (first on line ", it->second, ")"));
    }
    if (d_.total() == before && e.status != KloeStatus::kClosed) {
      auto [it, inserted] =
          not_closed_.try_emplace(std::pair{e.unit, e.theme}, std::pair{e.kloe_id, line});
      if (!inserted)
        problem("kloe_id", e.kloe_id,
                absl::StrCat("a second KLOE not closed for this unit and theme (", it->second.first,
                             " on line ", it->second.second, "); close or merge one"));
    }
    for (int c : extra_index_) {
      e.extra.push_back(static_cast<std::size_t>(c) < values.size()
                            ? unescape_cell(std::move(values[static_cast<std::size_t>(c)]))
                            : std::string());
    }
    if (d_.total() == before) log_.entries.push_back(std::move(e));
  }

 private:
  const detail::CsvTable& t_;
  Diagnostics& d_;
  ImprovementLog& log_;
  std::vector<int> extra_index_;
  // First line of each kloe_id, by a 64-bit hash of it (16 bytes a KLOE rather than the id and a
  // slot, as the chunked reader keeps audit ids; two ids of 100,000 share a hash about once in
  // three billion logs).
  absl::flat_hash_map<std::uint64_t, std::int64_t> ids_;
  absl::flat_hash_map<std::pair<std::string, std::string>, std::pair<std::string, std::int64_t>>
      not_closed_;
  std::size_t rows_ = 0;
  std::uint64_t row_bytes_ = 0;       // bytes of the rows so far (quotes left out: a little less)
  std::uint64_t expected_bytes_ = 0;  // size of the file read, 0 when not known
};

// The columns a log must have (`updated` is optional).
std::vector<std::string_view> required_log_columns() {
  return std::vector<std::string_view>(std::begin(kLogColumns), std::end(kLogColumns) - 1);
}

}  // namespace

absl::StatusOr<ImprovementLog> parse_log_csv(std::string_view text, const std::string& source,
                                             Diagnostics* diag, const CsvOptions& csv) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  // Fields are trimmed on reading, so free text is kept without surrounding white space; a log
  // read, written and read again is equal to the first reading.
  auto t = detail::read_csv_table(text, source, required_log_columns(), d, csv, kEndOfLog);
  if (!t) return d.to_status();
  ImprovementLog log;
  LogRows rows(*t, d, log);
  for (std::size_t r = 0; r < t->rows.size(); ++r) rows.add(t->rows[r], t->lines[r]);
  check_end_of_log(*t, rows.rows(), d, log.notes);
  if (!d.ok()) return d.to_status();
  return log;
}

absl::StatusOr<ImprovementLog> read_log_csv(const std::string& path, Diagnostics* diag,
                                            const CsvOptions& csv) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  // Read block by block, each row turned into its entry at once: the log is held once, as its
  // entries, however large the file (a whole text and a table of it would hold it three times).
  auto reader = CsvFileReader::open(path, csv);
  if (!reader.ok()) return reader.status();
  ImprovementLog log;
  std::optional<LogRows> rows;
  absl::Status io_error;
  auto t = detail::read_csv_table(
      *reader, required_log_columns(), d,
      [&](const detail::CsvTable& table, std::vector<std::string>&& values, std::int64_t line,
          std::int64_t) {
        if (!rows) {
          rows.emplace(table, d, log);
          rows->expect_bytes(reader->file_size());
        }
        rows->add(values, line);
      },
      io_error, kEndOfLog);
  if (!io_error.ok()) return io_error;
  if (!t) return d.to_status();
  if (!rows) rows.emplace(*t, d, log);  // a log of no rows still has its columns
  check_end_of_log(*t, rows->rows(), d, log.notes);
  if (!d.ok()) return d.to_status();
  log.read_from = path;
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
  // Written a thousand entries at a time, never held whole beside the log.
  std::size_t next = 0;
  bool header = true;
  return write_file_atomically(
      path,
      [&](std::string& out) {
        if (header) {
          append_header(log, out);
          header = false;
        }
        const std::size_t last = std::min(log.entries.size(), next + 1000);
        append_entries(log, next, last, out);
        next = last;
        if (next < log.entries.size()) return true;
        append_end(log, out);
        return false;
      },
      write);
}

}  // namespace qaframe
