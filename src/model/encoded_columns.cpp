#include "qaframe/model/encoded_columns.hpp"
#include "qaframe/model/audit_set_builder.hpp"

#include <string_view>

#include "absl/strings/str_cat.h"
#include "model/memory_helpers.hpp"

namespace qaframe {

absl::StatusOr<AuditSet> audits_from_encoded(const std::vector<EncodedColumn>& columns,
                                             const GradeScale& scale, const std::string& source,
                                             Diagnostics* diag, const DomainScales& domain_scales) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  const std::size_t n = columns.empty() ? 0 : columns[0].codes.size();
  for (const EncodedColumn& c : columns) {
    if (c.codes.size() != n) {
      return absl::InvalidArgumentError(
          absl::StrCat("column '", c.name, "' has ", c.codes.size(), " values, expected ", n));
    }
    const auto k = static_cast<std::int64_t>(c.categories.size());
    for (std::int32_t code : c.codes) {
      if (code < -1 || code >= k) {
        return absl::InvalidArgumentError(
            absl::StrCat("column '", c.name, "' has code ", code, " for ", k, " categories"));
      }
    }
  }
  AuditSetBuilder builder(scale, source, d, domain_scales);
  std::vector<std::string_view> fields;
  for (const EncodedColumn& c : columns) fields.emplace_back(c.name);
  if (!builder.set_header(fields, 0)) return builder.finish();
  builder.reserve(n);
  // Each column's texts as views, with "" at index 0 for code -1.
  std::vector<std::vector<std::string_view>> texts(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    texts[c].reserve(columns[c].categories.size() + 1);
    texts[c].emplace_back();
    for (const std::string& t : columns[c].categories) texts[c].emplace_back(t);
  }
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      fields[c] = texts[c][static_cast<std::size_t>(columns[c].codes[r] + 1)];
    }
    builder.add_row(fields, 0, static_cast<std::int64_t>(r));
  }
  absl::StatusOr<AuditSet> audits = builder.finish();
  detail::release_free_memory();  // the builder's scratch
  return audits;
}

}  // namespace qaframe
