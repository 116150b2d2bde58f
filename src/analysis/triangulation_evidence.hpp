#pragma once
// The evidence of a triangulation (internal): the units (each team in use, then the service),
// the checks of the survey and performance files against them, and one Signal per unit, theme
// and strand (audit and survey items pooled; one per indicator).
#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "qaframe/analysis/triangulation.hpp"

namespace qaframe::detail {

/// Fills out.options, out.units, out.themes, out.signals and out.notes, and the indices of each
/// theme's signals in `by_theme`. Problems of the inputs (a team that is not a unit, an unknown
/// question or indicator, an indicator's theme missing from the map) go to `diag`; an
/// InvalidArgument status then lists them. NotFound when `options.by` is not a column.
absl::Status gather_evidence(const AuditSet& audits, const SurveyResponses* survey,
                             const Performance* performance, const EvidenceMap& map,
                             const Benchmarking* neighbours, const TriangulationOptions& options,
                             Diagnostics& diag, Triangulation& out,
                             std::vector<std::vector<std::size_t>>& by_theme);

/// compare_with_benchmark() without the checks of its arguments (the evidence's own counts,
/// which satisfy them by construction).
Signal benchmark_signal(double count, std::int64_t n, double benchmark, Polarity polarity,
                        const TriangulationOptions& options,
                        const stats::DispersionEstimate* dispersion = nullptr);

/// The survey counting rule of `options` in one sentence.
std::string survey_rule(const TriangulationOptions& options);

}  // namespace qaframe::detail
