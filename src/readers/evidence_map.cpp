#include "qaframe/readers/evidence_map.hpp"
#include "qaframe/io/file.hpp"

#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "io/csv_table.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

std::string_view strand_name(Strand strand) {
  switch (strand) {
    case Strand::kAudit:
      return "audit";
    case Strand::kSurvey:
      return "survey";
    case Strand::kPerformance:
      break;
  }
  return "performance";
}

std::vector<std::string> EvidenceMap::themes() const {
  std::vector<std::string> out;
  for (const EvidenceItem& e : items) {
    bool seen = false;
    for (const std::string& t : out) seen = seen || t == e.theme;
    if (!seen) out.push_back(e.theme);
  }
  return out;
}

absl::StatusOr<EvidenceMap> parse_evidence_map_csv(std::string_view text, const std::string& source,
                                                   Diagnostics* diag, const CsvOptions& csv) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  EvidenceMap out;
  out.source = source;
  auto t = detail::read_csv_table(text, source, {"theme", "source", "item"}, d, csv);
  if (!t) return d.to_status();
  const int c_theme = t->column("theme"), c_src = t->column("source"), c_item = t->column("item"),
            c_target = t->column("target");
  absl::flat_hash_map<std::tuple<std::string, int, std::string>, std::int64_t> seen;
  absl::flat_hash_map<std::pair<std::string, int>, std::pair<std::optional<double>, std::int64_t>>
      targets;
  for (std::size_t r = 0; r < t->rows.size(); ++r) {
    const std::size_t before = d.total();
    EvidenceItem e;
    e.theme = t->field(r, c_theme);
    e.item = t->field(r, c_item);
    e.line = t->lines[r];
    if (e.theme.empty()) t->problem(d, r, "theme", "", "theme is empty; it is required");
    if (e.item.empty()) t->problem(d, r, "item", "", "item is empty; it is required");
    const std::string key = absl::AsciiStrToLower(sv(t->field(r, c_src)));
    if (key == "audit" || key == "audits")
      e.source = Strand::kAudit;
    else if (key == "survey" || key == "surveys")
      e.source = Strand::kSurvey;
    else if (key == "performance")
      e.source = Strand::kPerformance;
    else
      t->problem(d, r, "source", t->field(r, c_src), "source must be audit, survey or performance");
    const std::string& target = t->field(r, c_target);
    if (!target.empty()) {
      std::string reason;
      if (auto share = detail::parse_share(target, reason))
        e.target = *share;
      else
        t->problem(d, r, "target", target, reason);
    }
    if (d.total() != before) continue;
    if (auto [it, inserted] =
            seen.try_emplace(std::tuple{e.theme, static_cast<int>(e.source), e.item}, e.line);
        !inserted) {
      t->problem(d, r, "item", e.item,
                 absl::StrCat("this theme, source and item are mapped twice (first on line ",
                              it->second, ")"));
      continue;
    }
    if (e.source != Strand::kPerformance) {
      auto [it, inserted] = targets.try_emplace(std::pair{e.theme, static_cast<int>(e.source)},
                                                std::pair{e.target, e.line});
      if (!inserted && it->second.first != e.target) {
        t->problem(d, r, "target", target,
                   absl::StrCat("a different target for this theme's ", sv(strand_name(e.source)),
                                " items than on line ", it->second.second,
                                " (the items are pooled, so they share one target)"));
        continue;
      }
    }
    out.items.push_back(std::move(e));
  }
  if (!d.ok()) return d.to_status();
  return out;
}

absl::StatusOr<EvidenceMap> read_evidence_map_csv(const std::string& path, Diagnostics* diag,
                                                  const CsvOptions& csv) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  return parse_evidence_map_csv(*text, path, diag, csv);
}

}  // namespace qaframe
