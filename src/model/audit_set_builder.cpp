#include "qaframe/model/audit_set_builder.hpp"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "model/machine.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {
namespace {

bool is_required_nonempty(std::string_view name) {
  return name == AuditColumns::kAuditId || name == AuditColumns::kChildId ||
         name == AuditColumns::kTeam || name == AuditColumns::kAuditDate;
}

// Why `text` cannot be kept (a NUL byte or bytes that are not UTF-8), or nullopt when it can.
std::optional<std::string> encoding_problem(std::string_view text) {
  const std::size_t bad = find_invalid_utf8_or_nul(text);
  if (bad == std::string_view::npos) return std::nullopt;
  return absl::StrCat(text[bad] == '\0' ? "a NUL byte" : "text that is not valid UTF-8",
                      " at byte ", bad + 1, " of the value; ", utf8_advice(text, bad, "export"));
}

}  // namespace

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
  DateOptions dates;
  std::vector<std::string> not_applicable;  // extra N/A spellings, for undeclared domains too
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
  // Where each audit kept came from, for duplicate messages. Held only once the records kept
  // stop being consecutive (a blank or bad record, a record of several lines): until then audit
  // k is record first.row + k on line first.line + k (0 for frames), and no place is stored.
  std::vector<Place> id_places;
  bool places_consecutive = true;
  Place first_place{0, 0};

  // The place of audit k if the audits kept so far are consecutive records.
  Place consecutive_place(std::size_t k) const {
    const auto step = static_cast<std::int64_t>(k);
    return {first_place.row + step, first_place.line == 0 ? 0 : first_place.line + step};
  }
  // Notes the place of audit k, the one being kept.
  void note_place(std::size_t k, Place place) {
    if (places_consecutive) {
      if (k == 0) first_place = place;
      const Place expected = consecutive_place(k);
      if (place.row == expected.row && place.line == expected.line) return;
      places_consecutive = false;
      id_places.reserve(result.dates_.capacity());
      for (std::size_t j = 0; j < k; ++j) id_places.push_back(consecutive_place(j));
    }
    id_places.push_back(place);
  }
  // Where audit i came from.
  Place place_of(std::size_t i) const {
    return places_consecutive ? consecutive_place(i) : id_places[i];
  }
  // Identifiers of rows rejected for other problems, so that their duplicates are reported too.
  std::vector<std::pair<std::string, Place>> rejected_ids;

  // Keeps a row whose fields are sound and whose categorical codes are appended: its id, date
  // and the row's grades. False (with the problem recorded) when the arena cannot hold the id.
  bool keep(std::string_view id, DayNumber date, Place place) {
    if (result.ids_.text_bytes() + id.size() > UINT32_MAX) {
      problem(place.line, place.row, "audit_id", id,
              "too many identifiers for one set (over 4 GiB of text)");
      return false;
    }
    result.ids_.push_back(id);
    result.dates_.push_back(date);
    result.grades_.push_back(row_grades[0]);
    for (std::size_t k = 1; k < row_grades.size(); ++k) {
      result.extra_grades_[k - 1].grades.push_back(row_grades[k]);
    }
    note_place(result.dates_.size() - 1, place);
    return true;
  }

  // A duplicate identifier at `here`, first seen at `first`.
  void duplicate(std::string_view id, Place here, Place first) {
    problem(here.line, here.row, "audit_id", id,
            from_file ? absl::StrCat("duplicate audit_id; first seen on line ", first.line)
                      : absl::StrCat("duplicate audit_id; first seen on row ", first.row));
  }

  void problem(std::int64_t line, std::int64_t row, std::string column, std::string_view value,
               std::string reason) {
    DataProblem p{source,           line, row, std::move(column), shorten_for_message(value),
                  std::move(reason)};
    for (const auto& [name, header] : exported) {
      if (name == p.column) p.exported_column = header;
    }
    diag.add(std::move(p));
  }
  // Columns renamed by an export profile: (name here, header in the export).
  std::vector<std::pair<std::string, std::string>> exported;
};

AuditSetBuilder::AuditSetBuilder(GradeScale scale, std::string source, Diagnostics& diag,
                                 DomainScales domain_scales)
    : state_(new State(std::move(scale), std::move(source), diag, std::move(domain_scales))) {}

AuditSetBuilder::~AuditSetBuilder() { delete state_; }

void AuditSetBuilder::set_exported_columns(
    std::vector<std::pair<std::string, std::string>> exported) {
  state_->exported = std::move(exported);
}

void AuditSetBuilder::reserve(std::size_t n, std::size_t id_bytes) {
  State& s = *state_;
  // Large columns are filled once, front to back: huge pages spare most of the page faults.
  auto reserve = [](auto& v, std::size_t size) {
    v.reserve(size);
    detail::advise_huge_pages(v.data(), v.capacity() * sizeof(v[0]));
  };
  reserve(s.result.dates_, n);
  reserve(s.result.grades_, n);
  for (AuditSet::ExtraGrades& g : s.result.extra_grades_) reserve(g.grades, n);
  s.result.ids_.reserve(n, id_bytes);
  for (CategoricalBuilder& c : s.categoricals) c.reserve(n);
}

void AuditSetBuilder::set_date_options(const DateOptions& options) { state_->dates = options; }

void AuditSetBuilder::set_not_applicable(const std::vector<std::string>& spellings) {
  State& s = *state_;
  if (spellings.empty()) return;
  s.not_applicable = spellings;
  s.scale = s.scale.with_not_applicable(spellings);
  s.result = AuditSet(s.scale);
  for (auto& [domain, scale] : s.domain_scales) scale = scale.with_not_applicable(spellings);
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
  // A first line naming none of the required columns is most likely a row of data (the header
  // row missing): its fields, a child's identifier among them, are not quoted back.
  // (A header that is not UTF-8 gets its encoding problem instead: a UTF-16 export, say.)
  const auto first = names.begin();
  const auto last = names.begin() + static_cast<std::ptrdiff_t>(named);
  const bool names_a_required_column = std::any_of(first, last, [](std::string_view n) {
    const std::string c = canonical_column_name(trim(n));
    return std::find(std::begin(AuditColumns::kRequired), std::end(AuditColumns::kRequired), c) !=
           std::end(AuditColumns::kRequired);
  });
  const bool encoded =
      std::none_of(first, last, [](std::string_view n) { return encoding_problem(n).has_value(); });
  if (ok && !names_a_required_column && encoded) {
    std::vector<std::string> required(std::begin(AuditColumns::kRequired),
                                      std::end(AuditColumns::kRequired));
    s.problem(line, header_row, "", "",
              absl::StrCat("missing required columns ", absl::StrJoin(required, ", "),
                           ": the first line names none of them, so the header row may be "
                           "missing (the line is not quoted: it may be data with identifiers)"));
    s.header_ok = false;
    return false;
  }
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
    const std::optional<ColumnKind> known = known_column_kind(canonical);
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
        extra_grades.push_back({declared != s.domain_scales.end()
                                    ? declared->second
                                    : GradeScale::ofsted().with_not_applicable(s.not_applicable),
                                {}});
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

std::string_view AuditSetBuilder::add_row(std::span<const std::string_view> fields,
                                          std::int64_t line, std::int64_t row, bool utf8_checked) {
  State& s = *state_;
  if (!s.header_ok) return {};
  // A record of empty fields is a blank line: nothing to keep.
  bool blank = true;
  for (std::string_view f : fields) {
    if (!trim(f).empty()) {
      blank = false;
      break;
    }
  }
  if (blank) return {};
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
    return {};
  }
  // The index entries of wide columns (child_id) are fetched while the row is checked.
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const State::Field& f = s.fields[i];
    if (f.kind == ColumnKind::kCategorical) s.categoricals[f.slot].prefetch(trim(fields[i]));
  }
  // Validate every field first, so that a bad row adds nothing to the columns.
  bool sound = true;
  std::string_view id;
  DayNumber date = 0;
  FieldValue v;
  FieldProblem why;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string_view value = trim(fields[i]);
    if (!(utf8_checked ? check_utf8_value(i, value, v, why) : check_value(i, value, v, why))) {
      sound = false;
      s.problem(line, row, std::move(why.column), value, std::move(why.reason));
      if (!why.note.empty()) s.diag.add_note(std::move(why.note));
      why = {};
      continue;
    }
    const State::Field& f = s.fields[i];
    if (!f.kind) continue;
    switch (*f.kind) {
      case ColumnKind::kId:
        id = value;
        break;
      case ColumnKind::kCategorical:
        break;
      case ColumnKind::kDate:
        date = v.date;
        break;
      case ColumnKind::kGrade:
        s.row_grades[f.slot] = v.grade;
        break;
    }
  }
  if (!sound) {
    if (!id.empty()) s.rejected_ids.emplace_back(std::string(id), State::Place{row, line});
    return id;
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const State::Field& f = s.fields[i];
    if (f.kind == ColumnKind::kCategorical) {
      s.categoricals[f.slot].append(trim(fields[i]));
    }
  }
  return s.keep(id, date, State::Place{row, line}) ? id : std::string_view{};
}

bool AuditSetBuilder::check_value(std::size_t i, std::string_view value, FieldValue& out,
                                  FieldProblem& why) const {
  const State& s = *state_;
  const State::Field& f = s.fields[i];
  if (auto problem = encoding_problem(value)) {
    why.column = f.name.empty() ? absl::StrCat("(column ", i + 1, ")") : f.name;
    why.reason = *std::move(problem);
    return false;
  }
  return check_utf8_value(i, value, out, why);
}

bool AuditSetBuilder::check_utf8_value(std::size_t i, std::string_view value, FieldValue& out,
                                       FieldProblem& why) const {
  const State& s = *state_;
  const State::Field& f = s.fields[i];
  if (!f.kind) {
    if (value.empty()) return true;
    why.column = absl::StrCat("(column ", i + 1, ")");
    why.reason = "a value in a column that has no name in the header";
    return false;
  }
  switch (*f.kind) {
    case ColumnKind::kId:
      if (!value.empty()) return true;
      why.column = f.name;
      why.reason = "audit_id is empty; every audit needs one";
      return false;
    case ColumnKind::kCategorical:
      if (!value.empty() || !is_required_nonempty(f.name)) return true;
      why.column = f.name;
      why.reason = absl::StrCat(f.name, " is empty; it is required");
      return false;
    case ColumnKind::kDate: {
      auto d = parse_date(value, s.dates);
      if (d.ok()) {
        out.date = *d;
        return true;
      }
      why.column = f.name;
      why.reason = std::string(d.status().message());
      return false;
    }
    case ColumnKind::kGrade: {
      if (value.empty() && s.slot_optional[f.slot]) {
        out.grade = kNotRecorded;
        return true;
      }
      auto g = s.slot_scales[f.slot]->parse(value);
      if (g.ok()) {
        out.grade = *g;
        return true;
      }
      why.column = f.name;
      why.reason = s.slot_scales[f.slot]->unknown_grade_reason(value);
      why.note = s.slot_scales[f.slot]->accepted_note();
      return false;
    }
  }
  return true;
}

std::size_t AuditSetBuilder::field_count() const {
  return state_->header_ok ? state_->fields.size() : 0;
}

std::optional<ColumnKind> AuditSetBuilder::field_kind(std::size_t i) const {
  return state_->fields[i].kind;
}

std::size_t AuditSetBuilder::field_slot(std::size_t i) const { return state_->fields[i].slot; }

std::size_t AuditSetBuilder::grade_slots() const { return state_->row_grades.size(); }

std::size_t AuditSetBuilder::categorical_slots() const { return state_->categoricals.size(); }

void AuditSetBuilder::report(std::int64_t row, std::string_view value, const FieldProblem& why) {
  state_->problem(0, row, why.column, value, why.reason);
  if (!why.note.empty()) state_->diag.add_note(why.note);
}

std::uint32_t AuditSetBuilder::categorical_code(std::size_t slot, std::string_view value) {
  return state_->categoricals[slot].code(value);
}

void AuditSetBuilder::prefetch_categorical_code(std::size_t slot, std::string_view value) const {
  state_->categoricals[slot].prefetch(value);
}

void AuditSetBuilder::reserve_levels(std::size_t slot, std::size_t levels, std::size_t bytes) {
  state_->categoricals[slot].reserve_levels(levels, bytes);
}

bool AuditSetBuilder::add_checked_row(std::string_view id, DayNumber date,
                                      std::span<const Grade> grades,
                                      std::span<const std::uint32_t> codes, std::int64_t row) {
  State& s = *state_;
  for (std::size_t k = 0; k < codes.size(); ++k) s.categoricals[k].append_code(codes[k]);
  std::copy(grades.begin(), grades.end(), s.row_grades.begin());
  return s.keep(id, date, State::Place{row, 0});
}

void AuditSetBuilder::add_rejected_id(std::string_view id, std::int64_t row) {
  state_->rejected_ids.emplace_back(std::string(id), State::Place{row, 0});
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
    increasing = s.result.audit_id_unchecked(i - 1) < s.result.audit_id_unchecked(i);
  }
  if (s.header_ok && !repeats && !increasing) {
    const AuditSet& r = s.result;
    struct Hash {
      using is_transparent = void;
      const AuditSet* set;
      std::size_t operator()(std::uint32_t i) const { return (*this)(set->audit_id_unchecked(i)); }
      std::size_t operator()(std::string_view id) const {
        return absl::Hash<absl::string_view>{}(sv(id));
      }
    };
    struct Eq {
      using is_transparent = void;
      const AuditSet* set;
      bool operator()(std::uint32_t a, std::uint32_t b) const {
        return set->audit_id_unchecked(a) == set->audit_id_unchecked(b);
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
    for (std::size_t i = 0; i < s.result.size(); ++i)
      note(s.result.audit_id_unchecked(i), s.place_of(i));
    for (std::size_t i = 0; i < s.result.size(); ++i) {
      const State::Place first = earliest.find(s.result.audit_id_unchecked(i))->second;
      if (const State::Place here = s.place_of(i); first.row < here.row)
        s.duplicate(s.result.audit_id_unchecked(i), here, first);
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
  s.result.ids_.shrink_to_fit();  // grown by doubling: up to half of it may be spare
  AuditSet out = std::move(s.result);
  s.result = AuditSet(s.scale);
  s.header_ok = false;
  s.id_places = {};
  s.places_consecutive = true;
  return out;
}

absl::StatusOr<AuditSet> audits_from_columns(const std::vector<std::string>& names,
                                             const std::vector<std::vector<std::string>>& columns,
                                             const GradeScale& scale, const std::string& source,
                                             Diagnostics* diag, const DomainScales& domain_scales) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
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
