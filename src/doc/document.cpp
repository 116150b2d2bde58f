#include "qaframe/doc/document.hpp"
#include "absl/strings/str_cat.h"

#include <cmath>
#include <cstdio>

#include "qaframe/model/text.hpp"

namespace qaframe::doc {

// ---------------------------------------------------------------------------------------------
// Data

Data Data::boolean(bool b) {
  Data d;
  d.kind_ = Kind::kBool;
  d.bool_ = b;
  return d;
}

Data Data::integer(std::int64_t v) {
  Data d;
  d.kind_ = Kind::kInt;
  d.int_ = v;
  return d;
}

Data Data::number(double v) {
  Data d;
  d.kind_ = Kind::kNumber;
  d.number_ = v;
  return d;
}

Data Data::string(std::string_view s) {
  Data d;
  d.kind_ = Kind::kString;
  d.string_ = std::string(s);
  return d;
}

Data Data::array() {
  Data d;
  d.kind_ = Kind::kArray;
  return d;
}

Data Data::object() {
  Data d;
  d.kind_ = Kind::kObject;
  return d;
}

Data Data::strings(const std::vector<std::string>& items) {
  Data d = array();
  for (const std::string& s : items) d.push(string(s));
  return d;
}

Data Data::integers(const std::vector<std::int64_t>& items) {
  Data d = array();
  for (std::int64_t v : items) d.push(integer(v));
  return d;
}

Data& Data::push(Data value) {
  if (kind_ != Kind::kArray) *this = array();
  elements_.push_back(std::move(value));
  return elements_.back();
}

Data& Data::set(std::string_view name, Data value) {
  if (kind_ != Kind::kObject) *this = object();
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) {
      elements_[i] = std::move(value);
      return *this;
    }
  }
  names_.emplace_back(name);
  elements_.push_back(std::move(value));
  return *this;
}

const Data* Data::find(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return &elements_[i];
  return nullptr;
}

namespace {

// A JSON string literal: always valid UTF-8 (a stray byte becomes U+FFFD); control characters
// and <, >, & as \u escapes, so that the JSON can sit inside an HTML page.
void write_string(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      const std::size_t len = utf8_sequence_length(text, i);
      if (len == 0) {
        out += "\\ufffd";
      } else {
        out.append(text.substr(i, len));
        i += len - 1;
      }
      continue;
    }
    char buf[8];
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20 || c == '<' || c == '>' || c == '&' || u == 0x7F) {
          std::snprintf(buf, sizeof buf, "\\u%04x", u);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

void Data::write(std::string& out) const {
  switch (kind_) {
    case Kind::kNull:
      out += "null";
      return;
    case Kind::kBool:
      out += bool_ ? "true" : "false";
      return;
    case Kind::kInt:
      out += std::to_string(int_);
      return;
    case Kind::kNumber: {
      if (!std::isfinite(number_)) {
        out += "null";
        return;
      }
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.12g", number_);
      out += buf;
      return;
    }
    case Kind::kString:
      write_string(out, string_);
      return;
    case Kind::kArray:
      out += '[';
      for (std::size_t i = 0; i < elements_.size(); ++i) {
        if (i > 0) out += ", ";
        elements_[i].write(out);
      }
      out += ']';
      return;
    case Kind::kObject:
      out += '{';
      for (std::size_t i = 0; i < elements_.size(); ++i) {
        if (i > 0) out += ", ";
        write_string(out, names_[i]);
        out += ": ";
        elements_[i].write(out);
      }
      out += '}';
      return;
  }
}

std::string Data::to_json() const {
  std::string out;
  write(out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text

Text& Text::words(std::string_view s, Style style) {
  if (!s.empty()) spans.push_back({std::string(s), style, false});
  return *this;
}

Text& Text::data(std::string_view s, Style style) {
  if (!s.empty()) spans.push_back({std::string(s), style, true});
  return *this;
}

Text& Text::append(const Text& other) {
  spans.insert(spans.end(), other.spans.begin(), other.spans.end());
  return *this;
}

std::string Text::plain() const {
  std::string out;
  for (const Span& s : spans) out += s.text;
  return out;
}

bool Text::empty() const {
  for (const Span& s : spans)
    if (!s.text.empty()) return false;
  return true;
}

Text words(std::string_view s, Style style) { return Text().words(s, style); }
Text data(std::string_view s, Style style) { return Text().data(s, style); }

// ---------------------------------------------------------------------------------------------
// Values

Value Value::label(std::string_view s) {
  Value v;
  v.kind = Kind::kText;
  v.text = doc::data(s);
  return v;
}

Value Value::of(Text t) {
  Value v;
  v.kind = Kind::kText;
  v.text = std::move(t);
  return v;
}

Value Value::count_of(std::int64_t c) {
  Value v;
  v.kind = Kind::kCount;
  v.count = c;
  return v;
}

Value Value::share(double s) {
  Value v;
  v.kind = Kind::kShare;
  v.x = s;
  return v;
}

Value Value::percent_of(std::int64_t c, std::int64_t n) {
  Value v;
  v.kind = Kind::kPercentOf;
  v.count = c;
  v.n = n;
  return v;
}

Value Value::share_of(std::int64_t c, std::int64_t n) {
  Value v;
  v.kind = Kind::kShareOf;
  v.count = c;
  v.n = n;
  return v;
}

Value Value::share_interval(double low, double high) {
  Value v;
  v.kind = Kind::kShareInterval;
  v.x = low;
  v.y = high;
  return v;
}

Value Value::number(double x, int digits) {
  Value v;
  v.kind = Kind::kNumber;
  v.x = x;
  v.digits = digits;
  return v;
}

Value Value::interval(double low, double high, int digits) {
  Value v;
  v.kind = Kind::kInterval;
  v.x = low;
  v.y = high;
  v.digits = digits;
  return v;
}

Value Value::pvalue(double p) {
  Value v;
  v.kind = Kind::kPValue;
  v.x = p;
  return v;
}

Value Value::points(double d) {
  Value v;
  v.kind = Kind::kPoints;
  v.x = d;
  return v;
}

Value Value::points_interval(double low, double high) {
  Value v;
  v.kind = Kind::kPointsInterval;
  v.x = low;
  v.y = high;
  return v;
}

Value Value::symbol_for(std::string_view symbol, std::string_view reason) {
  Value v;
  v.kind = Kind::kSymbol;
  v.symbol = std::string(symbol);
  v.text = words(reason);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Formatting

namespace {

// round(100 part / whole) with halves up, in integers (DfE rounding): floor((200p + w) / 2w).
std::int64_t exact_percent(std::int64_t part, std::int64_t whole) {
  return (200 * part + whole) / (2 * whole);
}

std::string whole(double x) { return absl::StrCat(std::lround(x)); }

}  // namespace

std::string format_percent(double share) {
  return std::isnan(share) ? std::string("-") : absl::StrCat(whole(share * 100), "%");
}

std::string format_percent_interval(double low, double high) {
  if (std::isnan(low) || std::isnan(high)) return "-";
  return absl::StrCat(whole(low * 100), "-", whole(high * 100), "%");
}

std::string format_p(double p) {
  if (std::isnan(p)) return "-";
  if (p < 0.001) return "<0.001";
  return format_number(p, 3);
}

std::string format_number(double x, int digits) {
  if (std::isnan(x)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

std::string format_level(double level) { return absl::StrCat(whole(level * 100), "%"); }

std::string format_value(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kEmpty:
      return "";
    case Value::Kind::kText:
      return v.text.plain();
    case Value::Kind::kCount:
      return absl::StrCat(v.count);
    case Value::Kind::kShare:
      return format_percent(v.x);
    case Value::Kind::kPercentOf:
      if (v.n <= 0) return "-";
      return absl::StrCat(exact_percent(v.count, v.n), "%");
    case Value::Kind::kShareOf:
      if (v.n <= 0) return "- (n 0)";
      return absl::StrCat(exact_percent(v.count, v.n), "% (", v.count, "/", v.n, ")");
    case Value::Kind::kShareInterval:
      return format_percent_interval(v.x, v.y);
    case Value::Kind::kNumber:
      return format_number(v.x, v.digits);
    case Value::Kind::kInterval:
      return absl::StrCat(format_number(v.x, v.digits), " to ", format_number(v.y, v.digits));
    case Value::Kind::kPValue:
      return format_p(v.x);
    case Value::Kind::kPoints:
      if (std::isnan(v.x)) return "-";
      return absl::StrCat(v.x > 0 ? "+" : "", whole(v.x * 100), " pts");
    case Value::Kind::kPointsInterval:
      if (std::isnan(v.x)) return "-";
      return absl::StrCat(whole(v.x * 100), " to ", whole(v.y * 100), " pts");
    case Value::Kind::kSymbol:
      return v.symbol;
  }
  return "";
}

}  // namespace qaframe::doc
