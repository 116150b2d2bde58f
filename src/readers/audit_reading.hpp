#pragma once
// What the whole-file reader (parse_audits_csv) and the chunked reader (AuditChunkReader) share,
// so that both skip the same blank lines and report a file's framing problems alike (internal).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/profile/column_mapping.hpp"

namespace qaframe::detail {

/// Reads the header, the first record that is not blank, into `fields`; false at the end of the
/// text or on a CSV error (in `status`). `Reader` is a CsvReader or a CsvFileReader.
template <class Reader>
bool next_header(Reader& reader, std::vector<std::string_view>& fields, absl::Status& status) {
  // Blank lines before the header are skipped, as blank lines are everywhere else.
  auto blank = [&] {
    for (std::string_view f : fields)
      if (!trim(f).empty()) return false;
    return true;
  };
  bool have_header = reader.next(fields, status);
  while (have_header && blank()) have_header = reader.next(fields, status);
  return have_header;
}

/// The problem of a file with no header: empty (status OK), or a CSV error reading it (at
/// `error_line`, in field `error_field`).
DataProblem header_problem(const absl::Status& status, std::int64_t error_line,
                           std::int64_t error_field, const std::string& source);

/// The problem of a CSV error in data record `row` (an unterminated quote, text after a closing
/// quote, a record or field over its limit), in the column `header` names at the failing field.
DataProblem framing_problem(const absl::Status& status, std::int64_t error_line,
                            std::int64_t error_field, const std::string& source, std::int64_t row,
                            const std::vector<std::string>& header);

/// The RowMapper of options.mapping, or nullopt when there is nothing to map; InvalidArgument for
/// a mapping that does not fit the scale.
absl::StatusOr<std::optional<RowMapper>> mapper_for(const ReadOptions& options);

/// True when `names` (after renaming), as canonical column names, include every required column.
bool has_required_columns(std::span<const std::string_view> names);

/// For a header missing required columns: one problem per missing column saying which header
/// looks like it and how to map it (column_guess.hpp); nothing when none is missing.
void add_missing_column_hints(Diagnostics& diag, const std::string& source, std::int64_t line,
                              std::span<const std::string_view> header, const std::string& cell);

/// The line of the first of the first 1,000 records of `text` that holds every required column
/// (after `mapper`'s renaming), and how many records that are not blank lie above it; nullopt
/// when none does (or the text cannot be framed before one is found).
std::optional<std::pair<std::int64_t, std::int64_t>> auto_header_line(std::string_view text,
                                                                      const CsvOptions& csv,
                                                                      RowMapper* mapper);

/// What every audit reader does to a set it has read: declares options.identifier_columns,
/// gives the practice domains options.domain_labels (a label for a domain the set lacks is
/// skipped, and a note says so: one profile serves exports with and without it), then adds
/// `notes` to the set's notes.
void finish_audits(AuditSet& audits, const ReadOptions& options, std::vector<std::string> notes);

/// "2 title rows above the header (line 3) skipped" for the set's notes.
std::string title_rows_note(std::int64_t skipped, std::string_view where);

}  // namespace qaframe::detail
