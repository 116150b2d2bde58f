#include "qaframe/readers/audits_csv.hpp"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "model/memory_helpers.hpp"
#include "qaframe/io/atomic_file.hpp"
#include "qaframe/io/file.hpp"
#include "qaframe/model/audit_set_builder.hpp"
#include "readers/audit_reading.hpp"

namespace qaframe {

absl::StatusOr<AuditSet> parse_audits_csv(std::string_view text, const std::string& source,
                                          const ReadOptions& options, Diagnostics* diag) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  // Encoding is checked field by field by the builder, so that each bad value is named with its
  // column; the reader frames records by ASCII bytes alone, whatever the encoding.
  CsvReader reader(text, options.csv);
  std::vector<std::string_view> fields;
  absl::Status status;
  AuditSetBuilder builder(options.scale, source, d, options.domain_scales);
  if (!detail::next_header(reader, fields, status)) {
    d.add(detail::header_problem(status, reader.error_line(), reader.error_field(), source));
    return d.to_status();
  }
  if (!builder.set_header(fields, reader.record_line())) return builder.finish();
  const std::vector<std::string> header(fields.begin(), fields.end());
  builder.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
  std::int64_t row = 0;
  while (reader.next(fields, status)) {
    builder.add_row(fields, reader.record_line(), row++);
  }
  if (!status.ok())
    d.add(detail::framing_problem(status, reader.error_line(), reader.error_field(), source, row,
                                  header));
  auto audits = builder.finish();
  if (audits.ok()) audits->declare_identifiers(options.identifier_columns);
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
