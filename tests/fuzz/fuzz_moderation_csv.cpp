// The moderation-file join (join_moderation_csv) on any bytes, against a fixed set of five
// audits: either every row joins (same audits, final grades the moderated ones where recorded and
// the auditor's otherwise, and the moderation summary runs and counts every moderated audit), or
// the join fails as a whole with problems that each name the file.
#include <cstdint>
#include <string>

#include "fuzz_target.hpp"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/moderation_csv.hpp"

namespace {

const qaframe::AuditSet& fixed_audits() {
  static const qaframe::AuditSet audits = [] {
    auto parsed = qaframe::parse_audits_csv(
        "audit_id,child_id,team,audit_type,programme,audit_date,auditor,grade\n"
        "A1,C1,Ambleside,General Audits,Core,02/10/2017,J. Thornton,Good\n"
        "A2,C2,Brambles,General Audits,Core,04/10/2017,N. Sharma,Requires Improvement\n"
        "A3,C3,Ambleside,Themed,Edge,05/10/2017,J. Thornton,Inadequate\n"
        "A4,C4,DCT,General Audits,Core,06/10/2017,N. Sharma,Outstanding\n"
        "A5,C5,DCT,Themed,Edge,07/10/2017,P. Quinn,N/A\n",
        "audits.csv");
    if (!parsed.ok()) throw qaframe::fuzz::InvariantBroken("the fixed audits do not parse");
    return *std::move(parsed);
  }();
  return audits;
}

}  // namespace

QAFRAME_FUZZ_TARGET(moderation_csv) {
  const qaframe::AuditSet& audits = fixed_audits();
  qaframe::Diagnostics diag;
  auto joined = qaframe::join_moderation_csv(audits, data, "fuzz.csv", &diag);
  if (!joined.ok()) {
    QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(joined.status()));
    QAFRAME_FUZZ_CHECK(diag.total() >= 1);
    QAFRAME_FUZZ_CHECK(!diag.problems().empty());
    for (const qaframe::DataProblem& p : diag.problems()) {
      QAFRAME_FUZZ_CHECK(p.source == "fuzz.csv");
      QAFRAME_FUZZ_CHECK(!p.reason.empty());
      QAFRAME_FUZZ_CHECK(p.line >= 1);
    }
    return;
  }
  QAFRAME_FUZZ_CHECK(diag.ok());
  QAFRAME_FUZZ_CHECK(joined->has_moderation());
  QAFRAME_FUZZ_CHECK(joined->size() == audits.size());
  auto moderated = joined->grade_column("moderated_grade");
  QAFRAME_FUZZ_CHECK(moderated.ok());
  QAFRAME_FUZZ_CHECK(moderated->grades.size() == audits.size());
  const auto original = joined->grades();
  const auto final_grades = joined->final_grades();
  QAFRAME_FUZZ_CHECK(final_grades.size() == audits.size());
  std::int64_t recorded = 0;
  for (std::size_t i = 0; i < audits.size(); ++i) {
    QAFRAME_FUZZ_CHECK(joined->audit_id_unchecked(i) == audits.audit_id_unchecked(i));
    QAFRAME_FUZZ_CHECK(original[i] == audits.grades()[i]);
    const qaframe::Grade m = moderated->grades[i];
    if (m != qaframe::kNotRecorded) ++recorded;
    QAFRAME_FUZZ_CHECK(final_grades[i] == (m != qaframe::kNotRecorded ? m : original[i]));
  }

  qaframe::ModerationOptions options;
  options.n_resamples = 20;  // the bootstrap must not slow fuzzing to a crawl
  auto summary = qaframe::moderation_summary(*joined, options);
  if (recorded == 0) {
    QAFRAME_FUZZ_CHECK(summary.ok() || absl::IsFailedPrecondition(summary.status()));
    if (!summary.ok()) return;
  }
  QAFRAME_FUZZ_CHECK(summary.ok());
  QAFRAME_FUZZ_CHECK(summary->audits == static_cast<std::int64_t>(audits.size()));
  QAFRAME_FUZZ_CHECK(summary->moderated == recorded);
  QAFRAME_FUZZ_CHECK(summary->pairs <= summary->moderated);
  std::int64_t table_total = 0;
  for (const auto& row : summary->table) {
    QAFRAME_FUZZ_CHECK(row.size() == summary->table.size());
    for (std::int64_t c : row) table_total += c;
  }
  QAFRAME_FUZZ_CHECK(table_total == summary->moderated);
}
