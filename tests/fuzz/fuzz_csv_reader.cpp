// The CSV reader on any bytes: it frames every record or stops with an error naming a line, and
// what it reads, written back with append_csv_field, reads back the same.
#include <string>
#include <vector>

#include "fuzz_target.hpp"
#include "qaframe/io/csv.hpp"

namespace {

struct Read {
  std::vector<std::vector<std::string>> records;
  bool ok = true;
};

Read read_all(std::string_view text, const qaframe::CsvOptions& options) {
  Read out;
  qaframe::CsvReader reader(text, options);
  std::vector<std::string_view> fields;
  absl::Status status;
  std::int64_t last_line = 0;
  while (reader.next(fields, status)) {
    QAFRAME_FUZZ_CHECK(!fields.empty());
    QAFRAME_FUZZ_CHECK(reader.record_line() > last_line);  // lines only move forward
    last_line = reader.record_line();
    auto& record = out.records.emplace_back();
    for (std::string_view f : fields) {
      QAFRAME_FUZZ_CHECK(f.size() <= options.max_field_bytes);
      record.emplace_back(f);
    }
  }
  if (!status.ok()) {
    out.ok = false;
    QAFRAME_FUZZ_CHECK(!status.message().empty());
    QAFRAME_FUZZ_CHECK(reader.error_line() >= 1);
  }
  return out;
}

}  // namespace

QAFRAME_FUZZ_TARGET(csv_reader) {
  // The first byte picks the dialect and the field limit, so both are explored.
  qaframe::CsvOptions options;
  if (!data.empty()) {
    const auto b = static_cast<unsigned char>(data[0]);
    options.delimiter = (b & 1) ? ';' : ',';
    options.max_field_bytes = (b & 2) ? 8 : options.max_field_bytes;
    data.remove_prefix(1);
  }
  const Read first = read_all(data, options);
  if (!first.ok) return;
  std::string text;
  for (const auto& record : first.records) {
    for (std::size_t i = 0; i < record.size(); ++i) {
      if (i > 0) text.push_back(options.delimiter);
      qaframe::append_csv_field(text, record[i], options.delimiter);
    }
    text.push_back('\n');
  }
  qaframe::CsvOptions roomy = options;
  roomy.max_field_bytes = options.max_field_bytes;  // fields are no longer when written back
  const Read second = read_all(text, roomy);
  QAFRAME_FUZZ_CHECK(second.ok);
  QAFRAME_FUZZ_CHECK(second.records == first.records);
}
