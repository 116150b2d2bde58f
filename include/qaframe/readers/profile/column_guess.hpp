#pragma once
/// @file column_guess.hpp
/// Help to write an export profile: which of an export's headers looks like each column qaframe
/// needs ("child_id: did you mean 'Person ID'?"), and a starter profile for an export with its
/// guesses marked, for `qaframe init-profile`.
///
/// The rule, over headers normalised to lower-case letters and digits ("Person ID" ->
/// "personid"), first match wins, each header guessed for one column at most:
/// 1. the normalised header is in the column's synonyms (kColumnSynonyms: Person ID, Client ID,
///    LCS ID -> child_id; Team Name, Worker Team -> team; Overall Grade, Overall judgement ->
///    grade; Audit Date, Date Completed -> audit_date; Audit ID, Form ID -> audit_id ...);
/// 2. the normalised header contains the normalised column name, or the other way round, with
///    at least 4 letters in common ("Audit Date (DD/MM/YYYY)" -> audit_date);
/// 3. the edit distance (Levenshtein) between the two is at most 2 ("Grdae" -> grade).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/readers/audits_csv.hpp"

namespace qaframe {

/// Other names of qaframe's audit columns in exports, normalised (letters and digits, lower
/// case): (column, synonyms).
extern const std::vector<std::pair<std::string_view, std::vector<std::string_view>>>
    kColumnSynonyms;

/// "Person ID" -> "personid": ASCII letters and digits only, lower case.
std::string normalised_header(std::string_view header);

/// The header (as written) that looks like `column` by the rule above, leaving out `taken`
/// headers and guesses by a rule numbered above `max_rank`; nullopt when none does.
std::optional<std::string> guess_column(std::string_view column,
                                        std::span<const std::string_view> header,
                                        const std::vector<std::string>& taken = {},
                                        int max_rank = 3);

/// One line per required column missing from `header` (names after any renaming): the header
/// that looks like it and how to map it, or that none does:
/// `child_id: did you mean 'Person ID'? Add to the profile: [audits.columns] child_id = "Person
/// ID" (or columns={"child_id": "Person ID"} in Python)`.
std::vector<std::string> missing_column_hints(std::span<const std::string_view> header);

/// A starter profile (TOML) for the export at `path` (CSV or workbook), read with `options`
/// (its delimiter, sheet, header row): every column guessed, each guess marked with the header
/// it came from, programme and grade values that need a mapping listed. Only headers and the
/// values of the programme and grade columns are quoted (never an identifier).
absl::StatusOr<std::string> starter_profile(const std::string& path,
                                            const ReadOptions& options = {});

}  // namespace qaframe
