// The fmt_* export variants (tests/data/exports/make_formats.py): each loads to a set equal to
// the sample's, whole and in chunks, with the choice it needed noted; and each way of failing
// gives its exact message.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "qaframe/io/csv_file.hpp"
#include "qaframe/io/text_encoding.hpp"
#include "qaframe/readers/audit_chunks.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/audits_file.hpp"

namespace {

const std::string kExports = std::string(QAFRAME_SOURCE_DIR) + "/tests/data/exports/";
const std::string kSampleAudits = std::string(QAFRAME_SOURCE_DIR) + "/data/sample/audits.csv";

qaframe::AuditSet sample(const qaframe::ReadOptions& options = {}) {
  auto s = qaframe::read_audits_file(kSampleAudits, options);
  REQUIRE(s.ok());
  return *std::move(s);
}

// The problems of reading `path`, each as DataProblem::to_string gives it.
std::vector<std::string> problems(const std::string& path, const qaframe::ReadOptions& options) {
  qaframe::Diagnostics d;
  auto s = qaframe::read_audits_file(path, options, {}, &d);
  CHECK_FALSE(s.ok());
  std::vector<std::string> out;
  for (const auto& p : d.problems()) out.push_back(p.to_string());
  return out;
}

// The CSV text of every chunk of a file read `rows` records and `block` bytes at a time, the
// header once: equal to the whole set's to_csv() when the chunks are the whole.
std::string chunked_csv(const std::string& path, const qaframe::ReadOptions& options,
                        std::size_t rows, std::size_t block) {
  qaframe::Diagnostics d;
  auto reader = qaframe::AuditChunkReader::open(path, rows, options, &d, block);
  REQUIRE(reader.ok());
  std::string out;
  bool first = true;
  while (true) {
    auto chunk = reader->next(&d);
    REQUIRE(chunk.ok());
    if (!chunk->has_value()) break;
    std::string text = (*chunk)->to_csv();
    if (!first) text.erase(0, text.find('\n') + 1);
    first = false;
    out += text;
  }
  return out;
}

std::string write_temp(const std::string& name, const std::string& bytes) {
  auto path = std::filesystem::temp_directory_path() / ("qaframe_fmt_" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

}  // namespace

TEST_CASE("export formats: encodings and separators load to the sample's set, noted") {
  const qaframe::AuditSet expected = sample();
  struct Variant {
    const char* file;
    std::vector<std::string> notes;
  };
  const std::vector<Variant> variants = {
      {"fmt_utf8_bom.csv", {}},
      {"fmt_utf16le.csv", {"read as UTF-16 (its byte-order mark says so)"}},
      {"fmt_utf16be.csv", {"read as UTF-16 (its byte-order mark says so)"}},
      {"fmt_utf16le_tab.txt",
       {"read as UTF-16 (its byte-order mark says so)",
        "fields separated by tabs (chosen from the header line)"}},
      {"fmt_semicolon.csv", {"fields separated by semicolons (chosen from the header line)"}},
      {"fmt_tab.csv", {"fields separated by tabs (chosen from the header line)"}},
      {"fmt_datetime_uk.csv", {}},
      {"fmt_datetime_uk_seconds.csv", {}},
      {"fmt_datetime_iso.csv", {}},
      {"fmt_datetime_iso_t.csv", {}},
      {"fmt_datetime_iso_fraction.csv", {}},
      {"fmt_nbsp.csv", {}},
  };
  for (const Variant& v : variants) {
    CAPTURE(v.file);
    const std::string path = kExports + v.file;
    qaframe::Diagnostics d;
    auto s = qaframe::read_audits_file(path, {}, {}, &d);
    REQUIRE(s.ok());
    CHECK(*s == expected);
    std::vector<std::string> notes;
    for (const std::string& n : v.notes) notes.push_back(path + ": " + n);
    CHECK(d.remarks() == notes);
    // Read in chunks of 7 rows and blocks of 61 bytes (characters and records cut everywhere).
    CHECK(chunked_csv(path, {}, 7, 61) == expected.to_csv());
    CHECK(chunked_csv(path, {}, 1000, 1) == expected.to_csv());
  }
}

TEST_CASE("export formats: Windows-1252 read as such equals the same names in UTF-8") {
  qaframe::ReadOptions cp1252;
  cp1252.csv.encoding = qaframe::TextEncoding::kWindows1252;
  auto expected = qaframe::read_audits_file(kExports + "fmt_windows1252_expected.csv");
  REQUIRE(expected.ok());
  auto s = qaframe::read_audits_file(kExports + "fmt_windows1252.csv", cp1252);
  REQUIRE(s.ok());
  CHECK(*s == *expected);
  const auto teams = s->categorical("team");
  REQUIRE(teams.ok());
  CHECK(std::find((*teams)->levels().begin(), (*teams)->levels().end(), "Brambles Café") !=
        (*teams)->levels().end());
  CHECK(chunked_csv(kExports + "fmt_windows1252.csv", cp1252, 5, 33) == expected->to_csv());
  // Read as UTF-8 (the default), the first bad value says what the file looks like.
  const auto p = problems(kExports + "fmt_windows1252.csv", {});
  REQUIRE(p.size() >= 1);
  CHECK(p[0] == kExports +
                    "fmt_windows1252.csv:2: column 'auditor': value 'J. O\\x92Thornton': text "
                    "that is not valid UTF-8 at byte 5 of the value; it looks like Windows-1252 "
                    "(0x92 is '’' there, what Excel's \"CSV (Comma delimited)\" writes): read it "
                    "with encoding = \"windows-1252\", or save the export as UTF-8 CSV");
}

TEST_CASE("export formats: a dash for N/A is refused, unless the scale lists it") {
  const auto p = problems(kExports + "fmt_dash_na.csv", {});
  REQUIRE(!p.empty());
  CHECK(p[0] == kExports +
                    "fmt_dash_na.csv:2: column 'domain:voice_of_child': value '-': a dash, not a "
                    "grade: if the export uses it for not applicable, list it under "
                    "not_applicable in the profile");
  qaframe::ReadOptions dash;
  dash.not_applicable = {"-"};  // in every grade column, domains too
  auto s = qaframe::read_audits_file(kExports + "fmt_dash_na.csv", dash);
  REQUIRE(s.ok());
  CHECK(*s == sample(dash));
}

TEST_CASE("export formats: a time of day that cannot be, and a two-digit year, are refused") {
  const auto bad_time = problems(kExports + "fmt_bad_time.csv", {});
  CHECK(bad_time ==
        std::vector<std::string>{
            kExports + "fmt_bad_time.csv:6: column 'audit_date': value '09/10/2017 25:00': not "
                       "a date: the time of day has no hour 25 (0-23)"});
  const auto two_digit = problems(kExports + "fmt_two_digit_year.csv", {});
  REQUIRE(two_digit.size() == 100);  // every row, up to the limit
  CHECK(two_digit[0] == kExports +
                            "fmt_two_digit_year.csv:2: column 'audit_date': value '02/10/17': not "
                            "a date: a two-digit year is ambiguous: write the year in full "
                            "(DD/MM/YYYY), or set two_digit_years in the profile");
  qaframe::ReadOptions pivot;
  pivot.dates.two_digit_year_pivot = 50;
  auto s = qaframe::read_audits_file(kExports + "fmt_two_digit_year.csv", pivot);
  REQUIRE(s.ok());
  CHECK(*s == sample());
}

TEST_CASE("export formats: text that is not in its encoding is refused at its line and byte") {
  const std::string header = "audit_id,child_id,team,audit_date,grade\n";
  auto utf16le = [](const std::string& ascii) {
    std::string out = "\xFF\xFE";
    for (char c : ascii) {
      out.push_back(c);
      out.push_back('\0');
    }
    return out;
  };
  struct Bad {
    const char* name;
    std::string bytes;
    qaframe::TextEncoding encoding;
    std::string message;  // after "<path>:"
  };
  const std::string rows = "A1,C1,Alpha,01/02/2018,Good\nA2,C2,Beta,01/02/2018,Good\n";
  std::string odd = utf16le(header + rows);
  odd.pop_back();
  std::string surrogate = utf16le(header + "A1,C1,Al");
  surrogate += std::string("\x00\xD8", 2) + utf16le("pha,01/02/2018,Good\n").substr(2);
  std::string nul = utf16le(header + "A1,C1,Al");
  nul += std::string("\0\0", 2) + utf16le("pha,01/02/2018,Good\n").substr(2);
  const std::vector<Bad> bad = {
      {"undefined_1252", header + "A1,C1,Caf\x81,01/02/2018,Good\n",
       qaframe::TextEncoding::kWindows1252,
       "2: text that is not valid Windows-1252 at byte 49 (0x81 stands for no character there); "
       "the file is in another encoding: read it with encoding = \"utf-8\" or \"auto\""},
      {"odd_utf16", odd, qaframe::TextEncoding::kAuto,
       "3: text that is not valid UTF-16 at byte 190 (the file ends inside a character: cut "
       "off?)"},
      {"surrogate", surrogate, qaframe::TextEncoding::kUtf16,
       "2: text that is not valid UTF-16 at byte 98 (half of a surrogate pair, alone); save the "
       "file again as UTF-16 or UTF-8"},
      {"nul_utf16", nul, qaframe::TextEncoding::kAuto,
       "2: a NUL character at byte 98 (a text file holds none: the file may be damaged, or not "
       "text)"},
      {"utf16_as_utf8", utf16le(header + rows), qaframe::TextEncoding::kUtf8,
       "1: the file begins with a UTF-16 LE byte-order mark, so it is not UTF-8 as asked: read "
       "it with encoding = \"utf-16\" (or \"auto\")"},
      {"utf8_as_1252", "\xEF\xBB\xBF" + header + rows, qaframe::TextEncoding::kWindows1252,
       "1: the file begins with a UTF-8 byte-order mark, so it is not Windows-1252 as asked: "
       "read it with encoding = \"utf-8\" (or \"auto\")"},
      {"utf16_without_mark", utf16le(header + rows).substr(2), qaframe::TextEncoding::kUtf16,
       "1: the file does not begin with a UTF-16 byte-order mark, so its byte order is not "
       "known: save it as UTF-16 with a byte-order mark (Excel's \"Unicode Text\" does) or as "
       "UTF-8, or read it with encoding = \"auto\""},
  };
  for (const Bad& b : bad) {
    CAPTURE(b.name);
    const std::string path = write_temp(b.name, b.bytes);
    qaframe::ReadOptions options;
    options.csv.encoding = b.encoding;
    const auto whole = problems(path, options);
    CHECK(whole == std::vector<std::string>{path + ":" + b.message});
    // The chunked reader says the same, whatever its block size.
    for (std::size_t block : {std::size_t{1}, std::size_t{7}, std::size_t{1} << 16}) {
      CAPTURE(block);
      qaframe::Diagnostics d;
      auto reader = qaframe::AuditChunkReader::open(path, 1000, options, &d, block);
      std::vector<std::string> got;
      if (reader.ok()) {
        auto chunk = reader->next(&d);
        CHECK_FALSE(chunk.ok());
      }
      for (const auto& p : d.problems()) got.push_back(p.to_string());
      CHECK(got == std::vector<std::string>{path + ":" + b.message});
    }
    std::filesystem::remove(path);
  }
}

TEST_CASE("export formats: the separator is chosen from the header line, quotes respected") {
  CHECK(qaframe::detect_delimiter("a,b,c\n1;2;3;4\n") == ',');
  CHECK(qaframe::detect_delimiter("a;b;c\n") == ';');
  CHECK(qaframe::detect_delimiter("a\tb\tc\n") == '\t');
  CHECK(qaframe::detect_delimiter("\"x;y;z\",b\n") == ',');          // quoted ; do not count
  CHECK(qaframe::detect_delimiter("\n  \n\"a,b\";c;d\r\n") == ';');  // blank lines skipped
  CHECK(qaframe::detect_delimiter("audit_id\n") == ',');             // none: commas
  CHECK(qaframe::detect_delimiter("a,b;c\n") == ',');                // a tie: commas
  CHECK(qaframe::detect_delimiter("a;b\tc\n") == ';');               // ; before tab
  CHECK(qaframe::detect_delimiter("\"a,b\nc") == '\0');              // a quote not closed
  CHECK(qaframe::detect_delimiter("") == '\0');
  CHECK(*qaframe::parse_delimiter_name("tab") == '\t');
  CHECK(*qaframe::parse_delimiter_name("auto") == '\0');
  CHECK(qaframe::parse_delimiter_name("|").status().message() ==
        "unknown delimiter '|' (accepted: auto, ',', ';', tab)");
  CHECK(*qaframe::parse_encoding_name("Windows-1252") == qaframe::TextEncoding::kWindows1252);
  CHECK(qaframe::parse_encoding_name("latin1").status().message() ==
        "unknown encoding 'latin1' (accepted: auto, utf-8, windows-1252, utf-16)");
  // A separator given is used as given: the semicolon file read with commas has one column.
  qaframe::ReadOptions commas;
  commas.csv.delimiter = ',';
  qaframe::Diagnostics d;
  CHECK_FALSE(qaframe::read_audits_file(kExports + "fmt_semicolon.csv", commas, {}, &d).ok());
  CHECK(d.remarks().empty());
}
