#include "qaframe/io/csv.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "qaframe/model/text.hpp"

namespace qaframe {

std::optional<DataProblem> text_encoding_problem(std::string_view text, const std::string& source,
                                                 std::int64_t first_line, std::size_t first_byte,
                                                 std::string_view what) {
  const std::size_t bad = find_invalid_utf8_or_nul(text);
  if (bad == std::string_view::npos) return std::nullopt;
  const auto line =
      first_line + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
  return DataProblem{
      source,
      line,
      -1,
      "",
      "",
      absl::StrCat(text[bad] == '\0' ? "a NUL byte" : "text that is not valid UTF-8", " at byte ",
                   first_byte + bad, "; ", utf8_advice(text, bad, what))};
}

char detect_delimiter(std::string_view text) {
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    // One line, its separators counted outside quotes (a quoted line break stays in the line).
    std::size_t counts[3] = {0, 0, 0};
    bool in_quotes = false;
    bool blank = true;
    std::size_t j = i;
    for (; j < n; ++j) {
      const char c = text[j];
      if (c == '"') {
        in_quotes = !in_quotes;
      } else if (!in_quotes && (c == '\n' || c == '\r')) {
        break;
      } else if (!in_quotes && c == ',') {
        ++counts[0];
      } else if (!in_quotes && c == ';') {
        ++counts[1];
      } else if (!in_quotes && c == '\t') {
        ++counts[2];
      }
      if (c != ' ' && c != '\t') blank = false;
    }
    if (!blank) {
      if (j == n && in_quotes) return '\0';  // the line is not all there yet
      if (counts[1] > counts[0] && counts[1] >= counts[2]) return ';';
      if (counts[2] > counts[0] && counts[2] > counts[1]) return '\t';
      return ',';
    }
    i = j + 1;
  }
  return '\0';
}

absl::StatusOr<char> parse_delimiter_name(std::string_view name) {
  const std::string n = absl::AsciiStrToLower(sv(name));
  if (n == "auto") return '\0';
  if (n == "," || n == "comma") return ',';
  if (n == ";" || n == "semicolon") return ';';
  if (n == "\t" || n == "\\t" || n == "tab") return '\t';
  return absl::InvalidArgumentError(absl::StrCat("unknown delimiter '", shorten_for_message(name),
                                                 "' (accepted: auto, ',', ';', tab)"));
}

std::string_view delimiter_name(char delimiter) {
  return delimiter == ';' ? "semicolons" : delimiter == '\t' ? "tabs" : "commas";
}

CsvReader::CsvReader(std::string_view text, CsvOptions options)
    : text_(text), options_(options), line_(options.first_line) {
  if (text_.starts_with(kUtf8Bom)) pos_ = kUtf8Bom.size();
  if (options_.delimiter == '\0') {
    const char found = detect_delimiter(text_);
    options_.delimiter = found == '\0' ? ',' : found;
  }
}

bool CsvReader::next(std::vector<std::string_view>& fields, absl::Status& status) {
  fields.clear();
  spans_.clear();
  scratch_.clear();
  status = absl::OkStatus();
  const std::size_t n = text_.size();
  if (pos_ >= n) return false;
  record_line_ = line_;
  const char delim = options_.delimiter;
  auto fail = [&](std::int64_t at_line, std::string message) {
    error_line_ = at_line;
    error_field_ = static_cast<std::int64_t>(spans_.size()) + 1;
    status = absl::InvalidArgumentError(std::move(message));
    pos_ = n;  // stop: the rest of the text cannot be framed reliably
    return false;
  };
  // Every byte of the record lies before `limit`: a byte at or past it (other than the line end)
  // makes the record too long. Nothing past it is scanned or copied, so a stray quote costs at
  // most the record limit, not the rest of the file. The chunked reader relies on this: given
  // at least max_record_bytes + 1 bytes of a record, it decides exactly as a whole read does.
  const std::size_t record_start = pos_;
  record_start_ = pos_;
  const std::size_t limit = record_start + std::min(options_.max_record_bytes, n - record_start);
  const bool limited = options_.max_record_bytes < n - record_start;
  auto too_long = [&] {
    return fail(record_line_,
                absl::StrCat("a record longer than the limit of ", options_.max_record_bytes,
                             " bytes, from line ", record_line_, " (a quote never closed?)"));
  };
  auto too_many = [&] {
    return fail(record_line_, absl::StrCat("a record with more than ", options_.max_fields,
                                           " fields (the limit), from line ", record_line_));
  };
  while (true) {
    // One field starts at pos_.
    if (spans_.size() >= options_.max_fields) return too_many();
    if (pos_ < n && text_[pos_] == '"') {
      const std::int64_t quote_line = line_;
      const std::size_t start = scratch_.size();
      ++pos_;
      while (true) {
        const std::size_t region = limit > pos_ ? limit - pos_ : 0;
        const std::size_t found = text_.substr(pos_, region).find('"');
        if (found == std::string_view::npos) {
          if (limited) return too_long();
          return fail(quote_line, absl::StrCat("a quoted field opened on line ", quote_line,
                                               " is never closed (file cut off?)"));
        }
        const std::size_t q = pos_ + found;
        std::string_view chunk = text_.substr(pos_, q - pos_);
        // The field's length is checked before it is copied.
        if (scratch_.size() - start + chunk.size() > options_.max_field_bytes) {
          return fail(quote_line, absl::StrCat("a field is longer than the limit of ",
                                               options_.max_field_bytes, " bytes"));
        }
        for (char c : chunk) line_ += (c == '\n');
        scratch_.append(chunk);
        pos_ = q + 1;
        if (pos_ < n && text_[pos_] == '"') {  // "" is a literal quote
          if (pos_ >= limit && limited) return too_long();
          scratch_.push_back('"');
          ++pos_;
          continue;
        }
        break;
      }
      if (scratch_.size() - start > options_.max_field_bytes) {
        return fail(quote_line, absl::StrCat("a field is longer than the limit of ",
                                             options_.max_field_bytes, " bytes"));
      }
      if (pos_ < n && text_[pos_] != delim && text_[pos_] != '\n' && text_[pos_] != '\r') {
        if (pos_ >= limit && limited) return too_long();
        return fail(line_, "text after the closing quote of a quoted field");
      }
      spans_.push_back({start, scratch_.size() - start, true});
    } else {
      std::size_t end = pos_;
      // Eight bytes at a time while none of them is a separator, a line end or a quote (a word
      // holds byte c exactly when w ^ c has a zero byte); the byte loop below finds which.
      const std::uint64_t ones = 0x0101010101010101ULL;
      const std::uint64_t highs = 0x8080808080808080ULL;
      const std::uint64_t d = ones * static_cast<unsigned char>(delim);
      auto zero_byte = [&](std::uint64_t v) { return (v - ones) & ~v & highs; };
      while (end + 8 <= limit) {
        std::uint64_t w;
        std::memcpy(&w, text_.data() + end, 8);
        if ((zero_byte(w ^ d) | zero_byte(w ^ (ones * '\n')) | zero_byte(w ^ (ones * '\r')) |
             zero_byte(w ^ (ones * '"'))) != 0)
          break;
        end += 8;
      }
      while (end < limit && text_[end] != delim && text_[end] != '\n' && text_[end] != '\r') {
        if (text_[end] == '"') {
          return fail(line_,
                      "a quote inside an unquoted field (quote the whole field and double "
                      "the quote: \"\")");
        }
        ++end;
      }
      if (end == limit && limited && text_[end] != delim && text_[end] != '\n' &&
          text_[end] != '\r') {
        return too_long();
      }
      if (end - pos_ > options_.max_field_bytes) {
        return fail(line_, absl::StrCat("a field is longer than the limit of ",
                                        options_.max_field_bytes, " bytes"));
      }
      spans_.push_back({pos_, end - pos_, false});
      pos_ = end;
    }
    // After a field: a delimiter, a line end, or the end of the text.
    if (pos_ >= n) break;
    char c = text_[pos_];
    if (c == delim) {
      if (pos_ >= limit && limited) return too_long();
      ++pos_;
      if (pos_ >= n) {  // trailing delimiter at end of text: one more empty field
        if (spans_.size() >= options_.max_fields) return too_many();
        spans_.push_back({pos_, 0, false});
        break;
      }
      continue;
    }
    if (c == '\r') {
      ++pos_;
      if (pos_ < n && text_[pos_] == '\n') ++pos_;
    } else {
      ++pos_;
    }
    ++line_;
    break;
  }
  fields.reserve(spans_.size());
  for (const Span& s : spans_) {
    fields.push_back(s.in_scratch ? std::string_view(scratch_).substr(s.offset, s.size)
                                  : text_.substr(s.offset, s.size));
  }
  return true;
}

void append_csv_field(std::string& out, std::string_view field, char delimiter) {
  bool quote = !field.empty() && (field.front() == ' ' || field.back() == ' ' ||
                                  field.front() == '\t' || field.back() == '\t');
  // A field that begins with a byte-order mark is quoted: unquoted at the start of a file, the
  // reader would take its mark for the file's and drop it.
  if (field.starts_with(kUtf8Bom)) quote = true;
  // The other separators are quoted too, so that a reader choosing the separator from the
  // header line (see detect_delimiter) counts only this one.
  for (char c : field) {
    if (c == delimiter || c == '"' || c == '\n' || c == '\r' || c == ',' || c == ';' || c == '\t') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string spreadsheet_safe(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    std::string out;
    out.reserve(text.size() + 1);
    out.push_back('\'');
    out.append(text);
    return out;
  }
  return std::string(text);
}

}  // namespace qaframe
