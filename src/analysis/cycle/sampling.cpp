#include "qaframe/analysis/cycle/sampling.hpp"

#include <algorithm>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/stats/sha256.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

std::string sampling_key(std::uint64_t seed, std::string_view child_id) {
  return stats::to_hex(stats::sha256(absl::StrCat(seed, ":", sv(child_id)))).substr(0, 16);
}

DayNumber months_before(DayNumber as_of, std::int64_t months) {
  const absl::CivilDay day = to_civil_day(as_of);
  const absl::CivilMonth month = absl::CivilMonth(day) - months;
  const absl::CivilDay last = absl::CivilDay(month + 1) - 1;
  const int d = std::min<int>(day.day(), last.day());
  return to_day_number(absl::CivilDay(month.year(), month.month(), d));
}

namespace {

Period sample_month(const SampleOptions& o) {
  if (o.month) return *o.month;
  const Period current = period_of(PeriodKind::kMonth, o.as_of);
  return period_of(PeriodKind::kMonth, current.last + 1);
}

std::string quota_source(const SampleOptions& o) {
  if (!o.quotas.empty()) {
    std::vector<std::string> parts;
    for (const auto& [team, k] : o.quotas) parts.push_back(absl::StrCat(team, " ", k));
    return absl::StrCat("as given per team (", absl::StrJoin(parts, ", "), ")");
  }
  if (o.teams != nullptr)
    return absl::StrCat("each team's expected ", o.programme, " audits in ", sample_month(o).name,
                        " from the teams file (", o.teams->source, ")");
  return absl::StrCat(o.per_team, " for every team of the caseload");
}

}  // namespace

std::string sampling_algorithm(const SampleOptions& o) {
  const Period month = sample_month(o);
  const std::string as_of = format_date(o.as_of);
  const std::string cutoff = format_date(months_before(o.as_of, o.exclude_months));
  std::vector<std::pair<std::string, std::int64_t>> minimums = o.minimum_per_case_type;
  std::sort(minimums.begin(), minimums.end());
  std::string within;
  if (!minimums.empty()) {
    std::vector<std::string> parts;
    for (const auto& [type, m] : minimums) parts.push_back(absl::StrCat(type, " ", m));
    within = absl::StrCat(
        "first, for each case type with a minimum (", absl::StrJoin(parts, ", "),
        "), in byte order of the case types, the eligible children of that type with the "
        "smallest keys, up to its minimum and never beyond the quota; then ");
  }
  return absl::StrCat(
      "Sample of open cases for ", month.name, ", drawn on ", as_of, " with seed ", o.seed,
      ".\n"
      "1. Exclusion: a child is left out when any audit of theirs is dated after ",
      cutoff, " (", as_of, " minus ", o.exclude_months, " months), audits after ", as_of,
      " included.\n"
      "2. Key: each remaining child's key is the first 16 hexadecimal digits of the SHA-256 "
      "digest of the text \"",
      o.seed, ":<child_id>\" (UTF-8, no line end), for example printf '%s' '", o.seed,
      ":C-00001' | sha256sum | cut -c1-16. Smaller keys come first (as hexadecimal numbers, "
      "which is also their order as text); equal keys by child_id in byte order.\n"
      "3. Teams are taken in byte order of their names. Quota: ",
      quota_source(o),
      ".\n"
      "4. Within a team: ",
      within,
      minimums.empty() ? "the team's eligible children" : "the team's other eligible children",
      " with the smallest keys, until the quota is met.\n"
      "5. A team with fewer eligible children than its quota gives all of them, and a warning "
      "names the team.\n");
}

std::string CaseSample::worklist_csv() const {
  std::string out;
  std::vector<std::string> header = {"team",   "order", "child_id", "case_type",
                                     "worker", "key",   "reason"};
  header.insert(header.end(), extra_columns.begin(), extra_columns.end());
  auto line = [&out](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out.push_back(',');
      append_csv_field(out, fields[i]);
    }
    out.push_back('\n');
  };
  line(header);
  for (const SampledCase& c : cases) {
    std::vector<std::string> f = {
        c.team, absl::StrCat(c.order), c.child_id, c.case_type, c.worker, c.key, c.reason};
    f.insert(f.end(), c.extra.begin(), c.extra.end());
    line(f);
  }
  return out;
}

absl::StatusOr<CaseSample> sample_cases(const Caseload& caseload, const AuditSet& audits,
                                        const SampleOptions& options) {
  if (options.exclude_months < 0)
    return absl::InvalidArgumentError(
        absl::StrCat("exclude_months must be 0 or more, got ", options.exclude_months));
  if (options.per_team < 0)
    return absl::InvalidArgumentError(
        absl::StrCat("per_team must be 0 or more, got ", options.per_team));
  for (const auto& [team, k] : options.quotas)
    if (k < 0)
      return absl::InvalidArgumentError(
          absl::StrCat("the quota of team ", team, " must be 0 or more, got ", k));
  for (const auto& [type, m] : options.minimum_per_case_type)
    if (m < 0)
      return absl::InvalidArgumentError(
          absl::StrCat("the minimum for case type ", type, " must be 0 or more, got ", m));
  auto children = audits.categorical(AuditColumns::kChildId);
  if (!children.ok()) return children.status();

  CaseSample out;
  out.seed = options.seed;
  out.as_of = options.as_of;
  out.exclude_months = options.exclude_months;
  out.cutoff = months_before(options.as_of, options.exclude_months);
  const Period month = sample_month(options);
  out.month = month.name;
  out.quota_source = quota_source(options);
  out.extra_columns = caseload.extra_columns;
  out.algorithm = sampling_algorithm(options);

  // Children audited after the cut-off (codes of the audits' child column).
  std::vector<bool> recent_code((*children)->levels().size(), false);
  for (std::size_t i = 0; i < audits.size(); ++i)
    if (audits.dates()[i] > out.cutoff) recent_code[(*children)->codes()[i]] = true;
  absl::flat_hash_set<std::string_view> recent;
  for (std::size_t c = 0; c < recent_code.size(); ++c)
    if (recent_code[c]) recent.insert((*children)->levels()[c]);

  // Quotas by team, and the teams taken: every team of the caseload, and every team given a
  // quota (so that a team with no open cases is a warning, not silence).
  std::map<std::string, std::int64_t> quota;  // byte order of names
  std::map<std::string, std::vector<std::size_t>> cases_of;
  for (std::size_t i = 0; i < caseload.cases.size(); ++i)
    cases_of[caseload.cases[i].team].push_back(i);
  std::vector<std::string> no_quota;
  if (!options.quotas.empty()) {
    for (const auto& [team, k] : options.quotas) quota[team] = k;
  } else if (options.teams != nullptr) {
    for (const std::string& team : options.teams->names()) {
      const std::int64_t k = options.teams->expected(team, options.programme, month.first);
      if (k > 0 || options.teams->active(team, month.first)) quota[team] = k;
    }
  } else {
    for (const auto& [team, members] : cases_of) quota[team] = options.per_team;
  }
  for (const auto& [team, members] : cases_of)
    if (!quota.contains(team)) no_quota.push_back(team);

  std::vector<std::pair<std::string, std::int64_t>> minimums = options.minimum_per_case_type;
  std::sort(minimums.begin(), minimums.end());
  for (const auto& entry : quota) {
    // Named copies, not structured bindings: clang 14 cannot capture those in a lambda.
    const std::string& team = entry.first;
    const std::int64_t k = entry.second;
    TeamSample ts;
    ts.team = team;
    ts.quota = k;
    struct Candidate {
      std::string key;
      std::size_t index;
      bool taken = false;
    };
    std::vector<Candidate> eligible;
    if (auto it = cases_of.find(team); it != cases_of.end()) {
      for (std::size_t i : it->second) {
        ++ts.caseload;
        if (recent.contains(caseload.cases[i].child_id)) {
          ++ts.excluded_recent;
          continue;
        }
        eligible.push_back({sampling_key(options.seed, caseload.cases[i].child_id), i});
      }
    }
    ts.eligible = static_cast<std::int64_t>(eligible.size());
    std::sort(eligible.begin(), eligible.end(), [&](const Candidate& a, const Candidate& b) {
      if (a.key != b.key) return a.key < b.key;
      return caseload.cases[a.index].child_id < caseload.cases[b.index].child_id;
    });
    std::int64_t order = 0;
    auto take = [&](Candidate& c, std::string reason) {
      c.taken = true;
      const Case& cs = caseload.cases[c.index];
      out.cases.push_back({team, ++order, cs.child_id, cs.case_type, cs.worker, c.key,
                           std::move(reason), cs.extra});
    };
    for (const auto& [type, m] : minimums) {
      std::int64_t got = 0;
      for (Candidate& c : eligible) {
        if (got >= m || order >= k) break;
        if (c.taken || caseload.cases[c.index].case_type != type) continue;
        take(c, absl::StrCat("minimum for ", type));
        ++got;
      }
      if (got < m && k > 0)
        out.warnings.push_back(absl::StrCat(
            "Team ", team, ": ", got, " of the minimum ", m, " ", type, " case", m == 1 ? "" : "s",
            order >= k && got < m ? " (the quota was reached first)" : " (too few eligible)", "."));
    }
    for (Candidate& c : eligible) {
      if (order >= k) break;
      if (!c.taken) take(c, "quota");
    }
    ts.sampled = order;
    ts.shortfall = k - order;
    if (ts.shortfall > 0)
      out.warnings.push_back(absl::StrCat(
          "Team ", team, ": only ", ts.eligible, " eligible case", ts.eligible == 1 ? "" : "s",
          " (", ts.caseload, " open, ", ts.excluded_recent, " audited since ",
          format_date(out.cutoff + 1), ") for a quota of ", k, "; ", ts.shortfall, " short."));
    out.teams.push_back(std::move(ts));
  }
  for (const std::string& team : no_quota)
    out.warnings.push_back(absl::StrCat("Team ", team,
                                        " has open cases but no quota (not in the teams file for ",
                                        month.name, "): none sampled."));
  return out;
}

}  // namespace qaframe
