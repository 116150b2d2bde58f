#pragma once
/// @file domains.hpp
/// Practice domains: the grade of each area of practice (supervision, planning, ...) and the
/// "key messages" table that ranks them by the share graded below good, with intervals.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/tally/grade_counts.hpp"

namespace qaframe {

/// The tally of one practice domain on its own scale.
struct DomainProfile {
  std::string
      domain;        ///< domain name ("supervision"), or its display label (AuditSet::domain_label)
  GradeScale scale;  ///< the domain's scale
  GradeCounts counts;  ///< audits per level and N/A
};

/// Profiles of every practice domain of `audits`, in column order.
std::vector<DomainProfile> domain_profiles(const AuditSet& audits);

/// One row of the key-messages table.
struct KeyMessage {
  std::string domain;               ///< domain name, or its display label (AuditSet::domain_label)
  std::string below;                ///< what is counted: "below Good" (or "below Met", ...)
  std::int64_t n = 0;               ///< audits graded in the domain (N/A left out)
  std::int64_t count = 0;           ///< of which graded below the scale's good threshold
  std::int64_t not_applicable = 0;  ///< audits with the domain N/A
  double share = 0;                 ///< count / n (NaN when n is 0)
  double low = 0;                   ///< Wilson lower limit
  double high = 0;                  ///< Wilson upper limit
};

/// Key messages: each practice domain's share of graded audits below its scale's good threshold
/// with the Wilson interval (Wilson 1927; Newcombe 1998 method 3)
///   (p̂ + z²/2n ± z√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n),
/// ranked weakest first: by share, then by the lower limit, then by n (larger first), then by
/// name. Domains with no graded audit come last.
std::vector<KeyMessage> key_messages(const AuditSet& audits, double level = 0.95);

}  // namespace qaframe
