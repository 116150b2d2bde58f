#include "qaframe/readers/audit_chunks.hpp"
#include "qaframe/model/audit_set_builder.hpp"
#include "qaframe/readers/audits_csv.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/text.hpp"
#include "readers/audit_reading.hpp"

namespace qaframe {
namespace {

std::uint64_t id_hash(std::string_view id) { return absl::Hash<absl::string_view>{}(sv(id)); }

}  // namespace

struct AuditChunkReader::State {
  std::string path;
  ReadOptions options;
  std::size_t rows = 0;
  std::size_t block_bytes = kDefaultBlockBytes;
  std::ifstream file;
  bool file_done = false;  // the whole file has been read into buffers
  bool done = false;       // no more records (end of file or a framing/encoding error)

  std::vector<std::string> header;
  std::int64_t header_line = 1;
  std::size_t id_field = 0;  // position of audit_id in the header

  // The buffer: [0, lead) a "\n" put in front of every buffer after the first, so that a record
  // starting with a byte-order mark is not taken for one (CsvReader skips a BOM at the start of
  // its text); [lead, parse_end) whole records, being read; [parse_end, size) the start of a
  // record cut by the end of a block, kept for the next buffer.
  std::string buffer;
  std::size_t lead = 0;
  std::size_t parse_end = 0;
  std::uint64_t data_offset = 0;      // file offset of buffer[lead]
  std::int64_t data_line = 1;         // file line of buffer[lead]
  std::unique_ptr<CsvReader> reader;  // over [0, parse_end), numbering lines as in the file
  std::int64_t row = 0;               // records read

  absl::flat_hash_set<std::uint64_t> earlier_ids;  // hashes of the ids of earlier chunks

  // Reads more of the file and sets up a reader over the whole records in the buffer. False at
  // the end of the file or on an encoding error (recorded in `d`, which ends the file).
  bool refill(Diagnostics& d) {
    // Everything before parse_end has been read; keep the cut record.
    if (reader) {
      const std::string_view parsed(buffer.data() + lead, parse_end - lead);
      data_line += std::count(parsed.begin(), parsed.end(), '\n');
      data_offset += parsed.size();
      buffer.erase(0, parse_end);
      buffer.insert(0, 1, '\n');
      lead = 1;
    }
    reader.reset();
    std::size_t scanned = lead;  // bytes examined for quotes and line ends
    bool in_quotes = false;
    std::size_t cut = 0;  // just past the last line end outside quotes
    while (true) {
      // Find the last line end outside a quoted field. Quotes toggle: "" inside a quoted field
      // toggles twice, so the count of quotes before a point says whether it is inside one.
      const char* data = buffer.data();
      const std::size_t size = buffer.size();
      if (!in_quotes && std::memchr(data + scanned, '"', size - scanned) == nullptr) {
        const std::string_view rest(data + scanned, size - scanned);
        const std::size_t nl = rest.rfind('\n');
        if (nl != std::string_view::npos) cut = scanned + nl + 1;
      } else {
        for (std::size_t i = scanned; i < size; ++i) {
          if (data[i] == '"') {
            in_quotes = !in_quotes;
          } else if (data[i] == '\n' && !in_quotes) {
            cut = i + 1;
          }
        }
      }
      scanned = size;
      if (file_done) {
        cut = size;  // the rest of the file: the reader reports a cut-off record itself
        break;
      }
      if (cut > lead) break;
      // No whole record yet: read another block.
      const std::size_t old = buffer.size();
      buffer.resize(old + block_bytes);
      file.read(buffer.data() + old, static_cast<std::streamsize>(block_bytes));
      buffer.resize(old + static_cast<std::size_t>(file.gcount()));
      if (file.bad()) {
        d.add({path, data_line, -1, "", "", absl::StrCat("error while reading '", path, "'")});
        done = true;
        return false;
      }
      if (!file) file_done = true;
    }
    parse_end = cut;
    const std::string_view text(buffer.data() + lead, parse_end - lead);
    if (text.empty() && file_done) {
      done = true;
      return false;
    }
    if (auto problem = text_encoding_problem(text, path, data_line, data_offset, "export")) {
      d.add(*std::move(problem));
      done = true;
      return false;
    }
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

std::int64_t AuditChunkReader::rows_read() const { return state_->row; }

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
  s->file.open(path, std::ios::binary);
  if (!s->file) return absl::NotFoundError(absl::StrCat("cannot open '", path, "'"));
  std::vector<std::string_view> fields;
  absl::Status status;
  if (!s->refill(d) || !detail::next_header(*s->reader, fields, status)) {
    if (d.ok()) d.add(detail::header_problem(s->reader.get(), status, path));
    return d.to_status();
  }
  s->header.assign(fields.begin(), fields.end());
  s->header_line = s->reader->record_line();
  // The header is checked as a whole read checks it, by a builder that reads no rows.
  std::vector<std::string_view> names(s->header.begin(), s->header.end());
  AuditSetBuilder check(options.scale, path, d, options.domain_scales);
  if (!check.set_header(names, s->header_line)) return check.finish().status();
  for (std::size_t i = 0; i < s->header.size(); ++i) {
    if (canonical_column_name(s->header[i]) == AuditColumns::kAuditId) s->id_field = i;
  }
  return AuditChunkReader(std::move(s));
}

absl::StatusOr<std::optional<AuditSet>> AuditChunkReader::next(Diagnostics* diag) {
  State& s = *state_;
  if (s.done) return std::nullopt;
  Diagnostics local;
  Diagnostics& d = diag != nullptr ? *diag : local;
  AuditSetBuilder builder(s.options.scale, s.path, d, s.options.domain_scales);
  std::vector<std::string_view> names(s.header.begin(), s.header.end());
  builder.set_header(names, s.header_line);
  std::vector<std::string_view> fields;
  std::vector<std::uint64_t> ids;  // hashes of this chunk's ids, added to earlier_ids after it
  absl::Status status;
  std::size_t n = 0;
  while (n < s.rows) {
    if (s.reader == nullptr) {
      if (s.done || !s.refill(d)) break;
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
      if (!s.refill(d)) break;
      continue;
    }
    const std::int64_t line = s.reader->record_line();
    if (s.id_field < fields.size()) {
      const std::string_view id = trim(fields[s.id_field]);
      if (!id.empty()) {
        const std::uint64_t h = id_hash(id);
        if (s.earlier_ids.contains(h)) {
          d.add({s.path, line, s.row, std::string(AuditColumns::kAuditId), shorten_for_message(id),
                 "duplicate audit_id; first seen in an earlier chunk"});
        }
        ids.push_back(h);
      }
    }
    builder.add_row(fields, line, s.row++);
    ++n;
  }
  if (n == 0 && d.ok()) return std::nullopt;
  s.earlier_ids.insert(ids.begin(), ids.end());
  auto set = builder.finish();
  if (!set.ok()) return set.status();
  return std::optional<AuditSet>(*std::move(set));
}

}  // namespace qaframe
