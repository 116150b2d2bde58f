#pragma once
/// @file evidence_map.hpp
/// The evidence map: for each theme of practice, its evidence in each strand (an audit domain or
/// the overall grade, a survey question, a performance indicator).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/data_problem.hpp"

namespace qaframe {

/// A strand of evidence.
enum class Strand : std::uint8_t { kAudit, kSurvey, kPerformance };

/// "audit", "survey" or "performance".
std::string_view strand_name(Strand strand);

/// One row of the evidence map.
struct EvidenceItem {
  std::string theme;               ///< theme of practice ("planning")
  Strand source = Strand::kAudit;  ///< the strand
  /// The audit item ("overall" or "grade" for the overall grade, otherwise a domain name), the
  /// survey question, or the indicator.
  std::string item;
  /// Target share for audit and survey items: teams and the whole service are compared with it
  /// (otherwise a team is compared with the rest of the service). Ignored for indicators, whose
  /// definitions carry targets and benchmarks.
  std::optional<double> target;
  std::int64_t line = 0;  ///< line in the evidence-map file
  friend bool operator==(const EvidenceItem&, const EvidenceItem&) = default;
};

/// A validated evidence map.
struct EvidenceMap {
  std::string source;               ///< where it was read from
  std::vector<EvidenceItem> items;  ///< in file order
  /// Themes in order of first appearance.
  std::vector<std::string> themes() const;
};

/// Parses an evidence map (columns theme, source, item; optional target). Problems collected: an
/// empty field, an unknown source, a repeated row, a bad target, two targets for one theme and
/// strand (items of one strand are pooled, so they share one target).
/// `csv` gives the encoding and the separator.
absl::StatusOr<EvidenceMap> parse_evidence_map_csv(std::string_view text, const std::string& source,
                                                   Diagnostics* diag = nullptr,
                                                   const CsvOptions& csv = {});
/// Reads an evidence map from a file (see parse_evidence_map_csv).
absl::StatusOr<EvidenceMap> read_evidence_map_csv(const std::string& path,
                                                  Diagnostics* diag = nullptr,
                                                  const CsvOptions& csv = {});

}  // namespace qaframe
