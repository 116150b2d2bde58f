#include "qaframe/render/xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "qaframe/model/text.hpp"

namespace qaframe::doc {

namespace {

// Excel's limit on the characters of a cell; longer text is cut (with a marker) rather than
// refused, as a label that long is a data problem the table should still show.
constexpr std::size_t kMaxCellBytes = 32000;

// A sheet name Excel accepts: no []:*?/\, not starting or ending with an apostrophe, at most
// 31 characters, unique (case-insensitively) in the workbook.
std::string sheet_name(std::string_view id, std::set<std::string>& used) {
  std::string base;
  for (char c : id) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos ||
        static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x80)
      c = '_';
    base += c;
  }
  while (!base.empty() && base.front() == '\'') base.erase(base.begin());
  if (base.empty()) base = "Table";
  if (base.size() > 31) base.resize(31);
  while (!base.empty() && base.back() == '\'') base.pop_back();
  std::string name = base;
  for (int i = 2; used.count(absl::AsciiStrToLower(name)) != 0; ++i) {
    const std::string suffix = absl::StrCat("_", i);
    name = base.substr(0, 31 - suffix.size()) + suffix;
  }
  used.insert(absl::AsciiStrToLower(name));
  return name;
}

std::string cell_text(std::string text) {
  if (text.size() > kMaxCellBytes) {
    std::size_t cut = kMaxCellBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    text += "...";
  }
  return text;
}

class Writer {
 public:
  explicit Writer(lxw_workbook* book) : book_(book) {
    bold_ = workbook_add_format(book_);
    format_set_bold(bold_);
    percent_ = workbook_add_format(book_);
    format_set_num_format(percent_, "0%");
    percent_bold_ = workbook_add_format(book_);
    format_set_num_format(percent_bold_, "0%");
    format_set_bold(percent_bold_);
    pvalue_ = workbook_add_format(book_);
    format_set_num_format(pvalue_, "[<0.001]\"<0.001\";0.000");
    points_ = workbook_add_format(book_);
    format_set_num_format(points_, "+0\" pts\";-0\" pts\";0\" pts\"");
  }

  lxw_format* number_format(int digits) {
    digits = std::clamp(digits, 0, 10);
    auto& f = decimals_[static_cast<std::size_t>(digits)];
    if (f == nullptr) {
      f = workbook_add_format(book_);
      format_set_num_format(f, digits == 0 ? "0" : ("0." + std::string(digits, '0')).c_str());
    }
    return f;
  }

  // Text always as a string cell: worksheet_write_string never makes a formula.
  lxw_error text(lxw_worksheet* s, lxw_row_t r, lxw_col_t c, const std::string& t,
                 lxw_format* f = nullptr) {
    if (t.empty()) return LXW_NO_ERROR;
    return worksheet_write_string(s, r, c, cell_text(t).c_str(), f);
  }

  lxw_error value(lxw_worksheet* s, lxw_row_t r, lxw_col_t c, const Value& v, bool total) {
    lxw_format* plain = total ? bold_ : nullptr;
    auto number = [&](double x, lxw_format* f) {
      if (!std::isfinite(x)) return text(s, r, c, "-", plain);
      return worksheet_write_number(s, r, c, x, f);
    };
    switch (v.kind) {
      case Value::Kind::kEmpty:
        return LXW_NO_ERROR;
      case Value::Kind::kCount:
        return worksheet_write_number(s, r, c, static_cast<double>(v.count), plain);
      case Value::Kind::kShare:
        return number(v.x, total ? percent_bold_ : percent_);
      case Value::Kind::kPercentOf:
        if (v.n <= 0) return text(s, r, c, "-", plain);
        return number(static_cast<double>(v.count) / static_cast<double>(v.n),
                      total ? percent_bold_ : percent_);
      case Value::Kind::kNumber:
        return number(v.x, number_format(v.digits));
      case Value::Kind::kPValue:
        return number(v.x, pvalue_);
      case Value::Kind::kPoints:
        return number(v.x * 100.0, points_);
      case Value::Kind::kSymbol:
        symbols_.emplace(v.symbol, v.text.plain());
        return text(s, r, c, v.symbol, plain);
      case Value::Kind::kText:
        return text(s, r, c, v.text.plain(), plain);
      default:  // shares of n, intervals: text as every renderer shows them
        return text(s, r, c, format_value(v), plain);
    }
  }

  lxw_error table(const Table& t, std::set<std::string>& used) {
    lxw_worksheet* s = workbook_add_worksheet(book_, sheet_name(t.id, used).c_str());
    if (s == nullptr) return LXW_ERROR_MEMORY_MALLOC_FAILED;
    lxw_error e = text(s, 0, 0, t.caption.plain(), bold_);
    for (std::size_t j = 0; j < t.columns.size() && e == LXW_NO_ERROR; ++j)
      e = text(s, 1, static_cast<lxw_col_t>(j), t.columns[j].heading.plain(), bold_);
    const std::size_t first_total =
        t.rows.size() -
        std::min<std::size_t>(t.rows.size(), static_cast<std::size_t>(t.total_rows));
    for (std::size_t i = 0; i < t.rows.size() && e == LXW_NO_ERROR; ++i) {
      for (std::size_t j = 0; j < t.rows[i].size() && e == LXW_NO_ERROR; ++j)
        e = value(s, static_cast<lxw_row_t>(i + 2), static_cast<lxw_col_t>(j), t.rows[i][j],
                  i >= first_total);
    }
    if (e == LXW_NO_ERROR) {
      worksheet_freeze_panes(s, 2, 1);
      worksheet_set_column(s, 0, 0, 28, nullptr);
    }
    return e;
  }

  lxw_error notes(const std::vector<std::string>& lines, std::set<std::string>& used) {
    lxw_worksheet* s = workbook_add_worksheet(book_, sheet_name("Notes", used).c_str());
    if (s == nullptr) return LXW_ERROR_MEMORY_MALLOC_FAILED;
    lxw_error e = text(s, 0, 0, "Notes", bold_);
    lxw_row_t r = 1;
    for (const std::string& line : lines) {
      if (e != LXW_NO_ERROR) break;
      e = text(s, r++, 0, line);
    }
    for (const auto& [symbol, reason] : symbols_) {
      if (e != LXW_NO_ERROR) break;
      e = text(s, r++, 0, absl::StrCat("\"", symbol, "\" in a cell: ", reason));
    }
    worksheet_set_column(s, 0, 0, 100, nullptr);
    return e;
  }

 private:
  lxw_workbook* book_;
  lxw_format* bold_ = nullptr;
  lxw_format* percent_ = nullptr;
  lxw_format* percent_bold_ = nullptr;
  lxw_format* pvalue_ = nullptr;
  lxw_format* points_ = nullptr;
  std::array<lxw_format*, 11> decimals_{};
  std::map<std::string, std::string> symbols_;
};

// A file name for libxlsxwriter (which writes to a path), unique in the temporary folder.
absl::StatusOr<std::string> temporary_path() {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string pattern = (dir / "qaframe-xlsx-XXXXXX").string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0)
    return absl::InternalError(
        absl::StrCat("cannot create a temporary file in ", dir.string(), " for the workbook"));
  ::close(fd);
  return pattern;
}

}  // namespace

absl::StatusOr<std::string> to_xlsx(const std::vector<Table>& tables,
                                    const std::vector<std::string>& notes) {
  auto path = temporary_path();
  if (!path.ok()) return path.status();
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{*path};

  lxw_workbook* book = workbook_new(path->c_str());
  if (book == nullptr) return absl::InternalError("libxlsxwriter could not start a workbook");
  lxw_error e = LXW_NO_ERROR;
  {
    Writer w(book);
    std::set<std::string> used{"notes"};
    for (const Table& t : tables) {
      e = w.table(t, used);
      if (e != LXW_NO_ERROR) break;
    }
    used.erase("notes");
    if (e == LXW_NO_ERROR) e = w.notes(notes, used);
  }
  const lxw_error closed = workbook_close(book);  // frees the workbook whatever happened
  if (e == LXW_NO_ERROR) e = closed;
  if (e != LXW_NO_ERROR)
    return absl::InternalError(absl::StrCat("writing the workbook: ", lxw_strerror(e)));
  std::ifstream in(*path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof())
    return absl::InternalError("reading back the workbook from its temporary file");
  return bytes;
}

}  // namespace qaframe::doc
