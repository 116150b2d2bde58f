#include "qaframe/audit_set.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "audit_reading.hpp"
#include "memory_helpers.hpp"
#include "qaframe/text.hpp"

namespace qaframe {

std::string_view column_kind_name(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kId:
      return "id";
    case ColumnKind::kCategorical:
      return "categorical";
    case ColumnKind::kDate:
      return "date";
    case ColumnKind::kGrade:
      return "grade";
  }
  return "unknown";
}

std::string canonical_column_name(std::string_view header) {
  std::string name(trim(header));
  for (char& c : name) {
    c = absl::ascii_tolower(static_cast<unsigned char>(c));
    if (c == ' ' || c == '-') c = '_';
  }
  // "Domain: Voice of child": the domain's name is canonical on its own, after the prefix.
  if (name.starts_with(AuditColumns::kDomainPrefix)) {
    const std::size_t p = AuditColumns::kDomainPrefix.size();
    std::string rest(trim(std::string_view(header).substr(p)));
    for (char& c : rest) {
      c = absl::ascii_tolower(static_cast<unsigned char>(c));
      if (c == ' ' || c == '-') c = '_';
    }
    name = absl::StrCat(sv(AuditColumns::kDomainPrefix), rest);
  }
  return name;
}

std::string_view domain_name(std::string_view column) {
  if (!column.starts_with(AuditColumns::kDomainPrefix)) return {};
  return column.substr(AuditColumns::kDomainPrefix.size());
}

namespace {

// The kind of a known column (by canonical name); nullopt for a column the library does not know.
std::optional<ColumnKind> known_kind(std::string_view canonical) {
  if (canonical == AuditColumns::kAuditId) return ColumnKind::kId;
  if (canonical == AuditColumns::kAuditDate) return ColumnKind::kDate;
  if (canonical == AuditColumns::kGrade || canonical == AuditColumns::kModeratedGrade ||
      canonical.starts_with(AuditColumns::kDomainPrefix)) {
    return ColumnKind::kGrade;
  }
  if (canonical == AuditColumns::kChildId || canonical == AuditColumns::kTeam ||
      canonical == AuditColumns::kAuditType || canonical == AuditColumns::kProgramme ||
      canonical == AuditColumns::kAuditor || canonical == AuditColumns::kModerator) {
    return ColumnKind::kCategorical;
  }
  return std::nullopt;
}

// The name a column of this header text gets in an AuditSet: canonical for a known column, the
// header's own (trimmed) otherwise.
std::string column_name_for(std::string_view header) {
  std::string canonical = canonical_column_name(header);
  return known_kind(canonical) ? canonical : std::string(trim(header));
}

bool is_required_nonempty(std::string_view name) {
  return name == AuditColumns::kAuditId || name == AuditColumns::kChildId ||
         name == AuditColumns::kTeam || name == AuditColumns::kAuditDate;
}

// Why `text` cannot be kept (a NUL byte or bytes that are not UTF-8), or nullopt when it can.
std::optional<std::string> encoding_problem(std::string_view text) {
  const std::size_t bad = find_invalid_utf8_or_nul(text);
  if (bad == std::string_view::npos) return std::nullopt;
  return absl::StrCat(text[bad] == '\0' ? "a NUL byte" : "text that is not valid UTF-8",
                      " at byte ", bad + 1, " of the value; save the export as UTF-8 CSV");
}

std::string available_columns(const std::vector<ColumnInfo>& columns) {
  std::vector<std::string> names;
  for (const ColumnInfo& c : columns) names.push_back(c.name);
  return absl::StrJoin(names, ", ");
}

// Sets `out[i]` to the final grade: the moderated grade where recorded, the original otherwise.
void merge_final(std::span<const Grade> original, std::span<const Grade> moderated,
                 std::vector<Grade>& out) {
  out.resize(original.size());
  for (std::size_t i = 0; i < original.size(); ++i) {
    out[i] = moderated[i] == kNotRecorded ? original[i] : moderated[i];
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// AuditSet

AuditSet::AuditSet(GradeScale scale) : scale_(std::move(scale)) {
  columns_ = {{std::string(AuditColumns::kAuditId), ColumnKind::kId, 0},
              {std::string(AuditColumns::kChildId), ColumnKind::kCategorical, 0},
              {std::string(AuditColumns::kTeam), ColumnKind::kCategorical, 1},
              {std::string(AuditColumns::kAuditDate), ColumnKind::kDate, 0},
              {std::string(AuditColumns::kGrade), ColumnKind::kGrade, 0}};
  categoricals_.resize(2);
}

std::vector<std::string> AuditSet::column_names() const {
  std::vector<std::string> names;
  names.reserve(columns_.size());
  for (const ColumnInfo& c : columns_) names.push_back(c.name);
  return names;
}

const ColumnInfo* AuditSet::find_column(std::string_view name) const {
  for (const ColumnInfo& c : columns_) {
    if (c.name == name) return &c;
  }
  // Known columns may be named in any case or spacing.
  std::string canonical = canonical_column_name(name);
  for (const ColumnInfo& c : columns_) {
    if (c.name == canonical) return &c;
  }
  return nullptr;
}

absl::StatusOr<const Categorical*> AuditSet::categorical(std::string_view name) const {
  const ColumnInfo* c = find_column(name);
  if (c == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("no column '", sv(name), "'; the columns are: ", available_columns(columns_)));
  }
  if (c->kind != ColumnKind::kCategorical) {
    return absl::InvalidArgumentError(
        absl::StrCat("column '", c->name, "' is not a categorical column"));
  }
  return &categoricals_[c->slot];
}

std::vector<std::string> AuditSet::domain_columns() const {
  std::vector<std::string> names;
  for (const ColumnInfo& c : columns_) {
    if (c.kind == ColumnKind::kGrade && !domain_name(c.name).empty()) names.push_back(c.name);
  }
  return names;
}

absl::StatusOr<GradeColumn> AuditSet::grade_column(std::string_view name) const {
  if (name == AuditColumns::kFinalGrade || name == "final") {
    return GradeColumn{std::string(AuditColumns::kFinalGrade), &scale_, final_grades()};
  }
  if (name == "original") name = AuditColumns::kGrade;
  const ColumnInfo* c = find_column(name);
  if (c == nullptr && domain_name(name).empty()) {
    c = find_column(absl::StrCat(sv(AuditColumns::kDomainPrefix), sv(name)));
  }
  if (c == nullptr || c->kind != ColumnKind::kGrade) {
    std::vector<std::string> names = {std::string(AuditColumns::kFinalGrade)};
    for (const ColumnInfo& col : columns_) {
      if (col.kind == ColumnKind::kGrade) names.push_back(col.name);
    }
    return absl::NotFoundError(absl::StrCat(
        "no grade column '", sv(name), "'; the grade columns are: ", absl::StrJoin(names, ", ")));
  }
  return GradeColumn{c->name, &slot_scale(c->slot), slot_grades(c->slot)};
}

absl::StatusOr<AuditSet> AuditSet::with_categorical(std::string name, Categorical column) const {
  if (find_column(name) != nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("the set already has a column '", name, "'"));
  }
  if (column.size() != size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("column '", name, "' has ", column.size(), " values for ", size(), " audits"));
  }
  AuditSet out = *this;
  out.columns_.push_back({std::move(name), ColumnKind::kCategorical, out.categoricals_.size()});
  out.categoricals_.push_back(std::move(column));
  return out;
}

void AuditSet::derive_final_grades() {
  final_grades_.clear();
  const ColumnInfo* moderated = find_column(AuditColumns::kModeratedGrade);
  if (moderated == nullptr) return;
  merge_final(grades_, slot_grades(moderated->slot), final_grades_);
}

absl::StatusOr<AuditSet> with_moderation_columns(const AuditSet& audits,
                                                 std::vector<Grade> moderated,
                                                 Categorical moderators) {
  if (audits.has_moderation() || audits.has_column(AuditColumns::kModerator)) {
    return absl::InvalidArgumentError(
        "the audits already have moderation columns (moderated_grade or moderator)");
  }
  if (moderated.size() != audits.size() || moderators.size() != audits.size()) {
    return absl::InvalidArgumentError(absl::StrCat("moderation columns have ", moderated.size(),
                                                   " and ", moderators.size(), " values for ",
                                                   audits.size(), " audits"));
  }
  AuditSet out = audits;
  out.columns_.push_back({std::string(AuditColumns::kModeratedGrade), ColumnKind::kGrade,
                          out.extra_grades_.size() + 1});
  out.extra_grades_.push_back({audits.scale_, std::move(moderated)});
  out.columns_.push_back(
      {std::string(AuditColumns::kModerator), ColumnKind::kCategorical, out.categoricals_.size()});
  out.categoricals_.push_back(std::move(moderators));
  out.derive_final_grades();
  return out;
}

std::size_t AuditSet::count_children() const {
  auto c = categorical(AuditColumns::kChildId);
  return c.ok() ? (*c)->count_distinct() : 0;
}

std::string AuditSet::cell(std::size_t row, const ColumnInfo& column) const {
  switch (column.kind) {
    case ColumnKind::kId:
      return std::string(audit_id(row));
    case ColumnKind::kCategorical:
      return std::string(categoricals_[column.slot].value(row));
    case ColumnKind::kDate:
      return format_date(dates_[row]);
    case ColumnKind::kGrade:
      return slot_scale(column.slot).label(slot_grades(column.slot)[row]);
  }
  return {};
}

AuditSet AuditSet::take(const std::vector<std::uint32_t>& rows) const {
  AuditSet out(scale_);
  out.columns_ = columns_;
  out.categoricals_.clear();
  for (const Categorical& c : categoricals_) out.categoricals_.push_back(c.take(rows));
  for (const ExtraGrades& g : extra_grades_) {
    ExtraGrades& taken = out.extra_grades_.emplace_back(ExtraGrades{g.scale, {}});
    taken.grades.reserve(rows.size());
    for (std::uint32_t r : rows) taken.grades.push_back(g.grades[r]);
  }
  out.id_offsets_.reserve(rows.size() + 1);
  out.dates_.reserve(rows.size());
  out.grades_.reserve(rows.size());
  for (std::uint32_t r : rows) {
    out.id_arena_.append(audit_id(r));
    out.id_offsets_.push_back(static_cast<std::uint32_t>(out.id_arena_.size()));
    out.dates_.push_back(dates_[r]);
    out.grades_.push_back(grades_[r]);
  }
  out.derive_final_grades();
  return out;
}

absl::StatusOr<AuditSet> AuditSet::filter(const AuditFilter& filter) const {
  // Each condition becomes a per-row test on codes, so the scan touches only small integers.
  std::vector<std::vector<bool>> allowed;  // per condition: allowed codes (categorical/grade)
  std::vector<const std::vector<std::uint32_t>*> codes;
  // Per grade column with a condition: allowed grades (256 flags).
  std::vector<std::pair<std::size_t, std::vector<bool>>> grade_allowed;
  absl::flat_hash_set<std::string> ids;
  bool has_id_condition = false;
  // The final grade is not stored as a column but can be filtered on like one.
  const ColumnInfo final_column{std::string(AuditColumns::kFinalGrade), ColumnKind::kGrade,
                                kFinalSlot};
  for (const auto& [name, values] : filter.equals) {
    const ColumnInfo* c = name == AuditColumns::kFinalGrade ? &final_column : find_column(name);
    if (c == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot filter on '", name,
                       "': no such column; the columns are: ", available_columns(columns_)));
    }
    switch (c->kind) {
      case ColumnKind::kCategorical: {
        const Categorical& col = categoricals_[c->slot];
        std::vector<bool> ok(col.levels().size(), false);
        for (const std::string& v : values) {
          std::int64_t code = col.find(v);
          if (code < 0) {
            std::vector<std::string> shown(
                col.levels().begin(),
                col.levels().begin() + std::min<std::size_t>(col.levels().size(), 20));
            return absl::InvalidArgumentError(
                absl::StrCat("no audit has ", c->name, " '", v, "'; values include: ",
                             absl::StrJoin(shown, ", "), col.levels().size() > 20 ? ", ..." : ""));
          }
          ok[static_cast<std::size_t>(code)] = true;
        }
        allowed.push_back(std::move(ok));
        codes.push_back(&col.codes());
        break;
      }
      case ColumnKind::kGrade: {
        // Several conditions on a grade column intersect, as conditions on other columns do.
        auto it = std::find_if(grade_allowed.begin(), grade_allowed.end(),
                               [&](const auto& a) { return a.first == c->slot; });
        if (it == grade_allowed.end()) {
          grade_allowed.emplace_back(c->slot, std::vector<bool>(256, true));
          it = std::prev(grade_allowed.end());
        }
        std::vector<bool> ok(256, false);
        for (const std::string& v : values) {
          auto g = (c->slot == kFinalSlot ? scale_ : slot_scale(c->slot)).parse(v);
          if (!g.ok()) {
            return absl::InvalidArgumentError(
                absl::StrCat("cannot filter on grade '", v, "': ", g.status().message()));
          }
          ok[*g] = true;
        }
        for (std::size_t i = 0; i < 256; ++i) it->second[i] = it->second[i] && ok[i];
        break;
      }
      case ColumnKind::kId:
        has_id_condition = true;
        for (const std::string& v : values) ids.insert(v);
        break;
      case ColumnKind::kDate:
        return absl::InvalidArgumentError(
            "filter dates with date_from and date_to, not with a list of values");
    }
  }
  std::vector<std::uint32_t> rows;
  for (std::size_t i = 0; i < size(); ++i) {
    bool keep = true;
    for (std::size_t k = 0; k < allowed.size() && keep; ++k) keep = allowed[k][(*codes[k])[i]];
    for (std::size_t k = 0; k < grade_allowed.size() && keep; ++k) {
      const std::size_t slot = grade_allowed[k].first;
      keep = grade_allowed[k].second[slot == kFinalSlot ? final_grades()[i] : slot_grades(slot)[i]];
    }
    if (keep && filter.date_from) keep = dates_[i] >= *filter.date_from;
    if (keep && filter.date_to) keep = dates_[i] <= *filter.date_to;
    if (keep && has_id_condition) keep = ids.contains(sv(audit_id(i)));
    if (keep) rows.push_back(static_cast<std::uint32_t>(i));
  }
  return take(rows);
}

std::string AuditSet::to_csv() const {
  std::string out;
  out.reserve(size() * 96 + 128);
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (c > 0) out.push_back(',');
    append_csv_field(out, columns_[c].name);
  }
  out.push_back('\n');
  for (std::size_t i = 0; i < size(); ++i) {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (c > 0) out.push_back(',');
      const ColumnInfo& col = columns_[c];
      switch (col.kind) {
        case ColumnKind::kId:
          append_csv_field(out, audit_id(i));
          break;
        case ColumnKind::kCategorical:
          append_csv_field(out, categoricals_[col.slot].value(i));
          break;
        case ColumnKind::kDate:
          out.append(format_date(dates_[i]));
          break;
        case ColumnKind::kGrade:
          append_csv_field(out, slot_scale(col.slot).label(slot_grades(col.slot)[i]));
          break;
      }
    }
    out.push_back('\n');
  }
  return out;
}

absl::Status AuditSet::write_csv(const std::string& path) const {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return absl::UnavailableError(absl::StrCat("cannot write '", path, "'"));
  const std::string text = to_csv();
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  file.close();
  if (!file) return absl::UnavailableError(absl::StrCat("error while writing '", path, "'"));
  return absl::OkStatus();
}

bool operator==(const AuditSet& a, const AuditSet& b) {
  return a.scale_ == b.scale_ && a.columns_ == b.columns_ && a.id_arena_ == b.id_arena_ &&
         a.id_offsets_ == b.id_offsets_ && a.dates_ == b.dates_ && a.grades_ == b.grades_ &&
         a.extra_grades_ == b.extra_grades_ && a.categoricals_ == b.categoricals_;
}

// ---------------------------------------------------------------------------------------------
// AuditSetBuilder

struct AuditSetBuilder::State {
  // Where each input field goes: its column's kind, or nullopt for a column with no name.
  struct Field {
    std::optional<ColumnKind> kind;
    std::size_t slot;
    std::string name;
  };

  State(GradeScale s, std::string src, Diagnostics& d, DomainScales ds)
      : scale(std::move(s)),
        source(std::move(src)),
        diag(d),
        result(scale),
        domain_scales(std::move(ds)) {}

  GradeScale scale;
  std::string source;
  Diagnostics& diag;
  AuditSet result;
  DomainScales domain_scales;
  std::vector<const GradeScale*> slot_scales;  // scale of each grade slot, set with the header
  std::vector<bool> slot_optional;             // slot whose empty cell means "not recorded"
  std::vector<Grade> row_grades;               // the current row's grade per slot
  bool header_ok = false;
  std::vector<Field> fields;
  std::size_t named_fields = 0;
  std::vector<CategoricalBuilder> categoricals;
  bool from_file = false;  // records have file lines (CSV) rather than rows (frames)
  // Where each record came from: its record number (increasing in both files and frames) and
  // its file line (0 for frames).
  struct Place {
    std::int64_t row;
    std::int64_t line;
  };
  std::vector<Place> id_places;  // of each audit kept, for duplicate messages
  // Identifiers of rows rejected for other problems, so that their duplicates are reported too.
  std::vector<std::pair<std::string, Place>> rejected_ids;

  // A duplicate identifier at `here`, first seen at `first`.
  void duplicate(std::string_view id, Place here, Place first) {
    problem(here.line, here.row, "audit_id", id,
            from_file ? absl::StrCat("duplicate audit_id; first seen on line ", first.line)
                      : absl::StrCat("duplicate audit_id; first seen on row ", first.row));
  }

  void problem(std::int64_t line, std::int64_t row, std::string column, std::string_view value,
               std::string reason) {
    diag.add({source, line, row, std::move(column), shorten_for_message(value), std::move(reason)});
  }
};

AuditSetBuilder::AuditSetBuilder(GradeScale scale, std::string source, Diagnostics& diag,
                                 DomainScales domain_scales)
    : state_(new State(std::move(scale), std::move(source), diag, std::move(domain_scales))) {}

AuditSetBuilder::~AuditSetBuilder() { delete state_; }

void AuditSetBuilder::reserve(std::size_t n) {
  State& s = *state_;
  // Large columns are filled once, front to back: huge pages spare most of the page faults.
  auto reserve = [](auto& v, std::size_t size) {
    v.reserve(size);
    detail::advise_huge_pages(v.data(), v.capacity() * sizeof(v[0]));
  };
  reserve(s.result.dates_, n);
  reserve(s.result.grades_, n);
  for (AuditSet::ExtraGrades& g : s.result.extra_grades_) reserve(g.grades, n);
  reserve(s.result.id_offsets_, n + 1);
  reserve(s.id_places, n);
  for (CategoricalBuilder& c : s.categoricals) c.reserve(n);
}

bool AuditSetBuilder::set_header(std::span<const std::string_view> names, std::int64_t line) {
  State& s = *state_;
  const std::int64_t header_row = -1;
  // Trailing unnamed columns (a spreadsheet's empty columns) are allowed if their cells are empty.
  std::size_t named = names.size();
  while (named > 0 && trim(names[named - 1]).empty()) --named;
  s.named_fields = named;
  s.from_file = line > 0;
  bool ok = named > 0;
  if (!ok) s.problem(line, header_row, "", "", "the header has no column names");
  absl::flat_hash_map<std::string, std::size_t> seen;
  std::vector<ColumnInfo> columns;
  std::size_t n_categorical = 0;
  std::size_t n_extra_grades = 0;
  std::vector<AuditSet::ExtraGrades> extra_grades;
  std::vector<std::string> domains_seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string display(trim(names[i]));
    if (auto why = encoding_problem(names[i])) {
      s.problem(line, header_row, absl::StrCat("(column ", i + 1, ")"), names[i], *why);
      ok = false;
      s.fields.push_back({std::nullopt, 0, ""});
      continue;
    }
    if (i >= named) {
      s.fields.push_back({std::nullopt, 0, ""});
      continue;
    }
    if (display.empty()) {
      s.problem(line, header_row, "", "",
                absl::StrCat("column ", i + 1, " of the header has no name"));
      ok = false;
      s.fields.push_back({std::nullopt, 0, ""});
      continue;
    }
    std::string canonical = canonical_column_name(display);
    if (auto [it, inserted] = seen.try_emplace(canonical, i); !inserted) {
      s.problem(line, header_row, display, display,
                absl::StrCat("column name repeated (columns ", it->second + 1, " and ", i + 1,
                             "); each column must be named once"));
      ok = false;
      s.fields.push_back({std::nullopt, 0, ""});
      continue;
    }
    const std::optional<ColumnKind> known = known_kind(canonical);
    const ColumnKind kind = known.value_or(ColumnKind::kCategorical);
    const std::string name = known ? canonical : display;
    std::size_t slot = kind == ColumnKind::kCategorical ? n_categorical++ : 0;
    if (kind == ColumnKind::kGrade && name != AuditColumns::kGrade) {
      slot = ++n_extra_grades;
      const std::string_view domain = domain_name(name);
      if (name == AuditColumns::kModeratedGrade) {
        extra_grades.push_back({s.scale, {}});
      } else if (domain.empty()) {
        s.problem(line, header_row, display, display,
                  "a domain column needs a name after 'domain:' (as in domain:supervision)");
        ok = false;
        extra_grades.push_back({s.scale, {}});
      } else {
        domains_seen.emplace_back(domain);
        auto declared = std::find_if(s.domain_scales.begin(), s.domain_scales.end(),
                                     [&](const auto& d) { return d.first == domain; });
        extra_grades.push_back(
            {declared != s.domain_scales.end() ? declared->second : GradeScale::ofsted(), {}});
      }
    }
    s.fields.push_back({kind, slot, name});
    columns.push_back({name, kind, slot});
  }
  std::vector<std::string> missing;
  for (std::string_view required : AuditColumns::kRequired) {
    if (!seen.contains(std::string(required))) missing.emplace_back(required);
  }
  if (!missing.empty() && named > 0) {
    std::vector<std::string> present;
    // Names as they would be shown as values (escaped, shortened), and not too many of them.
    for (std::size_t i = 0; i < std::min<std::size_t>(named, 30); ++i)
      present.push_back(shorten_for_message(trim(names[i]), 40));
    if (named > 30) present.push_back(absl::StrCat("... (", named, " columns)"));
    s.problem(line, header_row, "", "",
              absl::StrCat("missing required column", missing.size() > 1 ? "s " : " ",
                           absl::StrJoin(missing, ", "),
                           " (the header has: ", absl::StrJoin(present, ", "), ")"));
    ok = false;
  }
  for (const auto& [domain, scale] : s.domain_scales) {
    if (std::find(domains_seen.begin(), domains_seen.end(), domain) == domains_seen.end()) {
      s.problem(
          line, header_row, "", domain,
          absl::StrCat("a scale is declared for domain '", domain, "' but there is no column ",
                       sv(AuditColumns::kDomainPrefix), domain, "; the domains are: ",
                       domains_seen.empty() ? "none" : absl::StrJoin(domains_seen, ", ")));
      ok = false;
    }
  }
  s.header_ok = ok;
  if (ok) {
    s.result.columns_ = std::move(columns);
    s.result.categoricals_.clear();
    s.result.extra_grades_ = std::move(extra_grades);
    s.categoricals.resize(n_categorical);
    s.slot_scales.assign(1, &s.scale);
    s.slot_optional.assign(1, false);
    for (const ColumnInfo& c : s.result.columns_) {
      if (c.kind != ColumnKind::kGrade || c.slot == 0) continue;
      s.slot_scales.resize(std::max(s.slot_scales.size(), c.slot + 1));
      s.slot_optional.resize(s.slot_scales.size());
      s.slot_scales[c.slot] = &s.result.extra_grades_[c.slot - 1].scale;
      s.slot_optional[c.slot] = c.name == AuditColumns::kModeratedGrade;
    }
    s.row_grades.assign(s.slot_scales.size(), kNotApplicable);
  }
  return ok;
}

void AuditSetBuilder::add_row(std::span<const std::string_view> fields, std::int64_t line,
                              std::int64_t row) {
  State& s = *state_;
  if (!s.header_ok) return;
  // A record of empty fields is a blank line: nothing to keep.
  bool blank = true;
  for (std::string_view f : fields) {
    if (!trim(f).empty()) {
      blank = false;
      break;
    }
  }
  if (blank) return;
  // Empty fields past the header's last column are a spreadsheet's padding: nothing is lost.
  while (fields.size() > s.fields.size() && trim(fields.back()).empty()) {
    fields = fields.first(fields.size() - 1);
  }
  if (fields.size() < s.named_fields || fields.size() > s.fields.size()) {
    s.problem(
        line, row,
        fields.size() < s.named_fields ? s.fields[fields.size()].name
                                       : absl::StrCat("(column ", s.fields.size() + 1, ")"),
        "",
        absl::StrCat("expected ", s.named_fields, " fields as in the header, found ", fields.size(),
                     fields.size() > s.fields.size() ? " (an unquoted comma in a value?)" : ""));
    return;
  }
  // Validate every field first, so that a bad row adds nothing to the columns.
  const std::size_t before = s.diag.total();
  std::string_view id;
  DayNumber date = 0;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const State::Field& f = s.fields[i];
    std::string_view value = trim(fields[i]);
    if (auto why = encoding_problem(value)) {
      s.problem(line, row, f.name.empty() ? absl::StrCat("(column ", i + 1, ")") : f.name, value,
                *why);
      continue;
    }
    if (!f.kind) {
      if (!value.empty()) {
        s.problem(line, row, absl::StrCat("(column ", i + 1, ")"), value,
                  "a value in a column that has no name in the header");
      }
      continue;
    }
    switch (*f.kind) {
      case ColumnKind::kId:
        id = value;
        if (value.empty())
          s.problem(line, row, f.name, value, "audit_id is empty; every audit needs one");
        break;
      case ColumnKind::kCategorical:
        if (value.empty() && is_required_nonempty(f.name)) {
          s.problem(line, row, f.name, value, absl::StrCat(f.name, " is empty; it is required"));
        }
        break;
      case ColumnKind::kDate: {
        auto d = parse_date(value);
        if (d.ok()) {
          date = *d;
        } else {
          s.problem(line, row, f.name, value, std::string(d.status().message()));
        }
        break;
      }
      case ColumnKind::kGrade: {
        if (value.empty() && s.slot_optional[f.slot]) {
          s.row_grades[f.slot] = kNotRecorded;
          break;
        }
        auto g = s.slot_scales[f.slot]->parse(value);
        if (g.ok()) {
          s.row_grades[f.slot] = *g;
        } else {
          s.problem(line, row, f.name, value, std::string(g.status().message()));
        }
        break;
      }
    }
  }
  if (s.diag.total() != before) {
    if (!id.empty()) s.rejected_ids.emplace_back(std::string(id), State::Place{row, line});
    return;
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const State::Field& f = s.fields[i];
    if (f.kind == ColumnKind::kCategorical) {
      s.categoricals[f.slot].append(trim(fields[i]));
    }
  }
  s.result.id_arena_.append(id);
  if (s.result.id_arena_.size() > UINT32_MAX) {
    s.problem(line, row, "audit_id", id, "too many identifiers for one set (over 4 GiB of text)");
    return;
  }
  s.result.id_offsets_.push_back(static_cast<std::uint32_t>(s.result.id_arena_.size()));
  s.result.dates_.push_back(date);
  s.result.grades_.push_back(s.row_grades[0]);
  for (std::size_t k = 1; k < s.row_grades.size(); ++k) {
    s.result.extra_grades_[k - 1].grades.push_back(s.row_grades[k]);
  }
  s.id_places.push_back({row, line});
}

absl::StatusOr<AuditSet> AuditSetBuilder::finish() {
  State& s = *state_;
  // The usual case first: no rejected rows, and a set of row numbers hashed by their identifiers
  // (4 bytes a row, against 32 for the map below) finds that no identifier repeats.
  bool repeats = !s.rejected_ids.empty();
  // Exports are often in identifier order: strictly increasing identifiers cannot repeat, and
  // one sequential pass shows it.
  bool increasing = true;
  for (std::size_t i = 1; i < s.result.size() && increasing; ++i) {
    increasing = s.result.audit_id(i - 1) < s.result.audit_id(i);
  }
  if (s.header_ok && !repeats && !increasing) {
    const AuditSet& r = s.result;
    struct Hash {
      using is_transparent = void;
      const AuditSet* set;
      std::size_t operator()(std::uint32_t i) const { return (*this)(set->audit_id(i)); }
      std::size_t operator()(std::string_view id) const {
        return absl::Hash<absl::string_view>{}(sv(id));
      }
    };
    struct Eq {
      using is_transparent = void;
      const AuditSet* set;
      bool operator()(std::uint32_t a, std::uint32_t b) const {
        return set->audit_id(a) == set->audit_id(b);
      }
    };
    absl::flat_hash_set<std::uint32_t, Hash, Eq> ids(r.size(), Hash{&r}, Eq{&r});
    for (std::size_t i = 0; i < r.size() && !repeats; ++i) {
      repeats = !ids.insert(static_cast<std::uint32_t>(i)).second;
    }
  }
  if (s.header_ok && repeats) {
    // Duplicate identifiers, found once every row is in (views into the final arena are stable).
    // Rows rejected for other problems take part, so that every repeat is reported once, against
    // the earliest occurrence of its identifier.
    absl::flat_hash_map<std::string_view, State::Place> earliest;  // id -> first occurrence
    earliest.reserve(s.result.size() + s.rejected_ids.size());
    auto note = [&](std::string_view id, State::Place place) {
      auto [it, inserted] = earliest.try_emplace(id, place);
      if (!inserted && place.row < it->second.row) it->second = place;
    };
    for (const auto& [id, place] : s.rejected_ids) note(id, place);
    for (std::size_t i = 0; i < s.result.size(); ++i) note(s.result.audit_id(i), s.id_places[i]);
    for (std::size_t i = 0; i < s.result.size(); ++i) {
      const State::Place first = earliest.find(s.result.audit_id(i))->second;
      if (first.row < s.id_places[i].row) s.duplicate(s.result.audit_id(i), s.id_places[i], first);
    }
    for (const auto& [id, place] : s.rejected_ids) {
      const State::Place first = earliest.find(id)->second;
      if (first.row < place.row) s.duplicate(id, place, first);
    }
  }
  if (!s.diag.ok()) return s.diag.to_status();
  if (!s.header_ok) {
    return absl::InvalidArgumentError(absl::StrCat(s.source, ": no header"));
  }
  for (CategoricalBuilder& c : s.categoricals) s.result.categoricals_.push_back(c.finish());
  s.result.derive_final_grades();
  s.result.id_arena_.shrink_to_fit();  // grown by doubling: up to half of it may be spare
  AuditSet out = std::move(s.result);
  s.result = AuditSet(s.scale);
  s.header_ok = false;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Readers

absl::StatusOr<std::string> read_file(const std::string& path) {
  // A directory opens as a stream that reads nothing: it would pass for an empty file.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return absl::UnavailableError(absl::StrCat("cannot read '", path, "': it is a directory"));
  }
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot open '", path, "'"));
  // A file of known size is read in one piece into one buffer (a growing stream buffer copied
  // the text several times); anything else (a pipe) is read as a stream.
  const std::streamoff size = file.tellg();
  if (size > 0) {
    std::string text;
    text.reserve(static_cast<std::size_t>(size));
    detail::advise_huge_pages(text.data(), static_cast<std::size_t>(size));
    text.resize(static_cast<std::size_t>(size));
    file.seekg(0);
    file.read(text.data(), size);
    if (file.gcount() == size && !file.bad()) return text;
    file.clear();
  }
  file.seekg(0);
  std::ostringstream buffer;
  buffer << file.rdbuf();
  if (file.bad()) return absl::UnavailableError(absl::StrCat("error while reading '", path, "'"));
  return std::move(buffer).str();
}

absl::StatusOr<AuditSet> parse_audits_csv(std::string_view text, const std::string& source,
                                          const ReadOptions& options, Diagnostics* diag) {
  Diagnostics local;
  Diagnostics& d = diag != nullptr ? *diag : local;
  // Encoding is checked field by field by the builder, so that each bad value is named with its
  // column; the reader frames records by ASCII bytes alone, whatever the encoding.
  CsvReader reader(text, options.csv);
  std::vector<std::string_view> fields;
  absl::Status status;
  AuditSetBuilder builder(options.scale, source, d, options.domain_scales);
  if (!detail::next_header(reader, fields, status)) {
    d.add(detail::header_problem(&reader, status, source));
    return d.to_status();
  }
  if (!builder.set_header(fields, reader.record_line())) return builder.finish();
  const std::vector<std::string> header(fields.begin(), fields.end());
  builder.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
  std::int64_t row = 0;
  while (reader.next(fields, status)) {
    builder.add_row(fields, reader.record_line(), row++);
  }
  if (!status.ok()) d.add(detail::framing_problem(reader, status, source, row, header));
  return builder.finish();
}

namespace detail {

bool next_header(CsvReader& reader, std::vector<std::string_view>& fields, absl::Status& status) {
  // Blank lines before the header are skipped, as blank lines are everywhere else.
  auto blank = [&] {
    return std::all_of(fields.begin(), fields.end(),
                       [](std::string_view f) { return trim(f).empty(); });
  };
  bool have_header = reader.next(fields, status);
  while (have_header && blank()) have_header = reader.next(fields, status);
  return have_header;
}

DataProblem header_problem(const CsvReader* reader, const absl::Status& status,
                           const std::string& source) {
  if (status.ok() || reader == nullptr) {
    return {source,
            1,
            -1,
            "",
            "",
            "the file is empty (or only blank lines): expected a header line naming the columns"};
  }
  return {source, reader->error_line(),
          -1,     absl::StrCat("(column ", reader->error_field(), ")"),
          "",     std::string(status.message())};
}

DataProblem framing_problem(const CsvReader& reader, const absl::Status& status,
                            const std::string& source, std::int64_t row,
                            const std::vector<std::string>& header) {
  const auto at = static_cast<std::size_t>(reader.error_field());
  return {source,
          reader.error_line(),
          row,
          at >= 1 && at <= header.size() && !trim(header[at - 1]).empty()
              ? column_name_for(header[at - 1])
              : absl::StrCat("(column ", at, ")"),
          "",
          std::string(status.message())};
}

}  // namespace detail

absl::StatusOr<AuditSet> read_audits_csv(const std::string& path, const ReadOptions& options,
                                         Diagnostics* diag) {
  absl::StatusOr<AuditSet> audits;
  {
    // A regular file is parsed where the system caches it, not from a copy.
    detail::MappedFile mapped(path);
    if (mapped.ok()) {
      audits = parse_audits_csv(mapped.text(), path, options, diag);
    } else {
      auto text = read_file(path);
      if (!text.ok()) return text.status();
      audits = parse_audits_csv(*text, path, options, diag);
    }
  }
  detail::release_free_memory();  // the builder's scratch is gone
  return audits;
}

absl::StatusOr<AuditSet> audits_from_columns(const std::vector<std::string>& names,
                                             const std::vector<std::vector<std::string>>& columns,
                                             const GradeScale& scale, const std::string& source,
                                             Diagnostics* diag, const DomainScales& domain_scales) {
  Diagnostics local;
  Diagnostics& d = diag != nullptr ? *diag : local;
  if (names.size() != columns.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat(names.size(), " column names but ", columns.size(), " columns"));
  }
  const std::size_t n = columns.empty() ? 0 : columns[0].size();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].size() != n) {
      return absl::InvalidArgumentError(
          absl::StrCat("column '", names[c], "' has ", columns[c].size(), " values, expected ", n));
    }
  }
  AuditSetBuilder builder(scale, source, d, domain_scales);
  std::vector<std::string_view> fields(names.begin(), names.end());
  if (!builder.set_header(fields, 0)) return builder.finish();
  builder.reserve(n);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t c = 0; c < columns.size(); ++c) fields[c] = columns[c][r];
    builder.add_row(fields, 0, static_cast<std::int64_t>(r));
  }
  return builder.finish();
}

}  // namespace qaframe
