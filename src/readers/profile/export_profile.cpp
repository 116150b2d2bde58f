#include "qaframe/readers/profile/export_profile.hpp"

// toml++ header-only, without exceptions (errors are values here) and without its writers.
#define TOML_EXCEPTIONS 0
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include <algorithm>
#include <functional>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/io/file.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

namespace {

constexpr std::string_view kAuditColumns[] = {
    AuditColumns::kAuditId,   AuditColumns::kChildId,   AuditColumns::kTeam,
    AuditColumns::kAuditType, AuditColumns::kProgramme, AuditColumns::kAuditDate,
    AuditColumns::kAuditor,   AuditColumns::kGrade,     AuditColumns::kModeratedGrade,
    AuditColumns::kModerator};
// The columns of the evidence files, as their readers name them (README, Triangulation).
constexpr std::string_view kSurveyColumns[] = {"respondent_id", "team",   "respondent",
                                               "question",      "answer", "date"};
constexpr std::string_view kPerformanceColumns[] = {"indicator", "team", "period", "numerator",
                                                    "denominator"};
constexpr std::string_view kIndicatorColumns[] = {
    "indicator", "description", "polarity", "target", "benchmark", "benchmark_source", "theme"};
constexpr std::string_view kEvidenceMapColumns[] = {"theme", "source", "item", "target"};
constexpr std::string_view kLogColumns[] = {"kloe_id",   "raised",   "theme",   "unit",
                                            "evidence",  "question", "owner",   "status",
                                            "review_by", "closed",   "outcome", "updated"};

std::string join(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) absl::StrAppend(&out, out.empty() ? "" : ", ", sv(n));
  return out;
}

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    default:
      return "a date or time";
  }
}

// Reads a parsed profile, stopping at the first mistake (a profile is short: one at a time is
// enough, and the message names exactly where).
class ProfileReader {
 public:
  explicit ProfileReader(std::string source) : source_(std::move(source)) {}

  absl::Status read(const toml::table& root, ExportProfile& out) {
    out.source = source_;
    out.audits.source = source_;
    return each(root, "", [&](std::string_view key, const toml::node& v, const std::string& path) {
      if (key == "input") return input(v, path, out.input);
      if (key == "audits") return audits(v, path, out);
      if (key == "survey") return table_columns(v, path, kSurveyColumns, out.survey);
      if (key == "performance") return table_columns(v, path, kPerformanceColumns, out.performance);
      if (key == "indicators") return table_columns(v, path, kIndicatorColumns, out.indicators);
      if (key == "evidence_map")
        return table_columns(v, path, kEvidenceMapColumns, out.evidence_map);
      if (key == "improvement_log") return table_columns(v, path, kLogColumns, out.improvement_log);
      return unknown(v, path,
                     "input, audits, survey, performance, indicators, evidence_map, "
                     "improvement_log");
    });
  }

 private:
  using Visit =
      std::function<absl::Status(std::string_view, const toml::node&, const std::string&)>;

  absl::Status error(const toml::node& at, const std::string& path, std::string what) const {
    const auto line = static_cast<std::int64_t>(at.source().begin.line);
    return absl::InvalidArgumentError(absl::StrCat(source_, line > 0 ? absl::StrCat(":", line) : "",
                                                   ": key '", path, "': ", what));
  }
  absl::Status unknown(const toml::node& at, const std::string& path,
                       std::string_view known) const {
    return error(at, path, absl::StrCat("unknown key (known here: ", sv(known), ")"));
  }
  absl::Status wrong_type(const toml::node& at, const std::string& path,
                          std::string_view wanted) const {
    return error(at, path, absl::StrCat("expected ", sv(wanted), ", found ", type_name(at)));
  }

  absl::Status each(const toml::node& node, const std::string& path, const Visit& visit) {
    const toml::table* t = node.as_table();
    if (t == nullptr) return wrong_type(node, path, "a table");
    // toml++ keeps a table's keys sorted; they are visited as the file gives them.
    std::vector<std::pair<std::string, const toml::node*>> entries;
    for (auto&& [k, v] : *t) entries.emplace_back(std::string(k.str()), &v);
    auto place = [](const toml::node* n) {
      return std::pair{n->source().begin.line, n->source().begin.column};
    };
    std::stable_sort(entries.begin(), entries.end(), [&](const auto& a, const auto& b) {
      return place(a.second) < place(b.second);
    });
    for (const auto& [key, v] : entries) {
      const std::string full = path.empty() ? key : absl::StrCat(path, ".", key);
      if (auto s = visit(key, *v, full); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> string(const toml::node& v, const std::string& path) const {
    if (!v.is_string()) return wrong_type(v, path, "a string");
    return std::string(*v.value<std::string_view>());
  }
  absl::StatusOr<std::vector<std::string>> strings(const toml::node& v, const std::string& path,
                                                   bool one_allowed = true) const {
    if (one_allowed && v.is_string()) return std::vector<std::string>{*v.value<std::string>()};
    const toml::array* a = v.as_array();
    if (a == nullptr) return wrong_type(v, path, "an array of strings");
    std::vector<std::string> out;
    for (const toml::node& e : *a) {
      if (!e.is_string()) return wrong_type(e, path, "an array of strings");
      out.push_back(*e.value<std::string>());
    }
    return out;
  }

  absl::Status input(const toml::node& node, const std::string& path, InputSettings& in) {
    return each(node, path, [&](std::string_view key, const toml::node& v, const std::string& p) {
      if (key == "encoding" || key == "delimiter" || key == "sheet") {
        auto text = string(v, p);
        if (!text.ok()) return text.status();
        if (key == "sheet") {
          in.sheet = *text;
          return absl::OkStatus();
        }
        if (key == "encoding") {
          auto e = parse_encoding_name(*text);
          if (!e.ok()) return error(v, p, std::string(e.status().message()));
          in.encoding = *e;
        } else {
          auto d = parse_delimiter_name(*text);
          if (!d.ok()) return error(v, p, std::string(d.status().message()));
          in.delimiter = *d;
        }
        return absl::OkStatus();
      }
      if (key == "header_row") {
        if (v.is_integer()) {
          const std::int64_t n = *v.value<std::int64_t>();
          if (n < 1)
            return error(v, p, absl::StrCat("expected a row number >= 1 or \"auto\", found ", n));
          in.header_row = n;
          return absl::OkStatus();
        }
        if (!v.is_string()) return wrong_type(v, p, "a row number or \"auto\"");
        auto n = parse_header_row(*v.value<std::string_view>());
        if (!n.ok()) return error(v, p, std::string(n.status().message()));
        in.header_row = *n;
        return absl::OkStatus();
      }
      if (key == "footer_rows") {
        if (!v.is_integer()) return wrong_type(v, p, "a whole number");
        const std::int64_t n = *v.value<std::int64_t>();
        if (n < 0) return error(v, p, absl::StrCat("expected a whole number >= 0, found ", n));
        in.footer_rows = n;
        return absl::OkStatus();
      }
      return unknown(v, p, "encoding, delimiter, header_row, footer_rows, sheet");
    });
  }

  // `[x.columns]`: canonical = export header, each canonical among `known` (or a domain column
  // when `domains`), each export header used once.
  absl::Status columns(const toml::node& node, const std::string& path,
                       std::span<const std::string_view> known, bool domains,
                       std::vector<std::pair<std::string, std::string>>& out) {
    return each(node, path, [&](std::string_view key, const toml::node& v, const std::string& p) {
      const std::string canonical = canonical_column_name(key);
      const bool ok = std::find(known.begin(), known.end(), canonical) != known.end() ||
                      (domains && !domain_name(canonical).empty());
      if (!ok) {
        return error(v, p,
                     absl::StrCat("unknown column '", sv(key), "' (the columns: ", join(known),
                                  domains ? ", domain:<name>" : "", ")"));
      }
      auto header = string(v, p);
      if (!header.ok()) return header.status();
      if (trim(*header).empty()) return error(v, p, "the export's header is empty");
      for (const auto& [c, h] : out) {
        if (canonical_column_name(h) == canonical_column_name(*header)) {
          return error(v, p,
                       absl::StrCat("the header '", shorten_for_message(*header), "' is already ",
                                    "mapped to ", c));
        }
      }
      out.emplace_back(canonical, *header);
      return absl::OkStatus();
    });
  }

  absl::Status table_columns(const toml::node& node, const std::string& path,
                             std::span<const std::string_view> known, TableColumns& out) {
    return each(node, path, [&](std::string_view key, const toml::node& v, const std::string& p) {
      if (key == "columns") return columns(v, p, known, false, out.columns);
      return unknown(v, p, "columns");
    });
  }

  absl::Status audits(const toml::node& node, const std::string& path, ExportProfile& out) {
    ColumnMapping& m = out.audits;
    return each(node, path, [&](std::string_view key, const toml::node& v, const std::string& p) {
      if (key == "columns") return columns(v, p, kAuditColumns, true, m.columns);
      if (key == "not_applicable" || key == "identifiers") {
        auto list = strings(v, p);
        if (!list.ok()) return list.status();
        auto& to = key == "identifiers" ? out.identifiers : m.not_applicable;
        to.insert(to.end(), list->begin(), list->end());
        return absl::OkStatus();
      }
      if (key == "programmes") {
        return each(v, p, [&](std::string_view k, const toml::node& e, const std::string& q) {
          auto known = std::find_if(std::begin(kProgrammeKeys), std::end(kProgrammeKeys),
                                    [&](const auto& pk) { return pk.first == k; });
          if (known == std::end(kProgrammeKeys)) {
            return error(e, q,
                         absl::StrCat("unknown programme '", sv(k),
                                      "' (the programmes: core, practice_review_week, thematic)"));
          }
          auto spellings = strings(e, q);
          if (!spellings.ok()) return spellings.status();
          m.programmes.emplace_back(std::string(known->second), *spellings);
          return absl::OkStatus();
        });
      }
      if (key == "grades") {
        return each(v, p, [&](std::string_view k, const toml::node& e, const std::string& q) {
          auto level = string(e, q);
          if (!level.ok()) return level.status();
          m.grades.emplace_back(std::string(k), *level);
          return absl::OkStatus();
        });
      }
      if (key == "domains") {
        return each(v, p, [&](std::string_view k, const toml::node& e, const std::string& q) {
          auto label = string(e, q);
          if (!label.ok()) return label.status();
          out.domain_labels.emplace_back(std::string(k), *label);
          return absl::OkStatus();
        });
      }
      return unknown(v, p, "columns, programmes, grades, domains, not_applicable, identifiers");
    });
  }

  std::string source_;
};

}  // namespace

absl::StatusOr<std::int64_t> parse_header_row(std::string_view text) {
  const std::string t = absl::AsciiStrToLower(sv(trim(text)));
  if (t == "auto") return kAutoHeaderRow;
  std::int64_t n = 0;
  if (absl::SimpleAtoi(t, &n) && n >= 1) return n;
  return absl::InvalidArgumentError(absl::StrCat("expected a row number >= 1 or \"auto\", found '",
                                                 shorten_for_message(text), "'"));
}

absl::StatusOr<ExportProfile> parse_export_profile(std::string_view text,
                                                   const std::string& source) {
  toml::parse_result parsed = toml::parse(text, std::string_view(source));
  if (!parsed) {
    const toml::parse_error& e = parsed.error();
    return absl::InvalidArgumentError(absl::StrCat(source, ":",
                                                   static_cast<std::int64_t>(e.source().begin.line),
                                                   ": not valid TOML: ", sv(e.description())));
  }
  ExportProfile out;
  ProfileReader reader(source);
  if (auto s = reader.read(parsed.table(), out); !s.ok()) return s;
  // Spellings that would mean two programmes are an error now, not at the first file read (grade
  // aliases are checked against the scale the audits are read on).
  ColumnMapping programmes_only;
  programmes_only.source = source;
  programmes_only.programmes = out.audits.programmes;
  if (auto m = RowMapper::make(programmes_only, GradeScale::ofsted()); !m.ok()) return m.status();
  return out;
}

absl::StatusOr<ExportProfile> read_export_profile(const std::string& path) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  return parse_export_profile(*text, path);
}

absl::StatusOr<ExportProfile> with_overrides(ExportProfile profile,
                                             const ProfileOverrides& overrides) {
  if (profile.source.empty()) profile.source = "arguments";
  if (profile.audits.source.empty()) profile.audits.source = profile.source;
  auto bad = [](std::string_view argument, const absl::Status& s) {
    return absl::InvalidArgumentError(absl::StrCat(sv(argument), ": ", s.message()));
  };
  if (overrides.encoding) {
    auto e = parse_encoding_name(*overrides.encoding);
    if (!e.ok()) return bad("encoding", e.status());
    profile.input.encoding = *e;
  }
  if (overrides.delimiter) {
    auto d = parse_delimiter_name(*overrides.delimiter);
    if (!d.ok()) return bad("delimiter", d.status());
    profile.input.delimiter = *d;
  }
  if (overrides.header_row) {
    auto h = parse_header_row(*overrides.header_row);
    if (!h.ok()) return bad("header_row", h.status());
    profile.input.header_row = *h;
  }
  if (overrides.sheet) profile.input.sheet = *overrides.sheet;
  for (const auto& [column, header] : overrides.columns) {
    const std::string canonical = canonical_column_name(column);
    const bool known = std::find(std::begin(kAuditColumns), std::end(kAuditColumns), canonical) !=
                           std::end(kAuditColumns) ||
                       !domain_name(canonical).empty();
    if (!known) {
      return absl::InvalidArgumentError(
          absl::StrCat("columns: unknown column '", shorten_for_message(column),
                       "' (the columns: ", join(kAuditColumns), ", domain:<name>)"));
    }
    auto& cols = profile.audits.columns;
    std::erase_if(cols, [&](const auto& c) { return c.first == canonical; });
    cols.emplace_back(canonical, header);
  }
  if (!overrides.columns.empty() && profile.audits.source == "arguments") {
    profile.audits.source = "the columns argument";
  }
  return profile;
}

std::string rename_csv_header(std::string_view text, const TableColumns& columns,
                              const CsvOptions& csv) {
  if (columns.columns.empty()) return std::string(text);
  CsvReader reader(text, csv);
  std::vector<std::string_view> fields;
  absl::Status status;
  bool found = reader.next(fields, status);
  while (found && std::all_of(fields.begin(), fields.end(),
                              [](std::string_view f) { return trim(f).empty(); }))
    found = reader.next(fields, status);
  if (!found) return std::string(text);  // the reader reports the empty or broken file
  // Byte offsets of the header record's first line and of the line after it.
  auto line_start = [&](std::int64_t line) {
    std::size_t pos = 0;
    for (std::int64_t l = 1; l < line && pos != std::string_view::npos; ++l) {
      pos = text.find('\n', pos);
      if (pos != std::string_view::npos) ++pos;
    }
    return pos == std::string_view::npos ? text.size() : pos;
  };
  const std::size_t from = line_start(reader.record_line());
  const std::size_t to = line_start(reader.line());
  ColumnMapping mapping;
  mapping.columns = columns.columns;
  auto mapper = RowMapper::make(mapping, GradeScale::ofsted());
  const std::vector<std::string> names = mapper->rename(fields);
  std::string out(text.substr(0, from));
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out.push_back(csv.delimiter == '\0' ? ',' : csv.delimiter);
    append_csv_field(out, names[i], csv.delimiter == '\0' ? ',' : csv.delimiter);
  }
  out.push_back('\n');
  out.append(text.substr(to));
  return out;
}

absl::StatusOr<std::string> read_csv_renamed(const std::string& path, const TableColumns& columns,
                                             const CsvOptions& csv) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  return rename_csv_header(*text, columns, csv);
}

void apply_profile(const ExportProfile& profile, ReadOptions& options) {
  const InputSettings& in = profile.input;
  if (in.encoding) options.csv.encoding = *in.encoding;
  if (in.delimiter) options.csv.delimiter = *in.delimiter;
  if (in.header_row) options.header_row = *in.header_row;
  if (in.footer_rows) options.footer_rows = *in.footer_rows;
  if (!in.sheet.empty()) options.sheet = in.sheet;
  options.mapping = profile.audits;
  if (!profile.domain_labels.empty()) options.domain_labels = profile.domain_labels;
  for (const std::string& id : profile.identifiers) {
    if (std::find(options.identifier_columns.begin(), options.identifier_columns.end(), id) ==
        options.identifier_columns.end())
      options.identifier_columns.push_back(id);
  }
}

}  // namespace qaframe
