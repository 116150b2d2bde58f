#include "qaframe/readers/audit_chunks.hpp"
#include "qaframe/model/audit_set_builder.hpp"
#include "qaframe/readers/audits_csv.hpp"

#include <algorithm>
#include <mutex>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/io/csv_file.hpp"
#include "qaframe/io/text_encoding.hpp"
#include "qaframe/model/text.hpp"
#include "readers/audit_reading.hpp"

namespace qaframe {
namespace {

std::uint64_t id_hash(std::string_view id) { return absl::Hash<absl::string_view>{}(sv(id)); }

}  // namespace

struct AuditChunkReader::State {
  std::mutex mutex;  // one caller at a time: next() and rows_read() may come from any thread
  std::string path;
  ReadOptions options;
  std::size_t rows = 0;
  std::optional<CsvFileReader> csv;  // records in blocks, lines numbered as in the file
  bool done = false;                 // no more records (end of file, a framing or a read error)
  absl::Status io_error;             // why the file could not be read to its end

  std::vector<std::string> header;  // as renamed by the mapper
  std::int64_t header_line = 1;
  std::optional<RowMapper> mapper;  // options.mapping (headers renamed, values mapped)
  std::int64_t row = 0;             // records read

  absl::flat_hash_set<std::uint64_t> earlier_ids;  // hashes of the ids of earlier chunks
};

AuditChunkReader::AuditChunkReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
AuditChunkReader::AuditChunkReader(AuditChunkReader&&) noexcept = default;
AuditChunkReader& AuditChunkReader::operator=(AuditChunkReader&&) noexcept = default;
AuditChunkReader::~AuditChunkReader() = default;

std::int64_t AuditChunkReader::rows_read() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->row;
}

absl::StatusOr<AuditChunkReader> AuditChunkReader::open(const std::string& path, std::size_t rows,
                                                        const ReadOptions& options,
                                                        Diagnostics* diag,
                                                        std::size_t block_bytes) {
  if (rows == 0) return absl::InvalidArgumentError("chunks must hold at least one row");
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  if (options.header_row != 0 || options.footer_rows != 0) {
    // Title and footer rows need the whole file (footers are counted from its end).
    return absl::FailedPreconditionError(
        "header_row and footer_rows are not read in chunks: read the file whole (read_audits), "
        "or remove the title and footer rows");
  }
  auto s = std::make_unique<State>();
  s->options = options;
  s->rows = rows;
  auto csv = CsvFileReader::open(path, options.csv, options.file, block_bytes);
  if (!csv.ok()) return csv.status();
  s->csv.emplace(*std::move(csv));
  s->path = s->csv->name();
  std::vector<std::string_view> fields;
  absl::Status status;
  if (!detail::next_header(*s->csv, fields, status)) {
    if (absl::IsUnavailable(status)) return status;
    if (d.ok())
      d.add(detail::header_problem(status, s->csv->error_line(), s->csv->error_field(), s->path));
    return d.to_status();
  }
  auto mapper = detail::mapper_for(options);
  if (!mapper.ok()) return mapper.status();
  s->mapper = *std::move(mapper);
  if (s->mapper) {
    s->header = s->mapper->rename(fields);
  } else {
    s->header.assign(fields.begin(), fields.end());
  }
  s->header_line = s->csv->record_line();
  note_choices(d, s->path, options.csv, s->csv->encoding(), s->csv->delimiter());
  // The header is checked as a whole read checks it, by a builder that reads no rows.
  std::vector<std::string_view> names(s->header.begin(), s->header.end());
  AuditSetBuilder check(options.scale, s->path, d, options.domain_scales);
  check.set_date_options(options.dates);
  check.set_not_applicable(options.not_applicable);
  if (s->mapper) check.set_exported_columns(s->mapper->renamed());
  if (!check.set_header(names, s->header_line)) {
    if (!detail::has_required_columns(names))
      detail::add_missing_column_hints(d, s->path, s->header_line, names, "");
    return check.finish().status();
  }
  return AuditChunkReader(std::move(s));
}

absl::StatusOr<std::optional<AuditSet>> AuditChunkReader::next(Diagnostics* diag) {
  State& s = *state_;
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.done) return std::nullopt;
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  AuditSetBuilder builder(s.options.scale, s.path, d, s.options.domain_scales);
  builder.set_date_options(s.options.dates);
  builder.set_not_applicable(s.options.not_applicable);
  std::vector<std::string_view> names(s.header.begin(), s.header.end());
  if (s.mapper) builder.set_exported_columns(s.mapper->renamed());
  builder.set_header(names, s.header_line);
  std::vector<std::string_view> fields;
  std::vector<std::uint64_t> ids;  // hashes of this chunk's ids, added to earlier_ids after it
  absl::flat_hash_set<std::uint64_t> this_chunk;  // earlier chunks' ids repeated in this one
  absl::Status status;
  std::size_t n = 0;
  while (n < s.rows) {
    if (!s.csv->next(fields, status)) {
      if (absl::IsUnavailable(status)) {
        s.io_error = status;
      } else if (!status.ok()) {
        d.add(detail::framing_problem(status, s.csv->error_line(), s.csv->error_field(), s.path,
                                      s.row, s.header));
      }
      s.done = true;
      break;
    }
    const std::int64_t line = s.csv->record_line();
    const std::int64_t row = s.row++;
    if (s.mapper) s.mapper->map_row(fields);
    // The id as the builder checks it for repeats (none for a row it refuses whole).
    const std::string_view id = builder.add_row(fields, line, row);
    if (!id.empty()) {
      const std::uint64_t h = id_hash(id);
      // A repeat within this chunk is the builder's to report (once, against its first line).
      if (s.earlier_ids.contains(h) && this_chunk.insert(h).second) {
        d.add({s.path, line, row, std::string(AuditColumns::kAuditId), shorten_for_message(id),
               "duplicate audit_id; first seen in an earlier chunk"});
      }
      ids.push_back(h);
    }
    // Blank lines are no records of a chunk: a chunk holds `rows` audits or problems, never none.
    n += std::any_of(fields.begin(), fields.end(),
                     [](std::string_view f) { return !trim(f).empty(); });
  }
  if (!s.io_error.ok()) return s.io_error;
  if (n == 0 && d.ok()) return std::nullopt;
  s.earlier_ids.insert(ids.begin(), ids.end());
  auto set = builder.finish();
  if (!set.ok()) return set.status();
  detail::finish_audits(*set, s.options, {});
  return std::optional<AuditSet>(*std::move(set));
}

}  // namespace qaframe
