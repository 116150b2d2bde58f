#include "qaframe/io/xlsx.hpp"
#include "qaframe/io/file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/file_kind.hpp"
#include "io/xlsx/cell_values.hpp"
#include "io/xlsx/xml_stream.hpp"
#include "io/xlsx/zip_archive.hpp"
#include "model/machine.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

namespace {

using detail::append_clock;
using detail::append_day;
using detail::append_number;
using detail::append_serial;
using detail::builtin_format_kind;
using detail::classify_format;
using detail::DateKind;
using detail::decode_escapes;
using detail::not_a_zip;
using detail::parse_iso_datetime;
using detail::XmlHandler;
using detail::XmlParser;
using detail::ZipArchive;

constexpr std::int64_t kMaxRows = 1048576;                          // Excel's limits
constexpr std::int64_t kMaxColumns = 16384;                         // A..XFD
constexpr std::uint64_t kSmallPartBytes = std::uint64_t{64} << 20;  // rels, workbook, mimetype
// Largest sheet inflated whole to be read in parts; a larger one streams through one parser.
constexpr std::uint64_t kMaxSheetInMemory = std::uint64_t{256} << 20;

bool ascii_iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool starts_with_icase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && ascii_iequal(text.substr(0, prefix.size()), prefix);
}

std::optional<std::uint64_t> parse_unsigned(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Parts of the package

// A problem with the file as a whole, or one of its parts.
DataProblem file_problem(const std::string& source, std::string reason) {
  return {source, 0, -1, "", "", std::move(reason)};
}

std::string part_directory(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// The relationships part of a part: xl/workbook.xml -> xl/_rels/workbook.xml.rels.
std::string rels_part(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  const std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return absl::StrCat(part_directory(part), "_rels/", std::string(file), ".rels");
}

// The part a relationship's target names, from the part that holds the relationship: relative
// targets against its folder, absolute ones from the package root; %XX decoded, "." and ".."
// resolved (never above the root).
std::string resolve_target(std::string_view from_part, std::string_view target) {
  std::string decoded;
  for (std::size_t i = 0; i < target.size(); ++i) {
    auto hex = [](char c) {
      return c >= '0' && c <= '9'   ? c - '0'
             : c >= 'a' && c <= 'f' ? c - 'a' + 10
             : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                    : -1;
    };
    if (target[i] == '%' && i + 2 < target.size() && hex(target[i + 1]) >= 0 &&
        hex(target[i + 2]) >= 0) {
      decoded.push_back(static_cast<char>(hex(target[i + 1]) * 16 + hex(target[i + 2])));
      i += 2;
    } else {
      decoded.push_back(target[i] == '\\' ? '/' : target[i]);
    }
  }
  const std::string path =
      decoded.starts_with("/") ? decoded : absl::StrCat(part_directory(from_part), decoded);
  std::vector<std::string_view> parts;
  std::string_view rest = path;
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view piece = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (piece.empty() || piece == ".") continue;
    if (piece == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(piece);
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out.push_back('/');
    out.append(parts[i]);
  }
  return out;
}

struct Relationship {
  std::string id;
  std::string type;  // the last segment of the type URI: "worksheet", "officeDocument" ...
  std::string target;
  bool external = false;
};

class RelationshipsHandler : public XmlHandler {
 public:
  std::vector<Relationship> rels;
  void start(std::string_view name, const char** attributes) override {
    if (name != "Relationship") return;
    Relationship r;
    if (const char* v = detail::xml_attribute(attributes, "Id")) r.id = v;
    if (const char* v = detail::xml_attribute(attributes, "Type")) {
      const std::string_view type = v;
      const std::size_t slash = type.rfind('/');
      r.type = std::string(slash == std::string_view::npos ? type : type.substr(slash + 1));
    }
    if (const char* v = detail::xml_attribute(attributes, "Target")) r.target = v;
    if (const char* v = detail::xml_attribute(attributes, "TargetMode")) {
      r.external = std::string_view(v) == "External";
    }
    rels.push_back(std::move(r));
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};

struct SheetEntry {
  std::string name;
  std::string rel_id;
  bool hidden = false;
};

class WorkbookHandler : public XmlHandler {
 public:
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
  void start(std::string_view name, const char** attributes) override {
    if (name == "workbookPr") {
      if (const char* v = detail::xml_attribute(attributes, "date1904")) {
        date1904 = std::string_view(v) == "1" || std::string_view(v) == "true";
      }
    } else if (name == "sheet") {
      SheetEntry s;
      if (const char* v = detail::xml_attribute(attributes, "name")) s.name = v;
      if (const char* v = detail::xml_attribute(attributes, "id")) s.rel_id = v;
      if (const char* v = detail::xml_attribute(attributes, "state")) {
        s.hidden = std::string_view(v) != "visible";
      }
      sheets.push_back(std::move(s));
    }
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};

// styles.xml: the date kind of each cell format (cellXfs), from its number format.
class StylesHandler : public XmlHandler {
 public:
  std::vector<DateKind> xf_kinds;
  void start(std::string_view name, const char** attributes) override {
    if (name == "numFmt") {
      const char* id = detail::xml_attribute(attributes, "numFmtId");
      const char* code = detail::xml_attribute(attributes, "formatCode");
      if (id != nullptr && code != nullptr) {
        if (auto n = parse_unsigned(id)) custom_.emplace_back(*n, classify_format(code));
      }
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = detail::xml_attribute(attributes, "numFmtId");
      xf_ids_.push_back(id != nullptr ? parse_unsigned(id).value_or(0) : 0);
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }
  void text(std::string_view) override {}
  // Resolves the formats once every numFmt is known (they come first, but need not).
  void finish() {
    xf_kinds.reserve(xf_ids_.size());
    for (std::uint64_t id : xf_ids_) {
      auto custom = std::find_if(custom_.begin(), custom_.end(),
                                 [&](const auto& c) { return c.first == id; });
      xf_kinds.push_back(custom != custom_.end() ? custom->second : builtin_format_kind(id));
    }
  }

 private:
  bool in_cell_xfs_ = false;
  std::vector<std::uint64_t> xf_ids_;
  std::vector<std::pair<std::uint64_t, DateKind>> custom_;
};

// sharedStrings.xml: every string's text (rich-text runs joined, phonetic runs left out) in one
// arena; string k is [ends[k-1], ends[k]).
class SharedStringsHandler : public XmlHandler {
 public:
  std::string arena;
  std::vector<std::uint64_t> ends;
  void start(std::string_view name, const char**) override {
    if (name == "si") {
      in_si_ = true;
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && in_si_ && phonetic_ == 0) {
      capturing_ = true;
      t_start_ = arena.size();
    }
  }
  void end(std::string_view name) override {
    if (name == "t" && capturing_) {
      capturing_ = false;
      decode_escapes(arena, t_start_);
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "si") {
      in_si_ = false;
      ends.push_back(arena.size());
    }
  }
  void text(std::string_view text) override {
    if (capturing_) arena.append(text);
  }

 private:
  bool in_si_ = false;
  bool capturing_ = false;
  int phonetic_ = 0;
  std::size_t t_start_ = 0;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// The sheet

/// Fills a SheetTable from the events of a worksheet's XML (internal to the reader).
class SheetTableBuilder : public detail::XmlHandler {
 public:
  // A builder of `table` for sheet `sheet` of `source`, whose shared strings end at
  // `string_ends` (string k is [ends[k-1], ends[k]) of the strings' arena). The cells' own texts
  // go to the table's arena, at offsets past the shared strings (see assemble_sheet), so that
  // builders of parts of one sheet can share the strings while each runs on its own thread.
  SheetTableBuilder(SheetTable& table, const std::string& sheet, const std::string& source,
                    bool date1904, const std::vector<std::uint64_t>& string_ends,
                    const std::vector<detail::DateKind>& xf_kinds, std::uint64_t max_cells,
                    Diagnostics& diag)
      : t_(table),
        xf_kinds_(xf_kinds),
        string_ends_(string_ends),
        base_(string_ends.empty() ? 0 : string_ends.back()),
        max_cells_(max_cells),
        diag_(diag) {
    t_.sheet_ = sheet;
    t_.source_ = absl::StrCat(source, "[", sheet, "]");
    t_.date1904_ = date1904;
  }

  // The first and last row numbers seen (0 before any row), and whether the first was numbered
  // by its r attribute rather than by its position.
  std::int64_t first_row() const { return first_row_; }
  // Cells of every row up to its last value (what max_cells limits).
  std::uint64_t dense_cells() const { return dense_ + row_dense_; }
  std::int64_t last_row() const { return last_row_; }
  bool first_row_explicit() const { return first_row_explicit_; }

  void set_parser(detail::XmlParser* parser) { parser_ = parser; }

  // Room for a sheet of about `xml_bytes` of XML (a cell takes some 30 bytes of it), so that
  // the columns are not copied as they grow; the size is a hint, bounded whatever it says.
  void reserve(std::uint64_t xml_bytes) {
    const std::uint64_t cells = std::min<std::uint64_t>(xml_bytes / 32, std::uint64_t{1} << 22);
    t_.cells_.reserve(static_cast<std::size_t>(cells));
    t_.row_starts_.reserve(static_cast<std::size_t>(cells / 8 + 1));
    t_.row_numbers_.reserve(static_cast<std::size_t>(cells / 8));
  }

  void start(std::string_view name, const char** attributes) override {
    if (!in_data_) {
      if (name == "sheetData") {
        in_data_ = true;
      } else if (name == "mergeCell") {
        add_merge(detail::xml_attribute(attributes, "ref"));
      }
      return;
    }
    // The hot path, a few events for every cell: names told apart by length and letters.
    switch (element(name)) {
      case Element::kCell:
        return start_cell(attributes);
      case Element::kValue:
        if (in_cell_) {
          has_value_ = true;
          value_.clear();
          capture_ = &value_;
        }
        return;
      case Element::kFormula:
        if (in_cell_) {
          has_formula_ = true;
          formula_.clear();
          capture_ = &formula_;
        }
        return;
      case Element::kInline:
        if (in_cell_) in_inline_ = true;
        return;
      case Element::kText:
        if (in_inline_ && phonetic_ == 0) capture_ = &inline_;
        return;
      case Element::kPhonetic:
        ++phonetic_;
        return;
      case Element::kRow:
        return start_row(unprefixed_attribute(attributes, 'r'));
      case Element::kSheetData:
      case Element::kOther:
        return;
    }
  }

  void end(std::string_view name) override {
    if (!in_data_) return;
    switch (element(name)) {
      case Element::kText:
        if (capture_ == &inline_) decode_escapes(inline_, inline_start_);
        [[fallthrough]];
      case Element::kValue:
      case Element::kFormula:
        inline_start_ = inline_.size();
        capture_ = nullptr;
        return;
      case Element::kCell:
        if (in_cell_) end_cell();
        return;
      case Element::kInline:
        in_inline_ = false;
        return;
      case Element::kPhonetic:
        --phonetic_;
        return;
      case Element::kRow:
        in_row_ = false;
        return;
      case Element::kSheetData:
        in_data_ = false;
        return;
      case Element::kOther:
        return;
    }
  }

  void text(std::string_view text) override {
    if (capture_ != nullptr) capture_->append(text);
  }

  // The sheet of `parts`, read in order by builders of this sheet, and its shared strings.
  static SheetTable assemble(std::vector<SheetTable>& parts, std::string strings) {
    SheetTable out;
    out.sheet_ = parts.front().sheet_;
    out.source_ = parts.front().source_;
    out.date1904_ = parts.front().date1904_;
    const std::uint64_t base = strings.size();
    out.text_ = std::move(strings);
    std::size_t cells = 0;
    std::size_t rows = 0;
    std::size_t text = 0;
    for (const SheetTable& p : parts) {
      cells += p.cells_.size();
      rows += p.row_numbers_.size();
      text += p.text_.size();
    }
    out.text_.reserve(base + text);
    out.cells_.reserve(cells);
    out.row_numbers_.reserve(rows);
    out.row_starts_.reserve(rows + 1);
    for (SheetTable& p : parts) {
      // A part's own texts were placed from `base`; they now follow the parts before it.
      const std::uint64_t shift = out.text_.size() - base;
      out.text_.append(p.text_);
      const std::uint64_t first_cell = out.cells_.size();
      for (SheetTable::Cell c : p.cells_) {
        if (c.size > 0 && c.offset >= base) c.offset += shift;
        out.cells_.push_back(c);
      }
      for (std::size_t i = 1; i < p.row_starts_.size(); ++i) {
        out.row_starts_.push_back(first_cell + p.row_starts_[i]);
      }
      out.row_numbers_.insert(out.row_numbers_.end(), p.row_numbers_.begin(), p.row_numbers_.end());
      out.merged_.insert(out.merged_.end(), p.merged_.begin(), p.merged_.end());
      out.width_ = std::max(out.width_, p.width_);
      p = SheetTable();
    }
    return out;
  }

  // The widths, once every row is in.
  void finish() {
    std::size_t width = 0;
    for (std::size_t i = 0; i < t_.size(); ++i) width = std::max(width, t_.row_width(i));
    t_.width_ = width;
  }

 private:
  enum class Kind : std::uint8_t { kNumber, kShared, kString, kInline, kBoolean, kError, kDate };
  enum class Element : std::uint8_t {
    kCell,
    kValue,
    kFormula,
    kInline,
    kText,
    kPhonetic,
    kRow,
    kSheetData,
    kOther
  };

  static Element element(std::string_view n) {
    switch (n.size()) {
      case 1:
        return n[0] == 'c'   ? Element::kCell
               : n[0] == 'v' ? Element::kValue
               : n[0] == 'f' ? Element::kFormula
               : n[0] == 't' ? Element::kText
                             : Element::kOther;
      case 2:
        return n[0] == 'i' && n[1] == 's' ? Element::kInline : Element::kOther;
      case 3:
        if (n[0] == 'r' && n[1] == 'o' && n[2] == 'w') return Element::kRow;
        return n[0] == 'r' && n[1] == 'P' && n[2] == 'h' ? Element::kPhonetic : Element::kOther;
      case 9:
        return n == "sheetData" ? Element::kSheetData : Element::kOther;
      default:
        return Element::kOther;
    }
  }

  // The value of the one-letter attribute `name` without a prefix (SpreadsheetML's attributes
  // are in no namespace), or nullptr.
  static const char* unprefixed_attribute(const char** attributes, char name) {
    for (const char** a = attributes; a[0] != nullptr; a += 2) {
      if (a[0][0] == name && a[0][1] == '\0') return a[1];
    }
    return nullptr;
  }

  // A problem with the sheet's structure: the parse stops.
  void fail(std::string reason) { parser_->stop(absl::InvalidArgumentError(std::move(reason))); }
  // A problem with one cell: reported, and the parse goes on to find the others.
  void cell_problem(std::string_view value, std::string reason) {
    DataProblem p{t_.source_, row_, -1, "", shorten_for_message(value), std::move(reason)};
    p.cell = cell_reference(row_, column_);
    diag_.add(std::move(p));
  }

  void start_row(const char* r) {
    std::int64_t number = last_row_ + 1;
    if (r != nullptr) {
      auto n = parse_unsigned(r);
      if (!n || *n < 1 || *n > static_cast<std::uint64_t>(kMaxRows)) {
        return fail(absl::StrCat("row number '", shorten_for_message(r),
                                 "' is not one of Excel's rows (1 to 1048576)"));
      }
      number = static_cast<std::int64_t>(*n);
    }
    if (number <= last_row_ || number > kMaxRows) {
      return fail(absl::StrCat("row ", number, " comes after row ", last_row_,
                               ": the rows are out of order or repeated"));
    }
    dense_ += row_dense_;
    row_dense_ = 0;
    if (first_row_ == 0) {
      first_row_ = number;
      first_row_explicit_ = r != nullptr;
    }
    row_ = last_row_ = number;
    last_column_ = -1;
    row_open_ = false;
    in_row_ = true;
  }

  void start_cell(const char** attributes) {
    if (!in_row_) return fail("a cell (<c>) outside a row");
    kind_ = Kind::kNumber;
    style_ = 0;
    std::int64_t column = last_column_ + 1;
    std::string_view type = "n";
    for (const char** a = attributes; a[0] != nullptr; a += 2) {
      if (a[0][0] == '\0' || a[0][1] != '\0') continue;  // only r, t and s matter
      const char n = a[0][0];
      if (n == 'r') {
        auto ref = parse_cell_reference(a[1]);
        if (!ref || ref->first != row_) {
          return fail(absl::StrCat("cell reference '", shorten_for_message(a[1]),
                                   "' is not a cell of row ", row_));
        }
        column = ref->second;
      } else if (n == 't') {
        type = a[1];
      } else if (n == 's') {
        style_ = parse_unsigned(a[1]).value_or(0);
      }
    }
    if (column <= last_column_ || column >= kMaxColumns) {
      return fail(absl::StrCat("cell ", cell_reference(row_, std::min(column, kMaxColumns - 1)),
                               " comes after ",
                               cell_reference(row_, std::max<std::int64_t>(last_column_, 0)),
                               ": the cells of the row are out of order or repeated"));
    }
    column_ = last_column_ = column;
    if (type == "n") {
      kind_ = Kind::kNumber;
    } else if (type == "s") {
      kind_ = Kind::kShared;
    } else if (type == "str") {
      kind_ = Kind::kString;
    } else if (type == "inlineStr") {
      kind_ = Kind::kInline;
    } else if (type == "b") {
      kind_ = Kind::kBoolean;
    } else if (type == "e") {
      kind_ = Kind::kError;
    } else if (type == "d") {
      kind_ = Kind::kDate;
    } else {
      cell_problem(type,
                   "an unknown cell type (t=\"...\"); expected n, s, str, inlineStr, b, e or d");
      in_cell_ = false;
      return;
    }
    in_cell_ = true;
    has_value_ = has_formula_ = in_inline_ = false;
    inline_.clear();
    inline_start_ = 0;
    phonetic_ = 0;
  }

  detail::DateKind style_kind() const {
    return style_ < xf_kinds_.size() ? xf_kinds_[style_] : detail::DateKind::kNone;
  }

  void end_cell() {
    in_cell_ = false;
    capture_ = nullptr;
    // A formula's value is the one Excel cached when it last calculated; a formula written by a
    // program that cannot calculate (openpyxl) has none.
    const bool empty_value = !has_value_ || (value_.empty() && kind_ != Kind::kString);
    if (has_formula_ && empty_value && kind_ != Kind::kInline) {
      return cell_problem(absl::StrCat("=", formula_),
                          "a formula with no value saved: the program that wrote the workbook did "
                          "not calculate it; open the workbook in Excel (or LibreOffice), let it "
                          "calculate, and save it");
    }
    switch (kind_) {
      case Kind::kShared: {
        if (empty_value) return;
        auto k = parse_unsigned(value_);
        if (!k || *k >= string_ends_.size()) {
          return cell_problem(value_, absl::StrCat("a shared string that does not exist (the "
                                                   "workbook has ",
                                                   string_ends_.size(), " shared strings)"));
        }
        const std::uint64_t begin = *k == 0 ? 0 : string_ends_[*k - 1];
        return add(begin, string_ends_[*k] - begin, CellType::kText);
      }
      case Kind::kInline:
        return add_text(inline_, CellType::kText);
      case Kind::kString:
        if (!has_value_) return;
        decode_escapes(value_, 0);
        return add_text(value_, CellType::kText);
      case Kind::kBoolean:
        if (empty_value) return;
        if (value_ == "1" || value_ == "true") return add_text("TRUE", CellType::kBoolean);
        if (value_ == "0" || value_ == "false") return add_text("FALSE", CellType::kBoolean);
        return cell_problem(value_, "a boolean cell whose value is not 1 or 0");
      case Kind::kError:
        if (empty_value) return;
        return add_text(value_, CellType::kError);
      case Kind::kDate:
        if (empty_value) return;
        return add_iso_date();
      case Kind::kNumber:
        if (empty_value) return;
        return add_number();
    }
  }

  void add_number() {
    const char* begin = value_.data();
    const char* end = begin + value_.size();
    double v = 0;
    const auto [ptr, ec] = std::from_chars(begin, end, v);
    if (ec != std::errc() || ptr != end || !std::isfinite(v)) {
      return cell_problem(value_, "a number cell whose value is not a number");
    }
    const DateKind kind = style_kind();
    const std::size_t at = t_.text_.size();
    if (kind != DateKind::kNone && append_serial(t_.text_, v, kind, t_.date1904_)) {
      const CellType type = kind == DateKind::kDate       ? CellType::kDate
                            : kind == DateKind::kDateTime ? CellType::kDateTime
                                                          : CellType::kTime;
      return add(base_ + at, t_.text_.size() - at, type);
    }
    // Plain integers, the usual case, are kept as written.
    const bool integer =
        value_.size() <= 15 && (value_[0] != '0' || value_.size() == 1) &&
        std::all_of(value_.begin(), value_.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (integer) {
      t_.text_.append(value_);
    } else {
      append_number(t_.text_, v);
    }
    add(base_ + at, t_.text_.size() - at, CellType::kNumber);
  }

  void add_iso_date() {
    auto d = parse_iso_datetime(value_);
    if (!d) return cell_problem(value_, "a date cell whose value is not an ISO 8601 date");
    const DateKind kind = style_kind();
    const std::size_t at = t_.text_.size();
    CellType type = CellType::kDate;
    if (kind == DateKind::kTime || kind == DateKind::kElapsed) {
      append_clock(t_.text_, d->seconds);
      type = CellType::kTime;
    } else {
      append_day(t_.text_, d->day);
      if (kind == DateKind::kDateTime || (kind == DateKind::kNone && d->seconds != 0)) {
        t_.text_.push_back(' ');
        append_clock(t_.text_, d->seconds);
        type = CellType::kDateTime;
      }
    }
    add(base_ + at, t_.text_.size() - at, type);
  }

  void add_text(std::string_view text, CellType type) {
    const std::size_t at = t_.text_.size();
    t_.text_.append(text);
    add(base_ + at, text.size(), type);
  }

  // Stores the current cell, after the empty cells before it; empty cells store nothing, so a
  // row ends at its last value and a row of no value is not kept.
  void add(std::uint64_t offset, std::uint64_t size, CellType type) {
    if (size == 0) return;
    if (size > UINT32_MAX) return cell_problem("", "a cell of more than 4 GiB of text");
    if (!row_open_) {
      t_.row_numbers_.push_back(row_);
      t_.row_starts_.push_back(t_.cells_.size());
      row_open_ = true;
    }
    // The limit counts every row up to its last value, as the validators will see them.
    const std::uint64_t row_width = static_cast<std::uint64_t>(column_) + 1;
    if (dense_ + row_width > max_cells_) {
      return fail(absl::StrCat("the sheet holds more than ", max_cells_,
                               " cells (rows times columns up to each row's last value), past "
                               "the limit (XlsxOptions::max_cells)"));
    }
    row_dense_ = row_width;
    t_.cells_.push_back(
        {offset, static_cast<std::uint32_t>(size), static_cast<std::uint16_t>(column_), type});
    t_.row_starts_.back() = t_.cells_.size();
  }

  void add_merge(const char* ref) {
    if (ref == nullptr) return;
    const std::string_view r = ref;
    const std::size_t colon = r.find(':');
    auto a = parse_cell_reference(r.substr(0, colon));
    auto b = colon == std::string_view::npos ? a : parse_cell_reference(r.substr(colon + 1));
    if (!a || !b) return;  // a merge names no value: an odd one is no reason to refuse a sheet
    t_.merged_.push_back({std::min(a->first, b->first), std::min(a->second, b->second),
                          std::max(a->first, b->first), std::max(a->second, b->second)});
  }

  SheetTable& t_;
  const std::vector<detail::DateKind>& xf_kinds_;
  const std::vector<std::uint64_t>& string_ends_;
  std::uint64_t base_;  // where the cells' own texts start in the assembled arena
  std::uint64_t max_cells_;
  Diagnostics& diag_;
  detail::XmlParser* parser_ = nullptr;

  bool in_data_ = false;
  bool in_row_ = false;
  bool row_open_ = false;  // the current row has a value, so it is in the table
  std::int64_t row_ = 0;
  std::int64_t last_row_ = 0;
  std::int64_t first_row_ = 0;
  bool first_row_explicit_ = false;
  std::uint64_t dense_ = 0;      // rows before the current one, each up to its last value
  std::uint64_t row_dense_ = 0;  // the current row up to its last value
  std::int64_t column_ = 0;
  std::int64_t last_column_ = -1;
  bool in_cell_ = false;
  Kind kind_ = Kind::kNumber;
  std::uint64_t style_ = 0;
  bool has_value_ = false;
  bool has_formula_ = false;
  bool in_inline_ = false;
  int phonetic_ = 0;
  std::string* capture_ = nullptr;
  std::string value_;
  std::string formula_;
  std::string inline_;
  std::size_t inline_start_ = 0;
};

namespace {

// ---------------------------------------------------------------------------------------------
// The workbook

class WorkbookReader {
 public:
  WorkbookReader(std::string_view bytes, const std::string& source, const XlsxOptions& options,
                 Diagnostics& diag)
      : bytes_(bytes), source_(source), options_(options), diag_(diag) {}

  // Opens the archive and reads the workbook part: its sheets and date system.
  absl::Status open() {
    if (auto why = not_a_zip(bytes_)) return problem(*why);
    auto archive = ZipArchive::open(bytes_, {options_.max_entry_bytes, options_.max_total_bytes,
                                             options_.max_compression_ratio});
    if (!archive.ok()) return problem(std::string(archive.status().message()));
    archive_.emplace(std::move(*archive));
    if (auto why = not_a_workbook()) return problem(*why);
    RelationshipsHandler root;
    if (archive_->contains("_rels/.rels")) {
      if (auto s = parse("_rels/.rels", root); !s.ok()) return s;
    }
    for (const Relationship& r : root.rels) {
      if (r.type == "officeDocument" && !r.external) {
        workbook_part_ = resolve_target("", r.target);
        break;
      }
    }
    if (workbook_part_.empty()) workbook_part_ = "xl/workbook.xml";
    if (workbook_part_.ends_with(".bin")) {
      return problem(
          "it is an Excel binary workbook (.xlsb), which this reader does not read: open it in "
          "Excel and save it as an Excel Workbook (.xlsx)");
    }
    if (!archive_->contains(workbook_part_)) {
      return problem(absl::StrCat("part ", workbook_part_,
                                  " (the workbook) is missing: the file is not a complete "
                                  "Excel workbook"));
    }
    WorkbookHandler workbook;
    if (auto s = parse(workbook_part_, workbook); !s.ok()) return s;
    sheets_ = std::move(workbook.sheets);
    date1904_ = workbook.date1904;
    if (sheets_.empty()) {
      return problem(absl::StrCat("part ", workbook_part_, ": the workbook lists no sheets"));
    }
    RelationshipsHandler rels;
    if (archive_->contains(rels_part(workbook_part_))) {
      if (auto s = parse(rels_part(workbook_part_), rels); !s.ok()) return s;
    }
    rels_ = std::move(rels.rels);
    return absl::OkStatus();
  }

  std::vector<std::string> sheet_names() const {
    std::vector<std::string> names;
    for (const SheetEntry& s : sheets_) names.push_back(s.name);
    return names;
  }

  absl::StatusOr<SheetTable> read_sheet() {
    const SheetEntry* sheet = choose_sheet();
    if (sheet == nullptr) return diag_.to_status();
    const Relationship* rel = find_rel_by_id(sheet->rel_id);
    if (rel == nullptr) {
      return problem(absl::StrCat("part ", rels_part(workbook_part_), ": sheet '",
                                  shorten_for_message(sheet->name), "' (relationship '",
                                  shorten_for_message(sheet->rel_id),
                                  "') has no part: the workbook is damaged"));
    }
    if (rel->type != "worksheet") {
      return problem(absl::StrCat("sheet '", shorten_for_message(sheet->name), "' is a ",
                                  rel->type == "chartsheet" ? "chart" : rel->type,
                                  ", not a worksheet of cells"));
    }
    const std::string sheet_part = resolve_target(workbook_part_, rel->target);

    std::vector<DateKind> xf_kinds;
    if (const Relationship* styles = find_rel_by_type("styles")) {
      const std::string part = resolve_target(workbook_part_, styles->target);
      if (archive_->contains(part)) {
        StylesHandler h;
        if (auto s = parse(part, h); !s.ok()) return s;
        h.finish();
        xf_kinds = std::move(h.xf_kinds);
      }
    }
    std::string strings;
    std::vector<std::uint64_t> string_ends;
    if (const Relationship* rel_strings = find_rel_by_type("sharedStrings")) {
      const std::string part = resolve_target(workbook_part_, rel_strings->target);
      if (archive_->contains(part)) {
        SharedStringsHandler h;
        if (auto s = parse(part, h, UINT64_MAX); !s.ok()) return s;
        strings = std::move(h.arena);
        string_ends = std::move(h.ends);
      }
    }
    if (!archive_->contains(sheet_part)) {
      return problem(absl::StrCat("part ", sheet_part, " (sheet '",
                                  shorten_for_message(sheet->name),
                                  "') is missing: the workbook is damaged"));
    }
    SheetContext context{sheet->name, sheet_part, xf_kinds, string_ends};
    const std::uint64_t declared = archive_->declared_size(sheet_part).value_or(0);
    const std::size_t parts = part_count(declared);
    if (parts > 1) {
      // A large sheet is inflated whole and cut into parts parsed on as many threads. Should
      // the inflating fail, the streaming read below says why, as it always would.
      std::string xml;
      xml.reserve(static_cast<std::size_t>(declared));
      detail::advise_huge_pages(xml.data(), xml.capacity());
      const absl::Status inflated = archive_->read(sheet_part, [&](std::string_view chunk) {
        xml.append(chunk);
        return absl::OkStatus();
      });
      if (inflated.ok()) {
        if (auto table = read_in_parts(context, xml, parts, strings)) return *std::move(table);
      }
      // What was inflated reads as it would have streamed, up to where the inflating stopped.
      return read_whole(context, &xml, inflated, std::move(strings));
    }
    return read_whole(context, nullptr, absl::OkStatus(), std::move(strings));
  }

  // Adds a problem with the file and returns the status listing every problem.
  absl::Status problem(std::string reason) {
    diag_.add(file_problem(source_, std::move(reason)));
    return diag_.to_status();
  }

 private:
  // What reading one sheet needs to know.
  struct SheetContext {
    const std::string& name;
    const std::string& part;
    const std::vector<DateKind>& xf_kinds;
    const std::vector<std::uint64_t>& string_ends;
  };

  // Into how many parts to cut a sheet of `bytes` bytes (1: read it whole, as it streams).
  std::size_t part_count(std::uint64_t bytes) const {
    const std::size_t threads = detail::resolve_threads(options_.threads);
    if (threads < 2 || bytes > kMaxSheetInMemory || options_.bytes_per_thread == 0) return 1;
    return static_cast<std::size_t>(
        std::min<std::uint64_t>(threads, bytes / options_.bytes_per_thread));
  }

  // The sheet read by one builder, streamed from the archive, or from `xml` when it is in memory
  // (inflated up to where `inflated` says the inflating stopped).
  absl::StatusOr<SheetTable> read_whole(const SheetContext& c, const std::string* xml,
                                        const absl::Status& inflated, std::string strings) {
    const std::size_t before = diag_.total();
    std::vector<SheetTable> table(1);
    SheetTableBuilder builder(table[0], c.name, source_, date1904_, c.string_ends, c.xf_kinds,
                              options_.max_cells, diag_);
    builder.reserve(archive_->declared_size(c.part).value_or(0));
    absl::Status s = xml != nullptr ? parse_text(c.part, builder, *xml, inflated, &builder)
                                    : parse(c.part, builder, UINT64_MAX, &builder);
    if (!s.ok()) return s;
    builder.finish();
    if (diag_.total() != before) return diag_.to_status();
    return SheetTableBuilder::assemble(table, std::move(strings));
  }

  // The sheet read in `parts` parts on as many threads, or nullopt when it cannot be cut so
  // that the parts read exactly as the whole would: then it is read whole. Cuts fall before a
  // <row> start tag inside sheetData; each part is parsed as a document of its own, closed or
  // opened with the sheet's own root and sheetData tags. That reads as the whole does only when
  // every '<' in the sheet begins a tag (no comment, CDATA section, processing instruction or
  // document type: then a '<' cannot be inside text or an attribute), the sheet is UTF-8, and
  // each part after the first begins with a numbered row after the previous part's last. Any
  // part's failure (the sheet's own error, or a cut that was wrong after all) sends the sheet
  // to the whole reading too, so that its problems are reported exactly as they would be.
  std::optional<absl::StatusOr<SheetTable>> read_in_parts(const SheetContext& c,
                                                          const std::string& xml, std::size_t parts,
                                                          std::string& strings) {
    const std::string_view text = xml;
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) return std::nullopt;
    std::size_t body = 0;
    if (text.starts_with("<?xml")) {
      body = text.find("?>");
      if (body == std::string_view::npos) return std::nullopt;
      const std::string_view declaration = text.substr(0, body);
      const std::size_t encoding = declaration.find("encoding");
      if (encoding != std::string_view::npos) {
        const std::size_t quote = declaration.find_first_of("\"'", encoding);
        if (quote == std::string_view::npos ||
            !starts_with_icase(declaration.substr(quote + 1), "utf-8")) {
          return std::nullopt;
        }
      }
      body += 2;
    }
    if (text.find("<!", body) != std::string_view::npos ||
        text.find("<?", body) != std::string_view::npos) {
      return std::nullopt;
    }
    // The root's and sheetData's names, as written (with their prefixes).
    auto name_at = [&](std::size_t lt) {
      std::size_t end = lt + 1;
      while (end < text.size() &&
             std::string_view(" \t\r\n/>").find(text[end]) == std::string_view::npos) {
        ++end;
      }
      return text.substr(lt + 1, end - lt - 1);
    };
    const std::size_t root_at = text.find('<', body);
    if (root_at == std::string_view::npos) return std::nullopt;
    const std::string root(name_at(root_at));
    const std::size_t data_name = text.find("sheetData", root_at);
    if (data_name == std::string_view::npos) return std::nullopt;
    const std::size_t data_at = text.rfind('<', data_name);
    if (data_at == std::string_view::npos || data_name - data_at > 64) return std::nullopt;
    const std::string data(name_at(data_at));
    if (local_part(data) != "sheetData" || local_part(root).empty()) return std::nullopt;
    const std::size_t data_end = text.rfind(absl::StrCat("</", data, ">"));
    if (data_end == std::string_view::npos || data_end < data_at) return std::nullopt;
    const std::string row_tag = absl::StrCat(
        "<", data.substr(0, data.size() - std::string_view("sheetData").size()), "row");
    std::vector<std::size_t> cuts;
    for (std::size_t k = 1; k < parts; ++k) {
      std::size_t at = data_at + (data_end - data_at) / parts * k;
      while ((at = text.find(row_tag, at)) != std::string_view::npos && at < data_end &&
             std::string_view(" \t\r\n/>").find(text[at + row_tag.size()]) ==
                 std::string_view::npos) {
        ++at;
      }
      if (at == std::string_view::npos || at >= data_end) break;
      if (cuts.empty() || at > cuts.back()) cuts.push_back(at);
    }
    if (cuts.empty()) return std::nullopt;
    const std::string open = absl::StrCat("<", root, "><", data, ">");
    const std::string close = absl::StrCat("</", data, "></", root, ">");

    const std::size_t n = cuts.size() + 1;
    std::vector<SheetTable> tables(n);
    std::vector<Diagnostics> diags;
    const std::size_t room =
        diag_.limit() > diag_.problems().size() ? diag_.limit() - diag_.problems().size() : 0;
    for (std::size_t k = 0; k < n; ++k) diags.emplace_back(room);
    std::vector<std::unique_ptr<SheetTableBuilder>> builders;
    for (std::size_t k = 0; k < n; ++k) {
      builders.push_back(std::make_unique<SheetTableBuilder>(tables[k], c.name, source_, date1904_,
                                                             c.string_ends, c.xf_kinds,
                                                             options_.max_cells, diags[k]));
    }
    std::vector<absl::Status> status(n);
    auto run = [&](std::size_t k) {
      XmlParser parser(*builders[k]);
      builders[k]->set_parser(&parser);
      const std::size_t from = k == 0 ? 0 : cuts[k - 1];
      const std::size_t to = k + 1 < n ? cuts[k] : text.size();
      absl::Status s = k == 0 ? absl::OkStatus() : parser.feed(open);
      if (s.ok()) s = parser.feed(text.substr(from, to - from));
      if (s.ok() && k + 1 < n) s = parser.feed(close);
      if (s.ok()) s = parser.finish();
      status[k] = std::move(s);
    };
    detail::run_parts(n, run);

    std::uint64_t cells = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (!status[k].ok()) return std::nullopt;
      if (k > 0 && (!builders[k]->first_row_explicit() ||
                    builders[k]->first_row() <= builders[k - 1]->last_row())) {
        return std::nullopt;
      }
      builders[k]->finish();
      cells += builders[k]->dense_cells();
    }
    if (cells > options_.max_cells) return std::nullopt;
    const std::size_t before = diag_.total();
    for (const Diagnostics& d : diags) {
      for (const DataProblem& p : d.problems()) diag_.add(p);
      diag_.count_unkept(d.total() - d.problems().size());
      for (const std::string& note : d.notes()) diag_.add_note(note);
    }
    if (diag_.total() != before) return absl::StatusOr<SheetTable>(diag_.to_status());
    return absl::StatusOr<SheetTable>(SheetTableBuilder::assemble(tables, std::move(strings)));
  }

  static std::string_view local_part(std::string_view qname) {
    const std::size_t colon = qname.rfind(':');
    return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
  }

  std::optional<std::string> not_a_workbook() {
    if (archive_->contains("xl/workbook.xml")) return std::nullopt;
    if (archive_->contains("mimetype")) {
      auto mime = archive_->read_all("mimetype", 256);
      const std::string type = mime.ok() ? std::string(trim(*mime)) : std::string();
      if (type == "application/vnd.oasis.opendocument.spreadsheet") {
        return std::string(
            "it is an OpenDocument spreadsheet (.ods, as LibreOffice Calc and Google Sheets "
            "write), not an Excel workbook: open it and save it as an Excel Workbook (.xlsx)");
      }
      if (type.starts_with("application/vnd.oasis.opendocument.")) {
        return absl::StrCat("it is an OpenDocument file (", shorten_for_message(type),
                            "), not an Excel workbook");
      }
    }
    if (archive_->contains("word/document.xml")) {
      return std::string("it is a Word document (.docx), not an Excel workbook");
    }
    if (archive_->contains("ppt/presentation.xml")) {
      return std::string("it is a PowerPoint presentation (.pptx), not an Excel workbook");
    }
    if (archive_->contains("xl/workbook.bin")) {
      return std::string(
          "it is an Excel binary workbook (.xlsb), which this reader does not read: open it in "
          "Excel and save it as an Excel Workbook (.xlsx)");
    }
    // The workbook part may have another name: the package's relationships say.
    if (archive_->contains("[Content_Types].xml")) return std::nullopt;
    return std::string(
        "it is a zip archive, but not an Excel workbook: it has no workbook part "
        "(xl/workbook.xml) and no [Content_Types].xml");
  }

  const SheetEntry* choose_sheet() {
    if (options_.sheet.empty()) {
      const SheetEntry* first_worksheet = nullptr;
      for (const SheetEntry& s : sheets_) {
        const Relationship* r = find_rel_by_id(s.rel_id);
        if (r == nullptr || r->type != "worksheet") continue;
        if (!s.hidden) return &s;
        if (first_worksheet == nullptr) first_worksheet = &s;
      }
      if (first_worksheet != nullptr) return first_worksheet;
      return &sheets_.front();  // not a worksheet: read_sheet() says what it is
    }
    for (const SheetEntry& s : sheets_) {
      if (s.name == options_.sheet) return &s;
    }
    for (const SheetEntry& s : sheets_) {
      if (ascii_iequal(s.name, options_.sheet)) return &s;
    }
    std::vector<std::string> names;
    for (const SheetEntry& s : sheets_) {
      names.push_back(absl::StrCat("'", shorten_for_message(s.name, 40), "'"));
    }
    (void)problem(absl::StrCat("there is no sheet named '", shorten_for_message(options_.sheet),
                               "'; the sheets are: ", absl::StrJoin(names, ", ")));
    return nullptr;
  }

  const Relationship* find_rel_by_id(std::string_view id) const {
    for (const Relationship& r : rels_) {
      if (r.id == id && !r.external) return &r;
    }
    return nullptr;
  }
  const Relationship* find_rel_by_type(std::string_view type) const {
    for (const Relationship& r : rels_) {
      if (r.type == type && !r.external) return &r;
    }
    return nullptr;
  }

  // Streams one part through `handler`; a problem names the part.
  // Parts other than the sheet and its strings are small: `max_bytes` bounds them well inside
  // the archive's limits.
  absl::Status parse(const std::string& part, XmlHandler& handler,
                     std::uint64_t max_bytes = kSmallPartBytes,
                     SheetTableBuilder* builder = nullptr) {
    XmlParser parser(handler);
    if (builder != nullptr) builder->set_parser(&parser);
    std::uint64_t seen = 0;
    absl::Status s = archive_->read(part, [&](std::string_view chunk) {
      seen += chunk.size();
      if (seen > max_bytes) {
        return absl::InvalidArgumentError(
            absl::StrCat("the part is larger than ", kSmallPartBytes >> 20,
                         " MiB, which no workbook's needs to be: refused"));
      }
      return parser.feed(chunk);
    });
    if (s.ok()) s = parser.finish();
    if (s.ok()) return s;
    if (absl::IsNotFound(s)) {
      return problem(absl::StrCat("part ", part, " is missing: the workbook is damaged"));
    }
    return problem(absl::StrCat("part ", part, ": ", s.message()));
  }

  // As parse(), from the part's text already inflated, up to where `inflated` says the
  // inflating stopped: the same events, and the same problem first.
  absl::Status parse_text(const std::string& part, XmlHandler& handler, std::string_view text,
                          const absl::Status& inflated, SheetTableBuilder* builder) {
    XmlParser parser(handler);
    if (builder != nullptr) builder->set_parser(&parser);
    absl::Status s;
    constexpr std::size_t kChunk = std::size_t{1} << 16;
    for (std::size_t at = 0; at < text.size() && s.ok(); at += kChunk) {
      s = parser.feed(text.substr(at, kChunk));
    }
    if (s.ok()) s = inflated;
    if (s.ok()) s = parser.finish();
    if (s.ok()) return s;
    if (absl::IsNotFound(s)) {
      return problem(absl::StrCat("part ", part, " is missing: the workbook is damaged"));
    }
    return problem(absl::StrCat("part ", part, ": ", s.message()));
  }

  std::string_view bytes_;
  const std::string& source_;
  const XlsxOptions& options_;
  Diagnostics& diag_;
  std::optional<ZipArchive> archive_;
  std::string workbook_part_;
  std::vector<SheetEntry> sheets_;
  std::vector<Relationship> rels_;
  bool date1904_ = false;
};

template <typename Read>
auto with_file(const std::string& path, Read read) -> decltype(read(std::string_view())) {
  // Read, not mapped: a file cut while it is read gives an error, never a crash.
  auto bytes = read_file(path);
  if (!bytes.ok()) return bytes.status();
  return read(std::string_view(*bytes));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public functions

std::string_view cell_type_name(CellType type) {
  switch (type) {
    case CellType::kEmpty:
      return "empty";
    case CellType::kText:
      return "text";
    case CellType::kNumber:
      return "number";
    case CellType::kBoolean:
      return "boolean";
    case CellType::kDate:
      return "date";
    case CellType::kDateTime:
      return "datetime";
    case CellType::kTime:
      return "time";
    case CellType::kError:
      return "error";
  }
  return "unknown";
}

std::string column_letters(std::int64_t column) {
  std::string out;
  if (column < 0) return out;
  for (std::int64_t c = column + 1; c > 0; c = (c - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (c - 1) % 26));
  }
  return out;
}

std::string cell_reference(std::int64_t row, std::int64_t column) {
  return absl::StrCat(column_letters(column), row);
}

std::optional<std::pair<std::int64_t, std::int64_t>> parse_cell_reference(std::string_view ref) {
  std::size_t i = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  std::int64_t column = 0;
  const std::size_t letters_start = i;
  while (i < ref.size() && i - letters_start < 4) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + (c - 'A' + 1);
    ++i;
  }
  if (i == letters_start || column > kMaxColumns) return std::nullopt;
  if (i < ref.size() && ref[i] == '$') ++i;
  auto row = parse_unsigned(ref.substr(i));
  if (!row || *row < 1 || *row > static_cast<std::uint64_t>(kMaxRows) || ref[i] == '0') {
    return std::nullopt;
  }
  return std::pair<std::int64_t, std::int64_t>(static_cast<std::int64_t>(*row), column - 1);
}

std::string CellRange::to_string() const {
  std::string out = cell_reference(first_row, first_column);
  if (last_row != first_row || last_column != first_column) {
    absl::StrAppend(&out, ":", cell_reference(last_row, last_column));
  }
  return out;
}

const SheetTable::Cell* SheetTable::find(std::size_t i, std::size_t column) const {
  if (i >= size()) return nullptr;
  const Cell* begin = cells_.data() + row_starts_[i];
  const Cell* end = cells_.data() + row_starts_[i + 1];
  // Most rows are dense: the cell of a column is at its index.
  if (column < static_cast<std::size_t>(end - begin) && begin[column].column == column) {
    return begin + column;
  }
  const Cell* at = std::lower_bound(begin, end, column,
                                    [](const Cell& c, std::size_t col) { return c.column < col; });
  return at != end && at->column == column ? at : nullptr;
}

std::string_view SheetTable::cell(std::size_t i, std::size_t column) const {
  const Cell* c = find(i, column);
  return c == nullptr ? std::string_view() : std::string_view(text_).substr(c->offset, c->size);
}

CellType SheetTable::type(std::size_t i, std::size_t column) const {
  const Cell* c = find(i, column);
  return c == nullptr ? CellType::kEmpty : c->type;
}

void SheetTable::row_fields(std::size_t i, std::vector<std::string_view>& out,
                            std::size_t width) const {
  out.assign(std::max(row_width(i), width), std::string_view());
  if (i >= size()) return;
  for (std::uint64_t k = row_starts_[i]; k < row_starts_[i + 1]; ++k) {
    const Cell& c = cells_[k];
    out[c.column] = std::string_view(text_.data() + c.offset, c.size);
  }
}

bool operator==(const SheetTable& a, const SheetTable& b) {
  if (a.sheet_ != b.sheet_ || a.source_ != b.source_ || a.row_numbers_ != b.row_numbers_ ||
      a.width_ != b.width_ || a.merged_ != b.merged_ || a.date1904_ != b.date1904_ ||
      a.cells_.size() != b.cells_.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a.row_starts_[i + 1] != b.row_starts_[i + 1]) return false;
  }
  for (std::size_t k = 0; k < a.cells_.size(); ++k) {
    const SheetTable::Cell& x = a.cells_[k];
    const SheetTable::Cell& y = b.cells_[k];
    if (x.column != y.column || x.type != y.type ||
        std::string_view(a.text_).substr(x.offset, x.size) !=
            std::string_view(b.text_).substr(y.offset, y.size)) {
      return false;
    }
  }
  return true;
}

bool looks_like_workbook(std::string_view bytes) {
  return bytes.starts_with("PK\x03\x04") || bytes.starts_with("PK\x05\x06") ||
         bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
}

absl::StatusOr<std::vector<std::string>> xlsx_sheet_names(std::string_view bytes,
                                                          const std::string& source,
                                                          const XlsxOptions& options,
                                                          Diagnostics* diag) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  WorkbookReader reader(bytes, source, options, d);
  if (auto s = reader.open(); !s.ok()) return s;
  return reader.sheet_names();
}

absl::StatusOr<std::vector<std::string>> read_xlsx_sheet_names(const std::string& path,
                                                               const XlsxOptions& options,
                                                               Diagnostics* diag) {
  return with_file(
      path, [&](std::string_view bytes) { return xlsx_sheet_names(bytes, path, options, diag); });
}

absl::StatusOr<SheetTable> parse_xlsx(std::string_view bytes, const std::string& source,
                                      const XlsxOptions& options, Diagnostics* diag) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  WorkbookReader reader(bytes, source, options, d);
  if (auto s = reader.open(); !s.ok()) return s;
  return reader.read_sheet();
}

absl::StatusOr<SheetTable> read_xlsx(const std::string& path, const XlsxOptions& options,
                                     Diagnostics* diag) {
  return with_file(path,
                   [&](std::string_view bytes) { return parse_xlsx(bytes, path, options, diag); });
}

}  // namespace qaframe
