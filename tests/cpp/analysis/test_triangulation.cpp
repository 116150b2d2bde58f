// Triangulation on small hand-built cases whose right answer is plain to a careful analyst:
// the decision rule (a team of five with one Inadequate is not a concern), the combination of
// strands, the matrix, the order and wording of the lines of enquiry, and the audit domain hook.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/evidence_map.hpp"
#include "qaframe/readers/performance.hpp"
#include "qaframe/readers/survey.hpp"
#include "qaframe/report/triangulation_report.hpp"

using qaframe::CellStatus;
using qaframe::Direction;
using qaframe::Polarity;
using qaframe::TriangulationOptions;

namespace {

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// Audits of team `team`: `good` Good, `other` Inadequate; domain "voice" Good on the first
// `voice_good` rows, empty (not recorded) on the rest.
void add_audits(std::string& csv, const std::string& team, int good, int other, int voice_good,
                int& id) {
  for (int i = 0; i < good + other; ++i, ++id) {
    absl::StrAppend(&csv, "A", id, ",C", id, ",", team, ",01/03/2018,",
                    i < good ? "Good" : "Inadequate", ",", i < voice_good ? "Good" : "", "\n");
  }
}

qaframe::AuditSet audits() {
  std::string csv = "audit_id,child_id,team,audit_date,grade,domain:voice\n";
  int id = 1;
  add_audits(csv, "A", 4, 1, 5, id);    // a team of five, one Inadequate
  add_audits(csv, "B", 28, 2, 0, id);   // audits much better than elsewhere
  add_audits(csv, "C", 8, 22, 0, id);   // much worse
  add_audits(csv, "D", 18, 12, 0, id);  // like elsewhere
  auto a = qaframe::parse_audits_csv(csv, "audits.csv");
  REQUIRE(a.ok());
  return *std::move(a);
}

// `positive` Agree and `negative` Disagree answers to `question` from team `team`.
void add_answers(std::string& csv, const std::string& team, const std::string& question,
                 int positive, int negative, int& id) {
  for (int i = 0; i < positive + negative; ++i, ++id)
    absl::StrAppend(&csv, "R", id, ",", team, ",parent,", question, ",",
                    i < positive ? "Agree" : "Disagree", "\n");
}

qaframe::SurveyResponses survey() {
  std::string csv = "respondent_id,team,respondent,question,answer\n";
  int id = 1;
  add_answers(csv, "A", "Q1", 2, 1, id);
  add_answers(csv, "B", "Q1", 6, 24, id);
  add_answers(csv, "C", "Q1", 6, 24, id);
  add_answers(csv, "D", "Q1", 24, 6, id);
  csv += "R999,All,carer,Q1,Don't know\n";  // not an answer: not counted
  auto s = qaframe::parse_survey_csv(csv, "survey.csv");
  REQUIRE(s.ok());
  return *std::move(s);
}

qaframe::Performance performance() {
  const std::string defs =
      "indicator,description,polarity,target,benchmark,benchmark_source,theme\n"
      "IND,Visits in timescale,higher_is_better,90%,0.8,England,Practice\n";
  const std::string values =
      "indicator,team,period,numerator,denominator\n"
      "IND,A,2018-02,1,12\n"  // an earlier period: not used
      "IND,A,2018-03,10,12\n"
      "IND,C,2018-03,20,40\n"
      "IND,D,2018-03,38,40\n";
  auto p = qaframe::parse_performance_csv(values, "performance.csv", defs, "indicators.csv");
  REQUIRE(p.ok());
  return *std::move(p);
}

qaframe::EvidenceMap evidence_map() {
  auto m = qaframe::parse_evidence_map_csv(
      "theme,source,item,target\n"
      "Practice,audit,overall,\n"
      "Practice,survey,Q1,\n"
      "Practice,performance,IND,\n"
      "Voice,audit,voice,50%\n",
      "evidence_map.csv");
  REQUIRE(m.ok());
  return *std::move(m);
}

}  // namespace

TEST_CASE("triangulation: a share against its benchmark, by the exact binomial tail") {
  const TriangulationOptions o;
  // A team of five with one Inadequate, against 60% elsewhere: in line, not a concern.
  auto s = qaframe::compare_with_benchmark(4, 5, 0.6, Polarity::kHigherIsBetter, o).value();
  CHECK(s.direction == Direction::kInLine);
  CHECK(s.tail_probability ==
        doctest::Approx(0.6 * 0.6 * 0.6 * 0.6 * 0.6 + 5 * 0.6 * 0.6 * 0.6 * 0.6 * 0.4));
  // Five of five: P(R >= 5) = 0.6^5 = 0.078 > 0.025, so in line, although 100% lies above the
  // interpolated 95% funnel limit.
  s = qaframe::compare_with_benchmark(5, 5, 0.6, Polarity::kHigherIsBetter, o).value();
  CHECK(s.direction == Direction::kInLine);
  CHECK(s.tail_probability == doctest::Approx(0.07776));
  CHECK(s.limit_high < 1.0);
  // None of five: P(R <= 0) = 0.4^5 = 0.0102 <= 0.025: worse, but not beyond 99.8%.
  s = qaframe::compare_with_benchmark(0, 5, 0.6, Polarity::kHigherIsBetter, o).value();
  CHECK(s.direction == Direction::kWorse);
  CHECK_FALSE(s.strong);
  CHECK(s.tail_probability == doctest::Approx(0.01024));
  CHECK(s.gap == doctest::Approx(-0.6));
  // Below the minimum n: insufficient, whatever the share.
  s = qaframe::compare_with_benchmark(0, 4, 0.9, Polarity::kHigherIsBetter, o).value();
  CHECK(s.direction == Direction::kInsufficient);
  CHECK(s.note == "fewer than 5 cases");
  CHECK(s.estimate == 0.0);
  // Nothing to compare with.
  s = qaframe::compare_with_benchmark(10, 20, std::nan(""), Polarity::kHigherIsBetter, o).value();
  CHECK(s.direction == Direction::kInsufficient);
  // Polarity: 40% re-referrals against 22% is worse when lower is better, and strong.
  s = qaframe::compare_with_benchmark(20, 50, 0.22, Polarity::kLowerIsBetter, o).value();
  CHECK(s.direction == Direction::kWorse);
  CHECK(s.gap == doctest::Approx(-0.18));
  s = qaframe::compare_with_benchmark(2, 50, 0.22, Polarity::kLowerIsBetter, o).value();
  CHECK(s.direction == Direction::kBetter);
  CHECK(s.strong);
  // No cases at all.
  CHECK(
      qaframe::compare_with_benchmark(0, 0, 0.5, Polarity::kHigherIsBetter, o).value().direction ==
      Direction::kNoEvidence);
}

TEST_CASE("triangulation: combining strands into a cell") {
  using D = Direction;
  auto status = [](std::vector<D> d) { return qaframe::combine_strands(d); };
  CHECK(status({D::kNoEvidence, D::kNoEvidence, D::kNoEvidence}) == CellStatus::kNoEvidence);
  CHECK(status({D::kInsufficient, D::kNoEvidence, D::kNoEvidence}) == CellStatus::kInsufficient);
  CHECK(status({D::kWorse, D::kInsufficient, D::kNoEvidence}) == CellStatus::kSingleSource);
  CHECK(status({D::kWorse, D::kWorse, D::kInsufficient}) == CellStatus::kCorroboratedConcern);
  CHECK(status({D::kWorse, D::kWorse, D::kWorse}) == CellStatus::kCorroboratedConcern);
  CHECK(status({D::kBetter, D::kWorse, D::kInLine}) == CellStatus::kDivergent);
  CHECK(status({D::kInLine, D::kMixed, D::kNoEvidence}) == CellStatus::kDivergent);
  CHECK(status({D::kWorse, D::kInLine, D::kNoEvidence}) == CellStatus::kUnconfirmedConcern);
  CHECK(status({D::kWorse, D::kInLine, D::kInLine}) == CellStatus::kUnconfirmedConcern);
  // Two strands significantly worse corroborate each other; a third in line does not undo that.
  CHECK(status({D::kInLine, D::kWorse, D::kWorse}) == CellStatus::kCorroboratedConcern);
  CHECK(status({D::kBetter, D::kInLine, D::kBetter}) == CellStatus::kCorroboratedStrength);
  CHECK(status({D::kBetter, D::kBetter, D::kNoEvidence}) == CellStatus::kCorroboratedStrength);
  CHECK(status({D::kBetter, D::kInLine, D::kInLine}) == CellStatus::kUnconfirmedStrength);
  CHECK(status({D::kInLine, D::kInLine, D::kNoEvidence}) == CellStatus::kInLine);
}

TEST_CASE("triangulation: the audit strand counts Good or better of graded audits per unit") {
  const qaframe::AuditSet a = audits();
  auto team = a.categorical("team");
  REQUIRE(team.ok());
  auto c = qaframe::count_good_by_unit(a.grades(), a.scale(), **team);
  CHECK(c.count == std::vector<std::int64_t>{4, 28, 8, 18});
  CHECK(c.n == std::vector<std::int64_t>{5, 30, 30, 30});
  // A domain column: empty cells are not recorded and left out, like N/A.
  auto voice = qaframe::resolve_audit_item(a, "voice");
  REQUIRE(voice.ok());
  CHECK(voice->name == "domain:voice");
  c = qaframe::count_good_by_unit(voice->grades, *voice->scale, **team);
  CHECK(c.count == std::vector<std::int64_t>{5, 0, 0, 0});
  CHECK(c.n == std::vector<std::int64_t>{5, 0, 0, 0});
  auto overall = qaframe::resolve_audit_item(a, "Overall");
  REQUIRE(overall.ok());
  CHECK(overall->name == "final_grade");
  CHECK(absl::IsNotFound(qaframe::resolve_audit_item(a, "planning").status()));
}

TEST_CASE("triangulation: the overall audit item is the final grade, moderated where moderated") {
  auto a = qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_date,grade,moderated_grade\n"
      "A1,C1,A,01/03/2018,Inadequate,Good\n"
      "A2,C2,A,01/03/2018,Good,\n"
      "A3,C3,A,01/03/2018,Good,Requires Improvement\n",
      "audits.csv");
  REQUIRE(a.ok());
  auto item = qaframe::resolve_audit_item(*a, "overall");
  REQUIRE(item.ok());
  auto team = a->categorical("team");
  REQUIRE(team.ok());
  auto c = qaframe::count_good_by_unit(item->grades, *item->scale, **team);
  CHECK(c.count == std::vector<std::int64_t>{2});  // A1 moderated up, A3 down
  CHECK(c.n == std::vector<std::int64_t>{3});
}

TEST_CASE("triangulation: matrix, evidence and lines of enquiry of a hand-built service") {
  const auto a = audits();
  const auto s = survey();
  const auto p = performance();
  const auto m = evidence_map();
  auto r = qaframe::triangulate(a, &s, &p, m);
  REQUIRE(r.ok());
  const qaframe::Triangulation& t = *r;
  REQUIRE(t.units == std::vector<std::string>{"A", "B", "C", "D", "All"});
  REQUIRE(t.themes == std::vector<std::string>{"Practice", "Voice"});
  auto cell = [&](std::size_t u, std::size_t th) { return t.cell_unchecked(u, th); };
  // A: 4 of 5 Good against 60% elsewhere, in line; 3 survey answers, too few; visits in line.
  CHECK(cell(0, 0).status == CellStatus::kInLine);
  CHECK(cell(0, 0).strands[0] == Direction::kInLine);
  CHECK(cell(0, 0).strands[1] == Direction::kInsufficient);
  CHECK(cell(0, 0).strands[2] == Direction::kInLine);
  // B: audits better, families worse.
  CHECK(cell(1, 0).status == CellStatus::kDivergent);
  CHECK(cell(1, 0).strands[2] == Direction::kNoEvidence);
  // C: every strand worse.
  CHECK(cell(2, 0).status == CellStatus::kCorroboratedConcern);
  CHECK(cell(2, 0).strong);
  CHECK(cell(2, 0).n == 30 + 30 + 40);
  // D: audits in line, survey and visits better: two strands better corroborate each other.
  CHECK(cell(3, 0).status == CellStatus::kCorroboratedStrength);
  // The service: audits and survey have no target; visits 68 of 92 (teams summed) in line.
  CHECK(cell(4, 0).status == CellStatus::kSingleSource);
  CHECK(cell(4, 0).strands[0] == Direction::kInsufficient);
  CHECK(cell(4, 0).strands[2] == Direction::kInLine);
  // Voice (audit domain, target 50%): A 5 of 5 is in line (P = 0.5^5 = 0.031 > 0.025); the
  // others have no voice grade recorded; the service's 5 of 5 against 50% likewise.
  CHECK(cell(0, 1).status == CellStatus::kSingleSource);
  CHECK(cell(1, 1).status == CellStatus::kNoEvidence);
  CHECK(cell(4, 1).status == CellStatus::kSingleSource);

  // The evidence behind C, Practice.
  const qaframe::Signal* audit = nullptr;
  for (std::size_t i : cell(2, 0).signals)
    if (t.signals[i].strand == qaframe::Strand::kAudit) audit = &t.signals[i];
  REQUIRE(audit != nullptr);
  CHECK(audit->count == 8);
  CHECK(audit->n == 30);
  CHECK(audit->comparator == "rest of service");
  CHECK(audit->comparator_n == 65);
  CHECK(audit->benchmark == doctest::Approx(50.0 / 65.0));
  CHECK(audit->direction == Direction::kWorse);
  CHECK(audit->strong);
  // The indicator's latest period (2018-03) is used, not the earlier one.
  for (const auto& sig : t.signals)
    if (sig.strand == qaframe::Strand::kPerformance && sig.unit == "A") {
      CHECK(sig.period == "2018-03");
      CHECK(sig.count == 10);
    }
  CHECK(t.notes.size() == 1);  // the service's visits are the sum of the teams'
  CHECK(contains(t.notes[0], "sum of the teams"));

  // Lines of enquiry: the corroborated concern first, then the divergent cell.
  REQUIRE(t.kloes.size() == 2);
  const auto& k1 = t.kloes[0];
  CHECK(k1.rank == 1);
  CHECK(k1.unit == "C");
  CHECK(k1.theme == "Practice");
  CHECK(k1.status == CellStatus::kCorroboratedConcern);
  CHECK(
      contains(k1.evidence, "Corroborated concern (strong: beyond 99.8% limits) in C, Practice."));
  CHECK(contains(k1.evidence,
                 "Audits: 27% Good or better (8 of 30; 95% CI 14-44%) against 77% "
                 "rest of service (n 65): worse (beyond the 99.8% limit)"));
  CHECK(contains(k1.evidence, "The survey: 20% positive (Agree or better) (6 of 30 respondents;"));
  CHECK(contains(k1.evidence, "Visits in timescale (2018-03): 50% (20 of 40;"));
  CHECK(contains(k1.evidence, "against 80% England: worse"));
  CHECK(k1.question ==
        "What lies behind the weaker picture of Practice in C, where audits, the survey and "
        "Visits in timescale all point to concern, and what will change before the next review?");
  const auto& k2 = t.kloes[1];
  CHECK(k2.unit == "B");
  CHECK(k2.status == CellStatus::kDivergent);
  CHECK(k2.question ==
        "In B, audits show Practice better than its comparator but the survey shows it worse: "
        "why do they disagree, and which is right?");

  // The report section escapes data and shows the matrix and the lines of enquiry.
  const std::string md = qaframe::render_triangulation_markdown(t);
  CHECK(contains(md, "| C | **corroborated concern** | no evidence |"));
  CHECK(contains(md, "1. **C, Practice** (corroborated concern, strong)."));
  const std::string json = qaframe::render_triangulation_json(t);
  CHECK(contains(json, "\"matrix\": [[\"in line\", \"single source\"], [\"divergent\""));
}

TEST_CASE("triangulation: a team of five with one Inadequate is never a concern") {
  // Every strand of team A says 4 of 5 (80%) against a 95% target: in line, no KLOE.
  std::string audit_csv = "audit_id,child_id,team,audit_date,grade,domain:voice\n";
  int id = 1;
  add_audits(audit_csv, "A", 4, 1, 0, id);
  add_audits(audit_csv, "B", 40, 0, 0, id);
  auto a = qaframe::parse_audits_csv(audit_csv, "audits.csv");
  REQUIRE(a.ok());
  auto m = qaframe::parse_evidence_map_csv("theme,source,item,target\nPractice,audit,grade,95%\n",
                                           "map.csv");
  REQUIRE(m.ok());
  auto t = qaframe::triangulate(*a, nullptr, nullptr, *m);
  REQUIRE(t.ok());
  CHECK(t->cell_unchecked(0, 0).status == CellStatus::kSingleSource);
  CHECK(t->cell_unchecked(0, 0).strands[0] == Direction::kInLine);
  CHECK(t->kloes.empty());
}

TEST_CASE("triangulation: cross-references are checked, naming file, line and column") {
  const auto a = audits();
  const auto p = performance();
  auto s = qaframe::parse_survey_csv(
      "respondent_id,team,respondent,question,answer\nR1,A,child,Q1,Agree\nR2,Zed,child,Q1,Agree\n",
      "survey.csv");
  REQUIRE(s.ok());
  auto m = qaframe::parse_evidence_map_csv(
      "theme,source,item\nPractice,survey,Q9\nPractice,performance,NOPE\n", "map.csv");
  REQUIRE(m.ok());
  qaframe::Diagnostics diag;
  auto t = qaframe::triangulate(a, &*s, &p, *m, {}, &diag);
  REQUIRE_FALSE(t.ok());
  CHECK(absl::IsInvalidArgument(t.status()));
  REQUIRE(diag.problems().size() == 1);  // teams are checked first
  CHECK(diag.problems()[0].source == "survey.csv");
  CHECK(diag.problems()[0].line == 3);
  CHECK(diag.problems()[0].column == "team");
  CHECK(diag.problems()[0].value == "Zed");
  CHECK(contains(diag.problems()[0].reason, "the units are: A, B, C, D, All"));

  auto ok_survey = survey();
  qaframe::Diagnostics diag2;
  // The indicator IND's theme "Practice" is missing from this map, too.
  t = qaframe::triangulate(a, &ok_survey, &p, *m, {}, &diag2);
  REQUIRE_FALSE(t.ok());
  REQUIRE(diag2.problems().size() == 2);
  CHECK(diag2.problems()[0].to_string() ==
        "map.csv:2: column 'item': value 'Q9': no such question in survey.csv (questions asked: "
        "Q1)");
  CHECK(diag2.problems()[1].to_string() ==
        "map.csv:3: column 'item': value 'NOPE': no definition of this indicator in "
        "indicators.csv");
}
