#pragma once
// What the whole-file reader (parse_audits_csv) and the chunked reader (AuditChunkReader) share,
// so that both skip the same blank lines and report a file's framing problems alike (internal).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/readers/audits_csv.hpp"

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

}  // namespace qaframe::detail
