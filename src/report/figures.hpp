#pragma once
// The report's charts (internal): each analysis result drawn as a figure — the SVG chart (from
// render/svg.hpp), its caption, and where its numbers are as a table. A chart that cannot be
// drawn becomes a note saying why, never a silent gap.
#include <string>
#include <string_view>
#include <vector>

#include "qaframe/analysis/comparison.hpp"
#include "qaframe/analysis/domains.hpp"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/analysis/team_funnel.hpp"
#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/doc/document.hpp"
#include "qaframe/publish/disclosure.hpp"
#include "qaframe/tally/grade_table.hpp"

namespace qaframe::detail {

class Publication;

/// Stacked bars of the grade shares of each row of `t`, worst to best, N/A last; `what` names
/// the grades ("Final grades"). Published (`suppressed` given), rows with a suppressed count are
/// not drawn (a note says which) and the numbers are the table `table_id`.
std::vector<doc::Block> grade_bars_figure(const GradeTable& t, std::string_view what,
                                          const SuppressedTable* suppressed = nullptr,
                                          std::string_view table_id = "");
/// The funnel plot of the share Good or better by team, with its table; published, teams whose
/// share rests on a suppressed count are neither drawn nor listed with numbers.
std::vector<doc::Block> funnel_figure(const TeamFunnel& f, const Publication* pub = nullptr);
/// The auditor-by-moderator heat map; its numbers are the table `table_id`.
doc::Block moderation_figure(const ModerationSummary& m, std::string_view table_id);
/// Key messages as a dot plot of the share below good with intervals.
doc::Block key_messages_figure(const std::vector<KeyMessage>& messages, double level,
                               std::string_view table_id);
/// A comparison as a forest plot of the changes with their intervals.
doc::Block comparison_figure(const Comparison& c, std::string_view table_id);
/// A trend as a line with interval bars.
doc::Block trend_figure(const Trend& t, std::string_view title, std::string_view table_id);
/// The triangulation matrix coloured by cell status, a word in every cell.
doc::Block triangulation_figure(const Triangulation& t, std::string_view table_id);

}  // namespace qaframe::detail
