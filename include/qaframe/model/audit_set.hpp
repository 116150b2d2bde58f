#pragma once
/// @file audit_set.hpp
/// AuditSet: a validated, columnar store of case audits. Built by AuditSetBuilder
/// (model/audit_set_builder.hpp) from rows of a file (readers/) or from DataFrame columns.
///
/// Layout (compact, so that millions of audits fit in memory): identifiers in one arena (with no
/// offsets when they all have the same length), text columns dictionary-encoded (codes of one to
/// four bytes by their number of levels), dates as 32-bit day numbers, grades as one byte. Every
/// input column is kept: the known ones typed, the rest as categorical attributes.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/model/categorical.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/model/grade_scale.hpp"
#include "qaframe/model/period.hpp"

namespace qaframe {

/// How a column is stored.
enum class ColumnKind : std::uint8_t {
  kId,           ///< audit_id: unique text in an arena
  kCategorical,  ///< dictionary-encoded text
  kDate,         ///< audit_date: day numbers
  kGrade,        ///< grade, moderated_grade, domain:<name>: levels of a scale
};

/// The name of a column kind: "id", "categorical", "date" or "grade".
std::string_view column_kind_name(ColumnKind kind);

/// A column of an AuditSet: its name (as in the input for extra columns), kind and slot.
struct ColumnInfo {
  std::string name;      ///< canonical name for known columns, the input's name otherwise
  ColumnKind kind;       ///< storage kind
  std::size_t slot = 0;  ///< index among the categorical (or the grade) columns of its kind
  friend bool operator==(const ColumnInfo&, const ColumnInfo&) = default;
};

/// Column names the library knows; every other column is kept as a categorical attribute.
struct AuditColumns {
  static constexpr std::string_view kAuditId = "audit_id";      ///< unique audit identifier
  static constexpr std::string_view kChildId = "child_id";      ///< pseudonymous child id
  static constexpr std::string_view kTeam = "team";             ///< team of the case
  static constexpr std::string_view kAuditType = "audit_type";  ///< e.g. General Audits
  static constexpr std::string_view kProgramme = "programme";   ///< Core, Practice Review Week
  static constexpr std::string_view kAuditDate = "audit_date";  ///< date of the audit
  static constexpr std::string_view kAuditor = "auditor";       ///< who audited
  static constexpr std::string_view kGrade = "grade";           ///< overall grade (auditor's)
  /// The moderator's grade; empty where the audit was not moderated.
  static constexpr std::string_view kModeratedGrade = "moderated_grade";
  static constexpr std::string_view kModerator = "moderator";  ///< who moderated
  /// Not a stored column: the moderated grade where recorded, the auditor's grade otherwise.
  static constexpr std::string_view kFinalGrade = "final_grade";
  /// Prefix of practice-domain grade columns: "domain:supervision".
  static constexpr std::string_view kDomainPrefix = "domain:";
  /// The columns an input must have.
  static constexpr std::string_view kRequired[] = {kAuditId, kChildId, kTeam, kAuditDate, kGrade};
};

/// The canonical form of a header name: trimmed, ASCII lower case, spaces and hyphens as '_'.
/// "Audit Date" and "audit-date" both become "audit_date"; "Domain: Voice of child" becomes
/// "domain:voice_of_child".
std::string canonical_column_name(std::string_view header);

/// The kind of a column the library knows, by canonical name (see canonical_column_name);
/// nullopt for any other column (kept as a categorical attribute).
std::optional<ColumnKind> known_column_kind(std::string_view canonical);

/// The name a column with this header gets in an AuditSet: canonical for a known column
/// ("Audit Date" -> "audit_date"), the header's own (trimmed) otherwise.
std::string audit_column_name(std::string_view header);

/// The domain name of a practice-domain column ("supervision" for "domain:supervision"), or ""
/// when `column` is not one.
std::string_view domain_name(std::string_view column);

/// Grading scales declared for practice domains, by domain name ("planning"); a domain not
/// listed is graded on the Ofsted scale.
using DomainScales = std::vector<std::pair<std::string, GradeScale>>;

/// A read-only view of one grade column: its name, scale and grades (kNotApplicable for N/A,
/// kNotRecorded where no grade was recorded).
struct GradeColumn {
  std::string name;               ///< "grade", "final_grade", "moderated_grade", "domain:<name>"
  const GradeScale* scale;        ///< the column's scale (owned by the AuditSet)
  std::span<const Grade> grades;  ///< one grade per audit
};

/// Display labels of practice domains, by domain name: {"voice_of_child", "Communicating with
/// children"}. Shown wherever a domain is named in an output; the column keeps its name.
using DomainLabels = std::vector<std::pair<std::string, std::string>>;

/// Selection of audits: every listed column must hold one of its listed values, and the date
/// must lie within [date_from, date_to] where those are given. Grades are matched by label; the
/// column "final_grade" (moderated where recorded) can be filtered on like a stored column.
/// A name that is not a column but a period kind ("financial_year", "quarter", "month") or
/// "period" selects by the audit date: its values are period labels ("2017-18", "2017-18 Q3",
/// "Oct 2017"; see parse_period), and a date in any of them passes.
struct AuditFilter {
  std::vector<std::pair<std::string, std::vector<std::string>>> equals;  ///< column, values
  std::optional<DayNumber> date_from;                                    ///< first day included
  std::optional<DayNumber> date_to;                                      ///< last day included
  /// When not empty, the date must lie in one of these periods (a named period, a year, ...).
  std::vector<Period> within = {};
};

/// A validated set of audits.
///
/// Lifetimes: the accessors that return a view, a reference or a pointer into the set (scale(),
/// columns(), find_column(), audit_id(), dates(), grades(), final_grades(), grade_column(),
/// categorical(), identifier_columns()) are callable on an lvalue only: their overloads for an
/// rvalue are deleted, so that `read_audits_csv(p)->audit_id(0)` on a temporary does not compile.
/// What they return is owned by the set and valid while it lives and is not assigned to or moved
/// from. A const AuditSet may be read from any number of threads at once.
class AuditSet {
 public:
  /// An empty set with the required columns on the given scale.
  explicit AuditSet(GradeScale scale = GradeScale::ofsted());

  /// Number of audits.
  std::size_t size() const { return grades_.size(); }
  /// True when there are no audits.
  bool empty() const { return grades_.empty(); }
  /// The grading scale of the `grade` column.
  const GradeScale& scale() const& { return scale_; }
  const GradeScale& scale() const&& = delete;  ///< a view into a temporary set would dangle
  /// Columns in input order.
  const std::vector<ColumnInfo>& columns() const& { return columns_; }
  const std::vector<ColumnInfo>& columns() const&& = delete;  ///< would dangle
  /// Names of the columns in input order.
  std::vector<std::string> column_names() const;
  /// True when the set has a column of this name.
  bool has_column(std::string_view name) const { return find_column(name) != nullptr; }
  /// The column of this name, or nullptr.
  const ColumnInfo* find_column(std::string_view name) const&;
  const ColumnInfo* find_column(std::string_view name) const&& = delete;  ///< would dangle

  /// Identifier of audit `i`, a view into the set; OutOfRange when `i` is not below size().
  absl::StatusOr<std::string_view> audit_id(std::size_t i) const&;
  absl::StatusOr<std::string_view> audit_id(std::size_t i) const&& = delete;  ///< would dangle
  /// audit_id() unchecked, for loops over the rows. Precondition: `i` < size().
  std::string_view audit_id_unchecked(std::size_t i) const& { return ids_[i]; }
  std::string_view audit_id_unchecked(std::size_t i) const&& = delete;  ///< would dangle
  /// Day numbers of the audit dates.
  std::span<const DayNumber> dates() const& { return dates_; }
  std::span<const DayNumber> dates() const&& = delete;  ///< would dangle
  /// The auditors' grades (level index or kNotApplicable), before moderation.
  std::span<const Grade> grades() const& { return grades_; }
  std::span<const Grade> grades() const&& = delete;  ///< would dangle
  /// The final grades: the moderated grade where one is recorded, the auditor's otherwise.
  std::span<const Grade> final_grades() const& {
    return final_grades_.empty() && !grades_.empty() ? std::span<const Grade>(grades_)
                                                     : std::span<const Grade>(final_grades_);
  }
  std::span<const Grade> final_grades() const&& = delete;  ///< would dangle
  /// True when the set has a moderated_grade column.
  bool has_moderation() const { return find_column(AuditColumns::kModeratedGrade) != nullptr; }
  /// Names of the practice-domain columns ("domain:supervision", ...), in input order.
  std::vector<std::string> domain_columns() const;
  /// A grade column: "grade" (the auditor's), "final_grade" (moderated where recorded),
  /// "moderated_grade", or a domain ("domain:planning" or just "planning"). NotFound naming the
  /// grade columns otherwise.
  absl::StatusOr<GradeColumn> grade_column(std::string_view name) const&;
  absl::StatusOr<GradeColumn> grade_column(std::string_view name) const&& = delete;  ///< dangles
  /// The set with a further categorical column (a derived grouping such as a period);
  /// InvalidArgument if the name is taken, the length differs, or a code is past the column's
  /// levels (Categorical::check()).
  absl::StatusOr<AuditSet> with_categorical(std::string name, Categorical column) const;
  /// A categorical column by name (child_id, team, audit_type, programme, auditor, or any extra
  /// column); NotFound naming the available columns otherwise.
  absl::StatusOr<const Categorical*> categorical(std::string_view name) const&;
  /// Deleted: a pointer into a temporary set would dangle.
  absl::StatusOr<const Categorical*> categorical(std::string_view name) const&& = delete;
  /// Number of distinct children.
  std::size_t count_children() const;
  /// Bytes held by the columns (their capacities; levels shared by two of its columns counted
  /// once, levels shared with another set counted in each), not the allocator's overhead.
  std::size_t memory_bytes() const;

  /// The set with display labels for its practice domains (see DomainLabels), replacing any
  /// given before; InvalidArgument naming the domains when a name is not one of them.
  absl::StatusOr<AuditSet> with_domain_labels(DomainLabels labels) const;
  /// The display labels given with with_domain_labels, in the order given.
  const DomainLabels& domain_labels() const& { return domain_labels_; }
  const DomainLabels& domain_labels() const&& = delete;  ///< would dangle
  /// The display label of a domain ("voice_of_child" or "domain:voice_of_child"): the one
  /// given, or the domain name itself.
  std::string domain_label(std::string_view domain) const;

  /// The audits of `parts` one after another, in order: the same scale and the same columns
  /// (in any order; the first part's order is kept) of the same kinds and domain scales, or
  /// InvalidArgument naming the difference and the sources. An audit_id in two parts is a
  /// problem in `diag` naming both sources (`sources[i]` names part i; "input i" when missing),
  /// and the result is then InvalidArgument listing them. Moderation, domains, domain labels
  /// and declared identifiers are kept (labels and identifiers: the union, first given wins).
  static absl::StatusOr<AuditSet> concat(std::span<const AuditSet* const> parts,
                                         const std::vector<std::string>& sources = {},
                                         Diagnostics* diag = nullptr);

  /// Columns that identify people or cases: audit_id and child_id, and any declared (an export
  /// profile may declare more). Tables, reports, plots, comparisons and triangulation refuse to
  /// group by them unless allowed, and messages count their values instead of listing them.
  const std::vector<std::string>& identifier_columns() const& { return identifiers_; }
  const std::vector<std::string>& identifier_columns() const&& = delete;  ///< would dangle
  /// True when `column` (any spelling of a known column) is an identifier column.
  bool is_identifier(std::string_view column) const;
  /// Declares more identifier columns; names are matched as find_column matches them.
  void declare_identifiers(const std::vector<std::string>& columns);

  /// What reading the set did that a reader should know (title rows skipped, columns renamed by
  /// an export profile, values mapped, footer rows dropped), in the order done. Not data: not
  /// compared by operator==.
  const std::vector<std::string>& notes() const& { return notes_; }
  const std::vector<std::string>& notes() const&& = delete;  ///< would dangle
  /// Adds a note (see notes()).
  void add_note(std::string note) { notes_.push_back(std::move(note)); }

  /// The text of a cell as it is written to CSV (dates ISO, grades canonical, N/A as "N/A");
  /// OutOfRange when `row` is not below size(), InvalidArgument when `column` is not one of
  /// columns().
  absl::StatusOr<std::string> cell(std::size_t row, const ColumnInfo& column) const;
  /// cell() unchecked. Precondition: `row` < size() and `column` is one of columns().
  std::string cell_unchecked(std::size_t row, const ColumnInfo& column) const;

  /// The audits that pass `filter`; InvalidArgument for an unknown column or grade label.
  absl::StatusOr<AuditSet> filter(const AuditFilter& filter) const;
  /// The audits at the given row positions, in that order (a row may repeat); OutOfRange naming
  /// the first position not below size().
  absl::StatusOr<AuditSet> take(const std::vector<std::uint32_t>& rows) const;
  /// take() unchecked, for positions the caller computed from this set. Precondition: every
  /// position is below size().
  AuditSet take_unchecked(const std::vector<std::uint32_t>& rows) const;

  /// The whole set as CSV text with a header; reading it back gives an equal set. (Defined with
  /// the CSV reader, in src/readers/audits_csv.cpp, so that the model does not depend on io.)
  std::string to_csv() const;
  /// Writes to_csv() to a file, atomically (io/atomic_file.hpp), in pieces: a crash, a kill or
  /// a full disk leaves the old file whole; Unavailable with the OS reason on failure.
  absl::Status write_csv(const std::string& path) const;

  /// Equal when scales, column names and kinds, and every cell are equal (the identifier columns
  /// are a rule about the data, not data, and are not compared).
  friend bool operator==(const AuditSet& a, const AuditSet& b);

 private:
  friend class AuditSetBuilder;
  friend absl::StatusOr<AuditSet> with_moderation_columns(const AuditSet&, std::vector<Grade>,
                                                          Categorical);
  /// A grade column other than `grade`: its scale and grades.
  struct ExtraGrades {
    GradeScale scale;
    std::vector<Grade> grades;
    friend bool operator==(const ExtraGrades&, const ExtraGrades&) = default;
  };
  // The scale and grades of grade slot `slot` (0 is `grade`).
  const GradeScale& slot_scale(std::size_t slot) const {
    return slot == 0 ? scale_ : extra_grades_[slot - 1].scale;
  }
  std::span<const Grade> slot_grades(std::size_t slot) const {
    return slot == 0 ? std::span<const Grade>(grades_)
                     : std::span<const Grade>(extra_grades_[slot - 1].grades);
  }
  // The grade slot that stands for the final grade in filters.
  static constexpr std::size_t kFinalSlot = static_cast<std::size_t>(-1);
  // Recomputes final_grades_ from grades_ and the moderated grades (empty when not moderated).
  void derive_final_grades();
  // The CSV header line, and rows [first, last) as CSV lines (to_csv and write_csv).
  void append_csv_header(std::string& out) const;
  void append_csv_rows(std::string& out, std::size_t first, std::size_t last) const;

  GradeScale scale_;
  std::vector<ColumnInfo> columns_;
  Levels ids_;  // the audit ids: one arena, with no offsets when they are all of one length
  std::vector<DayNumber> dates_;
  std::vector<Grade> grades_;
  std::vector<ExtraGrades> extra_grades_;  // grade slots 1.. (moderated_grade, domains)
  std::vector<Grade> final_grades_;        // derived; empty when there is no moderation
  std::vector<Categorical> categoricals_;
  std::vector<std::string> identifiers_ = {std::string(AuditColumns::kAuditId),
                                           std::string(AuditColumns::kChildId)};
  std::vector<std::string> notes_;
  DomainLabels domain_labels_;
};

/// OK when the set may be grouped by `column`: FailedPrecondition when it is an identifier column
/// (a table by child_id lists every child) and `allow_identifiers` is false, with what to do.
/// `what` names the output ("a table", "a comparison") in the message.
absl::Status check_grouping(const AuditSet& audits, std::string_view column, bool allow_identifiers,
                            std::string_view what = "a table");

/// The values of a categorical column for a message: up to `max` of them, or, for an identifier
/// column, only how many there are ("118 distinct values, not listed: child_id identifies
/// people"), so that no message ever lists other rows' identifiers.
std::string values_for_message(const AuditSet& audits, std::string_view column,
                               const std::vector<std::string>& levels, std::size_t max = 20);

/// The set with moderated grades (on its scale; kNotRecorded where not moderated) and moderators
/// added as the moderated_grade and moderator columns; InvalidArgument if the set already has
/// moderation columns, a length differs, a grade is not on the scale or a moderator's code is past
/// its levels. Used to join a separate moderation file.
absl::StatusOr<AuditSet> with_moderation_columns(const AuditSet& audits,
                                                 std::vector<Grade> moderated,
                                                 Categorical moderators);

}  // namespace qaframe
