#include "qaframe/readers/audits_csv.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>

#include "absl/strings/str_cat.h"
#include "model/machine.hpp"
#include "qaframe/io/atomic_file.hpp"
#include "qaframe/io/file.hpp"
#include "qaframe/io/text_encoding.hpp"
#include "qaframe/model/audit_set_builder.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/text.hpp"
#include "readers/audit_reading.hpp"

namespace qaframe {

namespace {

// True when the bytes of the record `reader` has just read from `text` are valid UTF-8 without a
// NUL byte: then no field of it is checked again (its fields are those bytes, quotes taken out).
bool record_is_utf8(const CsvReader& reader, std::string_view text) {
  const std::size_t from = reader.record_start();
  return find_invalid_utf8_or_nul(text.substr(from, reader.position() - from)) ==
         std::string_view::npos;
}

// One block of records: where it starts, the offset where its last record ended (the next
// block's true start), and its set when every record in it was read without a problem.
struct Block {
  std::size_t stop = 0;
  std::optional<AuditSet> set;
};

// The records that start in [from, to) of `text` (from is a record boundary), read and validated
// as the whole text's records are; lines and rows are counted from the block (unused: a block
// with a problem is not used).
Block read_block(std::string_view text, std::size_t from, std::size_t to, char delimiter,
                 const std::vector<std::string>& header, std::int64_t header_line,
                 const ReadOptions& options, const std::string& source, const RowMapper* mapper) {
  Block b;
  b.stop = from;
  const std::string_view part = text.substr(from);
  if (part.starts_with(kUtf8Bom)) return b;  // the reader would skip it: not this thread's work
  CsvOptions csv = options.csv;
  csv.delimiter = delimiter;
  CsvReader reader(part, csv);
  Diagnostics diag(1);
  AuditSetBuilder builder(options.scale, source, diag, options.domain_scales);
  builder.set_date_options(options.dates);
  builder.set_not_applicable(options.not_applicable);
  if (mapper != nullptr) builder.set_exported_columns(mapper->renamed());
  const std::vector<std::string_view> names(header.begin(), header.end());
  if (!builder.set_header(names, header_line)) return b;
  const std::size_t end = to > from ? to - from : 0;
  builder.reserve(static_cast<std::size_t>(std::count(part.begin(), part.begin() + end, '\n')));
  std::vector<std::string_view> fields;
  absl::Status status;
  std::int64_t row = 0;
  while (reader.position() < end && reader.next(fields, status))
    builder.add_row(fields, reader.record_line(), row++, record_is_utf8(reader, part));
  b.stop = from + reader.position();
  auto set = builder.finish();
  if (status.ok() && diag.ok() && set.ok()) b.set = *std::move(set);
  return b;
}

// The records after the header (from `data`), read in blocks on several threads and joined in
// order; nullopt when the text is to be read on one thread: too small, or a block met a problem
// (one thread then reports every problem, as it would have), or an id repeats across blocks.
// Cuts are guessed at line ends; a guess inside a quoted field is found when the block before it
// ends elsewhere, and the block is read again from where that one ended.
std::optional<AuditSet> read_in_blocks(std::string_view text, std::size_t data, char delimiter,
                                       const std::vector<std::string>& header,
                                       std::int64_t header_line, const ReadOptions& options,
                                       const std::string& source, const RowMapper* mapper) {
  const std::size_t threads = detail::resolve_threads(options.threads);
  const std::size_t bytes = data < text.size() ? text.size() - data : 0;
  if (threads < 2 || options.bytes_per_thread == 0 || bytes / 2 < options.bytes_per_thread)
    return std::nullopt;
  const std::size_t parts = std::min(threads, bytes / options.bytes_per_thread);
  std::vector<std::size_t> starts{data};
  for (std::size_t k = 1; k < parts; ++k) {
    std::size_t at = std::max(data + k * (bytes / parts), starts.back() + 1);
    // After a line end, and not where a byte-order mark would be skipped.
    while (at < text.size()) {
      const std::size_t nl = text.find('\n', at - 1);
      if (nl == std::string_view::npos || nl + 1 >= text.size()) {
        at = text.size();
        break;
      }
      at = nl + 1;
      if (!text.substr(at).starts_with(kUtf8Bom)) break;
      ++at;
    }
    if (at >= text.size()) break;
    starts.push_back(at);
  }
  if (starts.size() < 2) return std::nullopt;
  starts.push_back(text.size());
  CsvReadStats stats;
  const std::size_t n = starts.size() - 1;
  stats.blocks = n;
  stats.read_again = true;  // until the blocks are joined
  auto report = [&] {
    if (options.stats != nullptr) *options.stats = stats;
  };
  std::vector<Block> blocks(n);
  // A block that cannot be read (memory exhausted) leaves no set: the text is then read on one
  // thread, where the failure reaches the caller as it would have; no exception leaves a thread.
  std::atomic<bool> failed = false;
  auto run = [&](std::size_t k) {
    try {
      blocks[k] = read_block(text, starts[k], starts[k + 1], delimiter, header, header_line,
                             options, source, mapper);
    } catch (const std::exception&) {
      failed = true;
    }
  };
  detail::run_parts(n, run);
  if (failed) {
    report();
    return std::nullopt;
  }
  // Each block's true start is where the one before it ended.
  for (std::size_t k = 1; k < n; ++k) {
    if (blocks[k - 1].stop != starts[k]) {
      starts[k] = blocks[k - 1].stop;
      ++stats.blocks_reread;
      blocks[k] = read_block(text, starts[k], std::max(starts[k], starts[k + 1]), delimiter, header,
                             header_line, options, source, mapper);
    }
  }
  std::vector<const AuditSet*> sets;
  for (const Block& b : blocks) {
    if (!b.set) {
      report();
      return std::nullopt;
    }
    sets.push_back(&*b.set);
  }
  auto joined = AuditSet::concat(sets);
  stats.read_again = !joined.ok();
  report();
  if (!joined.ok()) return std::nullopt;
  return *std::move(joined);
}

}  // namespace

absl::StatusOr<AuditSet> parse_audits_csv(std::string_view text, const std::string& source,
                                          const ReadOptions& options, Diagnostics* diag) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  if (options.stats != nullptr) *options.stats = CsvReadStats{};
  // UTF-16 and Windows-1252 are decoded to UTF-8 first (lines stay the file's lines). UTF-8 is
  // checked field by field by the builder, so that each bad value is named with its column; the
  // reader frames records by ASCII bytes alone.
  std::string decoded;
  TextEncoding resolved = TextEncoding::kUtf8;
  if (auto problem = decode_text(text, options.csv.encoding, source, decoded, text, &resolved)) {
    d.add(*std::move(problem));
    return d.to_status();
  }
  auto mapped = detail::mapper_for(options);
  if (!mapped.ok()) return mapped.status();
  std::optional<RowMapper>& mapper = *mapped;
  RowMapper* m = mapper ? &*mapper : nullptr;
  std::vector<std::string> notes;
  if (!options.sheet.empty()) {
    notes.push_back(absl::StrCat("the sheet '", shorten_for_message(options.sheet, 40),
                                 "' is for workbooks; this file is read as CSV"));
  }
  // Where the header is: the first line that is not blank, a given line, or found ("auto").
  std::int64_t header_line = options.header_row > 0 ? options.header_row : 0;
  if (options.header_row == kAutoHeaderRow) {
    if (auto found = detail::auto_header_line(text, options.csv, m)) {
      header_line = found->first;
      if (found->second > 0)
        notes.push_back(detail::title_rows_note(found->second, absl::StrCat("line ", header_line)));
    }
  }
  CsvReader reader(text, options.csv);
  note_choices(d, source, options.csv, resolved, reader.delimiter());
  std::vector<std::string_view> fields;
  absl::Status status;
  AuditSetBuilder builder(options.scale, source, d, options.domain_scales);
  builder.set_date_options(options.dates);
  builder.set_not_applicable(options.not_applicable);
  bool have_header = false;
  if (header_line > 0) {
    std::int64_t above = 0;
    while ((have_header = reader.next(fields, status)) && reader.record_line() < header_line) {
      if (std::any_of(fields.begin(), fields.end(),
                      [](std::string_view f) { return !trim(f).empty(); }))
        ++above;
    }
    if (have_header && reader.record_line() != header_line) {
      d.add({source, header_line, -1, "", "",
             absl::StrCat("no record starts on line ", header_line,
                          " (header_row): it is inside a quoted field")});
      return d.to_status();
    }
    if (!have_header && status.ok()) {
      d.add({source, header_line, -1, "", "",
             absl::StrCat("the file ends before line ", header_line, " (header_row)")});
      return d.to_status();
    }
    if (options.header_row > 0 && above > 0)
      notes.push_back(detail::title_rows_note(above, absl::StrCat("line ", header_line)));
  } else {
    have_header = detail::next_header(reader, fields, status);
  }
  if (!have_header) {
    d.add(detail::header_problem(status, reader.error_line(), reader.error_field(), source));
    return d.to_status();
  }
  std::vector<std::string> renamed;
  if (m != nullptr) {
    renamed = m->rename(fields);
    fields.assign(renamed.begin(), renamed.end());
    builder.set_exported_columns(m->renamed());
  }
  if (!builder.set_header(fields, reader.record_line())) {
    if (!detail::has_required_columns(fields)) {
      detail::add_missing_column_hints(d, source, reader.record_line(), fields, "");
      // Title rows above the header: say where the header seems to be.
      if (options.header_row == 0) {
        if (auto found = detail::auto_header_line(text, options.csv, m);
            found && found->first > reader.record_line()) {
          d.add({source, found->first, -1, "", "",
                 absl::StrCat("line ", found->first,
                              " holds every required column: the lines above it look like "
                              "titles; set header_row = \"auto\" (or ",
                              found->first, ") in the profile's [input]")});
        }
      }
    }
    return builder.finish();
  }
  const std::vector<std::string> header(fields.begin(), fields.end());
  // Footer rows: the last `footer_rows` records that are not blank are not audits.
  std::int64_t keep = -1;
  if (options.footer_rows > 0) {
    CsvReader count = reader;
    std::int64_t records = 0;
    absl::Status ignored;
    while (count.next(fields, ignored)) {
      if (std::any_of(fields.begin(), fields.end(),
                      [](std::string_view f) { return !trim(f).empty(); }))
        ++records;
    }
    keep = std::max<std::int64_t>(0, records - options.footer_rows);
  }
  // On several threads when the text is large and the records need no state kept across them
  // (mapped values are counted for a note; footer rows are counted from the end).
  std::optional<AuditSet> in_blocks;
  if (keep < 0 && (m == nullptr || !m->maps_rows()) && d.ok())
    in_blocks = read_in_blocks(text, reader.position(), reader.delimiter(), header,
                               reader.record_line(), options, source, m);
  std::vector<std::int64_t> footer_lines;
  if (!in_blocks) {
    builder.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
    std::int64_t row = 0;
    std::int64_t records = 0;
    // Mapped values come from the profile, not the record: they are checked as given.
    const bool mapped = m != nullptr && m->maps_rows();
    while (reader.next(fields, status)) {
      if (keep >= 0 && std::any_of(fields.begin(), fields.end(),
                                   [](std::string_view f) { return !trim(f).empty(); })) {
        if (records++ >= keep) {
          footer_lines.push_back(reader.record_line());
          continue;
        }
      }
      if (m != nullptr) m->map_row(fields);
      builder.add_row(fields, reader.record_line(), row++, !mapped && record_is_utf8(reader, text));
    }
    if (!status.ok())
      d.add(detail::framing_problem(status, reader.error_line(), reader.error_field(), source, row,
                                    header));
  }
  auto audits = in_blocks ? absl::StatusOr<AuditSet>(*std::move(in_blocks)) : builder.finish();
  if (audits.ok()) {
    if (m != nullptr)
      for (std::string& n : m->notes()) notes.push_back(std::move(n));
    if (!footer_lines.empty()) {
      notes.push_back(absl::StrCat(
          footer_lines.size(), footer_lines.size() == 1 ? " footer row" : " footer rows",
          " (footer_rows) left out: line", footer_lines.size() == 1 ? " " : "s ",
          footer_lines.front(),
          footer_lines.size() > 1 ? absl::StrCat("-", footer_lines.back()) : ""));
    }
    detail::finish_audits(*audits, options, std::move(notes));
  }
  return audits;
}

absl::StatusOr<AuditSet> read_audits_csv(const std::string& path, const ReadOptions& options,
                                         Diagnostics* diag) {
  absl::StatusOr<AuditSet> audits;
  {
    // Read into memory, not mapped: a mapped file cut by another program (or by this one, from
    // another thread) kills the process with SIGBUS, where a read gives an error to report. The
    // copy costs about a tenth of the time of reading (README, "Performance").
    auto text = read_file(path, options.file);
    if (!text.ok()) return text.status();
    audits = parse_audits_csv(*text, display_path(path, options.file), options, diag);
  }
  detail::release_free_memory();  // the builder's scratch is gone
  return audits;
}

// The CSV form of an AuditSet, written beside its reader so that the two stay inverse.

void AuditSet::append_csv_header(std::string& out) const {
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (c > 0) out.push_back(',');
    append_csv_field(out, columns_[c].name);
  }
  out.push_back('\n');
}

void AuditSet::append_csv_rows(std::string& out, std::size_t first, std::size_t last) const {
  for (std::size_t i = first; i < last; ++i) {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (c > 0) out.push_back(',');
      const ColumnInfo& col = columns_[c];
      switch (col.kind) {
        case ColumnKind::kId:
          append_csv_field(out, audit_id_unchecked(i));
          break;
        case ColumnKind::kCategorical:
          append_csv_field(out, categoricals_[col.slot].value(i));
          break;
        case ColumnKind::kDate:
          out.append(format_date(dates_[i]));
          break;
        case ColumnKind::kGrade:
          append_csv_field(out, slot_scale(col.slot).label(slot_grades(col.slot)[i]));
          break;
      }
    }
    out.push_back('\n');
  }
}

std::string AuditSet::to_csv() const {
  std::string out;
  out.reserve(size() * 96 + 128);
  append_csv_header(out);
  append_csv_rows(out, 0, size());
  return out;
}

absl::Status AuditSet::write_csv(const std::string& path) const {
  // Written 64k rows at a time: the text is never held whole beside the set.
  constexpr std::size_t kRows = std::size_t{1} << 16;
  std::size_t next = 0;
  bool header = true;
  return write_file_atomically(path, [&](std::string& out) {
    if (header) {
      append_csv_header(out);
      header = false;
    }
    const std::size_t last = std::min(size(), next + kRows);
    append_csv_rows(out, next, last);
    next = last;
    return next < size();
  });
}

}  // namespace qaframe
