// CsvReader, find_invalid_utf8_or_nul and append_csv_field.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "qaframe/io/csv.hpp"
#include "qaframe/readers/audits_csv.hpp"

using qaframe::CsvOptions;
using qaframe::CsvReader;

namespace {

using Record = std::vector<std::string>;

struct ReadResult {
  std::vector<Record> records;
  std::vector<std::int64_t> lines;  // record_line of each record
  absl::Status status;
  std::int64_t error_line = 0;
};

ReadResult read_all(std::string_view text, CsvOptions options = {}) {
  ReadResult r;
  CsvReader reader(text, options);
  std::vector<std::string_view> fields;
  while (reader.next(fields, r.status)) {
    r.records.emplace_back(fields.begin(), fields.end());
    r.lines.push_back(reader.record_line());
  }
  r.error_line = reader.error_line();
  return r;
}

std::string message(const ReadResult& r) { return std::string(r.status.message()); }

}  // namespace

TEST_CASE("csv: simple records, LF and CRLF, with or without a final line end") {
  for (std::string_view text :
       {"a,b,c\n1,2,3\n", "a,b,c\r\n1,2,3\r\n", "a,b,c\n1,2,3", "a,b,c\r\n1,2,3"}) {
    CAPTURE(text);
    ReadResult r = read_all(text);
    REQUIRE(r.status.ok());
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0] == Record{"a", "b", "c"});
    CHECK(r.records[1] == Record{"1", "2", "3"});
    CHECK(r.lines == std::vector<std::int64_t>{1, 2});
  }
  CHECK(read_all("").records.empty());
  CHECK(read_all("").status.ok());
}

TEST_CASE("csv: a byte-order mark is skipped") {
  ReadResult r = read_all(
      "\xEF\xBB\xBF"
      "audit_id,grade\nA1,Good\n");
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0][0] == "audit_id");
  CHECK(r.records[0][0].size() == 8);
  // Only at the start: a BOM later is text.
  ReadResult later = read_all(
      "a\n\xEF\xBB\xBF"
      "b\n");
  REQUIRE(later.records.size() == 2);
  CHECK(later.records[1][0] ==
        "\xEF\xBB\xBF"
        "b");
}

TEST_CASE("csv: quoted fields with delimiters, doubled quotes and line breaks") {
  ReadResult r = read_all(
      "id,note\n"
      "1,\"Smith, J.\"\n"
      "2,\"She said \"\"no\"\"\"\n"
      "3,\"line one\nline two\r\nline three\"\n"
      "4,after\n"
      "5,\"\"\n");
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 6);
  CHECK(r.records[1] == Record{"1", "Smith, J."});
  CHECK(r.records[2] == Record{"2", "She said \"no\""});
  CHECK(r.records[3] == Record{"3", "line one\nline two\r\nline three"});
  CHECK(r.records[4] == Record{"4", "after"});
  CHECK(r.records[5] == Record{"5", ""});
  // record_line is the line a record starts on; the count continues after the 3-line field.
  CHECK(r.lines == std::vector<std::int64_t>{1, 2, 3, 4, 7, 8});
}

TEST_CASE("csv: line counting after several multi-line fields in one record") {
  ReadResult r = read_all("h1,h2\n\"a\nb\",\"c\n\nd\"\nx,y\n");
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[1] == Record{"a\nb", "c\n\nd"});
  CHECK(r.lines == std::vector<std::int64_t>{1, 2, 6});
}

TEST_CASE("csv: empty fields and a trailing delimiter") {
  ReadResult r = read_all("a,b,\n,,\n1,,3");
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[0] == Record{"a", "b", ""});
  CHECK(r.records[1] == Record{"", "", ""});
  CHECK(r.records[2] == Record{"1", "", "3"});
  // A trailing delimiter at the very end of the text still gives a last empty field.
  ReadResult end = read_all("a,b,");
  REQUIRE(end.records.size() == 1);
  CHECK(end.records[0] == Record{"a", "b", ""});
  // A blank line is one empty field.
  ReadResult blank = read_all("a\n\nb\n");
  REQUIRE(blank.records.size() == 3);
  CHECK(blank.records[1] == Record{""});
  CHECK(blank.lines == std::vector<std::int64_t>{1, 2, 3});
}

TEST_CASE("csv: another delimiter") {
  CsvOptions semicolon;
  semicolon.delimiter = ';';
  ReadResult r = read_all("a;b,c;\"d;e\"\n", semicolon);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0] == Record{"a", "b,c", "d;e"});
}

TEST_CASE("csv: an unterminated quote names the line it opened on") {
  ReadResult r = read_all("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n");
  CHECK(r.records.size() == 2);
  REQUIRE_FALSE(r.status.ok());
  CHECK(absl::IsInvalidArgument(r.status));
  CHECK(r.error_line == 3);
  CHECK(message(r).find("opened on line 3") != std::string::npos);
}

TEST_CASE("csv: text after a closing quote") {
  ReadResult r = read_all("a,b\n1,\"x\"y\n");
  CHECK(r.records.size() == 1);
  REQUIRE_FALSE(r.status.ok());
  CHECK(r.error_line == 2);
  CHECK(message(r).find("after the closing quote") != std::string::npos);
  // After a multi-line quoted field, the error is on the line where the quote closes.
  ReadResult late = read_all("a\n\"x\ny\"z\n");
  REQUIRE_FALSE(late.status.ok());
  CHECK(late.error_line == 3);
}

TEST_CASE("csv: a quote inside an unquoted field") {
  ReadResult r = read_all("a,b\n1,2\n3,4 \"inch\"\n");
  CHECK(r.records.size() == 2);
  REQUIRE_FALSE(r.status.ok());
  CHECK(r.error_line == 3);
  CHECK(message(r).find("quote inside an unquoted field") != std::string::npos);
  // The reader stops: no record is returned after an error.
  CsvReader reader("x\"y\nok\n");
  std::vector<std::string_view> fields;
  absl::Status status;
  CHECK_FALSE(reader.next(fields, status));
  CHECK_FALSE(status.ok());
  CHECK_FALSE(reader.next(fields, status));
}

TEST_CASE("csv: a field over max_field_bytes") {
  CsvOptions small;
  small.max_field_bytes = 5;
  ReadResult ok = read_all("12345,\"abcde\"\n", small);
  REQUIRE(ok.status.ok());
  CHECK(ok.records[0] == Record{"12345", "abcde"});

  ReadResult unquoted = read_all("a\n123456\n", small);
  REQUIRE_FALSE(unquoted.status.ok());
  CHECK(unquoted.error_line == 2);
  CHECK(std::string(unquoted.status.message()).find("limit of 5 bytes") != std::string::npos);

  ReadResult quoted = read_all("a\nb\n\"ab\ncdef\"\n", small);
  REQUIRE_FALSE(quoted.status.ok());
  CHECK(quoted.error_line == 3);
  // Doubled quotes count once: "a""b""c" is 5 bytes.
  ReadResult doubled = read_all("\"a\"\"b\"\"c\"\n", small);
  REQUIRE(doubled.status.ok());
  CHECK(doubled.records[0][0] == "a\"b\"c");
}

TEST_CASE("csv: fields stay valid while the record is in use") {
  // Quoted fields come from the reader's scratch buffer; many of them in one record must not
  // invalidate each other.
  std::string text;
  Record expected;
  for (int i = 0; i < 200; ++i) {
    if (i > 0) text += ',';
    std::string v = "v\"" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 37), 'x');
    expected.push_back(v);
    text += '"';
    for (char c : v) {
      if (c == '"') text += '"';
      text += c;
    }
    text += '"';
  }
  text += "\n";
  ReadResult r = read_all(text);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0] == expected);
}

TEST_CASE("csv: find_invalid_utf8_or_nul") {
  using qaframe::find_invalid_utf8_or_nul;
  constexpr auto npos = std::string_view::npos;
  CHECK(find_invalid_utf8_or_nul("") == npos);
  CHECK(find_invalid_utf8_or_nul("plain ASCII text, long enough for the fast path") == npos);
  CHECK(find_invalid_utf8_or_nul("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF") ==
        npos);
  // NUL, also inside the eight-byte fast path.
  CHECK(find_invalid_utf8_or_nul(std::string_view("ab\0cd", 5)) == 2);
  CHECK(find_invalid_utf8_or_nul(std::string_view("0123456789ab\0defghijk", 21)) == 12);
  // Overlong encodings.
  CHECK(find_invalid_utf8_or_nul("ab\xC0\xAF") == 2);
  CHECK(find_invalid_utf8_or_nul("ab\xC1\xBF") == 2);
  CHECK(find_invalid_utf8_or_nul("x\xE0\x80\xAF") == 1);
  CHECK(find_invalid_utf8_or_nul("x\xF0\x80\x80\xAF") == 1);
  // Surrogates (U+D800, U+DFFF) and past U+10FFFF.
  CHECK(find_invalid_utf8_or_nul("ok \xED\xA0\x80") == 3);
  CHECK(find_invalid_utf8_or_nul("ok \xED\xBF\xBF") == 3);
  CHECK(find_invalid_utf8_or_nul("\xED\x9F\xBF") == npos);  // U+D7FF is fine
  CHECK(find_invalid_utf8_or_nul("\xF4\x90\x80\x80") == 0);
  CHECK(find_invalid_utf8_or_nul("\xF5\x80\x80\x80") == 0);
  // Truncated sequences: at the end, and followed by ASCII.
  CHECK(find_invalid_utf8_or_nul("abc\xE2\x82") == 3);
  CHECK(find_invalid_utf8_or_nul("abc\xE2\x82z") == 3);
  CHECK(find_invalid_utf8_or_nul("\xC3") == 0);
  // A lone continuation byte; Latin-1 text as exported by an old spreadsheet.
  CHECK(find_invalid_utf8_or_nul("\x80") == 0);
  CHECK(find_invalid_utf8_or_nul("Caf\xE9 au lait, a long line of text") == 3);
  CHECK(find_invalid_utf8_or_nul("0123456789abcdef\xFF") == 16);
}

TEST_CASE("csv: append_csv_field quotes only what needs quoting") {
  auto field = [](std::string_view v, char delim = ',') {
    std::string out;
    qaframe::append_csv_field(out, v, delim);
    return out;
  };
  CHECK(field("plain") == "plain");
  CHECK(field("") == "");
  CHECK(field("a,b") == "\"a,b\"");
  CHECK(field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(field("two\nlines") == "\"two\nlines\"");
  CHECK(field("cr\r") == "\"cr\r\"");
  CHECK(field(" lead") == "\" lead\"");
  CHECK(field("trail ") == "\"trail \"");
  CHECK(field("in side") == "in side");
  // Every separator is quoted, so that a reader choosing one from the header line is not misled.
  CHECK(field("a;b") == "\"a;b\"");
  CHECK(field("a\tb") == "\"a\tb\"");
  CHECK(field("a;b", ';') == "\"a;b\"");
  CHECK(field("a,b", ';') == "\"a,b\"");
  std::string out = "x,";
  qaframe::append_csv_field(out, "y");
  CHECK(out == "x,y");
}

TEST_CASE("csv: awkward fields survive write then read") {
  const std::vector<Record> rows = {
      {"id", "text", "more"},
      {"1", "Smith, J.", "\"quoted\""},
      {"2", "multi\nline\r\nfield", ""},
      {"3", " padded ", "\t tab"},
      {"4", "\"", "\"\""},
      {"5", "caf\xC3\xA9, na\xC3\xAFve", "a\"b,c\nd"},
      {"", "", ""},
  };
  for (char delim : {',', ';', '\t'}) {
    CAPTURE(delim);
    std::string text;
    for (const Record& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i > 0) text += delim;
        qaframe::append_csv_field(text, row[i], delim);
      }
      text += "\r\n";
    }
    CsvOptions options;
    options.delimiter = delim;
    ReadResult r = read_all(text, options);
    REQUIRE(r.status.ok());
    CHECK(r.records == rows);
    CHECK(r.lines == std::vector<std::int64_t>{1, 2, 3, 6, 7, 8, 10});
  }
}

TEST_CASE("csv: the reader leaves encoding checks to find_invalid_utf8_or_nul") {
  // Documented split: CsvReader frames records; parse_audits_csv checks the encoding first.
  ReadResult latin1 = read_all("a,b\nCaf\xE9,x\n");
  CHECK(latin1.status.ok());
  CHECK(qaframe::find_invalid_utf8_or_nul("a,b\nCaf\xE9,x\n") == 7);
}

TEST_CASE("csv: a separator, line end or quote at every offset of a long field is found") {
  // Unquoted fields are scanned eight bytes at a time: each special byte is placed at every
  // offset of a 40-byte run, with multi-byte UTF-8 around it, and must end (or fail) the field
  // exactly where the byte is.
  const std::string run = "abcdefghij\xC3\xA9klmnopqrstuvwxyz0123456789AB";  // 40 bytes
  for (std::size_t at = 0; at <= run.size(); ++at) {
    CAPTURE(at);
    const std::string head = run.substr(0, at);
    const std::string tail = run.substr(at);
    for (char delim : {',', ';', '\t'}) {
      CsvOptions options;
      options.delimiter = delim;
      ReadResult split = read_all(head + delim + tail + "\n", options);
      REQUIRE(split.status.ok());
      REQUIRE(split.records.size() == 1);
      CHECK(split.records[0] == Record{head, tail});
    }
    for (std::string_view end : {"\n", "\r\n", "\r"}) {
      ReadResult lines = read_all(head + std::string(end) + "x" + tail);
      REQUIRE(lines.status.ok());
      if (head.empty()) {
        // A record that is an empty line, then the rest.
        REQUIRE(lines.records.size() == 2);
        CHECK(lines.records[0] == Record{""});
      } else {
        REQUIRE(lines.records.size() == 2);
        CHECK(lines.records[0] == Record{head});
      }
      CHECK(lines.records[1] == Record{"x" + tail});
      CHECK(lines.lines == std::vector<std::int64_t>{1, 2});
    }
    if (at > 0) {
      ReadResult quote = read_all(head + "\"" + tail + "\n");
      CHECK(!quote.status.ok());
      CHECK(message(quote).find("a quote inside an unquoted field") != std::string::npos);
    }
  }
}

TEST_CASE("csv: record_start and position bound each record's bytes as written") {
  const std::string text = "a,b\n\"x,\"\"y\"\"\",z\r\n\n1,2";
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  absl::Status status;
  std::vector<std::string> spans;
  while (reader.next(fields, status))
    spans.push_back(text.substr(reader.record_start(), reader.position() - reader.record_start()));
  REQUIRE(status.ok());
  CHECK(spans == std::vector<std::string>{"a,b\n", "\"x,\"\"y\"\"\",z\r\n", "\n", "1,2"});
}
