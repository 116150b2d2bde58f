// The DataFrame path (audits_from_columns) on columns cut from any bytes: the same rules as a file,
// and a set it accepts writes to CSV and reads back equal, so a frame can always be saved.
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "fuzz_target.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/audit_set_builder.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/readers/audits_csv.hpp"

QAFRAME_FUZZ_TARGET(audits_columns) {
  // Lines are rows, '\t' separates cells; the first line names the columns. Cells may hold any
  // bytes but '\t' and '\n' (as strings from pandas may, NUL included).
  std::vector<std::string> lines = absl::StrSplit(qaframe::sv(data), '\n');
  if (lines.empty()) return;
  std::vector<std::string> names = absl::StrSplit(lines[0], '\t');
  std::vector<std::vector<std::string>> columns(names.size());
  for (std::size_t r = 1; r < lines.size(); ++r) {
    std::vector<std::string> cells = absl::StrSplit(lines[r], '\t');
    cells.resize(names.size());
    for (std::size_t c = 0; c < names.size(); ++c) columns[c].push_back(std::move(cells[c]));
  }
  qaframe::Diagnostics diag;
  auto audits = qaframe::audits_from_columns(names, columns, qaframe::GradeScale::ofsted(),
                                             "DataFrame", &diag);
  if (!audits.ok()) {
    QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(audits.status()));
    for (const qaframe::DataProblem& p : diag.problems()) {
      QAFRAME_FUZZ_CHECK(p.source == "DataFrame");
      QAFRAME_FUZZ_CHECK(qaframe::find_invalid_utf8_or_nul(p.to_string()) == std::string::npos);
    }
    return;
  }
  QAFRAME_FUZZ_CHECK(audits->size() <= columns[0].size());
  qaframe::ReadOptions roomy;
  roomy.csv.max_field_bytes = 1u << 20;
  auto again = qaframe::parse_audits_csv(audits->to_csv(), "again.csv", roomy);
  QAFRAME_FUZZ_CHECK(again.ok());
  QAFRAME_FUZZ_CHECK(*again == *audits);
}
