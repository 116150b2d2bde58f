// Tallies of the parts of a set merge into the tally of the whole: distinct children (ChildSet)
// and the moderation counts, whose summary from merged parts equals the whole's.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/tally/child_set.hpp"
#include "qaframe/tally/moderation_tally.hpp"

namespace {

std::string sample_text() {
  std::ifstream in(std::string(QAFRAME_SOURCE_DIR) + "/data/sample/audits.csv");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The sample cut into parts of `rows` records, each with the header.
std::vector<qaframe::AuditSet> parts(std::size_t rows) {
  const std::string text = sample_text();
  std::istringstream in(text);
  std::string header, line;
  std::getline(in, header);
  std::vector<qaframe::AuditSet> out;
  std::string part;
  std::size_t n = 0;
  auto flush = [&] {
    auto set = qaframe::parse_audits_csv(header + "\n" + part, "part.csv");
    REQUIRE(set.ok());
    out.push_back(*std::move(set));
    part.clear();
    n = 0;
  };
  while (std::getline(in, line)) {
    part += line + "\n";
    if (++n == rows) flush();
  }
  if (n > 0) flush();
  return out;
}

}  // namespace

TEST_CASE("ChildSet: distinct children of parts merge to the whole's, exactly") {
  // 120 audits of 37 children, each child in several parts of 13 audits.
  std::string header = "audit_id,child_id,team,audit_date,grade\n", text = header;
  std::vector<std::string> pieces(1, header);
  for (int i = 0; i < 120; ++i) {
    const std::string row =
        absl::StrCat("A", i, ",C-", (i * 7) % 37, ",T", i % 3, ",2018-01-01,Good\n");
    text += row;
    if (i % 13 == 0 && i > 0) pieces.push_back(header);
    pieces.back() += row;
  }
  auto whole = qaframe::parse_audits_csv(text, "audits.csv");
  REQUIRE(whole.ok());
  const qaframe::ChildSet all = qaframe::ChildSet::of(*whole);
  CHECK(all.size() == 37);
  CHECK(all.size() == whole->count_children());
  qaframe::ChildSet merged;
  std::size_t sum = 0;
  for (const std::string& piece : pieces) {
    auto p = qaframe::parse_audits_csv(piece, "part.csv");
    REQUIRE(p.ok());
    const qaframe::ChildSet s = qaframe::ChildSet::of(*p);
    CHECK(s.size() == p->count_children());
    sum += s.size();
    merged.merge(s);
  }
  CHECK(merged == all);
  CHECK(sum > all.size());  // children recur across parts: counts do not add

  // A filtered subset shares its parent's levels: only the children it holds are counted.
  auto t0 = whole->filter({{{"team", {"T0"}}}, std::nullopt, std::nullopt});
  REQUIRE(t0.ok());
  std::set<int> children;
  for (int i = 0; i < 120; i += 3) children.insert((i * 7) % 37);
  CHECK(qaframe::ChildSet::of(*t0).size() == children.size());
  CHECK(qaframe::ChildSet::of(*t0).size() == t0->count_children());

  // The hash is fixed: the same on every machine (the FNV-1a and SplitMix64 constants).
  // Values from an independent Python implementation of the same two steps.
  CHECK(qaframe::ChildSet::hash("") == 0xf52a15e9a9b5e89bull);
  CHECK(qaframe::ChildSet::hash("C-22282") == 0xbe2605fd36a8186full);
  CHECK(qaframe::ChildSet::hash("C-22282") != qaframe::ChildSet::hash("C-22283"));
  qaframe::ChildSet s;
  s.insert("b");
  s.insert("a");
  s.insert("b");
  CHECK(s.size() == 2);
  CHECK(qaframe::ChildSet::from_hashes({s.hashes()[1], s.hashes()[0], s.hashes()[1]}) == s);
}

TEST_CASE("ModerationTally: merged parts give the whole's tally and the same summary") {
  auto whole = qaframe::parse_audits_csv(sample_text(), "audits.csv");
  REQUIRE(whole.ok());
  auto all = qaframe::ModerationTally::of(*whole);
  REQUIRE(all.ok());
  const std::vector<qaframe::AuditSet> pieces = parts(29);
  REQUIRE(pieces.size() == 5);
  auto merged = qaframe::ModerationTally::of(pieces[0]);
  REQUIRE(merged.ok());
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    auto t = qaframe::ModerationTally::of(pieces[i]);
    REQUIRE(t.ok());
    REQUIRE(merged->merge(*t).ok());
  }
  CHECK(*merged == *all);
  CHECK(all->audits == 118);
  CHECK(all->pairs > 0);

  auto a = qaframe::moderation_summary(*whole);
  auto b = qaframe::moderation_summary(*merged);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->table == b->table);
  REQUIRE(a->agreement.size() == b->agreement.size());
  for (std::size_t i = 0; i < a->agreement.size(); ++i) {
    CHECK(a->agreement[i].statistic == b->agreement[i].statistic);
    CHECK(a->agreement[i].estimate == b->agreement[i].estimate);
    CHECK(a->agreement[i].low == b->agreement[i].low);
    CHECK(a->agreement[i].high == b->agreement[i].high);
  }
  REQUIRE(a->by_auditor.size() == b->by_auditor.size());
  for (std::size_t i = 0; i < a->by_auditor.size(); ++i) {
    CHECK(a->by_auditor[i].label == b->by_auditor[i].label);
    CHECK(a->by_auditor[i].adjusted == b->by_auditor[i].adjusted);
  }
  CHECK(a->overall.raised == b->overall.raised);

  auto other = qaframe::ModerationTally::empty(qaframe::GradeScale::met_not_met());
  CHECK(!merged->merge(other).ok());
  auto none = qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_date,grade\nA,C,T,2018-01-01,Good\n", "x.csv");
  REQUIRE(none.ok());
  CHECK(absl::IsFailedPrecondition(qaframe::ModerationTally::of(*none).status()));
}
