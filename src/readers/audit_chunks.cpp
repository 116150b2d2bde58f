#include "qaframe/readers/audit_chunks.hpp"
#include "qaframe/model/audit_set_builder.hpp"
#include "qaframe/readers/audits_csv.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/io/file.hpp"
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
  std::size_t block_bytes = kDefaultBlockBytes;
  std::optional<InputFile> file;
  bool file_done = false;  // the whole file has been read into buffers
  bool done = false;       // no more records (end of file, a framing or a read error)
  absl::Status io_error;   // why the file could not be read to its end

  std::vector<std::string> header;
  std::int64_t header_line = 1;

  // The buffer: [0, lead) a "\n" put in front of every buffer after the first, so that a record
  // starting with a byte-order mark is not taken for one (CsvReader skips a BOM at the start of
  // its text); [lead, parse_end) whole records, being read; [parse_end, size) the start of a
  // record cut by the end of a block, kept for the next buffer.
  std::string buffer;
  std::size_t lead = 0;
  std::size_t parse_end = 0;
  std::int64_t data_line = 1;         // file line of buffer[lead]
  std::unique_ptr<CsvReader> reader;  // over [0, parse_end), numbering lines as in the file
  std::int64_t row = 0;               // records read

  absl::flat_hash_set<std::uint64_t> earlier_ids;  // hashes of the ids of earlier chunks

  // Reads more of the file and sets up a reader over the whole records in the buffer. False at
  // the end of the file or on a read error (recorded in `d`, which ends the file).
  //
  // Memory stays bounded by a block and one record: when the record cut by the end of the
  // buffer is already longer than the CSV reader's record limit (a stray quote makes the rest
  // of the file one record), the buffer is handed to the reader as it is, and the reader refuses
  // the record with the same message and line as a whole read, having seen the same bytes.
  bool refill() {
    // Everything before parse_end has been read; keep the cut record.
    if (reader) {
      data_line = reader->line();  // the reader counts line ends as a whole read does
      buffer.erase(0, parse_end);
      buffer.insert(0, 1, '\n');
      lead = 1;
    }
    reader.reset();
    std::size_t scanned = lead;  // bytes examined for quotes and line ends
    bool in_quotes = false;
    std::size_t cut = 0;  // just past the last record end outside quotes
    const std::size_t record_limit = options.csv.max_record_bytes;
    while (true) {
      // Find the last record end outside a quoted field: LF, CRLF or a lone CR, as the CSV reader
      // takes them (a CR at the very end of the buffer waits for the next byte, which may be its
      // LF). Quotes toggle: "" inside a quoted field toggles twice, so the count of quotes before
      // a point says whether it is inside one.
      const char* data = buffer.data();
      const std::size_t size = buffer.size();
      const std::size_t end =
          !file_done && size > scanned && data[size - 1] == '\r' ? size - 1 : size;
      if (!in_quotes && std::memchr(data + scanned, '"', end - scanned) == nullptr) {
        const std::string_view rest(data + scanned, end - scanned);
        const std::size_t at = rest.find_last_of("\r\n");
        if (at != std::string_view::npos) cut = scanned + at + 1;
      } else {
        for (std::size_t i = scanned; i < end; ++i) {
          if (data[i] == '"') {
            in_quotes = !in_quotes;
          } else if ((data[i] == '\n' || data[i] == '\r') && !in_quotes) {
            cut = i + 1;
          }
        }
      }
      scanned = end;
      if (file_done) {
        cut = size;  // the rest of the file: the reader reports a cut-off record itself
        break;
      }
      if (cut > lead) break;
      if (size - lead > record_limit) {
        cut = size;  // one record past the limit: the reader refuses it
        break;
      }
      // No whole record yet: read another block.
      const std::size_t old = buffer.size();
      buffer.resize(old + block_bytes);
      std::size_t got = 0;
      while (got < block_bytes) {
        auto n = file->read(buffer.data() + old + got, block_bytes - got);
        if (!n.ok()) {
          buffer.resize(old);
          io_error = n.status();
          done = true;
          return false;
        }
        if (*n == 0) {
          file_done = true;
          break;
        }
        got += *n;
      }
      buffer.resize(old + got);
    }
    parse_end = cut;
    const std::string_view text(buffer.data() + lead, parse_end - lead);
    if (text.empty() && file_done) {
      done = true;
      return false;
    }
    // Encoding is checked value by value by the builder, as in a whole read, so that both name
    // the same columns and a bad chunk does not end the file.
    CsvOptions csv = options.csv;
    csv.first_line = data_line - static_cast<std::int64_t>(lead);
    reader = std::make_unique<CsvReader>(std::string_view(buffer.data(), parse_end), csv);
    if (lead > 0) {  // step over the lead line end
      std::vector<std::string_view> fields;
      absl::Status status;
      reader->next(fields, status);
    }
    return true;
  }
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
  Diagnostics local;
  Diagnostics& d = diag != nullptr ? *diag : local;
  auto s = std::make_unique<State>();
  s->path = path;
  s->options = options;
  s->rows = rows;
  s->block_bytes = std::max<std::size_t>(block_bytes, 1);
  auto file = InputFile::open(path, options.file);
  if (!file.ok()) return file.status();
  s->file.emplace(*std::move(file));
  s->path = s->file->name();
  std::vector<std::string_view> fields;
  absl::Status status;
  // The header is the first record that is not blank: blank lines may fill the first buffers.
  bool have_header = false;
  while (!have_header && s->refill()) {
    have_header = detail::next_header(*s->reader, fields, status);
    if (!status.ok() || (s->file_done && s->parse_end == s->buffer.size())) break;
  }
  if (!have_header) {
    if (!s->io_error.ok()) return s->io_error;
    if (d.ok()) d.add(detail::header_problem(s->reader.get(), status, s->path));
    return d.to_status();
  }
  s->header.assign(fields.begin(), fields.end());
  s->header_line = s->reader->record_line();
  // The header is checked as a whole read checks it, by a builder that reads no rows.
  std::vector<std::string_view> names(s->header.begin(), s->header.end());
  AuditSetBuilder check(options.scale, s->path, d, options.domain_scales);
  if (!check.set_header(names, s->header_line)) return check.finish().status();
  return AuditChunkReader(std::move(s));
}

absl::StatusOr<std::optional<AuditSet>> AuditChunkReader::next(Diagnostics* diag) {
  State& s = *state_;
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.done) return std::nullopt;
  Diagnostics local;
  Diagnostics& d = diag != nullptr ? *diag : local;
  AuditSetBuilder builder(s.options.scale, s.path, d, s.options.domain_scales);
  std::vector<std::string_view> names(s.header.begin(), s.header.end());
  builder.set_header(names, s.header_line);
  std::vector<std::string_view> fields;
  std::vector<std::uint64_t> ids;  // hashes of this chunk's ids, added to earlier_ids after it
  absl::flat_hash_set<std::uint64_t> this_chunk;  // earlier chunks' ids repeated in this one
  absl::Status status;
  std::size_t n = 0;
  while (n < s.rows) {
    if (s.reader == nullptr) {
      if (s.done || !s.refill()) break;
    }
    if (!s.reader->next(fields, status)) {
      if (!status.ok()) {
        d.add(detail::framing_problem(*s.reader, status, s.path, s.row, s.header));
        s.done = true;
        break;
      }
      if (s.file_done && s.parse_end == s.buffer.size()) {
        s.done = true;
        break;
      }
      if (!s.refill()) break;
      continue;
    }
    const std::int64_t line = s.reader->record_line();
    const std::int64_t row = s.row++;
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
    ++n;
  }
  if (!s.io_error.ok()) return s.io_error;
  if (n == 0 && d.ok()) return std::nullopt;
  s.earlier_ids.insert(ids.begin(), ids.end());
  auto set = builder.finish();
  if (!set.ok()) return set.status();
  set->declare_identifiers(s.options.identifier_columns);
  return std::optional<AuditSet>(*std::move(set));
}

}  // namespace qaframe
