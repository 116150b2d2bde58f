#include "qaframe/analysis/triangulation.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/model/text.hpp"
#include "qaframe/stats/funnel.hpp"
#include "qaframe/stats/proportion.hpp"

namespace qaframe {

std::string_view direction_name(Direction direction) {
  switch (direction) {
    case Direction::kBetter:
      return "better";
    case Direction::kInLine:
      return "in line";
    case Direction::kWorse:
      return "worse";
    case Direction::kMixed:
      return "mixed";
    case Direction::kInsufficient:
      return "insufficient";
    case Direction::kNoEvidence:
      break;
  }
  return "no evidence";
}

std::string_view cell_status_name(CellStatus status) {
  switch (status) {
    case CellStatus::kCorroboratedConcern:
      return "corroborated concern";
    case CellStatus::kDivergent:
      return "divergent";
    case CellStatus::kUnconfirmedConcern:
      return "unconfirmed concern";
    case CellStatus::kSingleSource:
      return "single source";
    case CellStatus::kCorroboratedStrength:
      return "corroborated strength";
    case CellStatus::kUnconfirmedStrength:
      return "unconfirmed strength";
    case CellStatus::kInLine:
      return "in line";
    case CellStatus::kInsufficient:
      return "insufficient";
    case CellStatus::kNoEvidence:
      break;
  }
  return "no evidence";
}

bool raises_kloe(CellStatus status) {
  return status == CellStatus::kCorroboratedConcern || status == CellStatus::kDivergent ||
         status == CellStatus::kUnconfirmedConcern;
}

UnitCounts count_good_by_unit(std::span<const Grade> grades, const GradeScale& scale,
                              const Categorical& units, const std::vector<std::uint32_t>* rows) {
  UnitCounts out{std::vector<std::int64_t>(units.levels().size(), 0),
                 std::vector<std::int64_t>(units.levels().size(), 0)};
  const Grade good = scale.good_from();
  const auto levels = static_cast<Grade>(scale.size());
  const std::vector<std::uint32_t>& codes = units.codes();
  auto add = [&](std::size_t i) {
    const Grade g = grades[i];
    if (g >= levels) return;  // N/A, or not recorded
    ++out.n[codes[i]];
    if (g >= good) ++out.count[codes[i]];
  };
  if (rows != nullptr) {
    for (std::uint32_t i : *rows) add(i);
  } else {
    for (std::size_t i = 0; i < grades.size(); ++i) add(i);
  }
  return out;
}

absl::StatusOr<AuditItem> resolve_audit_item(const AuditSet& audits, std::string_view item) {
  const std::string key = absl::AsciiStrToLower(sv(trim(item)));
  // The overall grade is the final one: moderated where a moderator re-graded the audit.
  const bool overall = key == "overall" || key == "grade" || key == "overall grade" ||
                       key == "final_grade" || key == "final";
  auto column = audits.grade_column(overall ? std::string_view("final_grade") : trim(item));
  if (!column.ok()) return column.status();
  return AuditItem{column->name, column->scale, column->grades};
}

Signal compare_with_benchmark(std::int64_t count, std::int64_t n, double benchmark,
                              Polarity polarity, const TriangulationOptions& options) {
  Signal s;
  constexpr double nan = stats::detail::kNaN;
  s.count = count;
  s.n = n;
  s.benchmark = benchmark;
  s.polarity = polarity;
  s.estimate = s.low = s.high = s.gap = s.tail_probability = nan;
  s.limit_low = s.limit_high = s.strong_low = s.strong_high = nan;
  if (n <= 0) {
    s.direction = Direction::kNoEvidence;
    return s;
  }
  // Wilson (1927) score interval of the share, for display: see stats/proportion.hpp.
  auto ci = stats::proportion_ci(static_cast<double>(count), static_cast<double>(n), options.level);
  if (ci.ok()) {
    s.estimate = ci->estimate;
    s.low = ci->low;
    s.high = ci->high;
  }
  if (n < options.min_n) {
    s.direction = Direction::kInsufficient;
    s.note = absl::StrCat("fewer than ", options.min_n, " cases");
    return s;
  }
  if (std::isnan(benchmark)) {
    s.direction = Direction::kInsufficient;
    s.note = "nothing to compare with (no target or benchmark)";
    return s;
  }
  // Spiegelhalter (2005), "Funnel plots for comparing institutional performance": the exact
  // binomial funnel around the benchmark p0 at the unit's n, at 95% (signal) and 99.8% (strong).
  // The limits reported are the interpolated ones of his appendix (smooth in n, for drawing);
  // the decision uses the exact tail probability of the unit's integer count, R ~ Bin(n, p0):
  // above when P(R >= x) <= (1 - level)/2, below when P(R <= x) <= (1 - level)/2. This equals
  // "outside the integer funnel limits"; the interpolated limits would also flag counts between
  // the integer and interpolated limit (5 of 5 against 60%: P = 0.078, yet above the
  // interpolated 95% limit of 0.936), condemning or praising small units on too little.
  const double sizes[] = {static_cast<double>(n)};
  const double levels[] = {options.level, options.strong_level};
  auto limits = stats::funnel_limits(benchmark, sizes, levels, stats::FunnelMethod::exact);
  if (!limits.ok()) {
    s.direction = Direction::kInsufficient;
    s.note = std::string(limits.status().message());
    return s;
  }
  s.limit_low = limits->low(0, 0);
  s.limit_high = limits->high(0, 0);
  s.strong_low = limits->low(0, 1);
  s.strong_high = limits->high(0, 1);
  const double share = s.estimate;
  const auto x = static_cast<double>(count), nn = static_cast<double>(n);
  int side = 0;
  if (share > benchmark) {
    s.tail_probability = 1.0 - stats::binomial_cdf(x - 1.0, nn, benchmark);
    side = 1;
  } else if (share < benchmark) {
    s.tail_probability = stats::binomial_cdf(x, nn, benchmark);
    side = -1;
  } else {
    s.tail_probability = 1.0;
  }
  if (!(s.tail_probability <= (1.0 - options.level) / 2.0)) side = 0;
  const int good = polarity == Polarity::kHigherIsBetter ? side : -side;
  s.direction = good > 0 ? Direction::kBetter : good < 0 ? Direction::kWorse : Direction::kInLine;
  s.strong = side != 0 && s.tail_probability <= (1.0 - options.strong_level) / 2.0;
  s.gap = polarity == Polarity::kHigherIsBetter ? share - benchmark : benchmark - share;
  return s;
}

CellStatus combine_strands(std::span<const Direction> strands) {
  // "In line" from one strand is an absence of evidence, not evidence of absence (its interval
  // is often wide): two strands significantly worse corroborate each other whatever a third in
  // line says; one strand worse against others in line is unconfirmed.
  int directed = 0, better = 0, worse = 0;
  bool insufficient = false;
  for (Direction d : strands) {
    switch (d) {
      case Direction::kBetter:
        ++better;
        ++directed;
        break;
      case Direction::kWorse:
        ++worse;
        ++directed;
        break;
      case Direction::kMixed:
        ++better;
        ++worse;
        ++directed;
        break;
      case Direction::kInLine:
        ++directed;
        break;
      case Direction::kInsufficient:
        insufficient = true;
        break;
      case Direction::kNoEvidence:
        break;
    }
  }
  if (directed == 0) return insufficient ? CellStatus::kInsufficient : CellStatus::kNoEvidence;
  if (directed == 1) return CellStatus::kSingleSource;
  if (better > 0 && worse > 0) return CellStatus::kDivergent;
  if (worse > 0)
    return worse >= 2 ? CellStatus::kCorroboratedConcern : CellStatus::kUnconfirmedConcern;
  if (better > 0)
    return better >= 2 ? CellStatus::kCorroboratedStrength : CellStatus::kUnconfirmedStrength;
  return CellStatus::kInLine;
}

namespace {

constexpr double kNaN = stats::detail::kNaN;

// A share as a whole percentage, halves up ("-" for NaN).
std::string whole_percent(double share) {
  if (std::isnan(share)) return "-";
  return absl::StrCat(static_cast<long long>(std::floor(share * 100.0 + 0.5)));
}
std::string percent(double share) {
  return std::isnan(share) ? "-" : absl::StrCat(whole_percent(share), "%");
}

// The strand's summary direction from its signals (one for audits and surveys, one per
// indicator for performance).
Direction strand_direction(const std::vector<const Signal*>& signals) {
  bool better = false, worse = false, in_line = false, insufficient = false;
  for (const Signal* s : signals) {
    better |= s->direction == Direction::kBetter;
    worse |= s->direction == Direction::kWorse;
    in_line |= s->direction == Direction::kInLine;
    insufficient |= s->direction == Direction::kInsufficient;
  }
  if (better && worse) return Direction::kMixed;
  if (worse) return Direction::kWorse;
  if (better) return Direction::kBetter;
  if (in_line) return Direction::kInLine;
  return insufficient ? Direction::kInsufficient : Direction::kNoEvidence;
}

// What a strand is called in sentences: "audits", "the survey", or the indicator.
std::string strand_subject(const Signal& s) {
  switch (s.strand) {
    case Strand::kAudit:
      return "audits";
    case Strand::kSurvey:
      return "the survey";
    case Strand::kPerformance:
      break;
  }
  return s.measure.empty() ? s.item : s.measure;
}

std::string capitalised(std::string text) {
  if (!text.empty()) text[0] = absl::ascii_toupper(static_cast<unsigned char>(text[0]));
  return text;
}

// "audits: 38% Good or better (5 of 13; 95% CI 18-64%) against 66% rest of service (n 80): worse"
std::string signal_phrase(const Signal& s, double level) {
  std::string out = capitalised(strand_subject(s));
  if (s.strand == Strand::kPerformance && !s.period.empty())
    absl::StrAppend(&out, " (", s.period, ")");
  absl::StrAppend(&out, ": ", percent(s.estimate));
  if (s.strand != Strand::kPerformance) absl::StrAppend(&out, " ", s.measure);
  absl::StrAppend(&out, " (", s.count, " of ", s.n);
  if (!std::isnan(s.low))
    absl::StrAppend(&out, "; ", std::lround(level * 100), "% CI ", whole_percent(s.low), "-",
                    percent(s.high));
  absl::StrAppend(&out, ")");
  if (s.direction == Direction::kInsufficient) {
    absl::StrAppend(&out, ", not compared (", s.note, ")");
    return out;
  }
  absl::StrAppend(&out, " against ", percent(s.benchmark), " ", s.comparator);
  if (s.comparator_n > 0) absl::StrAppend(&out, " (n ", s.comparator_n, ")");
  if (s.strand == Strand::kPerformance && s.polarity == Polarity::kLowerIsBetter)
    absl::StrAppend(&out, ", lower is better");
  absl::StrAppend(&out, ": ", sv(direction_name(s.direction)));
  if (s.strong) absl::StrAppend(&out, " (beyond the 99.8% limit)");
  return out;
}

// "a", "a and b", "a, b and c", with the verb that agrees with it ("shows" or "show").
std::string join_subjects(const std::vector<std::string>& subjects) {
  if (subjects.size() <= 1) return subjects.empty() ? "" : subjects[0];
  return absl::StrCat(
      absl::StrJoin(std::vector<std::string>(subjects.begin(), subjects.end() - 1), ", "), " and ",
      subjects.back());
}
std::string show(const std::vector<std::string>& subjects) {
  return subjects.size() == 1 && subjects[0] != "audits" ? "shows" : "show";
}

// The question for the QA Steering Group.
std::string question_for(const Cell& cell, const std::vector<Signal>& signals) {
  std::vector<std::string> better, worse, in_line;
  for (std::size_t i : cell.signals) {
    const Signal& s = signals[i];
    if (s.direction == Direction::kBetter) better.push_back(strand_subject(s));
    if (s.direction == Direction::kWorse) worse.push_back(strand_subject(s));
    if (s.direction == Direction::kInLine) in_line.push_back(strand_subject(s));
  }
  switch (cell.status) {
    case CellStatus::kCorroboratedConcern:
      return absl::StrCat("What lies behind the weaker picture of ", cell.theme, " in ", cell.unit,
                          ", where ", join_subjects(worse), worse.size() == 2 ? " both" : " all",
                          " point to concern",
                          in_line.empty() ? ""
                                          : absl::StrCat(" (though ", join_subjects(in_line), " ",
                                                         show(in_line), " it in line)"),
                          ", and what will change before the next review?");
    case CellStatus::kDivergent:
      return absl::StrCat("In ", cell.unit, ", ", join_subjects(better), " ", show(better), " ",
                          cell.theme, " better than its comparator but ", join_subjects(worse), " ",
                          show(worse), " it worse: why do they disagree, and which is right?");
    default:
      break;
  }
  return absl::StrCat("Is the concern about ", cell.theme, " in ", cell.unit, " from ",
                      join_subjects(worse), " real, given that ", join_subjects(in_line), " ",
                      show(in_line), " it in line, and what evidence would settle it?");
}

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

struct Builder {
  const AuditSet& audits;
  const SurveyResponses* survey;
  const Performance* performance;
  const EvidenceMap& map;
  const TriangulationOptions& options;
  Diagnostics& diag;
  Units units;
  Triangulation out;
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
    std::vector<std::string> names = units.names;
    return absl::StrJoin(names, ", ");
  }

  absl::Status make_units() {
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

  void performance_strand(const std::string& theme, std::vector<std::size_t>& made) {
    std::vector<std::pair<std::string, std::int64_t>> indicators;  // item, map line (0: definition)
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
      // The period: as asked, or the indicator's latest.
      std::optional<DayNumber> start;
      std::string period;
      for (const IndicatorValue& v : performance->values) {
        if (v.indicator != item) continue;
        if (options.period ? v.period == *options.period : (!start || v.period_start > *start)) {
          start = v.period_start;
          period = v.period;
        }
      }
      if (!start) {
        note(absl::StrCat("Indicator '", item, "' has no value",
                          options.period ? absl::StrCat(" for ", *options.period) : "", "."));
        continue;
      }
      std::vector<std::int64_t> count(units.names.size(), 0), n(units.names.size(), 0);
      std::int64_t team_count = 0, team_n = 0;
      bool has_service_row = false;
      for (const IndicatorValue& v : performance->values) {
        if (v.indicator != item || v.period_start != *start) continue;
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

  absl::StatusOr<Triangulation> run() {
    if (options.min_n < 1)
      return absl::InvalidArgumentError(
          absl::StrCat("min_n must be at least 1, got ", options.min_n));
    if (!(options.level > 0.0 && options.level < options.strong_level &&
          options.strong_level < 1.0))
      return absl::InvalidArgumentError("levels must satisfy 0 < level < strong_level < 1");
    if (auto s = make_units(); !s.ok()) return s;
    out.options = options;
    out.units = units.names;
    out.themes = map.themes();
    check_teams();
    check_definition_themes();
    if (!diag.ok()) return diag.to_status();
    // Signals of each theme, strand by strand; then the cells.
    std::vector<std::vector<std::size_t>> by_theme(out.themes.size());
    for (std::size_t t = 0; t < out.themes.size(); ++t) {
      audit_strand(out.themes[t], by_theme[t]);
      survey_strand(out.themes[t], by_theme[t]);
      performance_strand(out.themes[t], by_theme[t]);
    }
    if (!diag.ok()) return diag.to_status();
    for (std::size_t u = 0; u < out.units.size(); ++u) {
      for (std::size_t t = 0; t < out.themes.size(); ++t) {
        Cell cell;
        cell.unit = out.units[u];
        cell.theme = out.themes[t];
        std::vector<const Signal*> per_strand[3];
        for (std::size_t i : by_theme[t]) {
          const Signal& s = out.signals[i];
          if (s.unit != cell.unit) continue;
          cell.signals.push_back(i);
          per_strand[static_cast<int>(s.strand)].push_back(&s);
          const bool directed = s.direction == Direction::kBetter ||
                                s.direction == Direction::kWorse ||
                                s.direction == Direction::kInLine;
          if (directed) cell.n += s.n;
          if (s.direction == Direction::kBetter || s.direction == Direction::kWorse) {
            cell.strong = cell.strong || s.strong;
            cell.gap = std::max(cell.gap, std::abs(s.gap));
          }
        }
        for (int k = 0; k < 3; ++k) cell.strands[k] = strand_direction(per_strand[k]);
        cell.status = combine_strands(cell.strands);
        out.cells.push_back(std::move(cell));
      }
    }
    make_kloes();
    return std::move(out);
  }

  void make_kloes() {
    std::vector<std::tuple<int, int, std::int64_t, double, std::size_t>> order;
    for (std::size_t i = 0; i < out.cells.size(); ++i) {
      const Cell& c = out.cells[i];
      if (!raises_kloe(c.status)) continue;
      order.emplace_back(static_cast<int>(c.status), c.strong ? 0 : 1, -c.n, -c.gap, i);
    }
    std::sort(order.begin(), order.end());
    for (const auto& key : order) {
      const Cell& c = out.cells[std::get<4>(key)];
      LineOfEnquiry k;
      k.rank = out.kloes.size() + 1;
      k.unit = c.unit;
      k.theme = c.theme;
      k.status = c.status;
      k.strong = c.strong;
      k.n = c.n;
      k.gap = c.gap;
      std::vector<std::string> phrases;
      for (std::size_t i : c.signals)
        phrases.push_back(signal_phrase(out.signals[i], options.level));
      std::string status(cell_status_name(c.status));
      status[0] = absl::ascii_toupper(static_cast<unsigned char>(status[0]));
      k.evidence = absl::StrCat(status, c.strong ? " (strong: beyond 99.8% limits)" : "", " in ",
                                c.unit, ", ", c.theme, ". ", absl::StrJoin(phrases, "; "), ".");
      k.question = question_for(c, out.signals);
      out.kloes.push_back(std::move(k));
    }
  }
};

}  // namespace

absl::StatusOr<Triangulation> triangulate(const AuditSet& audits, const SurveyResponses* survey,
                                          const Performance* performance, const EvidenceMap& map,
                                          const TriangulationOptions& options, Diagnostics* diag) {
  Diagnostics local;
  Builder b{audits, survey, performance, map, options, diag != nullptr ? *diag : local,
            {},     {},     {},          {}};
  return b.run();
}

}  // namespace qaframe
