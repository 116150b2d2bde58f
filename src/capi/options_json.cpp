#include "capi/options_json.hpp"

#include <cmath>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe::capi {

namespace {

constexpr int kMaxDepth = 16;

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  absl::StatusOr<Json> document() {
    Json v;
    if (auto s = value(v, 0); !s.ok()) return s;
    space();
    if (pos_ != text_.size()) return error("end of the text");
    return v;
  }

 private:
  absl::Status error(std::string_view expected) const {
    if (pos_ >= text_.size())
      return absl::InvalidArgumentError(
          absl::StrCat("options: malformed JSON: expected ", sv(expected), " at the end"));
    return absl::InvalidArgumentError(
        absl::StrCat("options: malformed JSON at byte ", pos_, ": expected ", sv(expected),
                     ", found '", shorten_for_message(text_.substr(pos_, 1)), "'"));
  }

  void space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  absl::Status value(Json& out, int depth) {
    if (depth > kMaxDepth) return error("less nesting (at most 16 levels)");
    space();
    if (pos_ >= text_.size()) return error("a value");
    const char c = text_[pos_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') {
      out.kind = Json::Kind::kString;
      return string(out.string);
    }
    if (c == '-' || (c >= '0' && c <= '9')) return number(out);
    if (literal("true")) {
      out.kind = Json::Kind::kBool;
      out.boolean = true;
      return absl::OkStatus();
    }
    if (literal("false")) {
      out.kind = Json::Kind::kBool;
      return absl::OkStatus();
    }
    if (literal("null")) return absl::OkStatus();
    return error("a value (object, array, string, number, true, false or null)");
  }

  absl::Status object(Json& out, int depth) {
    out.kind = Json::Kind::kObject;
    ++pos_;
    space();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return absl::OkStatus();
    }
    while (true) {
      space();
      if (pos_ >= text_.size() || text_[pos_] != '"') return error("a key in double quotes");
      std::string key;
      if (auto s = string(key); !s.ok()) return s;
      for (const auto& m : out.members) {
        if (m.name == key)
          return absl::InvalidArgumentError(
              absl::StrCat("options: key '", shorten_for_message(key), "' given twice"));
      }
      space();
      if (pos_ >= text_.size() || text_[pos_] != ':') return error("':'");
      ++pos_;
      Json v;
      if (auto s = value(v, depth + 1); !s.ok()) return s;
      out.members.push_back(JsonMember{std::move(key), std::move(v)});
      space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return absl::OkStatus();
      }
      return error("',' or '}'");
    }
  }

  absl::Status array(Json& out, int depth) {
    out.kind = Json::Kind::kArray;
    ++pos_;
    space();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return absl::OkStatus();
    }
    while (true) {
      Json v;
      if (auto s = value(v, depth + 1); !s.ok()) return s;
      out.items.push_back(std::move(v));
      space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return absl::OkStatus();
      }
      return error("',' or ']'");
    }
  }

  // Four hex digits of a \u escape.
  bool hex4(std::uint32_t& v) {
    if (pos_ + 4 > text_.size()) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = text_[pos_ + static_cast<std::size_t>(i)];
      v <<= 4;
      if (h >= '0' && h <= '9') {
        v |= static_cast<std::uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        v |= static_cast<std::uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        v |= static_cast<std::uint32_t>(h - 'A' + 10);
      } else {
        return false;
      }
    }
    pos_ += 4;
    return true;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // The length of the valid UTF-8 sequence at pos_ (0 when invalid).
  std::size_t utf8_length() const {
    const auto b = [&](std::size_t i) {
      return pos_ + i < text_.size() ? static_cast<unsigned char>(text_[pos_ + i]) : 0u;
    };
    const unsigned c = b(0);
    auto cont = [&](std::size_t i) { return (b(i) & 0xC0u) == 0x80u; };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
      if (!cont(1) || !cont(2)) return 0;
      if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
      if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
      return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      if (!cont(1) || !cont(2) || !cont(3)) return 0;
      if (c == 0xF0 && b(1) < 0x90) return 0;
      if (c == 0xF4 && b(1) >= 0x90) return 0;
      return 4;
    }
    return 0;
  }

  absl::Status string(std::string& out) {
    ++pos_;  // the opening quote
    while (true) {
      if (pos_ >= text_.size()) return error("'\"' closing the string");
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return absl::OkStatus();
      }
      if (c < 0x20) return error("no control character inside a string (escape it)");
      if (c == '\\') {
        ++pos_;
        if (pos_ >= text_.size()) return error("an escape");
        const char e = text_[pos_++];
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            std::uint32_t cp = 0;
            if (!hex4(cp)) return error("four hex digits after \\u");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              std::uint32_t low = 0;
              if (!literal("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF)
                return error("a low surrogate \\uDC00-\\uDFFF after a high one");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              return error("a high surrogate before a low one");
            }
            append_utf8(out, cp);
            break;
          }
          default:
            --pos_;
            return error("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
        continue;
      }
      if (c < 0x80) {
        out += static_cast<char>(c);
        ++pos_;
        continue;
      }
      const std::size_t n = utf8_length();
      if (n == 0) return error("UTF-8 text");
      out.append(text_.substr(pos_, n));
      pos_ += n;
    }
  }

  absl::Status number(Json& out) {
    const std::size_t start = pos_;
    bool integral = true;
    if (text_[pos_] == '-') ++pos_;
    auto digits = [&] {
      const std::size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (pos_ < text_.size() && text_[pos_] == '0') {
      ++pos_;
    } else if (digits() == 0) {
      return error("a digit");
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      integral = false;
      ++pos_;
      if (digits() == 0) return error("a digit after '.'");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      integral = false;
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (digits() == 0) return error("a digit in the exponent");
    }
    const std::string literal_text(text_.substr(start, pos_ - start));
    out.kind = Json::Kind::kNumber;
    out.number = std::strtod(literal_text.c_str(), nullptr);
    out.integral = integral;
    if (!std::isfinite(out.number)) {
      pos_ = start;
      return error("a number within the range of a double");
    }
    return absl::OkStatus();
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

absl::Status wrong_type(std::string_view key, std::string_view expected) {
  return absl::InvalidArgumentError(
      absl::StrCat("options: '", sv(key), "' must be ", sv(expected)));
}

}  // namespace

absl::StatusOr<Json> parse_json(std::string_view text) { return Parser(text).document(); }

absl::StatusOr<Options> Options::parse(const char* text, std::vector<std::string> accepted) {
  Options o;
  o.object_.kind = Json::Kind::kObject;
  if (text == nullptr) return o;
  auto json = parse_json(text);
  if (!json.ok()) return json.status();
  if (json->kind != Json::Kind::kObject)
    return absl::InvalidArgumentError("options: must be a JSON object ({...})");
  for (const auto& m : json->members) {
    bool known = false;
    for (const std::string& a : accepted) known = known || a == m.name;
    if (!known)
      return absl::InvalidArgumentError(absl::StrCat(
          "options: unknown key '", shorten_for_message(m.name), "' (accepted: ",
          accepted.empty() ? std::string("none") : absl::StrJoin(accepted, ", "), ")"));
  }
  o.object_ = *std::move(json);
  return o;
}

const Json* Options::find(std::string_view key) const {
  for (const auto& m : object_.members)
    if (m.name == key) return &m.value;
  return nullptr;
}

const Json* Options::raw(std::string_view key) { return find(key); }

absl::StatusOr<std::optional<std::string>> Options::string(std::string_view key) {
  const Json* v = find(key);
  if (v == nullptr || v->kind == Json::Kind::kNull) return std::optional<std::string>();
  if (v->kind != Json::Kind::kString) return wrong_type(key, "a string");
  return std::optional<std::string>(v->string);
}

absl::StatusOr<std::optional<std::vector<std::string>>> Options::strings(std::string_view key,
                                                                         bool split) {
  using Result = std::optional<std::vector<std::string>>;
  const Json* v = find(key);
  if (v == nullptr || v->kind == Json::Kind::kNull) return Result();
  std::vector<std::string> out;
  if (v->kind == Json::Kind::kString) {
    if (split) {
      for (absl::string_view part : absl::StrSplit(sv(v->string), ','))
        out.emplace_back(part.data(), part.size());
    } else {
      out.push_back(v->string);
    }
    return Result(std::move(out));
  }
  if (v->kind != Json::Kind::kArray) return wrong_type(key, "a string or an array of strings");
  for (const Json& item : v->items) {
    if (item.kind != Json::Kind::kString) return wrong_type(key, "an array of strings");
    out.push_back(item.string);
  }
  return Result(std::move(out));
}

absl::StatusOr<std::optional<double>> Options::number(std::string_view key) {
  const Json* v = find(key);
  if (v == nullptr || v->kind == Json::Kind::kNull) return std::optional<double>();
  if (v->kind != Json::Kind::kNumber) return wrong_type(key, "a number");
  return std::optional<double>(v->number);
}

absl::StatusOr<std::optional<std::int64_t>> Options::integer(std::string_view key, std::int64_t lo,
                                                             std::int64_t hi) {
  const Json* v = find(key);
  if (v == nullptr || v->kind == Json::Kind::kNull) return std::optional<std::int64_t>();
  const std::string range = absl::StrCat("a whole number from ", lo, " to ", hi);
  if (v->kind != Json::Kind::kNumber || !v->integral) return wrong_type(key, range);
  if (!(v->number >= static_cast<double>(lo) && v->number <= static_cast<double>(hi)))
    return wrong_type(key, range);
  return std::optional<std::int64_t>(static_cast<std::int64_t>(v->number));
}

absl::StatusOr<std::optional<std::vector<std::pair<std::string, std::string>>>> Options::string_map(
    std::string_view key) {
  using Result = std::optional<std::vector<std::pair<std::string, std::string>>>;
  const Json* v = find(key);
  if (v == nullptr || v->kind == Json::Kind::kNull) return Result();
  if (v->kind != Json::Kind::kObject) return wrong_type(key, "an object of strings");
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& m : v->members) {
    if (m.value.kind != Json::Kind::kString)
      return wrong_type(absl::StrCat(sv(key), ".", m.name), "a string");
    out.emplace_back(m.name, m.value.string);
  }
  return Result(std::move(out));
}

}  // namespace qaframe::capi
