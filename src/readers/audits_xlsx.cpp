#include "qaframe/readers/audits_xlsx.hpp"
#include "qaframe/io/file.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "model/machine.hpp"
#include "qaframe/model/audit_set_builder.hpp"
#include "qaframe/model/text.hpp"
#include "readers/audit_reading.hpp"

namespace qaframe {

namespace {

constexpr std::string_view kKnownColumns[] = {
    AuditColumns::kAuditId,   AuditColumns::kChildId,   AuditColumns::kTeam,
    AuditColumns::kAuditType, AuditColumns::kProgramme, AuditColumns::kAuditDate,
    AuditColumns::kAuditor,   AuditColumns::kGrade,     AuditColumns::kModeratedGrade,
    AuditColumns::kModerator};

// Where the builder's problems are in the sheet: it names a row by the row number it was given
// (as a CSV file's line) and a cell by its column's name; the cell reference follows from the
// header.
class CellLocator {
 public:
  CellLocator(std::span<const std::string_view> header, std::int64_t header_line)
      : header_line_(header_line), width_(std::max<std::size_t>(header.size(), 1)) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      const std::string_view name = trim(header[i]);
      if (name.empty()) continue;
      by_name_.try_emplace(canonical_column_name(name), i);
      by_name_.try_emplace(std::string(name), i);
    }
  }

  std::optional<std::size_t> column(std::string_view name) const {
    if (auto it = by_name_.find(std::string(name)); it != by_name_.end()) return it->second;
    // "(column 7)": a column with no name.
    if (name.starts_with("(column ") && name.ends_with(")")) {
      std::size_t n = 0;
      for (char c : name.substr(8, name.size() - 9)) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::size_t>(c - '0');
      }
      if (n >= 1) return n - 1;
    }
    return std::nullopt;
  }

  // Sets the cell of a problem of the builder: the named column's cell of its row, or the row's
  // span of the header's columns.
  void locate(DataProblem& p) const {
    if (!p.cell.empty() || p.line <= 0) return;
    if (auto c = column(p.column)) {
      p.cell = cell_reference(p.line, static_cast<std::int64_t>(*c));
    } else {
      p.cell = CellRange{p.line, 0, p.line, static_cast<std::int64_t>(width_ - 1)}.to_string();
    }
    // The first occurrence of a repeated identifier is a cell too.
    constexpr std::string_view kFirstSeen = "first seen on line ";
    const std::size_t at = p.reason.find(kFirstSeen);
    if (at != std::string::npos && p.column == AuditColumns::kAuditId) {
      const std::string_view digits = std::string_view(p.reason).substr(at + kFirstSeen.size());
      std::int64_t line = 0;
      for (char c : digits) {
        if (c < '0' || c > '9') return;
        line = line * 10 + (c - '0');
      }
      auto c = column(AuditColumns::kAuditId);
      if (c) {
        p.reason = absl::StrCat(p.reason.substr(0, at), "first seen at ",
                                cell_reference(line, static_cast<std::int64_t>(*c)));
      }
    }
  }

  std::int64_t header_line() const { return header_line_; }

 private:
  std::int64_t header_line_;
  std::size_t width_;
  absl::flat_hash_map<std::string, std::size_t> by_name_;
};

// The name the builder gives a header's column: canonical for the columns it knows, as written
// (trimmed) for the others.
std::string column_name(std::string_view header) {
  std::string canonical = canonical_column_name(header);
  const bool known = canonical.starts_with(AuditColumns::kDomainPrefix) ||
                     std::find(std::begin(kKnownColumns), std::end(kKnownColumns), canonical) !=
                         std::end(kKnownColumns);
  return known ? canonical : std::string(trim(header));
}

DataProblem sheet_problem(const SheetTable& sheet, std::int64_t line, std::int64_t row,
                          std::string column, std::string_view value, std::string reason,
                          std::string cell) {
  DataProblem p{sheet.source(),   line, row, std::move(column), shorten_for_message(value),
                std::move(reason)};
  p.cell = std::move(cell);
  return p;
}

// The first of the sheet's first kHeaderSearchRows rows whose cells include every required name.
constexpr std::size_t kHeaderSearchRows = 1000;
std::optional<std::size_t> first_row_with(const SheetTable& sheet,
                                          std::span<const std::string_view> required,
                                          RowMapper* mapper = nullptr) {
  std::vector<std::string_view> fields;
  std::vector<std::string> renamed;
  for (std::size_t i = 0; i < std::min(sheet.size(), kHeaderSearchRows); ++i) {
    sheet.row_fields(i, fields);
    if (mapper != nullptr) {
      renamed = mapper->rename(fields);
      fields.assign(renamed.begin(), renamed.end());
    }
    absl::flat_hash_set<std::string> names;
    for (std::string_view f : fields) names.insert(canonical_column_name(f));
    if (std::all_of(required.begin(), required.end(),
                    [&](std::string_view r) { return names.contains(std::string(r)); })) {
      return i;
    }
  }
  return std::nullopt;
}

}  // namespace

absl::StatusOr<std::size_t> find_header_row(const SheetTable& sheet,
                                            std::span<const std::string_view> required,
                                            std::int64_t header_row) {
  if (sheet.empty()) {
    return absl::NotFoundError("the sheet is empty: expected a header row naming the columns");
  }
  if (header_row > 0) {
    const auto numbers = sheet.row_numbers();
    auto it = std::lower_bound(numbers.begin(), numbers.end(), header_row);
    if (it == numbers.end() || *it != header_row) {
      return absl::NotFoundError(absl::StrCat("row ", header_row,
                                              " of the sheet is empty: expected the header there "
                                              "(header_row = ",
                                              header_row, ")"));
    }
    return static_cast<std::size_t>(it - numbers.begin());
  }
  return first_row_with(sheet, required).value_or(0);
}

absl::StatusOr<AuditSet> audits_from_sheet(const SheetTable& sheet, const ReadOptions& options,
                                           std::int64_t header_row, Diagnostics* diag) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  auto mapped = detail::mapper_for(options);
  if (!mapped.ok()) return mapped.status();
  RowMapper* m = *mapped ? &**mapped : nullptr;
  absl::StatusOr<std::size_t> found = std::size_t{0};
  if (header_row > 0 || m == nullptr) {
    found = find_header_row(sheet, AuditColumns::kRequired, header_row);
  } else if (sheet.empty()) {
    found = absl::NotFoundError("the sheet is empty: expected a header row naming the columns");
  } else {
    found = first_row_with(sheet, AuditColumns::kRequired, m).value_or(0);
  }
  if (!found.ok()) {
    d.add(sheet_problem(sheet, header_row, -1, "", "", std::string(found.status().message()),
                        header_row > 0 ? absl::StrCat("A", header_row) : std::string()));
    return d.to_status();
  }
  const std::size_t first = *found;
  std::vector<std::string_view> header;
  sheet.row_fields(first, header);
  std::vector<std::string> renamed;
  if (m != nullptr) {
    renamed = m->rename(header);
    header.assign(renamed.begin(), renamed.end());
  }
  const std::int64_t header_line = sheet.row_number(first);
  std::vector<std::string> notes;
  if (first > 0)
    notes.push_back(detail::title_rows_note(static_cast<std::int64_t>(first),
                                            absl::StrCat("row ", header_line)));
  const CellLocator locator(header, header_line);

  // The builder's problems are collected apart, located, then passed on; as many are kept as
  // `d` has room for, and the rest only counted, as `d` itself would.
  const std::size_t room = d.limit() > d.problems().size() ? d.limit() - d.problems().size() : 0;
  Diagnostics inner(room);
  // An error cell (#N/A, #REF! ...) is a problem of its own. The builder sees a stand-in that it
  // accepts, so that it says nothing more of that cell and still checks the rest of the row: N/A
  // for a grade, a valid date for the date, a text no identifier can equal for the audit_id, and
  // the error's own text for any other column.
  auto note_errors = [&](std::size_t i, std::int64_t row) {
    for (std::size_t c = 0; c < sheet.row_width(i); ++c) {
      if (sheet.type(i, c) != CellType::kError) continue;
      const std::int64_t line = sheet.row_number(i);
      const std::string column = c < header.size() && row >= 0 ? column_name(header[c]) : "";
      inner.add(sheet_problem(sheet, line, row, column, sheet.cell(i, c),
                              "an error cell (a formula that failed in the workbook): correct "
                              "it in the workbook, or clear it",
                              cell_reference(line, static_cast<std::int64_t>(c))));
    }
  };
  enum class StandIn : std::uint8_t { kOwnText, kEmpty, kDate, kUniqueId };
  std::vector<StandIn> stand_in(header.size(), StandIn::kOwnText);
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string name = column_name(header[c]);
    if (name == AuditColumns::kGrade || name == AuditColumns::kModeratedGrade ||
        name.starts_with(AuditColumns::kDomainPrefix)) {
      stand_in[c] = StandIn::kEmpty;
    } else if (name == AuditColumns::kAuditDate) {
      stand_in[c] = StandIn::kDate;
    } else if (name == AuditColumns::kAuditId) {
      stand_in[c] = StandIn::kUniqueId;
    }
  }

  AuditSetBuilder builder(options.scale, sheet.source(), inner, options.domain_scales);
  if (m != nullptr) builder.set_exported_columns(m->renamed());
  builder.set_date_options(options.dates);
  builder.set_not_applicable(options.not_applicable);
  note_errors(first, -1);
  // Footer rows: the last `footer_rows` rows holding a value are not audits.
  const std::size_t end =
      sheet.size() - std::min<std::size_t>(
                         sheet.size() - first - 1,
                         static_cast<std::size_t>(std::max<std::int64_t>(options.footer_rows, 0)));
  if (end < sheet.size()) {
    const std::size_t n = sheet.size() - end;
    notes.push_back(
        absl::StrCat(n, n == 1 ? " footer row" : " footer rows", " (footer_rows) left out: row",
                     n == 1 ? " " : "s ", sheet.row_number(end),
                     n > 1 ? absl::StrCat("-", sheet.row_number(sheet.size() - 1)) : ""));
  }
  if (!builder.set_header(header, header_line)) {
    if (!detail::has_required_columns(header))
      detail::add_missing_column_hints(
          inner, sheet.source(), header_line, header,
          CellRange{header_line, 0, header_line,
                    static_cast<std::int64_t>(std::max<std::size_t>(header.size(), 1) - 1)}
              .to_string());
  } else {
    const std::size_t width = header.size();
    const std::size_t date_column =
        locator.column(AuditColumns::kAuditDate).value_or(static_cast<std::size_t>(-1));
    builder.reserve(sheet.size() - first - 1);
    std::vector<std::string_view> fields;
    std::string unique_id;
    std::int64_t row = 0;
    for (std::size_t i = first + 1; i < end; ++i, ++row) {
      const std::int64_t line = sheet.row_number(i);
      sheet.row_fields(i, fields, width);
      // Cells right of the header's last column: named here by their cell, not by a CSV field
      // count, and left out of what the builder sees.
      for (std::size_t c = width; c < fields.size(); ++c) {
        if (trim(fields[c]).empty()) continue;
        inner.add(sheet_problem(
            sheet, line, row, "", fields[c],
            absl::StrCat("a value right of the header's last column (",
                         column_letters(static_cast<std::int64_t>(width) - 1),
                         "); give the column a name in row ", header_line, ", or clear the cell"),
            cell_reference(line, static_cast<std::int64_t>(c))));
      }
      fields.resize(width);
      note_errors(i, row);
      for (std::size_t c = 0; c < width; ++c) {
        const CellType type = sheet.type(i, c);
        if (type == CellType::kError) {
          switch (stand_in[c]) {
            case StandIn::kOwnText:
              break;
            case StandIn::kEmpty:
              fields[c] = {};
              break;
            case StandIn::kDate:
              fields[c] = "1970-01-01";
              break;
            case StandIn::kUniqueId:
              unique_id = absl::StrCat("\x01", cell_reference(line, static_cast<std::int64_t>(c)));
              fields[c] = unique_id;
              break;
          }
        }
        // A date cell with a time of day is the day it names ("YYYY-MM-DD HH:MM:SS").
        if (type == CellType::kDateTime && c == date_column) fields[c] = fields[c].substr(0, 10);
      }
      if (m != nullptr) m->map_row(fields);
      builder.add_row(fields, line, row);
    }
  }
  auto result = builder.finish();
  for (DataProblem p : inner.problems()) {
    locator.locate(p);
    d.add(std::move(p));
  }
  d.count_unkept(inner.total() - inner.problems().size());
  for (const std::string& note : inner.notes()) d.add_note(note);
  if (!result.ok()) {
    return d.ok() ? result.status() : d.to_status();
  }
  if (m != nullptr)
    for (std::string& n : m->notes()) notes.push_back(std::move(n));
  detail::finish_audits(*result, options, std::move(notes));
  return result;
}

absl::StatusOr<AuditSet> parse_audits_xlsx(std::string_view bytes, const std::string& source,
                                           const ReadOptions& options, const XlsxOptions& xlsx,
                                           Diagnostics* diag) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  absl::StatusOr<AuditSet> audits;
  {
    auto sheet = parse_xlsx(bytes, source, xlsx, &d);
    if (!sheet.ok()) return sheet.status();
    audits = audits_from_sheet(*sheet, options, xlsx.header_row, &d);
    // The first sheet is not always the audits: say which others there are.
    auto mapper = detail::mapper_for(options);
    if (!audits.ok() && xlsx.sheet.empty() && xlsx.header_row == 0 && mapper.ok() &&
        !first_row_with(*sheet, AuditColumns::kRequired, *mapper ? &**mapper : nullptr)) {
      auto names = xlsx_sheet_names(bytes, source, xlsx);
      if (names.ok() && names->size() > 1) {
        std::vector<std::string> others;
        for (const std::string& n : *names) {
          if (n != sheet->sheet())
            others.push_back(absl::StrCat("'", shorten_for_message(n, 40), "'"));
        }
        d.add({source, 0, -1, "", "",
               absl::StrCat("sheet '", shorten_for_message(sheet->sheet(), 40),
                            "' (the first) has no header with the required columns; the workbook "
                            "also has ",
                            absl::StrJoin(others, ", "), ": name the sheet to read")});
        audits = d.to_status();
      }
    }
  }
  detail::release_free_memory();  // the sheet's text is gone
  return audits;
}

absl::StatusOr<AuditSet> read_audits_xlsx(const std::string& path, const ReadOptions& options,
                                          const XlsxOptions& xlsx, Diagnostics* diag) {
  auto bytes = read_file(path);  // read, not mapped (a file cut mid-read is an error)
  if (!bytes.ok()) return bytes.status();
  return parse_audits_xlsx(*bytes, path, options, xlsx, diag);
}

}  // namespace qaframe
