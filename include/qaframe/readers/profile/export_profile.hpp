#pragma once
/// @file export_profile.hpp
/// Export profiles: a small TOML file saying how one system's exports (Mosaic, Liquidlogic LCS,
/// Eclipse ...) map onto qaframe, read once here (toml++) for C++, Python and the command line.
///
/// ```toml
/// [input]
/// encoding = "utf-8"          # "utf-8" | "windows-1252" | "utf-16" | "auto"
/// delimiter = ","             # "," | ";" | "\t" | "auto"
/// header_row = "auto"         # a line (row) number, or "auto"
/// footer_rows = 1             # records at the end that are not audits
/// sheet = "Audits"            # for workbooks
/// [audits]
/// not_applicable = ["-", "N/A"]
/// identifiers = ["NHS Number"]
/// [audits.columns]            # canonical name = the export's header
/// child_id = "Person ID"
/// [audits.programmes]         # core, practice_review_week, thematic = spellings
/// practice_review_week = ["PRW", "Practice Review Week"]
/// [audits.grades]             # extra spellings: label = level
/// "4" = "Inadequate"
/// [audits.domains]            # practice domain = its display label
/// voice_of_child = "Voice of the child"
/// [survey.columns]            # also performance, indicators, evidence_map, improvement_log
/// respondent_id = "Response ID"
/// ```
/// Every key is checked: an unknown key or a value of the wrong type is an error naming the
/// file, the line and the key (a typo is never ignored).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/io/text_encoding.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/profile/column_mapping.hpp"

namespace qaframe {

/// The `[input]` table: how to read the bytes. Unset fields keep the reader's defaults.
struct InputSettings {
  std::optional<TextEncoding> encoding;     ///< `encoding`
  std::optional<char> delimiter;            ///< `delimiter`; '\0' for "auto"
  std::optional<std::int64_t> header_row;   ///< `header_row`; kAutoHeaderRow for "auto"
  std::optional<std::int64_t> footer_rows;  ///< `footer_rows`
  std::string sheet;                        ///< `sheet`, empty when not given
  friend bool operator==(const InputSettings&, const InputSettings&) = default;
};

/// The column mapping of one of the evidence files: (canonical column, the export's header).
struct TableColumns {
  std::vector<std::pair<std::string, std::string>> columns;  ///< `[<file>.columns]`
  friend bool operator==(const TableColumns&, const TableColumns&) = default;
};

/// A whole export profile.
struct ExportProfile {
  std::string source;    ///< the file it was read from (or "arguments"), for messages
  InputSettings input;   ///< `[input]`
  ColumnMapping audits;  ///< `[audits.columns]`, `[audits.programmes]`, `[audits.grades]`, ...
  std::vector<std::string> identifiers;  ///< `[audits] identifiers`: more identifier columns
  /// `[audits.domains]`: (domain name, display label), in the profile's order (for reports).
  std::vector<std::pair<std::string, std::string>> domain_labels;
  TableColumns survey;           ///< `[survey.columns]`
  TableColumns performance;      ///< `[performance.columns]`
  TableColumns indicators;       ///< `[indicators.columns]`
  TableColumns evidence_map;     ///< `[evidence_map.columns]`
  TableColumns improvement_log;  ///< `[improvement_log.columns]`
  /// Equal when every setting is equal (the source aside).
  friend bool operator==(const ExportProfile& a, const ExportProfile& b) {
    return a.input == b.input && a.audits == b.audits && a.identifiers == b.identifiers &&
           a.domain_labels == b.domain_labels && a.survey == b.survey &&
           a.performance == b.performance && a.indicators == b.indicators &&
           a.evidence_map == b.evidence_map && a.improvement_log == b.improvement_log;
  }
};

/// Parses a profile from TOML text; `source` names it in messages. InvalidArgument naming the
/// source, line and key for TOML that does not parse, an unknown key, a value of the wrong type
/// or out of range, an unknown programme, or a column mapped twice.
absl::StatusOr<ExportProfile> parse_export_profile(std::string_view text,
                                                   const std::string& source);
/// Reads and parses a profile file (see parse_export_profile); NotFound / Unavailable naming the
/// path when it cannot be read.
absl::StatusOr<ExportProfile> read_export_profile(const std::string& path);

/// Encodings and delimiters by name: parse_encoding_name, encoding_name (io/text_encoding.hpp)
/// and parse_delimiter_name (io/csv.hpp), shared with the command line and Python.
/// A header row: a whole number >= 1, or "auto" (kAutoHeaderRow). InvalidArgument otherwise.
absl::StatusOr<std::int64_t> parse_header_row(std::string_view text);

/// What a caller gives besides (or instead of) a profile file: Python's `columns=`,
/// `encoding=`, `delimiter=`, `sheet=`, `header_row=` and the command line's flags. Set fields
/// win over the profile's.
struct ProfileOverrides {
  std::vector<std::pair<std::string, std::string>> columns;  ///< canonical = export header
  std::optional<std::string> encoding;                       ///< as parse_encoding_name reads it
  std::optional<std::string> delimiter;                      ///< as parse_delimiter_name reads it
  std::optional<std::string> header_row;                     ///< as parse_header_row reads it
  std::optional<std::string> sheet;                          ///< the workbook's sheet
};

/// `profile` with `overrides` applied (a column given in both takes the override's header);
/// InvalidArgument naming the argument for a bad value.
absl::StatusOr<ExportProfile> with_overrides(ExportProfile profile,
                                             const ProfileOverrides& overrides);

/// CSV text with its header renamed by `columns` (the export's header -> the canonical name, as
/// in RowMapper::rename), the rest unchanged; the text itself when there is nothing to rename.
/// For the evidence files (survey, performance, indicators, evidence map, log), whose readers
/// then see qaframe's names. A header record over several lines is written back on one.
std::string rename_csv_header(std::string_view text, const TableColumns& columns,
                              const CsvOptions& csv = {});
/// A CSV file read and its header renamed (see rename_csv_header); NotFound / Unavailable
/// naming the path when it cannot be read.
absl::StatusOr<std::string> read_csv_renamed(const std::string& path, const TableColumns& columns,
                                             const CsvOptions& csv = {});

/// Sets the options of reading audits from a profile: the CSV encoding and delimiter, header
/// and footer rows, the sheet, the column mapping, more identifier columns. Fields the profile
/// leaves unset are left as they are.
void apply_profile(const ExportProfile& profile, ReadOptions& options);

}  // namespace qaframe
