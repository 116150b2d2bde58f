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
#include "qaframe/readers/audits_csv.hpp"

namespace qaframe::detail {

/// Reads the header, the first record that is not blank, into `fields`; false at the end of the
/// text or on a CSV error (in `status`).
bool next_header(CsvReader& reader, std::vector<std::string_view>& fields, absl::Status& status);

/// The problem of a file with no header: empty (status OK; `reader` may then be null), or a CSV
/// error reading it.
DataProblem header_problem(const CsvReader* reader, const absl::Status& status,
                           const std::string& source);

/// The problem of a CSV error in data record `row` (an unterminated quote, text after a closing
/// quote, a field over the size limit), in the column `header` names at the failing field.
DataProblem framing_problem(const CsvReader& reader, const absl::Status& status,
                            const std::string& source, std::int64_t row,
                            const std::vector<std::string>& header);

}  // namespace qaframe::detail
