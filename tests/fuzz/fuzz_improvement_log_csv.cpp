// The improvement-log reader (parse_log_csv) on any bytes: either every KLOE loads, the log
// writes back to CSV and reads back equal, the written log cut at its last line ends (its end
// line gone, or its last KLOE) is refused, and merging no new lines of enquiry into it keeps every
// row unchanged; or the load fails as a whole with problems that each name the file.
#include <string>

#include "fuzz_target.hpp"
#include "qaframe/analysis/log_merge.hpp"
#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/readers/improvement_log.hpp"

QAFRAME_FUZZ_TARGET(improvement_log_csv) {
  qaframe::Diagnostics diag;
  auto log = qaframe::parse_log_csv(data, "fuzz.csv", &diag);
  if (!log.ok()) {
    QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(log.status()));
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

  // Lossless round trip.
  const std::string csv = log->to_csv();
  qaframe::Diagnostics again_diag;
  auto again = qaframe::parse_log_csv(csv, "again.csv", &again_diag);
  QAFRAME_FUZZ_CHECK(again.ok());
  QAFRAME_FUZZ_CHECK(*again == *log);

  // A cut log is refused, never read as a shorter one: without its end line, or without its
  // last KLOE (the end line kept, as a copy that lost a row would).
  const std::size_t end_line = csv.rfind('\n', csv.size() - 2) + 1;
  QAFRAME_FUZZ_CHECK(csv.substr(end_line).starts_with(qaframe::kEndOfLog));
  qaframe::Diagnostics cut_diag;
  QAFRAME_FUZZ_CHECK(!qaframe::parse_log_csv(csv.substr(0, end_line), "cut.csv", &cut_diag).ok());
  if (!log->entries.empty()) {
    qaframe::ImprovementLog shorter = *log;
    shorter.entries.pop_back();
    std::string lost = shorter.to_csv();
    lost.erase(lost.rfind('\n', lost.size() - 2) + 1);
    lost += csv.substr(end_line);  // the end line of the whole log
    qaframe::Diagnostics lost_diag;
    QAFRAME_FUZZ_CHECK(!qaframe::parse_log_csv(lost, "lost.csv", &lost_diag).ok());
  }

  // Merging nothing new loses no row and changes none.
  qaframe::ImprovementLog merged = *log;
  const qaframe::Triangulation empty;
  const qaframe::LogMergeSummary summary = qaframe::merge_kloes(merged, empty, 17622);
  QAFRAME_FUZZ_CHECK(summary == qaframe::LogMergeSummary{});
  QAFRAME_FUZZ_CHECK(merged == *log);
}
