#include "qaframe/io/text_encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "qaframe/model/text.hpp"

namespace qaframe {

std::string_view encoding_name(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kAuto:
      return "auto";
    case TextEncoding::kUtf8:
      return "utf-8";
    case TextEncoding::kWindows1252:
      return "windows-1252";
    case TextEncoding::kUtf16:
      return "utf-16";
  }
  return "auto";
}

absl::StatusOr<TextEncoding> parse_encoding_name(std::string_view name) {
  const std::string n = absl::AsciiStrToLower(sv(trim(name)));
  if (n == "auto") return TextEncoding::kAuto;
  if (n == "utf-8" || n == "utf8") return TextEncoding::kUtf8;
  if (n == "windows-1252" || n == "cp1252") return TextEncoding::kWindows1252;
  if (n == "utf-16" || n == "utf16") return TextEncoding::kUtf16;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown encoding '", shorten_for_message(name),
                   "' (accepted: auto, utf-8, windows-1252, utf-16)"));
}

absl::StatusOr<CsvOptions> with_named_dialect(CsvOptions base, std::string_view encoding,
                                              std::string_view delimiter) {
  auto e = parse_encoding_name(encoding);
  if (!e.ok()) return absl::InvalidArgumentError(absl::StrCat("encoding: ", e.status().message()));
  auto d = parse_delimiter_name(delimiter);
  if (!d.ok()) return absl::InvalidArgumentError(absl::StrCat("delimiter: ", d.status().message()));
  base.encoding = *e;
  base.delimiter = *d;
  return base;
}

namespace {

enum class Resolved { kUndecided, kUtf8, kCp1252, kUtf16Le, kUtf16Be };

constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

// The advice when a byte-order mark says the file is not in the encoding asked for.
std::string bom_mismatch(std::string_view found, TextEncoding asked, std::string_view use) {
  return absl::StrCat("the file begins with a ", sv(found), " byte-order mark, so it is not ",
                      asked == TextEncoding::kWindows1252 ? "Windows-1252"
                      : asked == TextEncoding::kUtf16     ? "UTF-16"
                                                          : "UTF-8",
                      " as asked: read it with encoding = \"", sv(use), "\" (or \"auto\")");
}

}  // namespace

struct TextDecoder::State {
  TextEncoding requested;
  Resolved resolved = Resolved::kUndecided;
  std::string pending;       // bytes not yet decoded: the head before the decision, a cut character
  std::uint64_t offset = 0;  // file offset of pending[0]
  std::int64_t line = 1;     // file line of pending[0]
  std::optional<DecodeError> error;
  iconv_t cd = reinterpret_cast<iconv_t>(-1);

  ~State() {
    if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
  }

  bool fail(std::uint64_t at, std::int64_t at_line, std::string reason) {
    error = DecodeError{at_line, at, std::move(reason)};
    return false;
  }

  // Decides the encoding from the first bytes of pending; false on a contradiction.
  bool decide() {
    const std::string_view head = pending;
    const bool utf8_bom = head.starts_with(kUtf8Bom);
    const bool le = head.starts_with(kUtf16LeBom);
    const bool be = head.starts_with(kUtf16BeBom);
    switch (requested) {
      case TextEncoding::kAuto:
      case TextEncoding::kUtf8:
        if (le || be) {
          if (requested == TextEncoding::kUtf8)
            return fail(0, 1, bom_mismatch(le ? "UTF-16 LE" : "UTF-16 BE", requested, "utf-16"));
          resolved = le ? Resolved::kUtf16Le : Resolved::kUtf16Be;
        } else {
          resolved = Resolved::kUtf8;
        }
        break;
      case TextEncoding::kWindows1252:
        if (utf8_bom) return fail(0, 1, bom_mismatch("UTF-8", requested, "utf-8"));
        if (le || be)
          return fail(0, 1, bom_mismatch(le ? "UTF-16 LE" : "UTF-16 BE", requested, "utf-16"));
        resolved = Resolved::kCp1252;
        break;
      case TextEncoding::kUtf16:
        if (utf8_bom) return fail(0, 1, bom_mismatch("UTF-8", requested, "utf-8"));
        if (!le && !be) {
          if (head.empty()) {
            resolved = Resolved::kUtf8;  // an empty file is empty in every encoding
            break;
          }
          return fail(0, 1,
                      "the file does not begin with a UTF-16 byte-order mark, so its byte order "
                      "is not known: save it as UTF-16 with a byte-order mark (Excel's \"Unicode "
                      "Text\" does) or as UTF-8, or read it with encoding = \"auto\"");
        }
        resolved = le ? Resolved::kUtf16Le : Resolved::kUtf16Be;
        break;
    }
    if (resolved == Resolved::kUtf16Le || resolved == Resolved::kUtf16Be) {
      pending.erase(0, 2);  // the mark is not text
      offset = 2;
    }
    if (resolved != Resolved::kUtf8) {
      const char* from = resolved == Resolved::kCp1252    ? "CP1252"
                         : resolved == Resolved::kUtf16Le ? "UTF-16LE"
                                                          : "UTF-16BE";
      cd = iconv_open("UTF-8", from);
      if (cd == reinterpret_cast<iconv_t>(-1)) {
        return fail(0, 1,
                    absl::StrCat("the C library cannot convert from ", from,
                                 " (its iconv module is missing); save the file as UTF-8"));
      }
    }
    return true;
  }

  bool utf16() const { return resolved == Resolved::kUtf16Le || resolved == Resolved::kUtf16Be; }

  // The code unit at byte i of pending (UTF-16).
  unsigned unit(std::size_t i) const {
    const auto a = static_cast<unsigned char>(pending[i]);
    const auto b = static_cast<unsigned char>(pending[i + 1]);
    return resolved == Resolved::kUtf16Le ? a | (b << 8) : (a << 8) | b;
  }

  // Line ends among the first `n` bytes of pending, and the first NUL character's offset there.
  std::size_t scan(std::size_t n, std::size_t& nul) const {
    std::size_t lines = 0;
    nul = std::string_view::npos;
    if (utf16()) {
      for (std::size_t i = 0; i + 1 < n; i += 2) {
        const unsigned u = unit(i);
        if (u == '\n') ++lines;
        if (u == 0 && nul == std::string_view::npos) nul = i;
      }
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        if (pending[i] == '\n') ++lines;
        if (pending[i] == '\0' && nul == std::string_view::npos) nul = i;
      }
    }
    return lines;
  }

  // Line of byte `at` of pending.
  std::int64_t line_at(std::size_t at) const {
    std::size_t nul = 0;
    return line + static_cast<std::int64_t>(scan(at, nul));
  }

  bool transcode(bool last, std::string& out) {
    // A NUL character is text no reader accepts: stop before it, and say where it is.
    std::size_t nul = std::string_view::npos;
    const std::size_t whole = utf16() ? pending.size() & ~std::size_t{1} : pending.size();
    scan(whole, nul);
    const std::size_t n = nul == std::string_view::npos ? pending.size() : nul;
    char* in = pending.data();
    std::size_t in_left = n;
    while (in_left > 0) {
      const std::size_t old = out.size();
      const std::size_t room = in_left * 3 + 16;
      out.resize(old + room);
      char* o = out.data() + old;
      std::size_t o_left = room;
      const std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
      out.resize(old + (room - o_left));
      if (r != static_cast<std::size_t>(-1)) break;
      if (errno == E2BIG) continue;
      const auto at = static_cast<std::size_t>(in - pending.data());
      if (errno == EILSEQ) {
        std::string reason;
        if (resolved == Resolved::kCp1252) {
          reason = absl::StrFormat(
              "text that is not valid Windows-1252 at byte %d (0x%02X stands for no character "
              "there); the file is in another encoding: read it with encoding = \"utf-8\" or "
              "\"auto\"",
              offset + at, static_cast<unsigned char>(pending[at]));
        } else {
          reason = absl::StrCat("text that is not valid UTF-16 at byte ", offset + at,
                                " (half of a surrogate pair, alone); save the file again as "
                                "UTF-16 or UTF-8");
        }
        return fail(offset + at, line_at(at), std::move(reason));
      }
      // EINVAL: a character cut by the end of the part; it waits for the next part.
      break;
    }
    const auto used = static_cast<std::size_t>(in - pending.data());
    if (nul != std::string_view::npos && used == nul) {
      return fail(offset + nul, line_at(nul),
                  absl::StrCat("a NUL character at byte ", offset + nul,
                               " (a text file holds none: the file may be damaged, or not text)"));
    }
    std::size_t ignored = 0;
    line += static_cast<std::int64_t>(scan(used, ignored));
    offset += used;
    pending.erase(0, used);
    if (last && !pending.empty()) {
      return fail(offset, line,
                  absl::StrCat("text that is not valid UTF-16 at byte ", offset,
                               " (the file ends inside a character: cut off?)"));
    }
    return true;
  }
};

TextDecoder::TextDecoder(TextEncoding encoding) : state_(std::make_unique<State>()) {
  state_->requested = encoding;
}
TextDecoder::TextDecoder(TextDecoder&&) noexcept = default;
TextDecoder& TextDecoder::operator=(TextDecoder&&) noexcept = default;
TextDecoder::~TextDecoder() = default;

bool TextDecoder::decode(std::string_view bytes, bool last, std::string& out) {
  State& s = *state_;
  if (s.error) return false;
  if (s.resolved == Resolved::kUtf8 && s.pending.empty()) {
    out.append(bytes);
    return true;
  }
  s.pending.append(bytes);
  if (s.resolved == Resolved::kUndecided) {
    if (s.pending.size() < 3 && !last) return true;
    if (!s.decide()) return false;
  }
  if (s.resolved == Resolved::kUtf8) {
    out.append(s.pending);
    s.pending.clear();
    return true;
  }
  return s.transcode(last, out);
}

const std::optional<DecodeError>& TextDecoder::error() const { return state_->error; }

TextEncoding TextDecoder::resolved() const {
  switch (state_->resolved) {
    case Resolved::kUndecided:
      return TextEncoding::kAuto;
    case Resolved::kUtf8:
      return TextEncoding::kUtf8;
    case Resolved::kCp1252:
      return TextEncoding::kWindows1252;
    case Resolved::kUtf16Le:
    case Resolved::kUtf16Be:
      return TextEncoding::kUtf16;
  }
  return TextEncoding::kAuto;
}

bool TextDecoder::passes_through() const { return state_->resolved == Resolved::kUtf8; }

std::optional<DataProblem> decode_text(std::string_view bytes, TextEncoding encoding,
                                       const std::string& source, std::string& storage,
                                       std::string_view& text, TextEncoding* resolved) {
  TextDecoder decoder(encoding);
  const std::size_t head = std::min<std::size_t>(bytes.size(), 3);
  std::string out;
  auto problem = [&] {
    const DecodeError& e = *decoder.error();
    return DataProblem{source, e.line, -1, "", "", e.reason};
  };
  if (!decoder.decode(bytes.substr(0, head), bytes.size() == head, out)) return problem();
  if (resolved != nullptr) *resolved = decoder.resolved();
  if (decoder.passes_through()) {
    text = bytes;  // UTF-8 already: no copy
    return std::nullopt;
  }
  storage = std::move(out);
  storage.reserve(bytes.size() + bytes.size() / 2);
  if (!decoder.decode(bytes.substr(head), true, storage)) return problem();
  text = storage;
  return std::nullopt;
}

void note_choices(Diagnostics& diag, const std::string& source, const CsvOptions& options,
                  TextEncoding resolved, char delimiter) {
  if (options.encoding == TextEncoding::kAuto && resolved == TextEncoding::kUtf16) {
    diag.remark(absl::StrCat(source, ": read as UTF-16 (its byte-order mark says so)"));
  }
  if (options.delimiter == '\0' && delimiter != ',' && delimiter != '\0') {
    diag.remark(absl::StrCat(source, ": fields separated by ", sv(delimiter_name(delimiter)),
                           " (chosen from the header line)"));
  }
}

}  // namespace qaframe
