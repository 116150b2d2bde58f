// The workbook reader (parse_xlsx, xlsx_sheet_names, audits_from_sheet) on any bytes: it never
// crashes; a sheet it reads has increasing row numbers within Excel's, rows that end at a value,
// cells of valid UTF-8 whose text agrees with their type; a refusal names the file in every
// problem, in valid UTF-8; and a sheet cut into parts read on several threads reads exactly as
// on one (the same table, or the same problems).
//
// The first byte chooses what the rest is. '1': the parts of a workbook, split at NUL bytes
// (sheet XML, shared strings, styles, workbook XML), packed here into a zip archive with true
// checksums, so that mutations reach the XML parsers; anything else: the whole file (seeds are
// real workbooks, which begin "PK").
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_target.hpp"
#include "qaframe/io/csv.hpp"
#include "qaframe/readers/audits_xlsx.hpp"
#include "qaframe/io/xlsx.hpp"
#include "stored_zip.hpp"

namespace {

// A workbook whose sheet, shared strings, styles and workbook parts are the given texts.
std::string workbook_of_parts(std::string_view data) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (parts.size() < 3) {
    const std::size_t nul = data.find('\0', start);
    if (nul == std::string_view::npos) break;
    parts.emplace_back(data.substr(start, nul - start));
    start = nul + 1;
  }
  parts.emplace_back(data.substr(std::min(start, data.size())));
  parts.resize(4);
  const std::string rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string workbook = !parts[3].empty() ? parts[3]
                                           : "<workbook xmlns:r=\"" + rels +
                                                 "\"><sheets><sheet name=\"S\" r:id=\"rId1\"/>"
                                                 "</sheets></workbook>";
  return qaframe::fuzz::stored_zip({
      {"[Content_Types].xml", "<Types/>"},
      {"_rels/.rels", "<Relationships><Relationship Id=\"rId1\" Type=\"" + rels +
                          "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", workbook},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships><Relationship Id=\"rId1\" Type=\"" + rels +
           "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" +
           rels +
           "/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" "
           "Type=\"" +
           rels + "/styles\" Target=\"styles.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", parts[0]},
      {"xl/sharedStrings.xml", parts[1]},
      {"xl/styles.xml", parts[2]},
  });
}

// Valid UTF-8, where a NUL byte (a _x0000_ escape) counts as a character.
bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\0') {
      ++i;
      continue;
    }
    const std::size_t n = qaframe::utf8_sequence_length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

void check_sheet(const qaframe::SheetTable& t) {
  std::int64_t last = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::int64_t row = t.row_number(i);
    QAFRAME_FUZZ_CHECK(row > last && row <= 1048576);
    last = row;
    const std::size_t width = t.row_width(i);
    QAFRAME_FUZZ_CHECK(width >= 1 && width <= t.width() && width <= 16384);
    QAFRAME_FUZZ_CHECK(!t.cell(i, width - 1).empty());
    for (std::size_t c = 0; c < width; ++c) {
      const std::string_view text = t.cell(i, c);
      const qaframe::CellType type = t.type(i, c);
      QAFRAME_FUZZ_CHECK(valid_utf8(text));
      QAFRAME_FUZZ_CHECK(text.empty() == (type == qaframe::CellType::kEmpty));
      if (type == qaframe::CellType::kBoolean)
        QAFRAME_FUZZ_CHECK(text == "TRUE" || text == "FALSE");
      if (type == qaframe::CellType::kNumber) {
        double v = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        QAFRAME_FUZZ_CHECK(ec == std::errc() && ptr == text.data() + text.size());
      }
      if (type == qaframe::CellType::kDate || type == qaframe::CellType::kDateTime) {
        QAFRAME_FUZZ_CHECK(text.size() == (type == qaframe::CellType::kDate ? 10u : 19u));
        QAFRAME_FUZZ_CHECK(digits(text.substr(0, 4)) && text[4] == '-' && text[7] == '-');
      }
      const std::string ref = qaframe::cell_reference(row, static_cast<std::int64_t>(c));
      const auto back = qaframe::parse_cell_reference(ref);
      QAFRAME_FUZZ_CHECK(back && back->first == row &&
                         back->second == static_cast<std::int64_t>(c));
    }
  }
  for (const qaframe::CellRange& m : t.merged()) {
    QAFRAME_FUZZ_CHECK(m.first_row <= m.last_row && m.first_column <= m.last_column);
  }
}

void check_refusal(const qaframe::Diagnostics& diag, const absl::Status& status) {
  QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(status));
  QAFRAME_FUZZ_CHECK(diag.total() >= 1 && !diag.problems().empty());
  for (const qaframe::DataProblem& p : diag.problems()) {
    QAFRAME_FUZZ_CHECK(p.source.starts_with("fuzz.xlsx"));
    QAFRAME_FUZZ_CHECK(!p.reason.empty());
    QAFRAME_FUZZ_CHECK(valid_utf8(p.to_string()) && p.to_string().find('\0') == std::string::npos);
  }
}

}  // namespace

QAFRAME_FUZZ_TARGET(xlsx) {
  std::string built;
  if (!data.empty() && data[0] == '1') {
    built = workbook_of_parts(data.substr(1));
    data = built;
  }
  // Small limits, so that a run tries many inputs rather than a few large ones.
  qaframe::XlsxOptions options;
  options.max_entry_bytes = 8u << 20;
  options.max_total_bytes = 16u << 20;
  options.max_cells = 1u << 20;

  qaframe::Diagnostics names_diag;
  auto names = qaframe::xlsx_sheet_names(data, "fuzz.xlsx", options, &names_diag);
  if (!names.ok()) check_refusal(names_diag, names.status());

  qaframe::Diagnostics diag(4);
  options.threads = 1;
  auto sheet = qaframe::parse_xlsx(data, "fuzz.xlsx", options, &diag);
  // In parts: as many as there are rows to cut at, however small the sheet.
  qaframe::XlsxOptions in_parts = options;
  in_parts.threads = 3;
  in_parts.bytes_per_thread = 1;
  qaframe::Diagnostics parts_diag(4);
  auto parts = qaframe::parse_xlsx(data, "fuzz.xlsx", in_parts, &parts_diag);
  QAFRAME_FUZZ_CHECK(parts.ok() == sheet.ok());
  if (sheet.ok()) QAFRAME_FUZZ_CHECK(*parts == *sheet);
  QAFRAME_FUZZ_CHECK(parts_diag.total() == diag.total());
  QAFRAME_FUZZ_CHECK(parts_diag.problems() == diag.problems());
  if (!sheet.ok()) {
    check_refusal(diag, sheet.status());
    return;
  }
  QAFRAME_FUZZ_CHECK(diag.ok());
  QAFRAME_FUZZ_CHECK(names.ok());
  QAFRAME_FUZZ_CHECK(std::find(names->begin(), names->end(), sheet->sheet()) != names->end());
  check_sheet(*sheet);

  qaframe::Diagnostics audits_diag(8);
  auto audits = qaframe::audits_from_sheet(*sheet, {}, 0, &audits_diag);
  if (audits.ok()) {
    QAFRAME_FUZZ_CHECK(audits->size() < sheet->size());
    return;
  }
  check_refusal(audits_diag, audits.status());
  for (const qaframe::DataProblem& p : audits_diag.problems()) {
    QAFRAME_FUZZ_CHECK(p.source == sheet->source());
  }
}
