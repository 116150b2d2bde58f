#pragma once
/// @file data_problem.hpp
/// Problems found in input data, collected rather than thrown, so that an analyst can fix a whole
/// export in one pass. Each names where (source, line or row, column), what (the value) and why.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace qaframe {

/// One problem in input data: where it is, the offending value and the reason.
struct DataProblem {
  std::string source;     ///< file path, or "DataFrame"
  std::int64_t line = 0;  ///< 1-based physical line of the record in a file (0 when not a file)
  std::int64_t row = -1;  ///< 0-based data row (record) number; -1 for the header or the file
  std::string column;     ///< column name, empty when the problem is not in one column
  std::string value;      ///< the offending value (see shorten_for_message), always valid UTF-8
  std::string reason;     ///< why it is a problem, and what would be accepted
  /// The cell of a workbook ("C14", or a range "A3:F3" for a whole row), empty otherwise; when set
  /// it stands for the line in to_string(): "audits.xlsx[Audits]!C14: ...".
  std::string cell = {};
  /// The column's header in the export when an export profile renamed it ("Overall Grade" for
  /// `grade`), empty otherwise; shown beside the column: "column 'grade' ('Overall Grade')".
  std::string exported_column = {};

  /// "audits.csv:14: column 'grade': value 'Goodish': unknown grade (accepted: ...)".
  std::string to_string() const;
  friend bool operator==(const DataProblem&, const DataProblem&) = default;
};

/// A bounded collection of problems. Past the limit, problems are counted but not kept.
///
/// Given to a reader (any function taking a `Diagnostics*`), it receives the problems of that
/// call, added after those it already holds: each call collects its own problems apart (see
/// DiagnosticsScope) and fails on its own only, so one collection may serve a bad file and then
/// a good one (the good read succeeds; the collection then still lists the bad file's problems,
/// until clear()). The status a failed read returns lists that read's problems only.
class Diagnostics {
 public:
  /// Default number of problems kept before the rest are only counted.
  static constexpr std::size_t kDefaultLimit = 100;

  /// A collection that keeps at most `limit` problems.
  explicit Diagnostics(std::size_t limit = kDefaultLimit) : limit_(limit) {}

  /// Records a problem (always counted). Problems are kept in order of line (or row for a
  /// DataFrame), problems of one line in the order found; past the limit, the latest lines go.
  void add(DataProblem problem);
  /// Records a note said once after the problems, whatever the number of problems it explains
  /// (the spellings a scale accepts, rather than on each bad grade); a repeated note is kept once.
  void add_note(std::string note);
  /// The notes, in the order first given.
  const std::vector<std::string>& notes() const { return notes_; }
  /// Adds the problems of `other`, kept ones first (while under this limit), then counts the
  /// rest of its total; its notes and remarks follow this collection's.
  void append(const Diagnostics& other);
  /// Forgets every problem, note and remark (the limit stays): the collection is as new.
  void clear() {
    problems_.clear();
    total_ = 0;
    notes_.clear();
    remarks_.clear();
  }
  /// Counts `n` problems found but not kept (a reader that translates another collection's kept
  /// problems adds those, then counts the ones it never saw).
  void count_unkept(std::size_t n) { total_ += n; }
  /// True when no problem has been recorded.
  bool ok() const { return total_ == 0; }
  /// Problems kept, by line (or row), then in the order found.
  const std::vector<DataProblem>& problems() const { return problems_; }
  /// Number of problems found, kept or not.
  std::size_t total() const { return total_; }
  /// The limit on problems kept.
  std::size_t limit() const { return limit_; }
  /// An InvalidArgument status listing every kept problem, then the notes (OK when there are
  /// no problems).
  absl::Status to_status() const;
  /// Records a remark: what a reader decided for itself that is not a problem but must not be
  /// silent ("audits.csv: fields separated by semicolons (chosen from the header line)"); said
  /// on success too (the command line's "qaframe: note:", Python's read_notes), unlike notes.
  void remark(std::string text) { remarks_.push_back(std::move(text)); }
  /// Remarks recorded, in order.
  const std::vector<std::string>& remarks() const { return remarks_; }

 private:
  std::vector<std::string> remarks_;
  std::size_t limit_;
  std::size_t total_ = 0;
  std::vector<DataProblem> problems_;
  std::vector<std::string> notes_;
};

/// The problems of one call, apart from the caller's: a reader collects into get(), judges its
/// input by that alone (so problems of an earlier call in the caller's collection never fail it),
/// and at the end of the call (the scope's destruction) appends them to the caller's collection
/// when one was given. The collection has the caller's limit.
class DiagnosticsScope {
 public:
  /// A scope for a call given `caller` (may be null: the problems then stay in the scope).
  explicit DiagnosticsScope(Diagnostics* caller)
      : caller_(caller), own_(caller != nullptr ? caller->limit() : Diagnostics::kDefaultLimit) {}
  DiagnosticsScope(const DiagnosticsScope&) = delete;
  DiagnosticsScope& operator=(const DiagnosticsScope&) = delete;
  /// Hands the call's problems to the caller's collection.
  ~DiagnosticsScope() {
    if (caller_ != nullptr) caller_->append(own_);
  }
  /// The call's own collection.
  Diagnostics& get() { return own_; }

 private:
  Diagnostics* caller_;
  Diagnostics own_;
};

/// A value made fit for a message: bytes that are not valid UTF-8, and control and bidi characters,
/// as escapes (`\xE9`, `\n`, `\u202E`); then at most `max_chars` bytes, cut between characters,
/// with "...".
std::string shorten_for_message(std::string_view value, std::size_t max_chars = 80);

}  // namespace qaframe
