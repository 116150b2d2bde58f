#include "qaframe/readers/moderation_csv.hpp"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/io/file.hpp"
#include "qaframe/io/text_encoding.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

absl::StatusOr<AuditSet> join_moderation_csv(const AuditSet& audits, std::string_view text,
                                             const std::string& source, Diagnostics* diag,
                                             const CsvOptions& csv) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  std::string decoded;
  TextEncoding resolved = TextEncoding::kUtf8;
  if (auto problem = decode_text(text, csv.encoding, source, decoded, text, &resolved)) {
    d.add(*std::move(problem));
    return d.to_status();
  }
  if (auto problem = text_encoding_problem(text, source)) {
    d.add(*std::move(problem));
    return d.to_status();
  }
  CsvReader reader(text, csv);
  note_choices(d, source, csv, resolved, reader.delimiter());
  std::vector<std::string_view> fields;
  absl::Status status;
  if (!reader.next(fields, status)) {
    d.add({source, status.ok() ? 1 : reader.error_line(), -1, "", "",
           status.ok() ? "the file is empty: expected a header with audit_id and moderated_grade"
                       : std::string(status.message())});
    return d.to_status();
  }
  // Header: audit_id and moderated_grade required, moderator optional, nothing else.
  int id_col = -1, grade_col = -1, moderator_col = -1;
  const std::int64_t header_line = reader.record_line();
  std::size_t named = fields.size();
  while (named > 0 && trim(fields[named - 1]).empty()) --named;
  for (std::size_t i = 0; i < named; ++i) {
    const std::string name = canonical_column_name(fields[i]);
    int* slot = name == AuditColumns::kAuditId          ? &id_col
                : name == AuditColumns::kModeratedGrade ? &grade_col
                : name == AuditColumns::kModerator      ? &moderator_col
                                                        : nullptr;
    if (slot == nullptr) {
      d.add({source, header_line, -1, std::string(trim(fields[i])), std::string(trim(fields[i])),
             "not a moderation column: a moderation file has audit_id, moderated_grade and "
             "optionally moderator"});
    } else if (*slot >= 0) {
      d.add({source, header_line, -1, name, name, "column name repeated"});
    } else {
      *slot = static_cast<int>(i);
    }
  }
  if (id_col < 0 || grade_col < 0) {
    d.add({source, header_line, -1, "", "",
           absl::StrCat("missing required column", id_col < 0 && grade_col < 0 ? "s " : " ",
                        id_col < 0 ? "audit_id" : "", id_col < 0 && grade_col < 0 ? ", " : "",
                        grade_col < 0 ? "moderated_grade" : "")});
  }
  if (!d.ok()) return d.to_status();

  absl::flat_hash_map<std::string_view, std::size_t> row_of;
  row_of.reserve(audits.size());
  for (std::size_t i = 0; i < audits.size(); ++i) row_of.emplace(audits.audit_id_unchecked(i), i);
  std::vector<Grade> moderated(audits.size(), kNotRecorded);
  std::vector<std::string> moderator(audits.size());
  std::vector<std::int64_t> joined_line(audits.size(), 0);
  std::int64_t row = 0;
  while (reader.next(fields, status)) {
    const std::int64_t line = reader.record_line();
    const std::int64_t record = row++;
    bool blank = std::all_of(fields.begin(), fields.end(),
                             [](std::string_view f) { return trim(f).empty(); });
    if (blank) continue;
    if (fields.size() < named) {
      d.add({source, line, record, "", "",
             absl::StrCat("expected ", named, " fields as in the header, found ", fields.size())});
      continue;
    }
    bool extra = false;
    for (std::size_t i = named; i < fields.size(); ++i) extra = extra || !trim(fields[i]).empty();
    if (extra) {
      d.add({source, line, record, "", "",
             absl::StrCat("expected ", named, " fields as in the header, found ", fields.size(),
                          " (an unquoted comma in a value?)")});
      continue;
    }
    const std::string_view id = trim(fields[static_cast<std::size_t>(id_col)]);
    const std::string_view grade_text = trim(fields[static_cast<std::size_t>(grade_col)]);
    auto it = row_of.find(id);
    if (id.empty()) {
      d.add({source, line, record, "audit_id", "", "audit_id is empty"});
      continue;
    }
    if (it == row_of.end()) {
      d.add({source, line, record, "audit_id", shorten_for_message(id),
             "no audit has this audit_id: a moderation must refer to an audit in the audit file"});
      continue;
    }
    if (joined_line[it->second] != 0) {
      d.add({source, line, record, "audit_id", shorten_for_message(id),
             absl::StrCat("audit moderated twice; first on line ", joined_line[it->second])});
      continue;
    }
    if (grade_text.empty()) {
      d.add({source, line, record, "moderated_grade", "",
             "moderated_grade is empty: list only moderated audits (write N/A for not graded)"});
      continue;
    }
    auto g = audits.scale().parse(grade_text);
    if (!g.ok()) {
      d.add({source, line, record, "moderated_grade", shorten_for_message(grade_text),
             audits.scale().unknown_grade_reason(grade_text)});
      d.add_note(audits.scale().accepted_note());
      continue;
    }
    moderated[it->second] = *g;
    if (moderator_col >= 0)
      moderator[it->second] = trim(fields[static_cast<std::size_t>(moderator_col)]);
    joined_line[it->second] = line;
  }
  if (!status.ok())
    d.add({source, reader.error_line(), row, "", "", std::string(status.message())});
  if (!d.ok()) return d.to_status();
  CategoricalBuilder moderators;
  moderators.reserve(audits.size());
  for (const std::string& m : moderator) moderators.append(m);
  return with_moderation_columns(audits, std::move(moderated), moderators.finish());
}

absl::StatusOr<AuditSet> read_moderation_csv(const AuditSet& audits, const std::string& path,
                                             Diagnostics* diag, const CsvOptions& csv) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  return join_moderation_csv(audits, *text, path, diag, csv);
}

}  // namespace qaframe
