#include "qaframe/report/table_xlsx.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <sys/stat.h>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "qaframe/doc/document.hpp"
#include "qaframe/render/xlsx.hpp"
#include "qaframe/version.hpp"
#include "report/sections.hpp"

namespace qaframe {

namespace {

// `bytes` to `path` whole or not at all: a temporary file in the same folder (so that the
// rename stays on one file system), flushed, then renamed over `path`. The one place this layer
// writes a file; it is to call io/'s write_file_atomically once that exists.
absl::Status write_bytes_atomically(const std::string& path, std::string_view bytes) {
  const std::filesystem::path target(path);
  const std::filesystem::path dir =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string temp = (dir / absl::StrCat(".", target.filename().string(), ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0)
    return absl::UnavailableError(absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ::ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      std::remove(temp.c_str());
      return absl::UnavailableError(absl::StrCat("cannot write ", path, ": ", std::strerror(err)));
    }
    done += static_cast<std::size_t>(n);
  }
  // mkstemp makes the file 0600; a workbook is an ordinary document (0666 less the umask).
  const ::mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::remove(temp.c_str());
    return absl::UnavailableError(absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    std::remove(temp.c_str());
    return absl::UnavailableError(absl::StrCat("cannot write ", path, ": ", std::strerror(err)));
  }
  return absl::OkStatus();
}

std::string grades_wording(const std::string& grades) {
  if (grades == "final" || grades == "final_grade")
    return "the final grade of each audit (the moderator's where the audit was moderated, the "
           "auditor's otherwise)";
  if (grades == "original" || grades == "grade")
    return "the auditors' own grades, before moderation";
  return absl::StrCat("the grades of '", grades, "'");
}

// Every table of a section and its subsections, in order; notes as text.
void collect(const doc::Section& s, std::vector<doc::Table>& tables,
             std::vector<std::string>& notes) {
  for (const doc::Block& b : s.blocks) {
    if (const auto* t = std::get_if<doc::Table>(&b)) tables.push_back(*t);
    if (const auto* n = std::get_if<doc::Note>(&b))
      notes.push_back(absl::StrCat(s.title.plain(), ": ", n->text.plain()));
  }
  for (const doc::Section& sub : s.subsections) collect(sub, tables, notes);
}

}  // namespace

std::vector<std::string> grade_table_notes(const XlsxNotes& notes) {
  std::vector<std::string> out;
  if (!notes.source.empty()) out.push_back(absl::StrCat("Source: ", notes.source));
  out.push_back(absl::StrCat("Counts are numbers of audits, by ", grades_wording(notes.grades),
                             "; audits with no grade recorded in that column are left out."));
  out.push_back(
      "Rows: the categories in order of first appearance in the data (periods in date order); "
      "the last row, in bold, is the total.");
  out.push_back(
      "Columns: the grade levels from worst to best, then N/A (not applicable: counted, not "
      "graded), then Total. Adjusted shares leave N/A out of the denominator.");
  out.push_back(
      "Every count is a number cell. Text from the data (teams, programmes, any label) is a text "
      "cell, never a formula: a label beginning with =, +, - or @ is shown as written.");
  out.push_back("No child's identifier is included.");
  out.push_back(absl::StrCat("Produced with qaframe ", kVersion, "."));
  return out;
}

absl::StatusOr<std::string> render_xlsx(const std::vector<GradeTable>& tables,
                                        const XlsxNotes& notes) {
  std::vector<doc::Table> sheets;
  for (const GradeTable& t : tables) sheets.push_back(detail::grade_table(t));
  return doc::to_xlsx(sheets, grade_table_notes(notes));
}

absl::Status write_tables_xlsx(const std::vector<GradeTable>& tables, const XlsxNotes& notes,
                               const std::string& path) {
  auto bytes = render_xlsx(tables, notes);
  if (!bytes.ok()) return bytes.status();
  return write_bytes_atomically(path, *bytes);
}

absl::StatusOr<std::string> render_report_xlsx(const AuditSet& audits, const ReportOptions& options,
                                               const ReportInputs& inputs) {
  auto d = build_report(audits, options, inputs);
  if (!d.ok()) return d.status();
  std::vector<doc::Table> tables;
  std::vector<std::string> notes;
  XlsxNotes base{options.source, options.grades};
  for (std::string& line : grade_table_notes(base)) notes.push_back(std::move(line));
  for (const doc::Block& b : d->preamble) {
    if (const auto* t = std::get_if<doc::Table>(&b)) tables.push_back(*t);
    if (const auto* n = std::get_if<doc::Note>(&b)) notes.push_back(n->text.plain());
  }
  for (const doc::Section& s : d->sections) collect(s, tables, notes);
  for (const doc::Omission& o : d->omitted)
    notes.push_back(absl::StrCat("Not included: ", o.section, ": ", o.reason));
  return doc::to_xlsx(tables, notes);
}

absl::Status write_report_xlsx(const AuditSet& audits, const ReportOptions& options,
                               const std::string& path, const ReportInputs& inputs) {
  auto bytes = render_report_xlsx(audits, options, inputs);
  if (!bytes.ok()) return bytes.status();
  return write_bytes_atomically(path, *bytes);
}

}  // namespace qaframe
