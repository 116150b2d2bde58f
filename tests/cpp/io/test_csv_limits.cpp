// The CSV reader's limits, checked before anything is copied: fields per record, record length
// and field length; each refusal names its line. Bounded memory whatever the input.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "qaframe/io/csv.hpp"
#include "qaframe/readers/audits_csv.hpp"

namespace {

struct Outcome {
  std::vector<std::vector<std::string>> records;
  std::string error;
  std::int64_t line = 0;
};

Outcome read_all(std::string_view text, qaframe::CsvOptions options = {}) {
  qaframe::CsvReader reader(text, options);
  std::vector<std::string_view> fields;
  absl::Status status;
  Outcome out;
  while (reader.next(fields, status)) out.records.emplace_back(fields.begin(), fields.end());
  if (!status.ok()) {
    out.error = std::string(status.message());
    out.line = reader.error_line();
  }
  return out;
}

}  // namespace

TEST_CASE("csv limits: more fields than the limit is refused at its record's line") {
  qaframe::CsvOptions o;
  o.max_fields = 4;
  auto ok = read_all("a,b,c,d\n1,2,3,4\n", o);
  CHECK(ok.error.empty());
  CHECK(ok.records.size() == 2);
  auto over = read_all("a,b,c,d\n1,2,3,4,5\n", o);
  CHECK(over.error == "a record with more than 4 fields (the limit), from line 2");
  CHECK(over.line == 2);
  auto trailing = read_all("a,b,c,d,", o);  // a trailing delimiter adds an empty field
  CHECK(trailing.error == "a record with more than 4 fields (the limit), from line 1");
}

TEST_CASE("csv limits: a record longer than the limit is refused, even inside a stray quote") {
  qaframe::CsvOptions o;
  o.max_record_bytes = 16;
  CHECK(read_all("0123456789abcdef\nx\n", o).error.empty());  // exactly 16 bytes
  auto over = read_all("x\n0123456789abcdefg\n", o);
  CHECK(over.error ==
        "a record longer than the limit of 16 bytes, from line 2 (a quote never closed?)");
  CHECK(over.line == 2);
  auto delim = read_all("0123456789abcdef,\n", o);  // the 17th byte is a delimiter
  CHECK(delim.line == 1);
  CHECK(delim.error.find("longer than the limit") != std::string::npos);
  // A stray quote makes the rest of the text one field: refused at the limit, not after it.
  std::string stray = "a,\"b\n";
  for (int i = 0; i < 1000; ++i) stray += "c,d,e\n";
  auto s = read_all(stray, o);
  CHECK(s.error.find("a record longer than the limit of 16 bytes, from line 1") == 0);
  // Within the limit, a quote never closed is still called that.
  auto cut = read_all("a,\"bc\n", o);
  CHECK(cut.error == "a quoted field opened on line 1 is never closed (file cut off?)");
}

TEST_CASE("csv limits: a field over the limit is refused before it is copied") {
  qaframe::CsvOptions o;
  o.max_field_bytes = 8;
  CHECK(read_all("\"12345678\"\n", o).error.empty());
  CHECK(read_all("\"1\"\"345678\"\n", o).error.empty());  // 8 bytes once unquoted
  CHECK(read_all("\"123456789\"\n", o).error == "a field is longer than the limit of 8 bytes");
  CHECK(read_all("123456789\n", o).error == "a field is longer than the limit of 8 bytes");
}

TEST_CASE("csv limits: a 100 MB row of commas is refused after 10,000 fields, with its line") {
  std::string text = "audit_id,child_id,team,audit_date,grade\n";
  text.append(std::size_t{100} << 20, ',');
  text += "\n";
  qaframe::Diagnostics diag;
  auto audits = qaframe::parse_audits_csv(text, "commas.csv", {}, &diag);
  REQUIRE_FALSE(audits.ok());
  REQUIRE(diag.problems().size() == 1);
  CHECK(diag.problems()[0].line == 2);
  CHECK(diag.problems()[0].reason ==
        "a record with more than 10000 fields (the limit), from line 2");
}
