#include "io/csv_table.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/io/text_encoding.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe::detail {

int CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return static_cast<int>(i);
  return -1;
}

const std::string& CsvTable::field(std::size_t row, int index) const {
  static const std::string kEmpty;
  if (index < 0 || static_cast<std::size_t>(index) >= rows[row].size()) return kEmpty;
  return rows[row][static_cast<std::size_t>(index)];
}

void CsvTable::problem(Diagnostics& diag, std::size_t row, std::string_view column,
                       std::string_view value, std::string reason) const {
  diag.add({source, lines[row], static_cast<std::int64_t>(row), std::string(column),
            shorten_for_message(value), std::move(reason)});
}

namespace {

// A table read from `reader` (a CsvReader over text, or a CsvFileReader), its rows stored, or
// handed to `sink` one by one when it is given (so that a large file is never held twice).
template <class Reader>
std::optional<CsvTable> read_table(Reader& reader, const std::string& source,
                                   const std::vector<std::string_view>& required, Diagnostics& diag,
                                   std::string_view marker_prefix, const RowSink* sink,
                                   absl::Status* io_error) {
  std::vector<std::string_view> fields;
  absl::Status status;
  if (!reader.next(fields, status)) {
    if (absl::IsUnavailable(status) && io_error != nullptr) {
      *io_error = status;
      return std::nullopt;
    }
    diag.add({source, status.ok() ? 1 : reader.error_line(), -1, "", "",
              status.ok() ? "the file is empty: expected a header line naming the columns"
                          : std::string(status.message())});
    return std::nullopt;
  }
  CsvTable table;
  table.source = source;
  const std::int64_t header_line = reader.record_line();
  // Trailing unnamed columns (a spreadsheet's empty columns) are dropped.
  std::size_t named = fields.size();
  while (named > 0 && trim(fields[named - 1]).empty()) --named;
  bool ok = true;
  absl::flat_hash_map<std::string, std::size_t> seen;
  std::vector<DataProblem> header_problems;  // reported once the line is known to be a header
  for (std::size_t i = 0; i < named; ++i) {
    std::string display(trim(fields[i]));
    std::string name = canonical_column_name(display);
    if (name.empty()) {
      header_problems.push_back({source, header_line, -1, "", "",
                                 absl::StrCat("column ", i + 1, " of the header has no name")});
      ok = false;
    } else if (auto [it, inserted] = seen.try_emplace(name, i); !inserted) {
      header_problems.push_back(
          {source, header_line, -1, display, shorten_for_message(display),
           absl::StrCat("column name repeated (columns ", it->second + 1, " and ", i + 1,
                        "); each column must be named once")});
      ok = false;
    }
    table.columns.push_back(std::move(name));
    table.display.push_back(std::move(display));
  }
  std::vector<std::string> missing;
  for (std::string_view r : required)
    if (table.column(r) < 0) missing.emplace_back(r);
  if (!required.empty() && missing.size() == required.size()) {
    // None of the required columns named: the header row is probably missing, and the first
    // line is data (identifiers among it), so it is not quoted back; nor is any problem above.
    diag.add({source, header_line, -1, "", "",
              absl::StrCat("missing required columns ", absl::StrJoin(missing, ", "),
                           ": the first line names none of them, so the header row may be "
                           "missing (the line is not quoted: it may be data with identifiers)")});
    return std::nullopt;
  }
  for (DataProblem& p : header_problems) diag.add(std::move(p));
  if (!missing.empty()) {
    diag.add({source, header_line, -1, "", "",
              absl::StrCat("missing required column", missing.size() > 1 ? "s " : " ",
                           absl::StrJoin(missing, ", "),
                           " (the header has: ", absl::StrJoin(table.display, ", "), ")")});
    ok = false;
  }
  if (!ok) return std::nullopt;
  std::int64_t row = 0;
  while (reader.next(fields, status)) {
    const std::int64_t line = reader.record_line();
    bool blank = std::all_of(fields.begin(), fields.end(),
                             [](std::string_view f) { return trim(f).empty(); });
    if (blank) continue;
    if (!marker_prefix.empty() && !fields.empty()) {
      const std::string_view first = trim(fields[0]);
      const bool rest_empty = std::all_of(fields.begin() + 1, fields.end(),
                                          [](std::string_view f) { return trim(f).empty(); });
      if (rest_empty && first.size() >= marker_prefix.size() &&
          absl::EqualsIgnoreCase(sv(first.substr(0, marker_prefix.size())), sv(marker_prefix))) {
        table.markers.emplace_back(line, std::string(first));
        continue;
      }
    }
    std::size_t used = fields.size();
    while (used > named && trim(fields[used - 1]).empty()) --used;
    if (used != named) {
      diag.add({source, line, row, "", "",
                absl::StrCat("expected ", named, " fields as in the header, found ", used,
                             used > named ? " (an unquoted comma in a value?)" : "")});
      ++row;
      continue;
    }
    if constexpr (std::is_same_v<Reader, CsvFileReader>) {
      // A file read in blocks is checked for its encoding record by record (a text in memory is
      // checked whole, before anything is read).
      for (std::string_view f : fields) {
        const std::size_t bad = find_invalid_utf8_or_nul(f);
        if (bad == f.npos) continue;
        diag.add({source, line, row, "", "",
                  absl::StrCat(f[bad] == '\0' ? "a NUL byte" : "text that is not valid UTF-8",
                               " on this line; ", utf8_advice(f, bad, "file"))});
        table.end_line = reader.line();
        return table;
      }
    }
    std::vector<std::string> values;
    values.reserve(named);
    for (std::size_t i = 0; i < named; ++i) values.emplace_back(trim(fields[i]));
    if (sink != nullptr) {
      (*sink)(table, std::move(values), line, row);
    } else {
      table.rows.push_back(std::move(values));
      table.lines.push_back(line);
    }
    ++row;
  }
  if (absl::IsUnavailable(status) && io_error != nullptr) {
    *io_error = status;
  } else if (!status.ok()) {
    diag.add({source, reader.error_line(), row, "", "", std::string(status.message())});
  }
  table.end_line = reader.line();
  return table;
}

}  // namespace

std::optional<CsvTable> read_csv_table(std::string_view text, const std::string& source,
                                       const std::vector<std::string_view>& required,
                                       Diagnostics& diag, const CsvOptions& options,
                                       std::string_view marker_prefix) {
  std::string decoded;
  TextEncoding resolved = TextEncoding::kUtf8;
  if (auto problem = decode_text(text, options.encoding, source, decoded, text, &resolved)) {
    diag.add(*std::move(problem));
    return std::nullopt;
  }
  if (auto problem = text_encoding_problem(text, source)) {
    diag.add(*std::move(problem));
    return std::nullopt;
  }
  CsvReader reader(text, options);
  note_choices(diag, source, options, resolved, reader.delimiter());
  return read_table(reader, source, required, diag, marker_prefix, nullptr, nullptr);
}

std::optional<CsvTable> read_csv_table(CsvFileReader& reader,
                                       const std::vector<std::string_view>& required,
                                       Diagnostics& diag, const RowSink& sink,
                                       absl::Status& io_error, std::string_view marker_prefix) {
  auto table = read_table(reader, reader.name(), required, diag, marker_prefix, &sink, &io_error);
  note_choices(diag, reader.name(), reader.options(), reader.encoding(), reader.delimiter());
  return table;
}

std::optional<double> parse_share(std::string_view text, std::string& reason) {
  std::string_view t = trim(text);
  bool percent = false;
  if (!t.empty() && t.back() == '%') {
    percent = true;
    t = trim(t.substr(0, t.size() - 1));
  }
  double v = 0.0;
  if (t.empty() || !absl::SimpleAtod(sv(t), &v) || !std::isfinite(v)) {
    reason = "not a number; write a share as 0.75 or 75%";
    return std::nullopt;
  }
  if (percent) v /= 100.0;
  if (v < 0.0 || v > 1.0) {
    reason = percent ? "a percentage must lie between 0% and 100%"
                     : "a share must lie between 0 and 1 (write 75% or 0.75, not 75)";
    return std::nullopt;
  }
  return v;
}

std::optional<std::int64_t> parse_count(std::string_view text, std::string& reason) {
  std::int64_t v = 0;
  if (!absl::SimpleAtoi(sv(trim(text)), &v)) {
    reason = "not a whole number";
    return std::nullopt;
  }
  if (v < 0) {
    reason = "a count cannot be negative";
    return std::nullopt;
  }
  return v;
}

}  // namespace qaframe::detail
