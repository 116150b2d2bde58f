// The caseload reader (parse_caseload_csv) on any bytes, then a sample drawn from it: either the
// load fails as a whole with problems that each name the file and never carry a row's child_id;
// or the sample takes each team's quota or all its eligible children (with a warning when
// short), never a child audited in the window, and is the same when drawn again.
#include <set>
#include <string>

#include "fuzz_target.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/analysis/cycle/sampling.hpp"
#include "qaframe/readers/cycle/caseload.hpp"

QAFRAME_FUZZ_TARGET(caseload_csv) {
  static const qaframe::AuditSet audits = *qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_date,grade\nA1,C1,Alpha,2018-03-01,Good\n"
      "A2,C2,Beta,2017-01-10,Good\n",
      "audits.csv");
  qaframe::Diagnostics diag;
  auto caseload = qaframe::parse_caseload_csv(data, "fuzz.csv", &diag);
  if (!caseload.ok()) {
    QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(caseload.status()));
    QAFRAME_FUZZ_CHECK(!diag.problems().empty());
    for (const qaframe::DataProblem& p : diag.problems()) {
      QAFRAME_FUZZ_CHECK(p.source == "fuzz.csv");
      QAFRAME_FUZZ_CHECK(!p.reason.empty());
      // A data row's child_id is never shown (a header's repeated "child_id" name may be).
      QAFRAME_FUZZ_CHECK(p.row < 0 || p.column != "child_id" || p.value.empty());
    }
    return;
  }
  qaframe::SampleOptions o;
  o.seed = 20180501;
  o.as_of = *qaframe::parse_date("2018-04-30");
  auto s = qaframe::sample_cases(*caseload, audits, o);
  QAFRAME_FUZZ_CHECK(s.ok());
  std::set<std::string> chosen;
  for (const qaframe::SampledCase& c : s->cases) {
    QAFRAME_FUZZ_CHECK(c.child_id != "C1");  // audited on 1 March 2018, inside the window
    QAFRAME_FUZZ_CHECK(chosen.insert(c.child_id).second);
    QAFRAME_FUZZ_CHECK(c.key == qaframe::sampling_key(o.seed, c.child_id));
  }
  std::size_t short_teams = 0;
  for (const qaframe::TeamSample& t : s->teams) {
    QAFRAME_FUZZ_CHECK(t.sampled == std::min(t.quota, t.eligible));
    QAFRAME_FUZZ_CHECK(t.eligible == t.caseload - t.excluded_recent);
    short_teams += t.shortfall > 0 ? 1 : 0;
  }
  QAFRAME_FUZZ_CHECK(s->warnings.size() == short_teams);
  QAFRAME_FUZZ_CHECK(*qaframe::sample_cases(*caseload, audits, o) == *s);
}
