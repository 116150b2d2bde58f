#include "readers/audit_reading.hpp"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/readers/profile/column_guess.hpp"

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

void finish_audits(AuditSet& audits, const ReadOptions& options, std::vector<std::string> notes) {
  audits.declare_identifiers(options.identifier_columns);
  if (!options.domain_labels.empty()) {
    const std::vector<std::string> present = audits.domain_columns();
    DomainLabels labels;
    std::vector<std::string> absent;
    for (const auto& [domain, label] : options.domain_labels) {
      const std::string_view name =
          domain_name(domain).empty() ? std::string_view(domain) : domain_name(domain);
      const std::string column = absl::StrCat(sv(AuditColumns::kDomainPrefix), sv(name));
      if (std::find(present.begin(), present.end(), column) != present.end())
        labels.emplace_back(domain, label);
      else
        absent.push_back(shorten_for_message(name, 60));
    }
    auto labelled = audits.with_domain_labels(std::move(labels));
    if (labelled.ok()) {
      audits = *std::move(labelled);
    } else {
      notes.push_back(absl::StrCat("domain labels not applied: ", labelled.status().message()));
    }
    if (!absent.empty())
      notes.push_back(absl::StrCat(
          absent.size() == 1 ? "the label of domain " : "the labels of domains ",
          absl::StrJoin(absent, ", "), " not used: the file has no such domain column"));
  }
  for (std::string& n : notes) audits.add_note(std::move(n));
}

absl::StatusOr<std::optional<RowMapper>> mapper_for(const ReadOptions& options) {
  if (options.mapping.empty()) return std::optional<RowMapper>();
  std::vector<std::string> own;
  for (const auto& [domain, scale] : options.domain_scales) own.push_back(domain);
  auto m = RowMapper::make(options.mapping, options.scale, own);
  if (!m.ok()) return m.status();
  return std::optional<RowMapper>(*std::move(m));
}

bool has_required_columns(std::span<const std::string_view> names) {
  std::vector<std::string> canonical;
  for (std::string_view n : names) canonical.push_back(canonical_column_name(n));
  return std::all_of(std::begin(AuditColumns::kRequired), std::end(AuditColumns::kRequired),
                     [&](std::string_view r) {
                       return std::find(canonical.begin(), canonical.end(), r) != canonical.end();
                     });
}

void add_missing_column_hints(Diagnostics& diag, const std::string& source, std::int64_t line,
                              std::span<const std::string_view> header, const std::string& cell) {
  std::vector<std::string> hints = missing_column_hints(header);
  // Only when some header looks like a missing column: otherwise the builder's message (the
  // header has ..., or the header row may be missing) says all there is.
  if (std::none_of(hints.begin(), hints.end(), [](const std::string& h) {
        return h.find(": did you mean '") != std::string::npos;
      }))
    return;
  for (std::string& hint : hints) {
    DataProblem p{source, line, -1, "", "", std::move(hint)};
    p.cell = cell;
    diag.add(std::move(p));
  }
}

std::optional<std::pair<std::int64_t, std::int64_t>> auto_header_line(std::string_view text,
                                                                      const CsvOptions& csv,
                                                                      RowMapper* mapper) {
  CsvReader reader(text, csv);
  std::vector<std::string_view> fields;
  absl::Status status;
  std::int64_t above = 0;
  for (int i = 0; i < 1000 && reader.next(fields, status); ++i) {
    bool blank = true;
    for (std::string_view f : fields) blank = blank && trim(f).empty();
    if (blank) continue;
    if (mapper != nullptr) {
      const std::vector<std::string> renamed = mapper->rename(fields);
      const std::vector<std::string_view> views(renamed.begin(), renamed.end());
      if (has_required_columns(views)) return std::pair{reader.record_line(), above};
    } else if (has_required_columns(fields)) {
      return std::pair{reader.record_line(), above};
    }
    ++above;
  }
  return std::nullopt;
}

std::string title_rows_note(std::int64_t skipped, std::string_view where) {
  return absl::StrCat(skipped, skipped == 1 ? " title row" : " title rows", " above the header (",
                      sv(where), ") skipped");
}

}  // namespace detail

}  // namespace qaframe
