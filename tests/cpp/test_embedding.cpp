// The C++ API as an embedding system meets it (issue 20, item 6): a const AuditSet shared by
// eight threads gives every thread the single-threaded answers (run under ThreadSanitizer by
// scripts/test.sh: the case names "thread"); result types default-construct; a braced list of
// columns picks one crosstab overload; the moderation summary renders alone as JSON.
#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/report/report.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "qaframe/tally/grade_table.hpp"

using qaframe::AuditSet;
using qaframe::GradeScale;

namespace {

AuditSet sample() {
  auto s = qaframe::read_audits_csv(std::string(QAFRAME_SOURCE_DIR) + "/data/sample/audits.csv");
  REQUIRE(s.ok());
  return *std::move(s);
}

// One computation's results, rendered, so that threads compare texts.
struct Results {
  std::string team_table;
  std::string two_column_table;
  std::string profile;
  std::string moderation;
  friend bool operator==(const Results&, const Results&) = default;
};

Results compute(const AuditSet& audits) {
  qaframe::ModerationOptions m;
  m.n_resamples = 200;  // the bootstrap's draws are per call (seeded): no shared state
  auto team = qaframe::crosstab(audits, "team");
  auto two = qaframe::crosstab(audits, {"programme", "audit_type"});
  auto profile = qaframe::render_profile_json(qaframe::profile(audits), 2);
  auto moderation = qaframe::moderation_summary(audits, m);
  if (!team.ok() || !two.ok() || !profile.ok() || !moderation.ok()) return {};
  return {qaframe::render_json(*team), qaframe::render_json(*two), *profile,
          qaframe::render_moderation_json(*moderation)};
}

}  // namespace

TEST_CASE("embedding: 8 threads share one const AuditSet (thread safety)") {
  const AuditSet audits = sample();
  const Results expected = compute(audits);
  REQUIRE_FALSE(expected.team_table.empty());
  constexpr int kThreads = 8, kEach = 20;
  std::atomic<int> done{0}, mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        if (!(compute(audits) == expected)) ++mismatches;
        ++done;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(done.load() == 160);
  CHECK(mismatches.load() == 0);
}

TEST_CASE("embedding: result types default-construct as empty results on the Ofsted scale") {
  const qaframe::GradeProfile p;
  CHECK(p.scale == GradeScale::ofsted());
  CHECK(p.counts.levels() == 4);
  CHECK(p.counts.n() == 0);
  CHECK(p.n_children == 0);
  const qaframe::ModerationSummary m;
  CHECK(m.scale == GradeScale::ofsted());
  CHECK(m.audits == 0);
  CHECK(m.pairs == 0);
  CHECK(m.agreement.empty());
  CHECK(m.options.n_resamples == 2000);
}

TEST_CASE("embedding: a braced list of columns is one crosstab call, by one column or two") {
  const AuditSet audits = sample();
  auto two = qaframe::crosstab(audits, {"team", "programme"});
  REQUIRE(two.ok());
  auto listed = qaframe::crosstab(audits, std::vector<std::string>{"team", "programme"});
  REQUIRE(listed.ok());
  CHECK(*two == *listed);
  CHECK(two->by_columns() == std::vector<std::string>{"team", "programme"});
  auto one = qaframe::crosstab(audits, {"programme"});
  REQUIRE(one.ok());
  CHECK(*one == *qaframe::crosstab(audits, "programme"));
  CHECK(one->rows() == std::vector<std::string>{"Core", "Practice Review Week"});
  CHECK(qaframe::crosstab(audits, {}).status().message() == "crosstab needs at least one column");
}

TEST_CASE("embedding: the moderation summary alone as JSON") {
  const AuditSet audits = sample();
  auto m = qaframe::moderation_summary(audits);
  REQUIRE(m.ok());
  const std::string json = qaframe::render_moderation_json(*m);
  CHECK(json.back() == '\n');
  CHECK(json.find('\n') == json.size() - 1);  // one line
  CHECK(json.find("\"scale\": \"ofsted\"") != std::string::npos);
  CHECK(json.find("\"levels\": [\"Inadequate\", ") != std::string::npos);
  CHECK(json.find(absl::StrCat("\"audits\": ", m->audits, ", \"moderated\": ", m->moderated,
                               ", \"pairs\": ", m->pairs)) != std::string::npos);
  CHECK(json.find("\"statistic\": \"exact agreement\"") != std::string::npos);
  CHECK(json.find("\"seed\": 20180331") != std::string::npos);
  CHECK(json.find("C-") == std::string::npos);  // no child identifier
}
