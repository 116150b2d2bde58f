#include "analysis/triangulation_evidence.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/analysis/benchmarking.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/stats/distributions.hpp"
#include "qaframe/stats/proportion.hpp"

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

// One unit's count for a share strand: cases meeting the measure of n, and for the survey the
// answers and respondents behind them.
struct ShareTally {
  double count = 0;
  std::int64_t n = 0, answers = 0, respondents = 0;
  double share = kNaN;          // count / n, or the ratio estimate (cluster-robust)
  double design_effect = kNaN;  // cluster-robust only
  double n_effective = 0;       // cluster-robust only, before rounding down
  bool effective = false;       // n is an effective sample size
  std::string counted;
  static ShareTally plain(std::int64_t count, std::int64_t n, std::string counted) {
    ShareTally t;
    t.count = static_cast<double>(count);
    t.n = n;
    t.share = n > 0 ? static_cast<double>(count) / static_cast<double>(n) : kNaN;
    t.counted = std::move(counted);
    return t;
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
  const Benchmarking* neighbours;
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

  // Over-dispersion of the teams' shares (the service left out: it is their sum) around
  // `target`, or around the teams' pooled share when the comparator is the rest of the service;
  // recorded in out.dispersion. nullopt without the option or without two teams with cases.
  std::optional<stats::DispersionEstimate> dispersion(const std::string& theme, Strand strand,
                                                      const std::string& item,
                                                      std::optional<double> target,
                                                      const std::vector<double>& count,
                                                      const std::vector<double>& n) {
    if (options.overdispersion == stats::Overdispersion::none) return std::nullopt;
    std::vector<double> c, m;
    for (std::size_t u = 0; u < units.names.size(); ++u) {
      if (static_cast<int>(u) == units.service) continue;
      c.push_back(count[u]);
      m.push_back(n[u]);
    }
    auto d = stats::estimate_overdispersion(c, m, target, options.overdispersion, options.winsor);
    if (!d.ok()) {
      note(absl::StrCat("Over-dispersion for '", theme, "' (", sv(strand_name(strand)), ", ", item,
                        ") was not estimated: ", d.status().message(), "."));
      return std::nullopt;
    }
    out.dispersion.push_back({theme, strand, item, *d});
    return *d;
  }

  // Signals for one pooled share strand (audit or survey): the tally of each unit, and of the
  // rest of the service without it (the comparator when the map gives no target).
  void share_signals(const std::string& theme, Strand strand, const std::string& items,
                     const std::string& measure, std::optional<double> target,
                     const std::vector<ShareTally>& tally, const std::vector<ShareTally>& rest,
                     std::vector<std::size_t>& made) {
    std::vector<double> count, n;
    for (const ShareTally& t : tally) {
      count.push_back(t.count);
      n.push_back(static_cast<double>(t.n));
    }
    const auto spread = dispersion(theme, strand, items, target, count, n);
    for (std::size_t u = 0; u < units.names.size(); ++u) {
      const ShareTally& t = tally[u];
      if (t.n == 0) continue;
      Signal s;
      const bool is_service = static_cast<int>(u) == units.service;
      // Over-dispersion is between teams: the service's own signal keeps the binomial.
      const stats::DispersionEstimate* d = spread && !is_service ? &*spread : nullptr;
      if (target) {
        s = benchmark_signal(t.count, t.n, *target, Polarity::kHigherIsBetter, options, d);
        s.comparator = "target";
      } else if (is_service) {
        s = benchmark_signal(t.count, t.n, kNaN, Polarity::kHigherIsBetter, options);
        if (s.direction == Direction::kInsufficient)
          s.note = "the whole service needs a target to compare with";
      } else {
        // The rest of the service, without this unit, counted the same way.
        const ShareTally& r = rest[u];
        const double share = r.n > 0 ? r.share : kNaN;
        s = benchmark_signal(t.count, t.n, r.n >= options.min_n ? share : kNaN,
                             Polarity::kHigherIsBetter, options, d);
        s.comparator = "rest of service";
        s.comparator_n = r.n;
        s.benchmark = share;
        if (r.n < options.min_n && s.direction == Direction::kInsufficient && t.n >= options.min_n)
          s.note = absl::StrCat("fewer than ", options.min_n, " cases in the rest of the service");
      }
      apply_tally(s, t);
      s.unit = units.names[u];
      s.theme = theme;
      s.strand = strand;
      s.item = items;
      s.measure = measure;
      made.push_back(out.signals.size());
      out.signals.push_back(std::move(s));
    }
  }

  // The survey's figures on a signal: answers, respondents, how n was counted, the design
  // effect; with cluster-robust counting the share is the ratio estimate itself (the integer
  // count of the effective n only decides the funnel position).
  void apply_tally(Signal& s, const ShareTally& t) const {
    s.answers = t.answers;
    s.respondents = t.respondents;
    s.counted = t.counted;
    s.design_effect = t.design_effect;
    if (!t.effective || t.n == 0) return;
    s.estimate = t.share;
    auto ci = stats::proportion_ci(t.share * t.n_effective, t.n_effective, options.level);
    if (ci.ok()) {
      s.low = ci->low;
      s.high = ci->high;
    }
    if (!std::isnan(s.benchmark) && !std::isnan(s.gap)) s.gap = t.share - s.benchmark;
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
    // Audits are independent cases: the rest of the service is the whole less the unit.
    const auto service = static_cast<std::size_t>(units.service);
    std::vector<ShareTally> tally(units.names.size()), rest(units.names.size());
    for (std::size_t u = 0; u < units.names.size(); ++u) {
      tally[u] = ShareTally::plain(count[u], n[u], "audits");
      rest[u] = ShareTally::plain(count[service] - count[u], n[service] - n[u], "audits");
    }
    share_signals(theme, Strand::kAudit, absl::StrJoin(names, "; "), measure, target, tally, rest,
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
    // Each pooled answer on the scale with the unit of its team (-1: none).
    std::vector<std::uint32_t> rows;
    for (std::size_t i = 0; i < survey->size(); ++i)
      if (wanted[q.codes()[i]] && survey->answers()[i] < survey->scale().size())
        rows.push_back(static_cast<std::uint32_t>(i));
    std::vector<int> unit_of(rows.size());
    for (std::size_t j = 0; j < rows.size(); ++j) {
      const std::uint32_t code = survey->team().codes()[rows[j]];
      const int u = code < survey_unit.size() ? survey_unit[code] : -1;
      unit_of[j] = u == units.service ? -1 : u;
    }
    std::vector<ShareTally> tally(units.names.size()), rest(units.names.size());
    for (std::size_t u = 0; u < units.names.size(); ++u) {
      const bool is_service = static_cast<int>(u) == units.service;
      tally[u] = tally_survey(
          rows, [&](std::size_t j) { return is_service || unit_of[j] == static_cast<int>(u); });
      if (!is_service)
        rest[u] =
            tally_survey(rows, [&](std::size_t j) { return unit_of[j] != static_cast<int>(u); });
    }
    const GradeScale& scale = survey->scale();
    share_signals(theme, Strand::kSurvey, absl::StrJoin(names, "; "),
                  absl::StrCat("positive (", scale.label(survey->positive_from()), " or better)"),
                  items.front()->target, tally, rest, made);
  }

  // The survey tally of the pooled answers rows[j] for which keep(j) holds, counted as
  // options.survey_counting says (see SurveyCounting).
  template <typename Keep>
  ShareTally tally_survey(const std::vector<std::uint32_t>& rows, Keep keep) const {
    // Per respondent key: answers on the scale and positive answers.
    absl::flat_hash_map<std::uint32_t, std::pair<std::int64_t, std::int64_t>> person;
    std::int64_t answers = 0, positive = 0;
    const Grade from = survey->positive_from();
    for (std::size_t j = 0; j < rows.size(); ++j) {
      if (!keep(j)) continue;
      const std::uint32_t i = rows[j];
      const bool pos = survey->answers()[i] >= from;
      auto& [m, y] = person[survey->respondent_keys()[i]];
      ++m;
      ++answers;
      if (pos) {
        ++y;
        ++positive;
      }
    }
    ShareTally t;
    t.answers = answers;
    t.respondents = static_cast<std::int64_t>(person.size());
    t.design_effect = kNaN;
    switch (options.survey_counting) {
      case SurveyCounting::kAnswers:
        t.count = positive;
        t.n = answers;
        t.counted = "answers";
        break;
      case SurveyCounting::kRespondents:
        for (const auto& [key, my] : person) {
          const auto [m, y] = my;
          if (2 * y > m) {
            t.count += 1.0;
          } else if (2 * y == m) {
            t.count += options.survey_tie == SurveyTie::kHalf       ? 0.5
                       : options.survey_tie == SurveyTie::kPositive ? 1.0
                                                                    : 0.0;
          }
        }
        t.n = t.respondents;
        t.counted = "respondents";
        break;
      case SurveyCounting::kClusterRobust: {
        t.counted = "effective n (cluster-robust)";
        if (answers == 0) break;
        // Ratio estimator p = Σy/Σm over clusters (respondents), Var = c/(c−1) Σ(y − p m)²/M²
        // (Cochran 1977 §6.11, with the usual small-sample factor c/(c−1)); deff = Var / Var_srs,
        // Var_srs = p(1 − p)/M (Kish 1965 §8.2); n_eff = M / deff, at most M.
        const double M = static_cast<double>(answers);
        const double p = static_cast<double>(positive) / M;
        const double c = static_cast<double>(person.size());
        double ss = 0.0;
        for (const auto& [key, my] : person) {
          const double r = static_cast<double>(my.second) - p * static_cast<double>(my.first);
          ss += r * r;
        }
        const double var_srs = p * (1.0 - p) / M;
        t.share = p;
        t.effective = true;
        if (c < 2.0 || !(var_srs > 0.0)) {
          // No variance to compare with (all answers alike, or one respondent): the people
          // are the honest n.
          t.n_effective = c;
        } else {
          const double var = c / (c - 1.0) * ss / (M * M);
          t.design_effect = var / var_srs;
          t.n_effective = t.design_effect > 0.0 ? std::min(M, M / t.design_effect) : M;
        }
        t.n = static_cast<std::int64_t>(std::floor(t.n_effective + 1e-9));
        t.count = p * static_cast<double>(t.n);
        return t;
      }
    }
    t.share = t.n > 0 ? static_cast<double>(t.count) / static_cast<double>(t.n) : kNaN;
    return t;
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
      double benchmark = def->benchmark ? *def->benchmark : def->target ? *def->target : kNaN;
      std::string comparator =
          def->benchmark
              ? (def->benchmark_source.empty() ? std::string("benchmark") : def->benchmark_source)
              : std::string("target");
      if (options.indicator_benchmark == IndicatorBenchmark::kNeighbours) {
        const BenchmarkRow* row = neighbours != nullptr ? neighbours->find(item) : nullptr;
        if (row == nullptr || std::isnan(row->neighbours_mean)) {
          note(absl::StrCat("Indicator '", item, "' has no statistical neighbours' mean",
                            neighbours != nullptr ? absl::StrCat(" in ", neighbours->source) : "",
                            "; it is compared with its ", comparator, "."));
        } else if (!(row->neighbours_mean >= 0.0 && row->neighbours_mean <= 1.0)) {
          note(absl::StrCat("Indicator '", item, "': the statistical neighbours' mean ",
                            row->neighbours_mean,
                            " is not a share (write the neighbours' values as 83.5% or 0.835); "
                            "it is compared with its ",
                            comparator, "."));
        } else {
          benchmark = row->neighbours_mean;
          comparator = absl::StrCat("statistical neighbours' mean (", row->period, ")");
        }
      }
      const auto spread = std::isnan(benchmark)
                              ? std::nullopt
                              : dispersion(theme, Strand::kPerformance, item, benchmark,
                                           std::vector<double>(count.begin(), count.end()),
                                           std::vector<double>(n.begin(), n.end()));
      for (std::size_t u = 0; u < units.names.size(); ++u) {
        if (n[u] == 0) continue;
        const bool is_service = static_cast<int>(u) == units.service;
        Signal s = benchmark_signal(static_cast<double>(count[u]), n[u], benchmark, def->polarity,
                                    options, spread && !is_service ? &*spread : nullptr);
        s.counted = "denominator";
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

std::string survey_rule(const TriangulationOptions& options) {
  switch (options.survey_counting) {
    case SurveyCounting::kAnswers:
      return "Survey: every answer to the theme's questions counts as a case (answers are not "
             "independent when one person answers several questions, so n is overstated).";
    case SurveyCounting::kClusterRobust:
      return "Survey: the share of answers positive, with a ratio-estimator variance clustered "
             "by respondent; n is the effective sample size (answers / design effect, rounded "
             "down, at most the answers).";
    case SurveyCounting::kRespondents:
      break;
  }
  return absl::StrCat(
      "Survey: each respondent counts once per theme, positive when positive on a majority of "
      "the theme's questions they answered (exactly half positive counts as ",
      options.survey_tie == SurveyTie::kHalf       ? "half a positive respondent"
      : options.survey_tie == SurveyTie::kPositive ? "positive"
                                                   : "not positive",
      "); n is respondents.");
}

absl::Status gather_evidence(const AuditSet& audits, const SurveyResponses* survey,
                             const Performance* performance, const EvidenceMap& map,
                             const Benchmarking* neighbours, const TriangulationOptions& options,
                             Diagnostics& diag, Triangulation& out,
                             std::vector<std::vector<std::size_t>>& by_theme) {
  EvidenceBuilder b{audits, survey, performance, map, options, neighbours, diag, {}, out, {}, {}};
  if (auto s = b.make_units(); !s.ok()) return s;
  out.options = options;
  out.units = b.units.names;
  out.survey_rule = survey_rule(options);
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
