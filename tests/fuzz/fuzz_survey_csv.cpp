// The survey reader (parse_survey_csv) on any bytes: either every answer loads, on the scale or
// N/A, with its line, or the load fails as a whole with problems that each name the file.
#include <string>

#include "fuzz_target.hpp"
#include "qaframe/readers/survey.hpp"

QAFRAME_FUZZ_TARGET(survey_csv) {
  qaframe::Diagnostics diag;
  auto survey = qaframe::parse_survey_csv(data, "fuzz.csv", {}, &diag);
  if (!survey.ok()) {
    QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(survey.status()));
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
  const std::size_t n = survey->size();
  QAFRAME_FUZZ_CHECK(survey->source() == "fuzz.csv");
  QAFRAME_FUZZ_CHECK(survey->answers().size() == n);
  QAFRAME_FUZZ_CHECK(survey->lines().size() == n);
  QAFRAME_FUZZ_CHECK(survey->team().size() == n);
  QAFRAME_FUZZ_CHECK(survey->respondent().size() == n);
  QAFRAME_FUZZ_CHECK(survey->question().size() == n);
  const std::size_t levels = survey->scale().size();
  QAFRAME_FUZZ_CHECK(survey->positive_from() < levels);
  std::int64_t last_line = 1;  // the header
  for (std::size_t i = 0; i < n; ++i) {
    const qaframe::Grade a = survey->answers()[i];
    QAFRAME_FUZZ_CHECK(a == qaframe::kNotApplicable || a < levels);
    QAFRAME_FUZZ_CHECK(survey->lines()[i] > last_line);  // rows in file order, after the header
    last_line = survey->lines()[i];
  }
}
