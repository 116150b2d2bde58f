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
        continue;
      }
      // C1 controls and bidi embeddings, overrides and isolates as \u escapes: the same
      // characters to a JSON reader, but never obeyed by whoever views the JSON text.
      std::uint32_t cp = 0;
      const auto b1 = static_cast<unsigned char>(text[i + 1 < text.size() ? i + 1 : i]);
      if (len == 2) cp = ((u & 0x1Fu) << 6) | (b1 & 0x3Fu);
      if (len == 3)
        cp = ((u & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) |
             (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
      if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
          (cp >= 0x2066 && cp <= 0x2069)) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
        out += buf;
      } else {
        out.append(text.substr(i, len));
      }
      i += len - 1;
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

// ---------------------------------------------------------------------------------------------
// The document as data

namespace {

Data value_data(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kEmpty:
      return Data();
    case Value::Kind::kText:
      return Data::string(v.text.plain());
    case Value::Kind::kCount:
      return Data::integer(v.count);
    case Value::Kind::kPercentOf:
    case Value::Kind::kShareOf:
      return Data::object()
          .set("count", Data::integer(v.count))
          .set("n", Data::integer(v.n))
          .set("text", Data::string(format_value(v)));
    case Value::Kind::kShare:
    case Value::Kind::kNumber:
    case Value::Kind::kPValue:
    case Value::Kind::kPoints:
      return Data::number(v.x);
    case Value::Kind::kShareInterval:
    case Value::Kind::kInterval:
    case Value::Kind::kPointsInterval:
      return Data();  // intervals are written by interval_data
    case Value::Kind::kSymbol:
      return Data::object()
          .set("symbol", Data::string(v.symbol))
          .set("reason", Data::string(v.text.plain()));
  }
  return Data();
}

Data interval_data(const Value& v) {
  Data a = Data::array();
  a.push(Data::number(v.x));
  a.push(Data::number(v.y));
  return a;
}

Data table_data(const Table& t) {
  Data columns = Data::array(), rows = Data::array();
  for (const Column& c : t.columns) columns.push(Data::string(c.heading.plain()));
  for (const std::vector<Value>& row : t.rows) {
    Data r = Data::array();
    for (const Value& v : row) {
      const bool interval = v.kind == Value::Kind::kShareInterval ||
                            v.kind == Value::Kind::kInterval ||
                            v.kind == Value::Kind::kPointsInterval;
      r.push(interval ? interval_data(v) : value_data(v));
    }
    rows.push(std::move(r));
  }
  return Data::object()
      .set("id", Data::string(t.id))
      .set("caption", Data::string(t.caption.plain()))
      .set("columns", std::move(columns))
      .set("rows", std::move(rows))
      .set("total_rows", Data::integer(t.total_rows));
}

Data blocks_data(const std::vector<Block>& blocks) {
  Data out = Data::array();
  for (const Block& b : blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) {
      out.push(Data::object().set("paragraph", Data::string(p->text.plain())));
    } else if (const auto* n = std::get_if<Note>(&b)) {
      out.push(Data::object().set("note", Data::string(n->text.plain())));
    } else if (const auto* l = std::get_if<List>(&b)) {
      Data items = Data::array();
      for (const Text& t : l->items) items.push(Data::string(t.plain()));
      out.push(Data::object().set("list", std::move(items)));
    } else if (const auto* t = std::get_if<Table>(&b)) {
      out.push(Data::object().set("table", table_data(*t)));
    } else if (const auto* f = std::get_if<Figure>(&b)) {
      out.push(Data::object()
                   .set("figure", Data::string(f->title))
                   .set("table", f->table.columns.empty() ? Data::string(f->table_ref)
                                                          : table_data(f->table)));
    }
  }
  return out;
}

Data section_data(const Section& s) {
  Data subs = Data::array();
  for (const Section& sub : s.subsections) subs.push(section_data(sub));
  return Data::object()
      .set("id", Data::string(s.id))
      .set("title", Data::string(s.title.plain()))
      .set("blocks", blocks_data(s.blocks))
      .set("subsections", std::move(subs));
}

}  // namespace

Data published_data(const Document& d) {
  Data sections = Data::array(), omitted = Data::array();
  for (const Section& s : d.sections) sections.push(section_data(s));
  for (const Omission& o : d.omitted)
    omitted.push(Data::object()
                     .set("section", Data::string(o.section))
                     .set("reason", Data::string(o.reason)));
  return Data::object()
      .set("title", Data::string(d.title.plain()))
      .set("organisation", Data::string(d.meta.organisation))
      .set("period", Data::string(d.meta.period))
      .set("produced", Data::string(d.meta.produced))
      .set("author", Data::string(d.meta.author))
      .set("source", Data::string(d.meta.source))
      .set("published", Data::boolean(true))
      .set("preamble", blocks_data(d.preamble))
      .set("sections", std::move(sections))
      .set("not_included", std::move(omitted));
}

}  // namespace qaframe::doc
