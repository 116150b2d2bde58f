#include "readers/audit_reading.hpp"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

namespace detail {

DataProblem header_problem(const absl::Status& status, std::int64_t error_line,
                           std::int64_t error_field, const std::string& source) {
  if (status.ok()) {
    return {source,
            1,
            -1,
            "",
            "",
            "the file is empty (or only blank lines): expected a header line naming the columns"};
  }
  // Field 0: bytes that are not text in the file's encoding, in no field.
  return {source, error_line,
          -1,     error_field == 0 ? std::string() : absl::StrCat("(column ", error_field, ")"),
          "",     std::string(status.message())};
}

DataProblem framing_problem(const absl::Status& status, std::int64_t error_line,
                            std::int64_t error_field, const std::string& source, std::int64_t row,
                            const std::vector<std::string>& header) {
  const auto at = static_cast<std::size_t>(error_field);
  return {source,
          error_line,
          at == 0 ? -1 : row,      // bytes not text in the file's encoding are the file's problem
          at == 0 ? std::string()  // bytes that are not text in the file's encoding
          : at <= header.size() && !trim(header[at - 1]).empty()
              ? audit_column_name(header[at - 1])
              : absl::StrCat("(column ", at, ")"),
          "",
          std::string(status.message())};
}

}  // namespace detail

}  // namespace qaframe
