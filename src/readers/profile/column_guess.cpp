#include "qaframe/readers/profile/column_guess.hpp"

#include <algorithm>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/io/file.hpp"
#include "qaframe/io/xlsx.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/readers/audits_file.hpp"

namespace qaframe {

const std::vector<std::pair<std::string_view, std::vector<std::string_view>>> kColumnSynonyms = {
    {AuditColumns::kAuditId,
     {"auditid", "formid", "auditref", "auditreference", "auditno", "auditnumber", "formref",
      "caseauditid", "workflowid", "assessmentid"}},
    {AuditColumns::kChildId,
     {"personid", "clientid", "lcsid", "childid", "childref", "childreference", "personref",
      "mosaicid", "eclipseid", "clientref", "subjectid", "childnumber", "personnumber"}},
    {AuditColumns::kTeam,
     {"teamname", "workerteam", "team", "allocatedteam", "responsibleteam", "service",
      "teamallocated"}},
    {AuditColumns::kAuditType, {"audittype", "formtype", "typeofaudit", "auditform", "formname"}},
    {AuditColumns::kProgramme,
     {"auditprogramme", "programme", "programmename", "auditprogram", "program", "auditround"}},
    {AuditColumns::kAuditDate,
     {"auditdate", "datecompleted", "completeddate", "dateofaudit", "datecompletedon",
      "completiondate", "auditcompleted", "dateaudited"}},
    {AuditColumns::kAuditor, {"auditor", "auditorname", "completedby", "auditedby", "reviewer"}},
    {AuditColumns::kGrade,
     {"overallgrade", "overalljudgement", "overalljudgment", "overallrating", "grade", "rating",
      "judgement", "overallgrading", "auditgrade", "auditoroverallgrade"}},
    {AuditColumns::kModeratedGrade,
     {"moderatedgrade", "moderatorgrade", "moderatedjudgement", "gradeaftermoderation",
      "moderatedoverallgrade"}},
    {AuditColumns::kModerator, {"moderator", "moderatedby", "moderatorname"}},
};

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

const std::vector<std::string_view>* synonyms_of(std::string_view column) {
  for (const auto& [c, s] : kColumnSynonyms)
    if (c == column) return &s;
  return nullptr;
}

// How well `header` looks like `column`: 1 (synonym), 2 (containment), 3 (edit distance), or 0.
int match_rank(std::string_view column, std::string_view header) {
  const std::string h = normalised_header(header);
  const std::string c = normalised_header(column);
  if (h.empty()) return 0;
  if (const auto* s = synonyms_of(column)) {
    if (std::find(s->begin(), s->end(), h) != s->end()) return 1;
  }
  if (h == c) return 1;
  const std::size_t common = std::min(h.size(), c.size());
  if (common >= 4 && (h.find(c) != std::string::npos || c.find(h) != std::string::npos)) return 2;
  if (edit_distance(h, c) <= 2) return 3;
  return 0;
}

std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out.push_back('\\');
    if (static_cast<unsigned char>(ch) < 0x20) {
      absl::StrAppend(&out, ch == '\t' ? "\\t" : " ");
      continue;
    }
    out.push_back(ch);
  }
  out.push_back('"');
  return out;
}

// The guess for a programme value: a profile key, or "" when none.
std::string_view programme_guess(std::string_view value) {
  const std::string k = label_key(value);
  if (k.find("prw") != std::string::npos || k.find("practicereview") != std::string::npos)
    return "practice_review_week";
  if (k.find("core") != std::string::npos || k.find("monthly") != std::string::npos) return "core";
  if (k.find("themat") != std::string::npos) return "thematic";
  return "";
}

// Rows of text from a CSV file or a workbook's sheet: the first `max_rows` records.
struct Rows {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::int64_t> lines;
  char delimiter = ',';
  bool workbook = false;
};

absl::StatusOr<Rows> first_rows(const std::string& path, const ReadOptions& options,
                                std::size_t max_rows) {
  auto bytes = read_file(path);
  if (!bytes.ok()) return bytes.status();
  Rows out;
  std::vector<std::string_view> fields;
  if (audit_file_format(std::string_view(*bytes).substr(0, 8), path) ==
      AuditFileFormat::kWorkbook) {
    out.workbook = true;
    XlsxOptions x;
    x.sheet = options.sheet;
    auto sheet = parse_xlsx(*bytes, path, x);
    if (!sheet.ok()) return sheet.status();
    for (std::size_t i = 0; i < std::min(sheet->size(), max_rows); ++i) {
      sheet->row_fields(i, fields);
      out.rows.emplace_back(fields.begin(), fields.end());
      out.lines.push_back(sheet->row_number(i));
    }
    return out;
  }
  // The delimiter: the most frequent of comma, semicolon and tab in the first 4 KiB.
  const std::string_view head = std::string_view(*bytes).substr(0, 4096);
  std::size_t best = 0;
  for (char d : {',', ';', '\t'}) {
    const auto n = static_cast<std::size_t>(std::count(head.begin(), head.end(), d));
    if (n > best) {
      best = n;
      out.delimiter = d;
    }
  }
  CsvOptions csv = options.csv;
  csv.delimiter = out.delimiter;
  CsvReader reader(*bytes, csv);
  absl::Status status;
  while (out.rows.size() < max_rows && reader.next(fields, status)) {
    out.rows.emplace_back(fields.begin(), fields.end());
    out.lines.push_back(reader.record_line());
  }
  if (!status.ok() && out.rows.empty()) return status;
  return out;
}

}  // namespace

std::string normalised_header(std::string_view header) {
  std::string out;
  for (char c : header) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c)))
      out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<std::string> guess_column(std::string_view column,
                                        std::span<const std::string_view> header,
                                        const std::vector<std::string>& taken, int max_rank) {
  int best = 0;
  std::optional<std::string> out;
  for (std::string_view h : header) {
    const std::string name(trim(h));
    if (std::find(taken.begin(), taken.end(), name) != taken.end()) continue;
    // A header that already is one of qaframe's columns is not a guess for another.
    const std::string canonical = canonical_column_name(name);
    if (canonical != column && known_column_kind(canonical)) continue;
    const int rank = match_rank(column, name);
    if (rank > 0 && rank <= max_rank && (best == 0 || rank < best)) {
      best = rank;
      out = name;
    }
  }
  return out;
}

std::vector<std::string> missing_column_hints(std::span<const std::string_view> header) {
  std::vector<std::string> present;
  for (std::string_view h : header) present.push_back(canonical_column_name(h));
  std::vector<std::string> out;
  std::vector<std::string> taken;
  // A line naming none of the required columns may be data (the header missing): only headers
  // found by synonym or containment are quoted then, never a near spelling of a value.
  const bool header_like =
      std::any_of(std::begin(AuditColumns::kRequired), std::end(AuditColumns::kRequired),
                  [&](std::string_view r) {
                    return std::find(present.begin(), present.end(), r) != present.end();
                  });
  for (std::string_view required : AuditColumns::kRequired) {
    if (std::find(present.begin(), present.end(), required) != present.end()) continue;
    auto guess = guess_column(required, header, taken, header_like ? 3 : 2);
    if (guess) {
      taken.push_back(*guess);
      out.push_back(absl::StrCat(sv(required), ": did you mean '", shorten_for_message(*guess, 60),
                                 "'? Add to the profile: [audits.columns] ", sv(required), " = ",
                                 toml_string(*guess), " (or columns={\"", sv(required),
                                 "\": ", toml_string(*guess), "} in Python)"));
    } else {
      out.push_back(absl::StrCat(sv(required),
                                 ": no header looks like it; name the export's column in the "
                                 "profile: [audits.columns] ",
                                 sv(required), " = \"...\""));
    }
  }
  return out;
}

absl::StatusOr<std::string> starter_profile(const std::string& path, const ReadOptions& options) {
  auto rows = first_rows(path, options, 1000);
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": the file is empty"));
  }
  // The header: of the first 50 rows, the one where most of qaframe's columns are guessed.
  std::size_t header = 0;
  std::size_t best = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(rows->rows.size(), 50); ++i) {
    std::vector<std::string_view> h(rows->rows[i].begin(), rows->rows[i].end());
    std::size_t n = 0;
    std::vector<std::string> taken;
    for (const auto& [column, synonyms] : kColumnSynonyms) {
      if (auto g = guess_column(column, h, taken)) {
        taken.push_back(*g);
        ++n;
      }
    }
    if (n > best) {
      best = n;
      header = i;
    }
  }
  const std::vector<std::string>& names = rows->rows[header];
  std::vector<std::string_view> h(names.begin(), names.end());
  std::string out = absl::StrCat(
      "# Export profile for '", path, "', started by qaframe init-profile.\n",
      "# Each guess is marked: check it against the export, then use the file with --profile\n",
      "# (or read_audits(path, profile=...)).\n\n[input]\n");
  if (!rows->workbook) {
    absl::StrAppend(&out, "encoding = \"utf-8\"\n", "delimiter = ",
                    rows->delimiter == '\t' ? std::string("\"\\t\"")
                                            : toml_string(std::string(1, rows->delimiter)),
                    "  # guessed: the most frequent of comma, semicolon and tab\n");
  }
  absl::StrAppend(&out, "header_row = ", rows->lines[header]);
  if (header > 0) {
    absl::StrAppend(&out, "  # guessed: ", header, header == 1 ? " row" : " rows",
                    " above it (titles) skipped; or \"auto\"");
  }
  absl::StrAppend(&out, "\n");
  if (rows->workbook && !options.sheet.empty())
    absl::StrAppend(&out, "sheet = ", toml_string(options.sheet), "\n");
  absl::StrAppend(&out, "\n[audits.columns]\n");
  std::vector<std::string> taken;
  std::map<std::string, std::size_t> index;  // guessed column -> field
  for (const auto& [column, synonyms] : kColumnSynonyms) {
    const bool required =
        std::find(std::begin(AuditColumns::kRequired), std::end(AuditColumns::kRequired), column) !=
        std::end(AuditColumns::kRequired);
    auto g = guess_column(column, h, taken);
    if (!g) {
      absl::StrAppend(&out, "# ", sv(column), " = \"\"  # ",
                      required ? "REQUIRED: no header looks like it; name the export's column"
                               : "optional: no header looks like it",
                      "\n");
      continue;
    }
    taken.push_back(*g);
    for (std::size_t i = 0; i < h.size(); ++i)
      if (trim(h[i]) == *g) index[std::string(column)] = i;
    if (canonical_column_name(*g) == column) {
      absl::StrAppend(&out, "# ", sv(column), " = ", toml_string(*g),
                      "  # already qaframe's name: nothing to map\n");
    } else {
      absl::StrAppend(&out, sv(column), " = ", toml_string(*g), "  # guessed from '",
                      shorten_for_message(*g, 60), "'\n");
    }
  }
  std::vector<std::string> others;
  for (std::string_view name : h) {
    const std::string n(trim(name));
    if (!n.empty() && std::find(taken.begin(), taken.end(), n) == taken.end())
      others.push_back(absl::StrCat("'", shorten_for_message(n, 40), "'"));
  }
  if (!others.empty()) {
    absl::StrAppend(&out, "# other columns, kept as they are: ", absl::StrJoin(others, ", "),
                    "\n# (a practice domain is named domain:<name>, e.g. \"domain:planning\" = ",
                    "\"Planning\"; a column that identifies people goes in [audits] "
                    "identifiers)\n");
  }
  // Values of the programme and grade columns (categories, never identifiers).
  auto values = [&](std::string_view column) {
    std::vector<std::pair<std::string, std::size_t>> seen;
    auto it = index.find(std::string(column));
    if (it == index.end()) return seen;
    for (std::size_t r = header + 1; r < rows->rows.size(); ++r) {
      if (it->second >= rows->rows[r].size()) continue;
      const std::string v(trim(rows->rows[r][it->second]));
      if (v.empty()) continue;
      auto s = std::find_if(seen.begin(), seen.end(), [&](const auto& p) { return p.first == v; });
      if (s == seen.end()) {
        if (seen.size() < 50) seen.emplace_back(v, 1);
      } else {
        ++s->second;
      }
    }
    return seen;
  };
  const auto programmes = values(AuditColumns::kProgramme);
  if (!programmes.empty()) {
    absl::StrAppend(&out, "\n[audits.programmes]  # core, practice_review_week, thematic\n");
    std::map<std::string, std::vector<std::string>> guessed;
    for (const auto& seen_value : programmes) {
      // (Named, not bound: clang 14 cannot capture a structured binding in a lambda.)
      const auto& v = seen_value.first;
      const auto& n = seen_value.second;
      const std::string_view key = programme_guess(v);
      const auto canonical = std::find_if(std::begin(kProgrammeKeys), std::end(kProgrammeKeys),
                                          [&](const auto& k) { return k.second == v; });
      if (canonical != std::end(kProgrammeKeys)) continue;  // already qaframe's spelling
      if (key.empty()) {
        absl::StrAppend(&out, "# ", toml_string(v), " (", n,
                        " rows): no guess; add it to a programme's list if it is one\n");
      } else {
        guessed[std::string(key)].push_back(v);
      }
    }
    for (const auto& [key, spellings] : guessed) {
      std::vector<std::string> quoted;
      for (const std::string& s : spellings) quoted.push_back(toml_string(s));
      absl::StrAppend(&out, key, " = [", absl::StrJoin(quoted, ", "), "]  # guessed from ",
                      absl::StrJoin(quoted, ", "), "\n");
    }
  }
  std::vector<std::pair<std::string, std::size_t>> unknown_grades;
  for (const auto& v : values(AuditColumns::kGrade)) {
    if (!options.scale.find(v.first)) unknown_grades.push_back(v);
  }
  if (!unknown_grades.empty()) {
    absl::StrAppend(&out, "\n[audits.grades]  # values the ", options.scale.name(),
                    " scale does not read: give each its level (",
                    absl::StrJoin(options.scale.labels(), ", "),
                    "); a number is never guessed (1 is Outstanding in some systems, "
                    "Inadequate in others)\n");
    for (const auto& [v, n] : unknown_grades)
      absl::StrAppend(&out, "# ", toml_string(v), " = \"\"  # ", n, " rows\n");
  }
  return out;
}

}  // namespace qaframe
