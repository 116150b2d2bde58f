#pragma once
/// @file text_encoding.hpp
/// Text files in the encodings exports come in, decoded to the UTF-8 every reader parses: UTF-8
/// (with or without a byte-order mark), UTF-16 LE or BE (with a byte-order mark) and
/// Windows-1252, transcoded with the C library's iconv. Line ends are the same characters in
/// every one of them, so the lines of the decoded text are the lines of the file, and every
/// message names the file's own line; a decoding error names the byte offset in the file as well.
/// UTF-8 is passed through untouched: the readers check it value by value, naming each bad
/// value's column (see find_invalid_utf8_or_nul).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/data_problem.hpp"

namespace qaframe {

/// The name of an encoding as a profile, Python and the command line write it: "auto", "utf-8",
/// "windows-1252", "utf-16".
std::string_view encoding_name(TextEncoding encoding);

/// The encoding named by `name`, ASCII case ignored: "auto", "utf-8" ("utf8"), "windows-1252"
/// ("cp1252"), "utf-16" ("utf16"); InvalidArgument naming the accepted names otherwise.
absl::StatusOr<TextEncoding> parse_encoding_name(std::string_view name);

/// `base` with the encoding and the separator named as a profile, Python and the command line
/// name them (see parse_encoding_name, parse_delimiter_name); InvalidArgument naming the option
/// ("encoding: unknown encoding 'latin1' ...") otherwise.
absl::StatusOr<CsvOptions> with_named_dialect(CsvOptions base, std::string_view encoding,
                                              std::string_view delimiter);

/// Where and why bytes are not text in their encoding.
struct DecodeError {
  std::int64_t line = 1;   ///< 1-based line of the file on which the bad bytes are
  std::uint64_t byte = 0;  ///< 0-based offset of the first bad byte in the file
  std::string reason;      ///< what is wrong and what to do, without the place
  friend bool operator==(const DecodeError&, const DecodeError&) = default;
};

/// Decodes a file's bytes to UTF-8 a part at a time, so that a file read in blocks is decoded as
/// the whole of it would be (a character cut by the end of a block waits for the next). kAuto
/// and kUtf16 decide from the first bytes (a byte-order mark); the decision waits until three
/// bytes or the end of the input have been seen. Movable, not copyable.
class TextDecoder {
 public:
  /// A decoder of text in `encoding`.
  explicit TextDecoder(TextEncoding encoding);
  TextDecoder(TextDecoder&&) noexcept;
  TextDecoder& operator=(TextDecoder&&) noexcept;
  ~TextDecoder();

  /// Appends the UTF-8 of `bytes`, the next part of the input, to `out`; `last` when no more
  /// follows. False once the input is not text in the encoding: `error()` says where and why,
  /// and `out` holds the text before the bad bytes. UTF-8 (and kAuto without a byte-order mark)
  /// is appended as it is, byte-order mark included (CsvReader skips it).
  bool decode(std::string_view bytes, bool last, std::string& out);
  /// The error that stopped decoding, if any.
  const std::optional<DecodeError>& error() const;
  /// The encoding decided (kUtf8, kWindows1252 or kUtf16; kAuto until the first bytes are seen).
  TextEncoding resolved() const;
  /// True when the text is passed through unchanged (UTF-8).
  bool passes_through() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// The UTF-8 text of a whole file's `bytes` in `encoding`: a view of `bytes` when they are UTF-8
/// already, of `storage` when they had to be transcoded. A decoding error becomes the problem of
/// the file (`source`, its line, the byte in the reason), returned instead.
/// `resolved`, when given, receives the encoding decided (see TextDecoder::resolved).
std::optional<DataProblem> decode_text(std::string_view bytes, TextEncoding encoding,
                                       const std::string& source, std::string& storage,
                                       std::string_view& text, TextEncoding* resolved = nullptr);

/// Records in `diag` what a reader chose for itself from `options`: the encoding, when kAuto
/// found a UTF-16 byte-order mark ("audits.csv: read as UTF-16 (its byte-order mark says so)"),
/// and the separator, when '\0' chose other than ',' ("audits.csv: fields separated by
/// semicolons (chosen from the header line)"). A comma file read as UTF-8 gets no note: that is
/// what every reader always did.
void note_choices(Diagnostics& diag, const std::string& source, const CsvOptions& options,
                  TextEncoding resolved, char delimiter);

}  // namespace qaframe
