#include "qaframe/model/audit_set.hpp"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "model/machine.hpp"
#include "qaframe/model/period.hpp"
#include "qaframe/model/text.hpp"

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

std::optional<ColumnKind> known_column_kind(std::string_view canonical) {
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

std::string audit_column_name(std::string_view header) {
  std::string canonical = canonical_column_name(header);
  return known_column_kind(canonical) ? canonical : std::string(trim(header));
}

namespace {

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

const ColumnInfo* AuditSet::find_column(std::string_view name) const& {
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

absl::StatusOr<const Categorical*> AuditSet::categorical(std::string_view name) const& {
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

absl::StatusOr<GradeColumn> AuditSet::grade_column(std::string_view name) const& {
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
  if (absl::Status s = column.check(); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("column '", name, "': ", s.message()));
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
  for (std::size_t i = 0; i < moderated.size(); ++i) {
    const Grade g = moderated[i];
    if (g >= audits.scale().size() && g != kNotApplicable && g != kNotRecorded) {
      return absl::InvalidArgumentError(absl::StrCat("moderated grade of row ", i, " is ",
                                                     static_cast<int>(g), ", not a level of the ",
                                                     audits.scale().size(), "-level scale"));
    }
  }
  if (absl::Status s = moderators.check(); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("moderator column: ", s.message()));
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

std::size_t AuditSet::memory_bytes() const {
  std::size_t bytes = ids_.memory_bytes() + dates_.capacity() * sizeof(DayNumber) +
                      grades_.capacity() + final_grades_.capacity();
  for (const ExtraGrades& g : extra_grades_) bytes += g.grades.capacity();
  absl::flat_hash_set<const Levels*> counted;
  for (const Categorical& c : categoricals_) {
    bytes += c.codes().memory_bytes();
    if (counted.insert(c.shared_levels().get()).second) bytes += c.levels().memory_bytes();
  }
  return bytes;
}

absl::StatusOr<std::string_view> AuditSet::audit_id(std::size_t i) const& {
  if (i >= size()) {
    return absl::OutOfRangeError(
        absl::StrCat("row ", i, " is past the set's ", size(), size() == 1 ? " audit" : " audits"));
  }
  return audit_id_unchecked(i);
}

absl::StatusOr<std::string> AuditSet::cell(std::size_t row, const ColumnInfo& column) const {
  if (row >= size()) {
    return absl::OutOfRangeError(absl::StrCat("row ", row, " is past the set's ", size(),
                                              size() == 1 ? " audit" : " audits"));
  }
  if (std::find(columns_.begin(), columns_.end(), column) == columns_.end()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "column '", shorten_for_message(column.name), "' (", sv(column_kind_name(column.kind)),
        ", slot ", column.slot, ") is not a column of the set"));
  }
  return cell_unchecked(row, column);
}

std::string AuditSet::cell_unchecked(std::size_t row, const ColumnInfo& column) const {
  switch (column.kind) {
    case ColumnKind::kId:
      return std::string(audit_id_unchecked(row));
    case ColumnKind::kCategorical:
      return std::string(categoricals_[column.slot].value(row));
    case ColumnKind::kDate:
      return format_date(dates_[row]);
    case ColumnKind::kGrade:
      return slot_scale(column.slot).label(slot_grades(column.slot)[row]);
  }
  return {};
}

absl::StatusOr<AuditSet> AuditSet::take(const std::vector<std::uint32_t>& rows) const {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i] >= size()) {
      return absl::OutOfRangeError(absl::StrCat("position ", i, " of rows is ", rows[i],
                                                ", past the set's ", size(),
                                                size() == 1 ? " audit" : " audits"));
    }
  }
  return take_unchecked(rows);
}

AuditSet AuditSet::take_unchecked(const std::vector<std::uint32_t>& rows) const {
  AuditSet out(scale_);
  out.columns_ = columns_;
  out.identifiers_ = identifiers_;
  out.domain_labels_ = domain_labels_;
  out.categoricals_.clear();
  for (const Categorical& c : categoricals_) out.categoricals_.push_back(c.take(rows));
  for (const ExtraGrades& g : extra_grades_) {
    ExtraGrades& taken = out.extra_grades_.emplace_back(ExtraGrades{g.scale, {}});
    taken.grades.reserve(rows.size());
    for (std::uint32_t r : rows) taken.grades.push_back(g.grades[r]);
  }
  out.ids_.reserve(rows.size(), 0);
  out.dates_.reserve(rows.size());
  out.grades_.reserve(rows.size());
  for (std::uint32_t r : rows) {
    out.ids_.push_back(ids_[r]);
    out.dates_.push_back(dates_[r]);
    out.grades_.push_back(grades_[r]);
  }
  out.ids_.shrink_to_fit();
  out.derive_final_grades();
  return out;
}

namespace {

// The periods that `values` name for a filter on `key`: a period kind ("financial_year",
// "quarter", "month"), each value a period of that kind, or "period", any period label.
absl::StatusOr<std::vector<Period>> periods_named(std::string_view key,
                                                  const std::vector<std::string>& values) {
  std::vector<Period> out;
  auto kind = parse_period_kind(key);
  for (const std::string& v : values) {
    auto p = parse_period(v);
    if (!p.ok())
      return absl::InvalidArgumentError(absl::StrCat(
          "cannot filter on ", sv(key), " '", shorten_for_message(v), "': ", p.status().message()));
    if (kind.ok()) {
      const Period same = period_of(*kind, p->first);
      if (same.first != p->first || same.last != p->last)
        return absl::InvalidArgumentError(
            absl::StrCat("cannot filter on ", sv(key), " '", shorten_for_message(v), "': '",
                         p->name, "' is not a ", sv(period_kind_name(*kind)), " (use period='",
                         p->name, "' for any kind of period)"));
    }
    out.push_back(*std::move(p));
  }
  return out;
}

}  // namespace

absl::StatusOr<AuditSet> AuditSet::filter(const AuditFilter& filter) const {
  // Each condition becomes a per-row test on codes, so the scan touches only small integers.
  std::vector<std::vector<bool>> allowed;  // per condition: allowed codes (categorical/grade)
  std::vector<const CategoryCodes*> codes;
  // Per grade column with a condition: allowed grades (256 flags).
  std::vector<std::pair<std::size_t, std::vector<bool>>> grade_allowed;
  absl::flat_hash_set<std::string> ids;
  bool has_id_condition = false;
  // The final grade is not stored as a column but can be filtered on like one.
  const ColumnInfo final_column{std::string(AuditColumns::kFinalGrade), ColumnKind::kGrade,
                                kFinalSlot};
  std::vector<std::vector<Period>> within;  // per period condition: a date in one of them
  if (!filter.within.empty()) within.push_back(filter.within);
  for (const auto& [name, values] : filter.equals) {
    const ColumnInfo* c = name == AuditColumns::kFinalGrade ? &final_column : find_column(name);
    if (c == nullptr && (name == "period" || parse_period_kind(name).ok())) {
      auto periods = periods_named(name, values);
      if (!periods.ok()) return periods.status();
      within.push_back(*std::move(periods));
      continue;
    }
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
            return absl::InvalidArgumentError(
                absl::StrCat("no audit has ", c->name, " '", shorten_for_message(v), "'; ",
                             values_for_message(*this, c->name, col.levels().to_vector())));
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
    if (keep && has_id_condition) keep = ids.contains(sv(audit_id_unchecked(i)));
    for (std::size_t k = 0; k < within.size() && keep; ++k)
      keep = std::any_of(within[k].begin(), within[k].end(),
                         [&](const Period& p) { return p.contains(dates_[i]); });
    if (keep) rows.push_back(static_cast<std::uint32_t>(i));
  }
  return take_unchecked(rows);
}

absl::StatusOr<AuditSet> AuditSet::with_domain_labels(DomainLabels labels) const {
  const std::vector<std::string> domains = domain_columns();
  for (auto& [domain, label] : labels) {
    std::string_view name =
        domain_name(domain).empty() ? std::string_view(domain) : domain_name(domain);
    const std::string column = absl::StrCat(sv(AuditColumns::kDomainPrefix), sv(name));
    if (std::find(domains.begin(), domains.end(), column) == domains.end()) {
      std::vector<std::string> names;
      for (const std::string& d : domains) names.emplace_back(domain_name(d));
      return absl::InvalidArgumentError(absl::StrCat(
          "no practice domain '", shorten_for_message(domain), "' to label; the domains are: ",
          names.empty() ? std::string("(none)") : absl::StrJoin(names, ", ")));
    }
    domain = std::string(name);
    label = std::string(trim(label));
    if (label.empty())
      return absl::InvalidArgumentError(
          absl::StrCat("the display label of domain '", domain, "' is empty"));
  }
  AuditSet out = *this;
  out.domain_labels_ = std::move(labels);
  return out;
}

std::string AuditSet::domain_label(std::string_view domain) const {
  const std::string_view name = domain_name(domain).empty() ? domain : domain_name(domain);
  for (const auto& [d, label] : domain_labels_)
    if (d == name) return label;
  return std::string(name);
}

absl::StatusOr<AuditSet> AuditSet::concat(std::span<const AuditSet* const> parts,
                                          const std::vector<std::string>& sources,
                                          Diagnostics* diag) {
  if (parts.empty()) return AuditSet();
  auto source = [&](std::size_t i) {
    return i < sources.size() && !sources[i].empty() ? sources[i] : absl::StrCat("input ", i + 1);
  };
  const AuditSet& first = *parts[0];
  for (std::size_t p = 1; p < parts.size(); ++p) {
    const AuditSet& part = *parts[p];
    if (!(part.scale_ == first.scale_))
      return absl::InvalidArgumentError(absl::StrCat(
          "cannot concatenate: ", source(p), " is graded on the ", part.scale_.name(), " scale (",
          absl::StrJoin(part.scale_.labels(), ", "), "), ", source(0), " on the ",
          first.scale_.name(), " scale (", absl::StrJoin(first.scale_.labels(), ", "), ")"));
    std::vector<std::string> missing, extra;
    for (const ColumnInfo& c : first.columns_)
      if (part.find_column(c.name) == nullptr) missing.push_back(c.name);
    for (const ColumnInfo& c : part.columns_)
      if (first.find_column(c.name) == nullptr) extra.push_back(c.name);
    if (!missing.empty() || !extra.empty()) {
      std::string what = absl::StrCat("cannot concatenate: the columns differ: ", source(p));
      if (!missing.empty())
        absl::StrAppend(&what, " lacks ", absl::StrJoin(missing, ", "), " (in ", source(0), ")");
      if (!missing.empty() && !extra.empty()) absl::StrAppend(&what, " and");
      if (!extra.empty())
        absl::StrAppend(&what, " has ", absl::StrJoin(extra, ", "), " (not in ", source(0), ")");
      return absl::InvalidArgumentError(what);
    }
    for (const ColumnInfo& c : first.columns_) {
      const ColumnInfo& other = *part.find_column(c.name);
      if (other.kind != c.kind)
        return absl::InvalidArgumentError(absl::StrCat(
            "cannot concatenate: column '", c.name, "' holds ", sv(column_kind_name(other.kind)),
            " values in ", source(p), " but ", sv(column_kind_name(c.kind)), " in ", source(0)));
      if (c.kind == ColumnKind::kGrade &&
          !(part.slot_scale(other.slot) == first.slot_scale(c.slot)))
        return absl::InvalidArgumentError(
            absl::StrCat("cannot concatenate: column '", c.name, "' is graded on the ",
                         part.slot_scale(other.slot).name(), " scale in ", source(p),
                         " but on the ", first.slot_scale(c.slot).name(), " scale in ", source(0)));
    }
  }
  // Repeated identifiers, each against the first part that has it.
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  std::size_t total = 0;
  for (const AuditSet* part : parts) total += part->size();
  // Exports are often in identifier order: when each part's ids increase and each part's first
  // id follows the one before it's last, no id can repeat, and one pass shows it.
  bool increasing = true;
  std::string_view last;
  bool have_last = false;
  for (std::size_t p = 0; p < parts.size() && increasing; ++p) {
    const AuditSet& part = *parts[p];
    for (std::size_t i = 0; i < part.size() && increasing; ++i) {
      const std::string_view id = part.audit_id_unchecked(i);
      increasing = !have_last || last < id;
      last = id;
      have_last = true;
    }
  }
  if (!increasing) {
    absl::flat_hash_map<std::string_view, std::pair<std::size_t, std::size_t>> seen;
    seen.reserve(total);
    for (std::size_t p = 0; p < parts.size(); ++p) {
      for (std::size_t i = 0; i < parts[p]->size(); ++i) {
        auto [it, inserted] = seen.try_emplace(parts[p]->audit_id_unchecked(i), p, i);
        if (inserted || it->second.first == p) continue;  // a set's own ids are unique
        d.add({source(p), 0, static_cast<std::int64_t>(i), std::string(AuditColumns::kAuditId),
               shorten_for_message(parts[p]->audit_id_unchecked(i)),
               absl::StrCat("audit_id also in ", source(it->second.first), " (row ",
                            it->second.second, "); an audit may be in only one of the inputs")});
      }
    }
  }
  if (!d.ok()) return d.to_status();
  AuditSet out = first.take_unchecked({});
  for (std::size_t p = 1; p < parts.size(); ++p) {
    out.declare_identifiers(parts[p]->identifiers_);
    // (A named pair, not a structured binding: clang 14 cannot capture those in a lambda.)
    for (const std::pair<std::string, std::string>& labelled : parts[p]->domain_labels_) {
      const bool given = std::any_of(out.domain_labels_.begin(), out.domain_labels_.end(),
                                     [&](const auto& l) { return l.first == labelled.first; });
      if (!given) out.domain_labels_.push_back(labelled);
    }
  }
  std::size_t id_bytes = 0;
  for (const AuditSet* part : parts) id_bytes += part->ids_.text_bytes();
  out.ids_.reserve(total, id_bytes);
  out.dates_.reserve(total);
  out.grades_.reserve(total);
  for (ExtraGrades& g : out.extra_grades_) g.grades.reserve(total);
  std::vector<CategoricalBuilder> builders(out.categoricals_.size());
  for (CategoricalBuilder& b : builders) b.reserve(total);  // filled once: no regrowth
  for (const ColumnInfo& c : first.columns_) {
    for (const AuditSet* part : parts) {
      const ColumnInfo& pc = *part->find_column(c.name);
      switch (c.kind) {
        case ColumnKind::kCategorical: {
          const Categorical& col = part->categoricals_[pc.slot];
          std::vector<std::uint32_t> remap;
          remap.reserve(col.levels().size());
          for (std::string_view level : col.levels()) remap.push_back(builders[c.slot].code(level));
          col.codes().visit([&](auto codes) {
            for (auto code : codes) builders[c.slot].append_code(remap[code]);
          });
          break;
        }
        case ColumnKind::kGrade: {
          std::span<const Grade> g = part->slot_grades(pc.slot);
          std::vector<Grade>& to = c.slot == 0 ? out.grades_ : out.extra_grades_[c.slot - 1].grades;
          to.insert(to.end(), g.begin(), g.end());
          break;
        }
        case ColumnKind::kDate:
          out.dates_.insert(out.dates_.end(), part->dates_.begin(), part->dates_.end());
          break;
        case ColumnKind::kId: {
          // The part's arena appended whole, its offsets shifted by the text before it.
          if (!out.ids_.append(part->ids_))
            return absl::InvalidArgumentError(
                "cannot concatenate: too many identifiers for one set (over 4 GiB of text)");
          break;
        }
      }
    }
  }
  out.categoricals_.clear();
  for (CategoricalBuilder& b : builders) out.categoricals_.push_back(b.finish());
  out.ids_.shrink_to_fit();
  out.derive_final_grades();
  return out;
}

bool AuditSet::is_identifier(std::string_view column) const {
  const ColumnInfo* c = find_column(column);
  const std::string name = c != nullptr ? c->name : canonical_column_name(column);
  for (const std::string& id : identifiers_) {
    if (id == name || canonical_column_name(id) == canonical_column_name(name)) return true;
  }
  return false;
}

void AuditSet::declare_identifiers(const std::vector<std::string>& columns) {
  for (const std::string& c : columns) {
    if (!is_identifier(c)) identifiers_.push_back(c);
  }
}

absl::Status check_grouping(const AuditSet& audits, std::string_view column, bool allow_identifiers,
                            std::string_view what) {
  if (allow_identifiers || !audits.is_identifier(column)) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "'", shorten_for_message(column), "' identifies people or cases: ", sv(what),
      " by it would show every one of its values; group by another column, or allow identifiers "
      "explicitly (allow_identifiers=True in Python, --allow-identifiers on the command line) "
      "for an output that stays inside the service"));
}

std::string values_for_message(const AuditSet& audits, std::string_view column,
                               const std::vector<std::string>& levels, std::size_t max) {
  if (audits.is_identifier(column)) {
    return absl::StrCat(levels.size(), " distinct value", levels.size() == 1 ? "" : "s",
                        ", not listed: ", sv(column), " identifies people or cases");
  }
  std::vector<std::string> shown;
  for (std::size_t i = 0; i < std::min(levels.size(), max); ++i)
    shown.push_back(shorten_for_message(levels[i], 60));
  return absl::StrCat(
      "the values are: ", absl::StrJoin(shown, ", "),
      levels.size() > max ? absl::StrCat(", ... (", levels.size(), " in all)") : "");
}

bool operator==(const AuditSet& a, const AuditSet& b) {
  return a.scale_ == b.scale_ && a.columns_ == b.columns_ && a.ids_ == b.ids_ &&
         a.dates_ == b.dates_ && a.grades_ == b.grades_ && a.extra_grades_ == b.extra_grades_ &&
         a.categoricals_ == b.categoricals_;
}

}  // namespace qaframe
