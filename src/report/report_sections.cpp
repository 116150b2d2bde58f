#include "report/report_sections.hpp"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "report/text_escape.hpp"

namespace qaframe::detail {

namespace {

std::string level_percent(double level) { return absl::StrCat(std::lround(level * 100), "%"); }

std::string number(double x, int digits = 2) {
  return std::isnan(x) ? std::string("-") : absl::StrFormat("%.*f", digits, x);
}

std::string json_direction(const DirectionRow& r) {
  return absl::StrCat(
      "{\"label\": ", json_string(r.label), ", \"pairs\": ", r.pairs, ", \"agreed\": ", r.agreed,
      ", \"raised\": ", r.raised, ", \"lowered\": ", r.lowered, ", \"net\": ", r.net(),
      ", \"pvalue\": ", json_number(r.pvalue), ", \"adjusted\": ", json_number(r.adjusted),
      ", \"flagged\": ", r.flagged ? "true" : "false",
      ", \"direction\": ", json_string(r.direction()), "}");
}

std::string direction_table(const std::vector<DirectionRow>& rows, std::string_view heading) {
  std::string out = absl::StrCat("| ", markdown_cell(heading),
                                 " | Pairs | Agreed | Raised | Lowered | Net | p (Holm) | Flag |\n"
                                 "|:---|---:|---:|---:|---:|---:|---:|:---|\n");
  for (const DirectionRow& r : rows) {
    absl::StrAppend(&out, "| ", markdown_cell(r.label), " | ", r.pairs, " | ", r.agreed, " | ",
                    r.raised, " | ", r.lowered, " | ", r.net(), " | ", format_p(r.adjusted), " | ",
                    r.flagged ? markdown_cell(r.direction()) : "", " |\n");
  }
  return out;
}

}  // namespace

std::string percent(double share) {
  return std::isnan(share) ? std::string("-") : absl::StrCat(std::lround(share * 100), "%");
}

std::string percent_interval(double low, double high) {
  if (std::isnan(low) || std::isnan(high)) return "-";
  return absl::StrCat(std::lround(low * 100), "-", std::lround(high * 100), "%");
}

std::string format_p(double p) {
  if (std::isnan(p)) return "-";
  if (p < 0.001) return "<0.001";
  return absl::StrFormat("%.3f", p);
}

std::string moderation_markdown(const ModerationSummary& m) {
  const GradeScale& scale = m.scale;
  std::string out = "## Moderation\n\n";
  absl::StrAppend(&out, m.moderated, " of ", m.audits, " audits were moderated; ", m.pairs,
                  " were graded on the scale by both auditor and moderator.\n\n");
  absl::StrAppend(&out, "| Programme | Audits | Moderated | Share |\n|:---|---:|---:|---:|\n");
  for (const CoverageRow& c : m.coverage) {
    absl::StrAppend(&out, "| ", markdown_cell(c.programme), " | ", c.audits, " | ", c.moderated,
                    " | ", rounded_percent(c.moderated, c.audits), "% |\n");
  }
  absl::StrAppend(&out, "\nAuditor's grade (rows) by moderator's grade (columns):\n\n| Auditor |");
  std::vector<std::string> labels = scale.labels();
  labels.push_back(GradeScale::not_applicable_label());
  for (const std::string& l : labels) absl::StrAppend(&out, " ", markdown_cell(l), " |");
  absl::StrAppend(&out, "\n|:---|");
  for (std::size_t i = 0; i < labels.size(); ++i) out += "---:|";
  out += "\n";
  for (std::size_t r = 0; r < labels.size(); ++r) {
    absl::StrAppend(&out, "| ", markdown_cell(labels[r]), " |");
    for (std::int64_t v : m.table[r]) absl::StrAppend(&out, " ", v, " |");
    out += "\n";
  }
  absl::StrAppend(&out, "\n| Agreement | Estimate | ", level_percent(m.options.level),
                  " interval | Pairs | Interval from |\n|:---|---:|---:|---:|:---|\n");
  for (const AgreementEstimate& a : m.agreement) {
    const bool share = a.interval == "Wilson";
    absl::StrAppend(&out, "| ", a.statistic, " | ",
                    share ? percent(a.estimate) : number(a.estimate), " | ",
                    share ? percent_interval(a.low, a.high)
                          : absl::StrCat(number(a.low), " to ", number(a.high)),
                    " | ", a.n, " | ", markdown_cell(a.interval), " |\n");
  }
  const DirectionRow& o = m.overall;
  absl::StrAppend(
      &out, "\nModerators raised ", o.raised, " grades and lowered ", o.lowered, " (net ",
      o.net() > 0 ? "+" : "", o.net(), "; sign test p ", format_p(o.pvalue),
      "): ", o.pvalue < m.options.alpha ? o.direction() : "no direction beyond what chance allows",
      ".\n");
  auto flagged = [](const std::vector<DirectionRow>& rows) {
    std::vector<std::string> names;
    for (const DirectionRow& r : rows) {
      if (r.flagged)
        names.push_back(absl::StrCat(markdown_cell(r.label), " (", r.direction(), ")"));
    }
    return names;
  };
  if (!m.by_auditor.empty()) {
    const auto names = flagged(m.by_auditor);
    absl::StrAppend(&out, "\n", direction_table(m.by_auditor, "Auditor"), "\n",
                    names.empty() ? "No auditor's grades move one way more often than chance allows"
                                  : absl::StrCat("Flagged (one direction more often than chance "
                                                 "allows): ",
                                                 absl::StrJoin(names, "; ")),
                    " (sign test, Holm-adjusted across auditors, ", m.options.alpha * 100,
                    "% family-wise).\n");
  }
  if (!m.by_team.empty()) {
    absl::StrAppend(&out, "\n", direction_table(m.by_team, "Team"));
  }
  return out;
}

std::string moderation_json(const ModerationSummary& m) {
  std::vector<std::string> coverage, table, agreement, auditors, teams;
  for (const CoverageRow& c : m.coverage) {
    coverage.push_back(absl::StrCat("{\"programme\": ", json_string(c.programme), ", \"audits\": ",
                                    c.audits, ", \"moderated\": ", c.moderated, "}"));
  }
  for (const auto& row : m.table) table.push_back(absl::StrCat("[", absl::StrJoin(row, ", "), "]"));
  for (const AgreementEstimate& a : m.agreement) {
    agreement.push_back(absl::StrCat(
        "{\"statistic\": ", json_string(a.statistic), ", \"estimate\": ", json_number(a.estimate),
        ", \"low\": ", json_number(a.low), ", \"high\": ", json_number(a.high), ", \"n\": ", a.n,
        ", \"interval\": ", json_string(a.interval), ", \"note\": ", json_string(a.note), "}"));
  }
  for (const DirectionRow& r : m.by_auditor) auditors.push_back(json_direction(r));
  for (const DirectionRow& r : m.by_team) teams.push_back(json_direction(r));
  std::vector<std::string> labels;
  for (const std::string& l : m.scale.labels()) labels.push_back(json_string(l));
  labels.push_back(json_string(GradeScale::not_applicable_label()));
  return absl::StrCat("{\"audits\": ", m.audits, ", \"moderated\": ", m.moderated,
                      ", \"pairs\": ", m.pairs, ", \"level\": ", json_number(m.options.level),
                      ", \"coverage\": [", absl::StrJoin(coverage, ", "), "], \"levels\": [",
                      absl::StrJoin(labels, ", "), "], \"table\": [", absl::StrJoin(table, ", "),
                      "], \"agreement\": [", absl::StrJoin(agreement, ", "),
                      "], \"overall\": ", json_direction(m.overall), ", \"by_auditor\": [",
                      absl::StrJoin(auditors, ", "), "], \"by_team\": [",
                      absl::StrJoin(teams, ", "), "]}");
}

std::string key_messages_markdown(const std::vector<KeyMessage>& messages, double level) {
  std::string out = absl::StrCat(
      "## Key messages: areas of practice\n\nWeakest first: the share of graded audits below the "
      "good threshold of each domain's scale, with its ",
      level_percent(level), " Wilson interval.\n\n| Domain | Below good | Share | ",
      level_percent(level), " interval | Graded | N/A |\n|:---|---:|---:|---:|---:|---:|\n");
  for (const KeyMessage& k : messages) {
    absl::StrAppend(&out, "| ", markdown_cell(k.domain), " | ", k.count, " (",
                    markdown_cell(k.below), ") | ", percent(k.share), " | ",
                    percent_interval(k.low, k.high), " | ", k.n, " | ", k.not_applicable, " |\n");
  }
  return out;
}

std::string key_messages_json(const std::vector<KeyMessage>& messages) {
  std::vector<std::string> rows;
  for (const KeyMessage& k : messages) {
    rows.push_back(absl::StrCat(
        "{\"domain\": ", json_string(k.domain), ", \"below\": ", json_string(k.below),
        ", \"count\": ", k.count, ", \"n\": ", k.n, ", \"not_applicable\": ", k.not_applicable,
        ", \"share\": ", json_number(k.share), ", \"low\": ", json_number(k.low),
        ", \"high\": ", json_number(k.high), "}"));
  }
  return absl::StrCat("[", absl::StrJoin(rows, ", "), "]");
}

std::string comparison_markdown(const Comparison& c, std::string_view title) {
  const std::string lvl = level_percent(c.options.level);
  std::string out = absl::StrCat("## ", markdown_cell(title), "\n\n");
  absl::StrAppend(&out, "Share Good or better (at each scale's good threshold) in ",
                  markdown_cell(c.label_a), " (A) and ", markdown_cell(c.label_b),
                  " (B); the change B - A with Newcombe's ", lvl,
                  " interval; p from the two-proportion z-test, Holm-adjusted across the domains; "
                  "P(B>A) from the Mann-Whitney test on all grade levels. The verdict follows the "
                  "test, not the size of the change.\n\n");
  absl::StrAppend(
      &out, "| Area | A | B | Change | ", lvl,
      " interval | p | P(B>A) | Verdict |\n|:---|---:|---:|---:|---:|---:|---:|:---|\n");
  for (const ComparisonRow& r : c.rows) {
    auto share = [](std::int64_t good, std::int64_t n) {
      return n == 0 ? std::string("- (n 0)")
                    : absl::StrCat(rounded_percent(good, n), "% (", good, "/", n, ")");
    };
    absl::StrAppend(
        &out, "| ", markdown_cell(r.item), " | ", share(r.good_a, r.n_a), " | ",
        share(r.good_b, r.n_b), " | ",
        std::isnan(r.difference)
            ? "-"
            : absl::StrCat(r.difference > 0 ? "+" : "", std::lround(r.difference * 100), " pts"),
        " | ",
        std::isnan(r.low)
            ? "-"
            : absl::StrCat(std::lround(r.low * 100), " to ", std::lround(r.high * 100), " pts"),
        " | ", format_p(r.adjusted), " | ", number(r.superiority), " | ", r.verdict, " |\n");
  }
  return out;
}

std::string comparison_json(const Comparison& c) {
  std::vector<std::string> rows;
  for (const ComparisonRow& r : c.rows) {
    rows.push_back(absl::StrCat(
        "{\"item\": ", json_string(r.item), ", \"good\": ", json_string(r.good),
        ", \"n_a\": ", r.n_a, ", \"good_a\": ", r.good_a, ", \"n_b\": ", r.n_b,
        ", \"good_b\": ", r.good_b, ", \"share_a\": ", json_number(r.share_a),
        ", \"share_b\": ", json_number(r.share_b), ", \"difference\": ", json_number(r.difference),
        ", \"low\": ", json_number(r.low), ", \"high\": ", json_number(r.high),
        ", \"pvalue\": ", json_number(r.pvalue), ", \"adjusted\": ", json_number(r.adjusted),
        ", \"superiority\": ", json_number(r.superiority), ", \"mw_pvalue\": ",
        json_number(r.mw_pvalue), ", \"verdict\": ", json_string(r.verdict), "}"));
  }
  return absl::StrCat("{\"a\": ", json_string(c.label_a), ", \"b\": ", json_string(c.label_b),
                      ", \"level\": ", json_number(c.options.level), ", \"rows\": [",
                      absl::StrJoin(rows, ", "), "]}");
}

std::string trend_markdown(const Trend& t, std::string_view title) {
  std::string out = absl::StrCat(
      "## ", markdown_cell(title),
      "\n\n| Period | Graded | Good or better | Share | Interval |\n|:---|---:|---:|---:|---:|\n");
  for (const TrendRow& r : t.rows) {
    absl::StrAppend(&out, "| ", markdown_cell(r.period), " | ", r.n, " | ", r.good, " | ",
                    percent(r.share), " | ", percent_interval(r.low, r.high), " |\n");
  }
  absl::StrAppend(&out, "\nCochran-Armitage test for a linear trend: z ", number(t.statistic),
                  ", p ", format_p(t.pvalue), ": ", t.verdict,
                  t.note.empty() ? "" : absl::StrCat(" (", t.note, ")"), ".\n");
  return out;
}

std::string trend_json(const Trend& t) {
  std::vector<std::string> rows;
  for (const TrendRow& r : t.rows) {
    rows.push_back(absl::StrCat("{\"period\": ", json_string(r.period), ", \"n\": ", r.n,
                                ", \"good\": ", r.good, ", \"share\": ", json_number(r.share),
                                ", \"low\": ", json_number(r.low),
                                ", \"high\": ", json_number(r.high), "}"));
  }
  return absl::StrCat(
      "{\"kind\": ", json_string(t.kind), ", \"grades\": ", json_string(t.grades), ", \"rows\": [",
      absl::StrJoin(rows, ", "), "], \"statistic\": ", json_number(t.statistic),
      ", \"pvalue\": ", json_number(t.pvalue), ", \"slope\": ", json_number(t.slope),
      ", \"verdict\": ", json_string(t.verdict), ", \"note\": ", json_string(t.note), "}");
}

}  // namespace qaframe::detail
