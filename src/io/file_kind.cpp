#include "io/file_kind.hpp"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace qaframe::detail {

namespace {

bool starts_with_icase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(text[i]) != lower(prefix[i])) return false;
  }
  return true;
}

// True when the OLE compound file holds a directory entry (stream or storage) named `name`.
// Directory entries are 128-byte records at 128-byte offsets (sectors are 512 or 4096 bytes);
// matching the UTF-16 name, its exact length field and a valid entry type at such an offset is
// precise enough without following the file's sector chains.
bool compound_file_has_entry(std::string_view bytes, std::string_view name) {
  const std::size_t name_bytes = 2 * (name.size() + 1);
  for (std::size_t at = 512; at + 128 <= bytes.size(); at += 128) {
    const auto* e = reinterpret_cast<const unsigned char*>(bytes.data() + at);
    if (static_cast<std::size_t>(e[64] | (e[65] << 8)) != name_bytes) continue;
    if (e[66] != 1 && e[66] != 2 && e[66] != 5) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i) {
      same = e[2 * i] == static_cast<unsigned char>(name[i]) && e[2 * i + 1] == 0;
    }
    if (same) return true;
  }
  return false;
}

bool looks_like_text(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF") || bytes.starts_with("\xFF\xFE") ||
      bytes.starts_with("\xFE\xFF")) {
    return true;
  }
  const std::string_view head = bytes.substr(0, 4096);
  std::size_t control = 0;
  for (char ch : head) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) return false;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  return control * 100 <= head.size();
}

}  // namespace

std::optional<std::string> not_a_zip(std::string_view bytes) {
  if (bytes.empty()) return "the file is empty (0 bytes): expected an Excel workbook (.xlsx)";
  if (bytes.starts_with("PK\x03\x04") || bytes.starts_with("PK\x05\x06") ||
      bytes.starts_with("PK\x07\x08")) {
    return std::nullopt;
  }
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    if (compound_file_has_entry(bytes, "EncryptedPackage")) {
      return "it is a password-protected (encrypted) Excel workbook, which cannot be read "
             "without its password: open it in Excel and save a copy without a password (File > "
             "Info > Protect Workbook > Encrypt with Password, and clear the password)";
    }
    if (compound_file_has_entry(bytes, "Workbook") || compound_file_has_entry(bytes, "Book")) {
      return "it is an Excel 97-2003 workbook (.xls), an older format this reader does not read: "
             "open it in Excel and save it as an Excel Workbook (.xlsx)";
    }
    if (compound_file_has_entry(bytes, "WordDocument")) {
      return "it is a Word 97-2003 document (.doc), not a workbook";
    }
    return "it is an OLE compound file (an Office 97-2003 document such as an .xls), not an "
           ".xlsx workbook: open it in Excel and save it as an Excel Workbook (.xlsx)";
  }
  if (looks_like_text(bytes)) {
    std::string_view head = bytes.substr(0, 4096);
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
    const std::size_t first = head.find_first_not_of(" \t\r\n");
    head.remove_prefix(first == std::string_view::npos ? head.size() : first);
    if (starts_with_icase(head, "<!doctype html") || starts_with_icase(head, "<html") ||
        starts_with_icase(head, "<table")) {
      return "it is an HTML page (what a web system's \"export to Excel\" often gives), not an "
             ".xlsx workbook: open it in Excel and save it as an Excel Workbook (.xlsx), or "
             "export the data as CSV";
    }
    if (head.starts_with("<?xml") &&
        head.find("urn:schemas-microsoft-com:office:spreadsheet") != std::string_view::npos) {
      return "it is an Excel 2003 XML Spreadsheet, not an .xlsx workbook: open it in Excel and "
             "save it as an Excel Workbook (.xlsx)";
    }
    return "it is a text file (a CSV file?) with a workbook's name, not an Excel workbook: give "
           "it a .csv name to read it as CSV, or save it from Excel as an Excel Workbook (.xlsx)";
  }
  std::string head;
  for (std::size_t i = 0; i < std::min<std::size_t>(bytes.size(), 4); ++i) {
    absl::StrAppend(&head, i > 0 ? " " : "",
                    absl::StrFormat("%02X", static_cast<unsigned char>(bytes[i])));
  }
  return absl::StrCat(
      "it is not an Excel workbook: an .xlsx file is a zip archive, which begins "
      "with the bytes 50 4B ('PK'), but this one begins with ",
      head);
}

}  // namespace qaframe::detail
