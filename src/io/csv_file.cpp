#include "qaframe/io/csv_file.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

#include "qaframe/io/text_encoding.hpp"

namespace qaframe {

struct CsvFileReader::State {
  CsvOptions requested;                // as given: the delimiter may be '\0'
  CsvOptions csv;                      // in use: the delimiter chosen once, from the first buffer
  std::optional<TextDecoder> decoder;  // the file's bytes to UTF-8 (UTF-8 itself passes through)
  std::string raw;                     // a block of the file, when it must be transcoded
  std::size_t block_bytes = kDefaultBlockBytes;
  std::optional<InputFile> file;
  bool file_done = false;  // the whole file has been read into buffers
  bool done = false;       // no more records (end of file, a framing or a read error)

  // The buffer: [0, lead) a "\n" put in front of every buffer after the first, so that a record
  // starting with a byte-order mark is not taken for one (CsvReader skips a BOM at the start of
  // its text); [lead, parse_end) whole records, being read; [parse_end, size) the start of a
  // record cut by the end of a block, kept for the next buffer.
  std::string buffer;
  std::size_t lead = 0;
  std::size_t parse_end = 0;
  std::int64_t data_line = 1;         // file line of buffer[lead]
  std::unique_ptr<CsvReader> reader;  // over [0, parse_end), numbering lines as in the file
  std::int64_t record_line = 0;
  std::int64_t error_line = 0;
  std::int64_t error_field = 0;

  // Reads more of the file and sets up a reader over the whole records in the buffer. False at
  // the end of the file, or with `status` set when the file could not be read.
  //
  // Memory stays bounded by a block and one record: when the record cut by the end of the
  // buffer is already longer than the record limit, the buffer is handed to the reader as it
  // is, and the reader refuses the record with the same message and line as a whole read.
  bool refill(absl::Status& status) {
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
    while (true) {
      // Find the last record end outside a quoted field: LF, CRLF or a lone CR, as the CSV reader
      // takes them (a CR at the very end of the buffer waits for the next byte, which may be its
      // LF). Quotes toggle: "" inside a quoted field toggles twice, so the count of quotes before
      // a point says whether it is inside one (a quote inside an unquoted field is a framing
      // error the reader reports before it could matter).
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
        if (csv.delimiter == '\0') {
          const char found = detect_delimiter(std::string_view(buffer).substr(lead));
          csv.delimiter = found == '\0' ? ',' : found;
        }
        break;
      }
      if (cut > lead && csv.delimiter == '\0') {
        // The separator is chosen from the first line that is not blank, once it is all here.
        csv.delimiter = detect_delimiter(std::string_view(buffer).substr(lead, cut - lead));
      }
      if (cut > lead && csv.delimiter != '\0') break;
      if (size - lead > csv.max_record_bytes) {
        cut = size;  // one record past the limit: the reader refuses it
        break;
      }
      // No whole record yet: read another block, straight into the buffer when it is UTF-8.
      const bool direct = decoder->passes_through();
      std::string& into = direct ? buffer : raw;
      const std::size_t old = direct ? buffer.size() : 0;
      into.resize(old + block_bytes);
      std::size_t got = 0;
      while (got < block_bytes) {
        auto n = file->read(into.data() + old + got, block_bytes - got);
        if (!n.ok()) {
          into.resize(old);
          status = n.status();
          return false;
        }
        if (*n == 0) {
          file_done = true;
          break;
        }
        got += *n;
      }
      into.resize(old + got);
      if (!direct && !decoder->decode(raw, file_done, buffer)) {
        const DecodeError& e = *decoder->error();
        error_line = e.line + csv.first_line - 1;
        error_field = 0;  // in no field: the bytes are not text
        status = absl::InvalidArgumentError(e.reason);
        return false;
      }
    }
    parse_end = cut;
    if (parse_end == lead && file_done) return false;
    CsvOptions options = csv;
    options.first_line = data_line - static_cast<std::int64_t>(lead);
    reader = std::make_unique<CsvReader>(std::string_view(buffer.data(), parse_end), options);
    csv.delimiter = reader->delimiter();  // chosen once, whatever the next buffers hold
    if (lead > 0) {                       // step over the lead line end
      std::vector<std::string_view> fields;
      absl::Status ignored;
      reader->next(fields, ignored);
    }
    return true;
  }
};

CsvFileReader::CsvFileReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
CsvFileReader::CsvFileReader(CsvFileReader&&) noexcept = default;
CsvFileReader& CsvFileReader::operator=(CsvFileReader&&) noexcept = default;
CsvFileReader::~CsvFileReader() = default;

absl::StatusOr<CsvFileReader> CsvFileReader::open(const std::string& path, const CsvOptions& csv,
                                                  const FileReadOptions& file,
                                                  std::size_t block_bytes) {
  auto input = InputFile::open(path, file);
  if (!input.ok()) return input.status();
  auto s = std::make_unique<State>();
  s->requested = csv;
  s->csv = csv;
  s->decoder.emplace(csv.encoding);
  s->block_bytes = std::max<std::size_t>(block_bytes, 1);
  s->file.emplace(*std::move(input));
  s->data_line = csv.first_line;
  return CsvFileReader(std::move(s));
}

bool CsvFileReader::next(std::vector<std::string_view>& fields, absl::Status& status) {
  State& s = *state_;
  status = absl::OkStatus();
  fields.clear();
  while (!s.done) {
    if (s.reader == nullptr && !s.refill(status)) {
      if (!status.ok() && s.error_line > 0) s.record_line = s.error_line;
      break;
    }
    if (s.reader->next(fields, status)) {
      s.record_line = s.reader->record_line();
      return true;
    }
    if (!status.ok()) {
      s.record_line = s.reader->record_line();
      s.error_line = s.reader->error_line();
      s.error_field = s.reader->error_field();
      break;
    }
    if (s.file_done && s.parse_end == s.buffer.size()) break;
    if (!s.refill(status)) {
      if (!status.ok() && s.error_line > 0) s.record_line = s.error_line;
      break;
    }
  }
  s.done = true;
  return false;
}

std::int64_t CsvFileReader::record_line() const { return state_->record_line; }
std::int64_t CsvFileReader::error_line() const { return state_->error_line; }
std::int64_t CsvFileReader::error_field() const { return state_->error_field; }
std::int64_t CsvFileReader::line() const {
  return state_->reader ? state_->reader->line() : state_->data_line;
}
char CsvFileReader::delimiter() const { return state_->csv.delimiter; }
TextEncoding CsvFileReader::encoding() const { return state_->decoder->resolved(); }
const CsvOptions& CsvFileReader::options() const { return state_->requested; }
const std::string& CsvFileReader::name() const { return state_->file->name(); }
std::uint64_t CsvFileReader::file_size() const { return state_->file->size(); }

}  // namespace qaframe
