#include "readers/audit_reading.hpp"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

namespace detail {

bool next_header(CsvReader& reader, std::vector<std::string_view>& fields, absl::Status& status) {
  // Blank lines before the header are skipped, as blank lines are everywhere else.
  auto blank = [&] {
    return std::all_of(fields.begin(), fields.end(),
                       [](std::string_view f) { return trim(f).empty(); });
  };
  bool have_header = reader.next(fields, status);
  while (have_header && blank()) have_header = reader.next(fields, status);
  return have_header;
}

DataProblem header_problem(const CsvReader* reader, const absl::Status& status,
                           const std::string& source) {
  if (status.ok() || reader == nullptr) {
    return {source,
            1,
            -1,
            "",
            "",
            "the file is empty (or only blank lines): expected a header line naming the columns"};
  }
  return {source, reader->error_line(),
          -1,     absl::StrCat("(column ", reader->error_field(), ")"),
          "",     std::string(status.message())};
}

DataProblem framing_problem(const CsvReader& reader, const absl::Status& status,
                            const std::string& source, std::int64_t row,
                            const std::vector<std::string>& header) {
  const auto at = static_cast<std::size_t>(reader.error_field());
  return {source,
          reader.error_line(),
          row,
          at >= 1 && at <= header.size() && !trim(header[at - 1]).empty()
              ? audit_column_name(header[at - 1])
              : absl::StrCat("(column ", at, ")"),
          "",
          std::string(status.message())};
}

}  // namespace detail

}  // namespace qaframe
