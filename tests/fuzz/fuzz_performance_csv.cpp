// The performance reader (parse_performance_csv) on any bytes. It reads two files, so the first
// byte chooses what is fuzzed: 0 the values against fixed definitions, 1 the definitions against
// fixed values, 2 both (the rest split at its first NUL: values, then definitions). Either every
// value loads with a definition and a count within its denominator, or the load fails as a whole
// with problems that each name one of the two files.
#include <string>

#include "fuzz_target.hpp"
#include "qaframe/readers/performance.hpp"

namespace {

constexpr std::string_view kDefinitions =
    "indicator,description,polarity,target,benchmark,benchmark_source,theme\n"
    "ASSESS45,Assessments within 45 days,higher_is_better,85%,83%,statistical neighbours,"
    "Assessment\n"
    "REREF,Re-referrals within 12 months,lower_is_better,,0.22,England,Planning\n";
constexpr std::string_view kValues =
    "indicator,team,period,numerator,denominator\n"
    "ASSESS45,Ambleside,2017-10,42,51\n"
    "REREF,All,2017-10,12,60\n";

}  // namespace

QAFRAME_FUZZ_TARGET(performance_csv) {
  std::string_view values = kValues, definitions = kDefinitions;
  if (!data.empty()) {
    const int mode = static_cast<unsigned char>(data[0]) % 3;
    data.remove_prefix(1);
    if (mode == 0) {
      values = data;
    } else if (mode == 1) {
      definitions = data;
    } else {
      const std::size_t nul = data.find('\0');
      values = data.substr(0, nul);
      definitions = nul == std::string_view::npos ? std::string_view() : data.substr(nul + 1);
    }
  }
  qaframe::Diagnostics diag;
  auto perf = qaframe::parse_performance_csv(values, "values.csv", definitions, "defs.csv", &diag);
  if (!perf.ok()) {
    QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(perf.status()));
    QAFRAME_FUZZ_CHECK(diag.total() >= 1);
    QAFRAME_FUZZ_CHECK(!diag.problems().empty());
    for (const qaframe::DataProblem& p : diag.problems()) {
      QAFRAME_FUZZ_CHECK(p.source == "values.csv" || p.source == "defs.csv");
      QAFRAME_FUZZ_CHECK(!p.reason.empty());
      QAFRAME_FUZZ_CHECK(p.line >= 1);
    }
    return;
  }
  QAFRAME_FUZZ_CHECK(diag.ok());
  for (const qaframe::IndicatorDefinition& d : perf->definitions) {
    QAFRAME_FUZZ_CHECK(!d.indicator.empty());
    QAFRAME_FUZZ_CHECK(perf->find(d.indicator) != nullptr);
  }
  for (const qaframe::IndicatorValue& v : perf->values) {
    QAFRAME_FUZZ_CHECK(perf->find(v.indicator) != nullptr);
    QAFRAME_FUZZ_CHECK(v.numerator >= 0 && v.numerator <= v.denominator);
    QAFRAME_FUZZ_CHECK(v.line >= 2);
  }
}
