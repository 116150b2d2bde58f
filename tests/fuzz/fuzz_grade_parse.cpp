// Grade labels on any text, on the built-in scales and on a custom scale made from the input:
// a level of the scale whose canonical label reads back as the same grade, or an error.
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "fuzz_target.hpp"
#include "qaframe/model/grade_scale.hpp"
#include "qaframe/model/text.hpp"

namespace {

void check_parse(const qaframe::GradeScale& scale, std::string_view text) {
  auto grade = scale.parse(text);
  if (!grade.ok()) {
    QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(grade.status()));
    QAFRAME_FUZZ_CHECK(!scale.find(text).has_value());
    return;
  }
  QAFRAME_FUZZ_CHECK(*grade == qaframe::kNotApplicable || *grade < scale.size());
  QAFRAME_FUZZ_CHECK(scale.find(text) == *grade);
  auto again = scale.parse(scale.label(*grade));
  QAFRAME_FUZZ_CHECK(again.ok() && *again == *grade);
  auto level = scale.level(text);
  QAFRAME_FUZZ_CHECK(!level.ok() || *level == *grade);
}

}  // namespace

QAFRAME_FUZZ_TARGET(grade_parse) {
  check_parse(qaframe::GradeScale::ofsted(), data);
  check_parse(qaframe::GradeScale::met_not_met(), data);
  // Before the first newline: labels of a custom scale (comma-separated); after it: a label.
  const std::size_t nl = data.find('\n');
  if (nl == std::string_view::npos) return;
  std::vector<std::string> levels = absl::StrSplit(qaframe::sv(data.substr(0, nl)), ',');
  auto scale = qaframe::GradeScale::custom("fuzz", levels);
  if (!scale.ok()) {
    QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(scale.status()));
    return;
  }
  QAFRAME_FUZZ_CHECK(scale->size() == levels.size());
  for (std::size_t i = 0; i < levels.size(); ++i) {
    auto g = scale->parse(levels[i]);
    QAFRAME_FUZZ_CHECK(g.ok() && *g == i);
  }
  check_parse(*scale, data.substr(nl + 1));
}
