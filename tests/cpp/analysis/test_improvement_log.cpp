// The Performance Improvement Log: lossless CSV round trip, validation, and the monthly merge
// (no duplicate open KLOEs, nothing deleted, resolved concerns marked for review, closed ones
// staying closed).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "qaframe/analysis/log_merge.hpp"
#include "qaframe/readers/improvement_log.hpp"

using qaframe::CellStatus;
using qaframe::KloeStatus;

namespace {

qaframe::DayNumber day(const char* iso) { return *qaframe::parse_date(iso); }

// A triangulation with one theme and the given cells, each raising a KLOE when its status does.
qaframe::Triangulation triangulation(std::vector<std::pair<std::string, CellStatus>> cells) {
  qaframe::Triangulation t;
  t.themes = {"Planning"};
  for (const auto& [unit, status] : cells) {
    t.units.push_back(unit);
    qaframe::Cell c;
    c.unit = unit;
    c.theme = "Planning";
    c.status = status;
    t.cells.push_back(c);
    if (qaframe::raises_kloe(status)) {
      qaframe::LineOfEnquiry k;
      k.rank = t.kloes.size() + 1;
      k.unit = unit;
      k.theme = "Planning";
      k.status = status;
      k.evidence = "Evidence for " + unit;
      k.question = "Why, " + unit + "?";
      t.kloes.push_back(k);
    }
  }
  return t;
}

}  // namespace

TEST_CASE("log: CSV round trip without loss, awkward text included") {
  const std::string text =
      "kloe_id,raised,theme,unit,evidence,question,owner,status,review_by,closed,outcome,updated,"
      "RAG\n"
      "KLOE-201801-001,31/01/2018,Planning,DCT,\"Plans, \"\"SMART\"\"?\nSecond line\",Why?,"
      "\"Smith, J.\",open,2018-03-31,,'=SUM(A1),,Red\n"
      "KLOE-201712-001,2017-12-29,Voice,Brambles,x,y,,closed,,2018-02-28,done,2018-02-28,\n"
      "#end of log: 2 KLOEs,,,,,,,,,,,,\n";  // a spreadsheet's trailing commas
  auto log = qaframe::parse_log_csv(text, "log.csv");
  REQUIRE(log.ok());
  REQUIRE(log->entries.size() == 2);
  const auto& e = log->entries[0];
  CHECK(e.raised == day("2018-01-31"));
  CHECK(e.evidence == "Plans, \"SMART\"?\nSecond line");
  CHECK(e.owner == "Smith, J.");
  CHECK(e.outcome == "=SUM(A1)");  // the spreadsheet guard is removed on reading
  CHECK(e.status == KloeStatus::kOpen);
  CHECK_FALSE(e.updated.has_value());
  CHECK(log->extra_columns == std::vector<std::string>{"RAG"});
  CHECK(e.extra == std::vector<std::string>{"Red"});
  CHECK(log->entries[1].status == KloeStatus::kClosed);
  const std::string written = log->to_csv();
  CHECK(written.find("'=SUM(A1)") != std::string::npos);   // guarded again for spreadsheets
  CHECK(written.find("2018-01-31") != std::string::npos);  // dates ISO
  CHECK(written.ends_with("\n#end of log: 2 KLOEs\n"));
  auto again = qaframe::parse_log_csv(written, "log2.csv");
  REQUIRE(again.ok());
  CHECK(*again == *log);
  CHECK(again->to_csv() == written);
}

TEST_CASE("log: bad rows are reported with line, column and reason") {
  qaframe::Diagnostics d;
  auto log = qaframe::parse_log_csv(
      "kloe_id,raised,theme,unit,evidence,question,owner,status,review_by,closed,outcome\n"
      "K1,2018-01-31,Planning,DCT,,,,pending,,,\n"
      "K2,,Planning,H4U,,,,closed,,,\n"
      "K3,2018-01-31,Planning,DCT,,,,open,,,\n"
      "K4,2018-01-31,Voice,DCT,,,,open,,,\n"
      "K4,2018-02-30,Voice,YOS,,,,open,,2018-03-01,\n"
      "K5,2018-01-31,Voice,DCT,,,,in review,,,\n"
      "#end of log\n",
      "log.csv", &d);
  REQUIRE_FALSE(log.ok());
  std::vector<std::string> p;
  for (const auto& x : d.problems()) p.push_back(x.to_string());
  REQUIRE(p.size() == 5);
  CHECK(p[0] ==
        "log.csv:2: column 'status': value 'pending': status must be open, in review or "
        "closed");
  CHECK(p[1] == "log.csv:3: column 'raised': value '': raised is empty; it is required");
  CHECK(p[2].rfind("log.csv:6: column 'raised': value '2018-02-30': ", 0) == 0);
  CHECK(p[3] == "log.csv:6: column 'kloe_id': value 'K4': kloe_id repeated (first on line 5)");
  CHECK(p[4] ==
        "log.csv:7: column 'kloe_id': value 'K5': a second KLOE not closed for this unit "
        "and theme (K4 on line 5); close or merge one");
  // ... and a closed KLOE needs its date (line 3 had already failed on raised).
  qaframe::Diagnostics d2;
  log = qaframe::parse_log_csv(
      "kloe_id,raised,theme,unit,evidence,question,owner,status,review_by,closed,outcome\n"
      "K2,2018-01-01,Planning,H4U,,,,closed,,,\n"
      "#end of log\n",
      "log.csv", &d2);
  REQUIRE_FALSE(log.ok());
  CHECK(d2.problems()[0].to_string() ==
        "log.csv:2: column 'closed': value '': a closed KLOE needs the date it was closed");
}

TEST_CASE("log: a month's KLOEs merge without duplicates and nothing is lost") {
  auto log = qaframe::parse_log_csv(
      "kloe_id,raised,theme,unit,evidence,question,owner,status,review_by,closed,outcome\n"
      "KLOE-201712-001,2017-12-29,Planning,Brambles,old,old?,Ann,closed,,2018-02-28,fixed\n"
      "KLOE-201801-001,2018-01-31,Planning,DCT,old,old?,Bob,open,2018-03-31,,\n"
      "KLOE-201801-002,2018-01-31,Planning,All,old,old?,Cy,open,2018-03-31,,\n"
      "KLOE-201803-004,2018-03-01,Planning,Elsewhere,x,x?,,open,,,\n"
      "#end of log: 4 KLOEs\n",
      "log.csv");
  REQUIRE(log.ok());
  const auto before = *log;
  // DCT still a concern; All resolved; Brambles recurs (its KLOE was closed); H4U is new.
  auto t = triangulation({{"DCT", CellStatus::kCorroboratedConcern},
                          {"All", CellStatus::kInLine},
                          {"Brambles", CellStatus::kDivergent},
                          {"H4U", CellStatus::kUnconfirmedConcern}});
  const auto as_of = day("2018-03-27");
  auto summary = qaframe::merge_kloes(*log, t, as_of);
  CHECK(summary.added == 2);
  CHECK(summary.updated == 1);
  CHECK(summary.marked_for_review == 1);
  REQUIRE(log->entries.size() == 6);
  // Every old row is still there, in order.
  for (std::size_t i = 0; i < before.entries.size(); ++i)
    CHECK(log->entries[i].kloe_id == before.entries[i].kloe_id);
  // Closed stays closed, untouched.
  CHECK(log->entries[0] == before.entries[0]);
  // DCT: the same KLOE, evidence updated, owner kept.
  CHECK(log->entries[1].evidence == "Evidence for DCT");
  CHECK(log->entries[1].owner == "Bob");
  CHECK(log->entries[1].status == KloeStatus::kOpen);
  CHECK(log->entries[1].updated == as_of);
  // All: marked for review, dated, with a note.
  CHECK(log->entries[2].status == KloeStatus::kInReview);
  CHECK(log->entries[2].updated == as_of);
  CHECK(log->entries[2].outcome ==
        "2018-03-27: triangulation no longer shows a concern (now in line); for review.");
  // A unit the run did not cover is left alone.
  CHECK(log->entries[3] == before.entries[3]);
  // New KLOEs numbered after the month's highest, in priority order.
  CHECK(log->entries[4].kloe_id == "KLOE-201803-005");
  CHECK(log->entries[4].unit == "Brambles");
  CHECK(log->entries[4].raised == as_of);
  CHECK(log->entries[4].review_by == as_of + 28);
  CHECK(log->entries[4].status == KloeStatus::kOpen);
  CHECK(log->entries[5].kloe_id == "KLOE-201803-006");
  CHECK(log->entries[5].unit == "H4U");

  // The same run again changes nothing: no duplicate, no second note.
  const auto once = *log;
  summary = qaframe::merge_kloes(*log, t, as_of);
  CHECK(summary == qaframe::LogMergeSummary{0, 0, 0});
  CHECK(*log == once);

  // The next month All's concern returns: its in-review KLOE reopens (not a new one).
  auto t2 = triangulation({{"All", CellStatus::kCorroboratedConcern}});
  summary = qaframe::merge_kloes(*log, t2, day("2018-04-30"));
  CHECK(summary.updated == 1);
  CHECK(summary.added == 0);
  CHECK(log->entries[2].status == KloeStatus::kOpen);
  CHECK(log->entries[2].outcome.find("2018-04-30: concern found again (corroborated concern); "
                                     "reopened.") != std::string::npos);
  // And the merged log round-trips.
  auto again = qaframe::parse_log_csv(log->to_csv(), "log.csv");
  REQUIRE(again.ok());
  CHECK(*again == *log);
}
