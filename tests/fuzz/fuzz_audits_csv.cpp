// The audit-file loader (parse_audits_csv) on any bytes, then everything downstream of a load:
// either every record loads, writes back to CSV and reads back as an equal set, and tabulates and
// renders with the data's labels made inert; or the load fails as a whole with problems that each
// name the file. Read again on three threads with blocks of a few bytes (cut at every guess), the
// same set or the same problems.
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_target.hpp"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/report/report.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "qaframe/tally/grade_table.hpp"

QAFRAME_FUZZ_TARGET(audits_csv) {
  // The first byte picks the scale, the field limit, the number of problems kept, the encoding
  // (auto, UTF-8, Windows-1252, UTF-16) and the separator (chosen from the header, or commas).
  qaframe::ReadOptions options;
  std::size_t limit = qaframe::Diagnostics::kDefaultLimit;
  if (!data.empty()) {
    const auto b = static_cast<unsigned char>(data[0]);
    if (b & 1) options.scale = qaframe::GradeScale::met_not_met();
    if (b & 2) options.csv.max_field_bytes = 16;
    if (b & 4) limit = 2;
    constexpr qaframe::TextEncoding kEncodings[] = {
        qaframe::TextEncoding::kAuto, qaframe::TextEncoding::kUtf8,
        qaframe::TextEncoding::kWindows1252, qaframe::TextEncoding::kUtf16};
    options.csv.encoding = kEncodings[b >> 6];  // ASCII digits: auto
    if (b & 8) options.csv.delimiter = ',';
    data.remove_prefix(1);
  }
  options.threads = 1;
  qaframe::Diagnostics diag(limit);
  auto audits = qaframe::parse_audits_csv(data, "fuzz.csv", options, &diag);
  {
    qaframe::ReadOptions blocks = options;
    blocks.threads = 3;
    blocks.bytes_per_thread = 1 + data.size() / 5;
    qaframe::Diagnostics blocks_diag(limit);
    auto in_blocks = qaframe::parse_audits_csv(data, "fuzz.csv", blocks, &blocks_diag);
    QAFRAME_FUZZ_CHECK(in_blocks.ok() == audits.ok());
    QAFRAME_FUZZ_CHECK(in_blocks.status() == audits.status());
    QAFRAME_FUZZ_CHECK(blocks_diag.problems() == diag.problems());
    QAFRAME_FUZZ_CHECK(blocks_diag.total() == diag.total());
    QAFRAME_FUZZ_CHECK(blocks_diag.remarks() == diag.remarks());
    if (audits.ok()) QAFRAME_FUZZ_CHECK(*in_blocks == *audits);
  }
  if (!audits.ok()) {
    QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(audits.status()));
    QAFRAME_FUZZ_CHECK(diag.total() >= 1);
    QAFRAME_FUZZ_CHECK(!diag.problems().empty() && diag.problems().size() <= limit);
    for (const qaframe::DataProblem& p : diag.problems()) {
      QAFRAME_FUZZ_CHECK(p.source == "fuzz.csv");
      QAFRAME_FUZZ_CHECK(!p.reason.empty());
      QAFRAME_FUZZ_CHECK(p.line >= 1);
    }
    return;
  }
  QAFRAME_FUZZ_CHECK(diag.ok());

  // Lossless round trip.
  const std::string csv = audits->to_csv();
  qaframe::ReadOptions again_options = options;
  again_options.csv.max_field_bytes = 1u << 20;  // written fields may be quoted, never longer
  // Written as UTF-8 with commas: read back as a user would, the separator chosen again.
  again_options.csv.encoding = qaframe::TextEncoding::kAuto;
  again_options.csv.delimiter = '\0';
  auto again = qaframe::parse_audits_csv(csv, "again.csv", again_options);
  QAFRAME_FUZZ_CHECK(again.ok());
  QAFRAME_FUZZ_CHECK(*again == *audits);

  // Tallies count every audit once.
  auto by_team = qaframe::crosstab(*audits, "team");
  QAFRAME_FUZZ_CHECK(by_team.ok());
  QAFRAME_FUZZ_CHECK(by_team->total().n() == static_cast<std::int64_t>(audits->size()));
  QAFRAME_FUZZ_CHECK(qaframe::profile(*audits).counts == by_team->total());

  // Outputs: labels from the data never become markup or formulas.
  const std::string markdown = qaframe::render_markdown(*by_team);
  QAFRAME_FUZZ_CHECK(markdown.find('<') == std::string::npos);
  const std::string json = qaframe::render_json(*by_team);
  QAFRAME_FUZZ_CHECK(json.find('<') == std::string::npos);
  QAFRAME_FUZZ_CHECK(json.find('\n') == std::string::npos);
  const std::string table_csv = qaframe::render_csv(*by_team);
  // No cell of the table begins like a formula (a label's line break inside a quoted cell is
  // not the start of a cell, so the check reads the CSV rather than searching for "\n=").
  qaframe::CsvOptions table_options;
  table_options.max_field_bytes = 1u << 20;
  qaframe::CsvReader table_reader(table_csv, table_options);
  std::vector<std::string_view> cells;
  absl::Status table_status;
  while (table_reader.next(cells, table_status)) {
    for (std::string_view c : cells)
      QAFRAME_FUZZ_CHECK(c.empty() || std::string_view("=+-@\t\r").find(c[0]) == c.npos);
  }
  QAFRAME_FUZZ_CHECK(table_status.ok());
  qaframe::ReportOptions report;
  report.moderation.n_resamples = 20;  // the moderation bootstrap must not slow fuzzing to a crawl
  for (auto format : {qaframe::ReportFormat::kMarkdown, qaframe::ReportFormat::kJson}) {
    report.format = format;
    auto text = qaframe::render_report(*audits, report);
    QAFRAME_FUZZ_CHECK(text.ok());
    QAFRAME_FUZZ_CHECK(text->find('<') == std::string::npos);
  }
}
