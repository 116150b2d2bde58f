#include "qaframe/readers/profile/column_mapping.hpp"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

namespace {

constexpr std::size_t kKept = static_cast<std::size_t>(-1);  // a value no spelling maps
constexpr std::size_t kAlready = kKept - 1;  // a value already written as its target

std::string folded(std::string_view text) { return absl::AsciiStrToLower(sv(trim(text))); }

std::string quoted(std::string_view text) {
  return absl::StrCat("'", shorten_for_message(text, 60), "'");
}

std::string audits(std::size_t n) { return absl::StrCat(n, n == 1 ? " audit" : " audits"); }
std::string cells(std::size_t n) { return absl::StrCat(n, n == 1 ? " cell" : " cells"); }

}  // namespace

absl::StatusOr<RowMapper> RowMapper::make(const ColumnMapping& mapping, const GradeScale& scale,
                                          const std::vector<std::string>& domains_on_own_scale) {
  RowMapper m;
  m.source_ = mapping.source.empty() ? std::string("the export profile") : mapping.source;
  m.columns_ = mapping.columns;
  m.own_scale_domains_ = domains_on_own_scale;
  auto error = [&](std::string what) {
    return absl::InvalidArgumentError(absl::StrCat(m.source_, ": ", what));
  };
  for (const auto& [programme, spellings] : mapping.programmes) {
    const std::size_t target = m.targets_.size();
    m.targets_.push_back(programme);
    std::vector<std::string> all = spellings;
    all.push_back(programme);  // the value itself, in any case, maps too
    for (const std::string& spelling : all) {
      const std::string key = label_key(spelling);
      if (key.empty())
        return error(absl::StrCat("[audits.programmes] ", programme, ": an empty spelling"));
      auto [it, inserted] = m.programme_.try_emplace(key, target);
      if (!inserted && m.targets_[it->second] != programme) {
        return error(absl::StrCat("[audits.programmes]: the spelling ", quoted(spelling),
                                  " would mean both '", m.targets_[it->second], "' and '",
                                  programme, "'"));
      }
    }
  }
  for (const auto& [alias, level] : mapping.grades) {
    auto g = scale.level(level);
    if (!g.ok()) {
      return error(absl::StrCat("[audits.grades] ", quoted(alias), " = ", quoted(level),
                                ": not a level of the ", scale.name(),
                                " scale (levels: ", absl::StrJoin(scale.labels(), ", "), ")"));
    }
    if (auto existing = scale.find(alias); existing && *existing != *g) {
      return error(absl::StrCat("[audits.grades] ", quoted(alias), " = ", quoted(level),
                                ": the scale already reads ", quoted(alias), " as '",
                                scale.label(*existing), "'"));
    }
    const std::size_t target = m.targets_.size();
    m.targets_.push_back(scale.label(*g));
    auto [it, inserted] = m.grade_.try_emplace(label_key(alias), target);
    if (!inserted && m.targets_[it->second] != m.targets_[target]) {
      return error(absl::StrCat("[audits.grades]: the spelling ", quoted(alias),
                                " would mean both '", m.targets_[it->second], "' and '",
                                m.targets_[target], "'"));
    }
  }
  if (!mapping.not_applicable.empty()) {
    const std::string& na = GradeScale::not_applicable_label();
    if (scale.find(na) != std::optional<Grade>(kNotApplicable)) {
      return error(absl::StrCat("not_applicable: the ", scale.name(), " scale does not read '", na,
                                "' as not applicable"));
    }
    const std::size_t target = m.targets_.size();
    m.targets_.push_back(na);
    for (const std::string& spelling : mapping.not_applicable) {
      if (auto existing = scale.find(spelling);
          existing && *existing != kNotApplicable && !trim(spelling).empty()) {
        return error(absl::StrCat("not_applicable: the scale reads ", quoted(spelling), " as '",
                                  scale.label(*existing), "'"));
      }
      m.na_.try_emplace(folded(spelling), target);
    }
  }
  return m;
}

std::vector<std::string> RowMapper::rename(std::span<const std::string_view> header) {
  std::vector<std::string> out;
  out.reserve(header.size());
  renamed_.clear();
  not_found_.clear();
  std::vector<bool> found(columns_.size(), false);
  for (std::string_view name : header) {
    const std::string key = canonical_column_name(name);
    std::string result(name);
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const auto& [canonical, exported] = columns_[c];
      if (!found[c] && !key.empty() && canonical_column_name(exported) == key) {
        found[c] = true;
        result = canonical;
        if (canonical_column_name(canonical) != key)
          renamed_.emplace_back(canonical, std::string(trim(name)));
        break;
      }
    }
    out.push_back(std::move(result));
  }
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (!found[c]) not_found_.push_back(columns_[c]);
  }
  programme_field_ = -1;
  grade_fields_.clear();
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::string name = canonical_column_name(out[i]);
    if (name == AuditColumns::kProgramme && !programme_.empty()) {
      programme_field_ = static_cast<std::int64_t>(i);
    }
    const std::string_view domain = domain_name(name);
    const bool own_scale =
        !domain.empty() && std::find(own_scale_domains_.begin(), own_scale_domains_.end(),
                                     domain) != own_scale_domains_.end();
    if ((name == AuditColumns::kGrade || name == AuditColumns::kModeratedGrade ||
         (!domain.empty() && !own_scale)) &&
        (!grade_.empty() || !na_.empty())) {
      grade_fields_.push_back(i);
    }
  }
  return out;
}

std::string_view RowMapper::resolve(std::string_view value, int kind) {
  const std::string_view v = trim(value);
  auto& seen = seen_[kind];
  auto it = seen.find(sv(v));
  if (it == seen.end()) {
    Seen s;
    if (kind == 0) {
      if (auto p = programme_.find(label_key(v)); p != programme_.end()) s.target = p->second;
    } else if (auto n = na_.find(folded(v)); n != na_.end()) {
      s.target = n->second;
    } else if (auto g = grade_.find(label_key(v)); g != grade_.end() && !v.empty()) {
      s.target = g->second;
    }
    if (s.target != kKept && targets_[s.target] == v) s.target = kAlready;
    it = seen.try_emplace(std::string(v), s).first;
    seen_order_[kind].emplace_back(v);
  }
  ++it->second.count;
  return it->second.target < kAlready ? std::string_view(targets_[it->second.target]) : value;
}

void RowMapper::map_row(std::vector<std::string_view>& fields) {
  if (programme_field_ >= 0 && static_cast<std::size_t>(programme_field_) < fields.size()) {
    std::string_view& f = fields[static_cast<std::size_t>(programme_field_)];
    if (!trim(f).empty()) f = resolve(f, 0);
  }
  for (std::size_t i : grade_fields_) {
    if (i < fields.size() && !trim(fields[i]).empty()) fields[i] = resolve(fields[i], 1);
  }
}

std::vector<std::string> RowMapper::notes() const {
  std::vector<std::string> out;
  if (!renamed_.empty()) {
    std::vector<std::string> parts;
    for (const auto& [canonical, exported] : renamed_)
      parts.push_back(absl::StrCat(canonical, " (", quoted(exported), ")"));
    out.push_back(absl::StrCat("columns renamed by ", source_, ": ", absl::StrJoin(parts, ", ")));
  }
  for (const auto& [canonical, exported] : not_found_) {
    out.push_back(absl::StrCat(source_, " maps ", canonical, " to ", quoted(exported),
                               ", which the header does not have"));
  }
  const char* what[2] = {"programme", "grade"};
  for (int kind = 0; kind < 2; ++kind) {
    std::vector<std::string> mapped, kept;
    for (const std::string& v : seen_order_[kind]) {
      const Seen& s = seen_[kind].find(v)->second;
      if (s.target < kAlready) {
        mapped.push_back(absl::StrCat(quoted(v), " as '", targets_[s.target], "' (",
                                      kind == 0 ? audits(s.count) : cells(s.count), ")"));
      } else if (kind == 0 && s.target == kKept) {
        kept.push_back(absl::StrCat(quoted(v), " (", audits(s.count), ")"));
      }
    }
    if (!mapped.empty()) {
      out.push_back(
          absl::StrCat(what[kind], " values read by ", source_, ": ", absl::StrJoin(mapped, ", ")));
    }
    if (!kept.empty()) {
      out.push_back(absl::StrCat("programme values that ", source_,
                                 " does not map, kept as written: ", absl::StrJoin(kept, ", ")));
    }
  }
  return out;
}

}  // namespace qaframe
