#include "analysis/triangulation_evidence.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/stats/distributions.hpp"

namespace qaframe::detail {
namespace {

constexpr double kNaN = stats::detail::kNaN;

// Everything the triangulation needs to know about the units.
struct Units {
  std::vector<std::string> names;  // units in order, service last
  std::vector<int> of_level;       // audit `by` level -> unit index (-1 unused)
  absl::flat_hash_map<std::string, int> by_name;
  int service = 0;
  int find(std::string_view name) const {
    auto it = by_name.find(std::string(name));
    return it == by_name.end() ? -1 : it->second;
  }
};

// The evidence steps: the units, the checks of the inputs against them, and the signals of each
// strand of each theme.
struct EvidenceBuilder {
  const AuditSet& audits;
  const SurveyResponses* survey;
  const Performance* performance;
  const EvidenceMap& map;
  const TriangulationOptions& options;
  Diagnostics& diag;
  Units units;
  Triangulation& out;
  std::vector<int> survey_unit;  // survey team level -> unit index
  absl::flat_hash_set<std::string> noted;

  void note(std::string text) {
    if (noted.insert(text).second) out.notes.push_back(std::move(text));
  }

  void problem(const std::string& source, std::int64_t line, std::string column,
               std::string_view value, std::string reason) {
    diag.add({source, line, -1, std::move(column), shorten_for_message(value), std::move(reason)});
  }

  std::string known_units() const {
    if (audits.is_identifier(options.by)) {
      return absl::StrCat(units.names.size() - 1, " values of ", options.by,
                          " and the service, not listed: ", options.by,
                          " identifies people or cases");
    }
    std::vector<std::string> names;
    for (const std::string& n : units.names) names.push_back(shorten_for_message(n, 60));
    return absl::StrJoin(names, ", ");
  }

  absl::Status make_units() {
    if (absl::Status s =
            check_grouping(audits, options.by, options.allow_identifiers, "a triangulation");
        !s.ok())
      return s;
    auto by = audits.categorical(options.by);
    if (!by.ok()) return by.status();
    const Categorical& col = **by;
    std::vector<bool> used(col.levels().size(), false);
    for (std::uint32_t c : col.codes()) used[c] = true;
    units.of_level.assign(col.levels().size(), -1);
    for (std::size_t l = 0; l < col.levels().size(); ++l) {
      if (!used[l] || col.levels()[l] == options.service) continue;
      units.of_level[l] = static_cast<int>(units.names.size());
      units.by_name.emplace(col.levels()[l], static_cast<int>(units.names.size()));
      units.names.push_back(std::string(col.levels()[l]));
    }
    units.service = static_cast<int>(units.names.size());
    units.names.push_back(options.service);
    units.by_name.emplace(options.service, units.service);
    return absl::OkStatus();
  }

  // Survey and performance teams must be units (or the service): a misspelt team would
  // otherwise vanish silently.
  void check_teams() {
    if (survey != nullptr) {
      const Categorical& team = survey->team();
      survey_unit.assign(team.levels().size(), -1);
      std::vector<bool> reported(team.levels().size(), false);
      for (std::size_t i = 0; i < survey->size(); ++i) {
        const std::uint32_t code = team.codes()[i];
        const int u = units.find(team.levels()[code]);
        survey_unit[code] = u;
        if (u < 0 && !reported[code]) {
          reported[code] = true;
          problem(survey->source(), survey->lines()[i], "team", team.levels()[code],
                  absl::StrCat("not a ", options.by, " of the audits, nor ", options.service,
                               " (the units are: ", known_units(), ")"));
        }
      }
    }
    if (performance != nullptr) {
      absl::flat_hash_set<std::string> reported;
      for (const IndicatorValue& v : performance->values) {
        if (units.find(v.team) < 0 && reported.insert(v.team).second)
          problem(performance->values_source, v.line, "team", v.team,
                  absl::StrCat("not a ", options.by, " of the audits, nor ", options.service,
                               " (the units are: ", known_units(), ")"));
      }
    }
  }

  // Signals for one pooled share strand (audit or survey): count and n per unit, with the
  // service as the sum of all rows.
  void share_signals(const std::string& theme, Strand strand, const std::string& items,
                     const std::string& measure, std::optional<double> target,
                     const std::vector<std::int64_t>& count, const std::vector<std::int64_t>& n,
                     std::vector<std::size_t>& made) {
    const std::int64_t all_count = count[static_cast<std::size_t>(units.service)];
    const std::int64_t all_n = n[static_cast<std::size_t>(units.service)];
    for (std::size_t u = 0; u < units.names.size(); ++u) {
      if (n[u] == 0) continue;
      Signal s;
      const bool is_service = static_cast<int>(u) == units.service;
      if (target) {
        s = compare_with_benchmark(count[u], n[u], *target, Polarity::kHigherIsBetter, options);
        s.comparator = "target";
      } else if (is_service) {
        s = compare_with_benchmark(count[u], n[u], kNaN, Polarity::kHigherIsBetter, options);
        if (s.direction == Direction::kInsufficient)
          s.note = "the whole service needs a target to compare with";
      } else {
        // The rest of the service, without this unit.
        const std::int64_t rest_n = all_n - n[u];
        const double rest = rest_n > 0 ? static_cast<double>(all_count - count[u]) / rest_n : kNaN;
        s = compare_with_benchmark(count[u], n[u], rest_n >= options.min_n ? rest : kNaN,
                                   Polarity::kHigherIsBetter, options);
        s.comparator = "rest of service";
        s.comparator_n = rest_n;
        s.benchmark = rest;
        if (rest_n < options.min_n && s.direction == Direction::kInsufficient &&
            n[u] >= options.min_n)
          s.note = absl::StrCat("fewer than ", options.min_n, " cases in the rest of the service");
      }
      s.unit = units.names[u];
      s.theme = theme;
      s.strand = strand;
      s.item = items;
      s.measure = measure;
      made.push_back(out.signals.size());
      out.signals.push_back(std::move(s));
    }
  }

  void audit_strand(const std::string& theme, std::vector<std::size_t>& made) {
    std::vector<std::int64_t> count(units.names.size(), 0), n(units.names.size(), 0);
    std::vector<std::string> names;
    std::optional<double> target;
    std::string measure;  // "Good or better" on the items' scale (each domain has its own)
    auto by = audits.categorical(options.by);
    for (const EvidenceItem& e : map.items) {
      if (e.theme != theme || e.source != Strand::kAudit) continue;
      target = e.target;
      auto item = resolve_audit_item(audits, e.item);
      if (absl::IsNotFound(item.status())) {
        note(absl::StrCat("Audit item '", e.item, "' (", map.source, ", line ", e.line,
                          "): ", item.status().message(), ", so theme '", theme,
                          "' has no audit evidence for it."));
        continue;
      }
      if (!item.ok()) {
        problem(map.source, e.line, "item", e.item, std::string(item.status().message()));
        continue;
      }
      names.push_back(e.item);
      const std::string good =
          absl::StrCat(item->scale->label(item->scale->good_from()), " or better");
      measure = measure.empty() || measure == good ? good : "good or better";
      UnitCounts c = count_good_by_unit(item->grades, *item->scale, **by);
      for (std::size_t l = 0; l < c.n.size(); ++l) {
        count[static_cast<std::size_t>(units.service)] += c.count[l];
        n[static_cast<std::size_t>(units.service)] += c.n[l];
        if (units.of_level[l] < 0) continue;
        count[static_cast<std::size_t>(units.of_level[l])] += c.count[l];
        n[static_cast<std::size_t>(units.of_level[l])] += c.n[l];
      }
    }
    if (names.empty()) return;
    share_signals(theme, Strand::kAudit, absl::StrJoin(names, "; "), measure, target, count, n,
                  made);
  }

  void survey_strand(const std::string& theme, std::vector<std::size_t>& made) {
    std::vector<const EvidenceItem*> items;
    for (const EvidenceItem& e : map.items)
      if (e.theme == theme && e.source == Strand::kSurvey) items.push_back(&e);
    if (items.empty()) return;
    if (survey == nullptr) {
      note(absl::StrCat("No survey was given; theme '", theme, "' has no survey evidence."));
      return;
    }
    const Categorical& q = survey->question();
    std::vector<bool> wanted(q.levels().size(), false);
    std::vector<std::string> names;
    for (const EvidenceItem* e : items) {
      const std::int64_t code = q.find(e->item);
      if (code < 0) {
        problem(map.source, e->line, "item", e->item,
                absl::StrCat("no such question in ", survey->source(), " (questions asked: ",
                             absl::StrJoin(q.levels().to_vector(), "; "), ")"));
        continue;
      }
      wanted[static_cast<std::size_t>(code)] = true;
      names.push_back(e->item);
    }
    if (names.empty()) return;
    std::vector<std::uint32_t> rows;
    for (std::size_t i = 0; i < survey->size(); ++i)
      if (wanted[q.codes()[i]]) rows.push_back(static_cast<std::uint32_t>(i));
    UnitCounts c = count_good_by_unit(survey->answers(), survey->scale(), survey->team(), &rows);
    std::vector<std::int64_t> count(units.names.size(), 0), n(units.names.size(), 0);
    const std::size_t service = static_cast<std::size_t>(units.service);
    for (std::size_t l = 0; l < c.n.size(); ++l) {
      count[service] += c.count[l];
      n[service] += c.n[l];
      const int u = l < survey_unit.size() ? survey_unit[l] : -1;
      if (u < 0 || u == units.service) continue;
      count[static_cast<std::size_t>(u)] += c.count[l];
      n[static_cast<std::size_t>(u)] += c.n[l];
    }
    const GradeScale& scale = survey->scale();
    share_signals(theme, Strand::kSurvey, absl::StrJoin(names, "; "),
                  absl::StrCat("positive (", scale.label(survey->positive_from()), " or better)"),
                  items.front()->target, count, n, made);
  }

  // The indicators of a theme: those the map lists (with its line), then those whose definition
  // names the theme (line 0).
  std::vector<std::pair<std::string, std::int64_t>> theme_indicators(
      const std::string& theme) const {
    std::vector<std::pair<std::string, std::int64_t>> indicators;
    for (const EvidenceItem& e : map.items)
      if (e.theme == theme && e.source == Strand::kPerformance)
        indicators.emplace_back(e.item, e.line);
    if (performance != nullptr) {
      for (const IndicatorDefinition& d : performance->definitions) {
        if (d.theme != theme) continue;
        bool listed = false;
        for (const auto& [item, line] : indicators) listed = listed || item == d.indicator;
        if (!listed) indicators.emplace_back(d.indicator, 0);
      }
    }
    return indicators;
  }

  // The period of an indicator's values used: as asked, or the indicator's latest; nullopt when
  // it has no value then.
  std::optional<std::pair<DayNumber, std::string>> indicator_period(const std::string& item) const {
    std::optional<DayNumber> start;
    std::string period;
    for (const IndicatorValue& v : performance->values) {
      if (v.indicator != item) continue;
      if (options.period ? v.period == *options.period : (!start || v.period_start > *start)) {
        start = v.period_start;
        period = v.period;
      }
    }
    if (!start) return std::nullopt;
    return std::make_pair(*start, period);
  }

  // Numerator and denominator of each unit in one period; the service's is its own row, or the
  // sum of the teams' (with a note) when the data has no service row.
  void indicator_counts(const std::string& item, DayNumber start, const std::string& period,
                        std::vector<std::int64_t>& count, std::vector<std::int64_t>& n) {
    count.assign(units.names.size(), 0);
    n.assign(units.names.size(), 0);
    std::int64_t team_count = 0, team_n = 0;
    bool has_service_row = false;
    for (const IndicatorValue& v : performance->values) {
      if (v.indicator != item || v.period_start != start) continue;
      const int u = units.find(v.team);
      if (u < 0) continue;
      count[static_cast<std::size_t>(u)] = v.numerator;
      n[static_cast<std::size_t>(u)] = v.denominator;
      if (u == units.service) {
        has_service_row = true;
      } else {
        team_count += v.numerator;
        team_n += v.denominator;
      }
    }
    if (!has_service_row) {
      count[static_cast<std::size_t>(units.service)] = team_count;
      n[static_cast<std::size_t>(units.service)] = team_n;
      if (team_n > 0)
        note(absl::StrCat("Indicator '", item, "' (", period, ") has no ", options.service,
                          " row; the service's value is the sum of the teams'."));
    }
  }

  void performance_strand(const std::string& theme, std::vector<std::size_t>& made) {
    const auto indicators = theme_indicators(theme);
    if (indicators.empty()) return;
    if (performance == nullptr) {
      note(absl::StrCat("No performance data was given; theme '", theme,
                        "' has no performance evidence."));
      return;
    }
    for (const auto& [item, line] : indicators) {
      const IndicatorDefinition* def = performance->find(item);
      if (def == nullptr) {
        problem(
            map.source, line, "item", item,
            absl::StrCat("no definition of this indicator in ", performance->definitions_source));
        continue;
      }
      const auto when = indicator_period(item);
      if (!when) {
        note(absl::StrCat("Indicator '", item, "' has no value",
                          options.period ? absl::StrCat(" for ", *options.period) : "", "."));
        continue;
      }
      const auto& [start, period] = *when;
      std::vector<std::int64_t> count, n;
      indicator_counts(item, start, period, count, n);
      const double benchmark = def->benchmark ? *def->benchmark : def->target ? *def->target : kNaN;
      const std::string comparator =
          def->benchmark
              ? (def->benchmark_source.empty() ? std::string("benchmark") : def->benchmark_source)
              : std::string("target");
      for (std::size_t u = 0; u < units.names.size(); ++u) {
        if (n[u] == 0) continue;
        Signal s = compare_with_benchmark(count[u], n[u], benchmark, def->polarity, options);
        s.comparator = comparator;
        s.unit = units.names[u];
        s.theme = theme;
        s.strand = Strand::kPerformance;
        s.item = item;
        s.measure = def->description.empty() ? item : def->description;
        s.period = period;
        made.push_back(out.signals.size());
        out.signals.push_back(std::move(s));
      }
    }
  }

  void check_definition_themes() {
    if (performance == nullptr) return;
    const std::vector<std::string> themes = map.themes();
    for (const IndicatorDefinition& d : performance->definitions) {
      if (d.theme.empty() || std::find(themes.begin(), themes.end(), d.theme) != themes.end())
        continue;
      problem(performance->definitions_source, d.line, "theme", d.theme,
              absl::StrCat("not a theme of the evidence map ", map.source,
                           " (themes: ", absl::StrJoin(themes, ", "), ")"));
    }
  }
};

}  // namespace

absl::Status gather_evidence(const AuditSet& audits, const SurveyResponses* survey,
                             const Performance* performance, const EvidenceMap& map,
                             const TriangulationOptions& options, Diagnostics& diag,
                             Triangulation& out, std::vector<std::vector<std::size_t>>& by_theme) {
  EvidenceBuilder b{audits, survey, performance, map, options, diag, {}, out, {}, {}};
  if (auto s = b.make_units(); !s.ok()) return s;
  out.options = options;
  out.units = b.units.names;
  out.themes = map.themes();
  b.check_teams();
  b.check_definition_themes();
  if (!diag.ok()) return diag.to_status();
  by_theme.assign(out.themes.size(), {});
  for (std::size_t t = 0; t < out.themes.size(); ++t) {
    b.audit_strand(out.themes[t], by_theme[t]);
    b.survey_strand(out.themes[t], by_theme[t]);
    b.performance_strand(out.themes[t], by_theme[t]);
  }
  if (!diag.ok()) return diag.to_status();
  return absl::OkStatus();
}

}  // namespace qaframe::detail
