// Bindings of moderation, practice domains, periods and comparisons. Conversion only: every rule
// and statistic lives in include/qaframe and src/.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/analysis/comparison.hpp"
#include "qaframe/analysis/domains.hpp"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/analysis/team_funnel.hpp"
#include "qaframe/io/text_encoding.hpp"
#include "qaframe/model/period.hpp"
#include "qaframe/readers/moderation_csv.hpp"
#include "registry.hpp"
#include "status.hpp"

namespace py = pybind11;

namespace qaframe::bindings {

namespace {

// A day number as a datetime.date (1970-01-01 is proleptic Gregorian ordinal 719163).
py::object as_date(DayNumber day) {
  return py::module_::import("datetime").attr("date").attr("fromordinal")(day + 719163);
}

}  // namespace

void register_quality(py::module_& m) {
  py::class_<Period>(m, "Period", "A named stretch of days, first and last included.")
      .def(py::init([](std::string name, DayNumber first, DayNumber last) {
             return Period{std::move(name), first, last};
           }),
           py::arg("name"), py::arg("first"), py::arg("last"))
      .def_readonly("name", &Period::name, "The period's name: '2017-18', 'Oct 2017', ...")
      .def_property_readonly(
          "first", [](const Period& p) { return as_date(p.first); }, "First day, a datetime.date.")
      .def_property_readonly(
          "last", [](const Period& p) { return as_date(p.last); }, "Last day, a datetime.date.")
      .def_readonly("first_day", &Period::first, "First day as days since 1970-01-01.")
      .def_readonly("last_day", &Period::last, "Last day as days since 1970-01-01.")
      .def("__str__", [](const Period& p) { return p.name; })
      .def("__repr__",
           [](const Period& p) { return absl::StrCat("<Period ", describe_period(p), ">"); })
      .def("__eq__", [](const Period& a, const Period& b) { return a == b; });
  m.def(
      "parse_period", [](const std::string& label) { return value_or_throw(parse_period(label)); },
      py::arg("label"), "The period a label names: 2017-18, 2017-18 Q3, Oct 2017 or 2017-10.");
  m.def(
      "parse_named_period",
      [](const std::string& spec) { return value_or_throw(parse_named_period(spec)); },
      py::arg("spec"), "A named period from NAME=FROM..TO.");
  m.def("practice_review_weeks", &practice_review_weeks, py::arg("audits"));
  m.def(
      "with_periods",
      [](const AuditSet& audits, const std::vector<Period>& periods, std::string name) {
        return value_or_throw(with_periods(audits, periods, std::move(name)));
      },
      py::arg("audits"), py::arg("periods"), py::arg("name") = "period");

  py::class_<AgreementEstimate>(m, "AgreementEstimate")
      .def_readonly("statistic", &AgreementEstimate::statistic)
      .def_readonly("estimate", &AgreementEstimate::estimate)
      .def_readonly("low", &AgreementEstimate::low)
      .def_readonly("high", &AgreementEstimate::high)
      .def_readonly("n", &AgreementEstimate::n)
      .def_readonly("interval", &AgreementEstimate::interval)
      .def_readonly("note", &AgreementEstimate::note)
      .def_readonly("range_low", &AgreementEstimate::range_low)
      .def_readonly("range_high", &AgreementEstimate::range_high)
      .def_readonly("se", &AgreementEstimate::se)
      .def_readonly("truncated", &AgreementEstimate::truncated)
      .def_readonly("withheld", &AgreementEstimate::withheld);
  py::class_<DirectionRow>(m, "DirectionRow")
      .def_readonly("label", &DirectionRow::label)
      .def_readonly("pairs", &DirectionRow::pairs)
      .def_readonly("agreed", &DirectionRow::agreed)
      .def_readonly("raised", &DirectionRow::raised)
      .def_readonly("lowered", &DirectionRow::lowered)
      .def_property_readonly("net", &DirectionRow::net)
      .def_readonly("pvalue", &DirectionRow::pvalue)
      .def_readonly("adjusted", &DirectionRow::adjusted)
      .def_readonly("flagged", &DirectionRow::flagged)
      .def_readonly("alpha", &DirectionRow::alpha)
      .def_property_readonly("direction", &DirectionRow::direction);
  py::class_<CoverageRow>(m, "CoverageRow")
      .def_readonly("programme", &CoverageRow::programme)
      .def_readonly("audits", &CoverageRow::audits)
      .def_readonly("moderated", &CoverageRow::moderated);
  py::class_<ModerationSummary>(m, "ModerationSummary")
      .def_readonly("scale", &ModerationSummary::scale)
      .def_readonly("audits", &ModerationSummary::audits)
      .def_readonly("moderated", &ModerationSummary::moderated)
      .def_readonly("pairs", &ModerationSummary::pairs)
      .def_readonly("coverage", &ModerationSummary::coverage)
      .def_readonly("table", &ModerationSummary::table)
      .def_readonly("agreement", &ModerationSummary::agreement)
      .def_readonly("overall", &ModerationSummary::overall)
      .def_readonly("by_auditor", &ModerationSummary::by_auditor)
      .def_readonly("by_team", &ModerationSummary::by_team)
      .def_property_readonly("level", [](const ModerationSummary& s) { return s.options.level; })
      .def_property_readonly("alpha", [](const ModerationSummary& s) { return s.options.alpha; })
      .def_property_readonly("seed", [](const ModerationSummary& s) { return s.options.seed; })
      .def_property_readonly("min_pairs",
                             [](const ModerationSummary& s) { return s.options.min_pairs; })
      .def_readonly("notes", &ModerationSummary::notes);
  m.def(
      "moderation_summary",
      [](const AuditSet& audits, double level, double alpha, std::int64_t n_resamples,
         std::uint64_t seed, std::int64_t min_pairs) {
        py::gil_scoped_release release;
        return value_or_throw(
            moderation_summary(audits, {level, alpha, n_resamples, seed, min_pairs}));
      },
      py::arg("audits"), py::arg("level") = 0.95, py::arg("alpha") = 0.05,
      py::arg("n_resamples") = 2000, py::arg("seed") = 20180331, py::arg("min_pairs") = 10);
  m.def(
      "read_moderation",
      [](const AuditSet& audits, const std::string& path, std::size_t max_problems,
         const std::string& encoding, const std::string& delimiter) {
        const CsvOptions csv = dialect({}, encoding, delimiter);
        Diagnostics diag(max_problems);
        return value_or_throw(read_moderation_csv(audits, path, &diag, csv), &diag);
      },
      py::arg("audits"), py::arg("path"), py::arg("max_problems") = Diagnostics::kDefaultLimit,
      py::arg("encoding") = "auto", py::arg("delimiter") = "auto");
  m.def(
      "join_moderation",
      [](const AuditSet& audits, const std::string& text, const std::string& source,
         std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return value_or_throw(join_moderation_csv(audits, text, source, &diag), &diag);
      },
      py::arg("audits"), py::arg("text"), py::arg("source"),
      py::arg("max_problems") = Diagnostics::kDefaultLimit);

  py::class_<DomainProfile>(m, "DomainProfile")
      .def_readonly("domain", &DomainProfile::domain)
      .def_readonly("scale", &DomainProfile::scale)
      .def_readonly("counts", &DomainProfile::counts);
  m.def("domain_profiles", &domain_profiles, py::arg("audits"));
  py::class_<KeyMessage>(m, "KeyMessage")
      .def_readonly("domain", &KeyMessage::domain)
      .def_readonly("below", &KeyMessage::below)
      .def_readonly("n", &KeyMessage::n)
      .def_readonly("count", &KeyMessage::count)
      .def_readonly("not_applicable", &KeyMessage::not_applicable)
      .def_readonly("share", &KeyMessage::share)
      .def_readonly("low", &KeyMessage::low)
      .def_readonly("high", &KeyMessage::high);
  m.def("key_messages", &key_messages, py::arg("audits"), py::arg("level") = 0.95);

  py::class_<ComparisonRow>(m, "ComparisonRow")
      .def_readonly("item", &ComparisonRow::item)
      .def_readonly("good", &ComparisonRow::good)
      .def_readonly("n_a", &ComparisonRow::n_a)
      .def_readonly("good_a", &ComparisonRow::good_a)
      .def_readonly("n_b", &ComparisonRow::n_b)
      .def_readonly("good_b", &ComparisonRow::good_b)
      .def_readonly("share_a", &ComparisonRow::share_a)
      .def_readonly("share_b", &ComparisonRow::share_b)
      .def_readonly("difference", &ComparisonRow::difference)
      .def_readonly("low", &ComparisonRow::low)
      .def_readonly("high", &ComparisonRow::high)
      .def_readonly("pvalue", &ComparisonRow::pvalue)
      .def_readonly("adjusted", &ComparisonRow::adjusted)
      .def_readonly("superiority", &ComparisonRow::superiority)
      .def_readonly("mw_pvalue", &ComparisonRow::mw_pvalue)
      .def_readonly("verdict", &ComparisonRow::verdict)
      .def_readonly("test", &ComparisonRow::test)
      .def_readonly("expected_min", &ComparisonRow::expected_min)
      .def_readonly("z_pvalue", &ComparisonRow::z_pvalue)
      .def_readonly("exact_pvalue", &ComparisonRow::exact_pvalue)
      .def_readonly("mw_method", &ComparisonRow::mw_method);
  py::class_<Comparison>(m, "Comparison")
      .def_readonly("label_a", &Comparison::label_a)
      .def_readonly("label_b", &Comparison::label_b)
      .def_readonly("rows", &Comparison::rows)
      .def_readonly("test_rule", &Comparison::test_rule)
      .def_readonly("warning", &Comparison::warning)
      .def_property_readonly(
          "exact",
          [](const Comparison& c) { return std::string(exact_rule_name(c.options.exact)); })
      .def_property_readonly("mid_p", [](const Comparison& c) { return c.options.mid_p; })
      .def_property_readonly("level", [](const Comparison& c) { return c.options.level; });
  auto options = [](double level, std::int64_t min_n, std::string grades, const std::string& exact,
                    bool mid_p) {
    CompareOptions o;
    o.level = level;
    o.min_n = min_n;
    o.grades = std::move(grades);
    o.exact = value_or_throw(parse_exact_rule(exact));
    o.mid_p = mid_p;
    return o;
  };
  m.def(
      "compare_groups",
      [options](const AuditSet& audits, const std::string& by, const std::string& a,
                const std::string& b, double level, std::int64_t min_n, std::string grades,
                const std::string& exact, bool mid_p, bool allow_identifiers) {
        CompareOptions o = options(level, min_n, grades, exact, mid_p);
        o.allow_identifiers = allow_identifiers;
        return value_or_throw(compare_groups(audits, by, a, b, o));
      },
      py::arg("audits"), py::arg("by"), py::arg("a"), py::arg("b"), py::arg("level") = 0.95,
      py::arg("min_n") = 5, py::arg("grades") = "final_grade", py::arg("exact") = "auto",
      py::arg("mid_p") = false, py::arg("allow_identifiers") = false);
  m.def(
      "compare_periods",
      [options](const AuditSet& audits, const Period& a, const Period& b, double level,
                std::int64_t min_n, std::string grades, const std::string& exact, bool mid_p) {
        return value_or_throw(
            compare_periods(audits, a, b, options(level, min_n, grades, exact, mid_p)));
      },
      py::arg("audits"), py::arg("a"), py::arg("b"), py::arg("level") = 0.95, py::arg("min_n") = 5,
      py::arg("grades") = "final_grade", py::arg("exact") = "auto", py::arg("mid_p") = false);
  py::class_<TrendRow>(m, "TrendRow")
      .def_readonly("period", &TrendRow::period)
      .def_readonly("n", &TrendRow::n)
      .def_readonly("good", &TrendRow::good)
      .def_readonly("share", &TrendRow::share)
      .def_readonly("low", &TrendRow::low)
      .def_readonly("high", &TrendRow::high)
      .def_readonly("qualifies", &TrendRow::qualifies)
      .def_readonly("note", &TrendRow::note);
  py::class_<Trend>(m, "Trend")
      .def_readonly("kind", &Trend::kind)
      .def_readonly("grades", &Trend::grades)
      .def_readonly("rows", &Trend::rows)
      .def_readonly("statistic", &Trend::statistic)
      .def_readonly("pvalue", &Trend::pvalue)
      .def_readonly("slope", &Trend::slope)
      .def_readonly("verdict", &Trend::verdict)
      .def_readonly("note", &Trend::note)
      .def_readonly("min_n", &Trend::min_n)
      .def_readonly("periods_used", &Trend::periods_used)
      .def_readonly("periods_total", &Trend::periods_total)
      .def_readonly("n_used", &Trend::n_used);
  m.def(
      "trend",
      [options](const AuditSet& audits, const std::string& kind, double level, std::int64_t min_n,
                std::string grades) {
        const PeriodKind k = value_or_throw(parse_period_kind(kind));
        return value_or_throw(trend(audits, k, options(level, min_n, grades, "auto", false)));
      },
      py::arg("audits"), py::arg("kind") = "month", py::arg("level") = 0.95, py::arg("min_n") = 5,
      py::arg("grades") = "final_grade");

  py::class_<FunnelUnit>(m, "FunnelUnit")
      .def_readonly("unit", &FunnelUnit::unit)
      .def_readonly("good", &FunnelUnit::good)
      .def_readonly("n", &FunnelUnit::n)
      .def_readonly("share", &FunnelUnit::share)
      .def_property_readonly(
          "inner", [](const FunnelUnit& u) { return std::string(stats::to_string(u.inner)); })
      .def_property_readonly(
          "outer", [](const FunnelUnit& u) { return std::string(stats::to_string(u.outer)); });
  py::class_<TeamFunnel>(m, "TeamFunnel")
      .def_readonly("by", &TeamFunnel::by)
      .def_readonly("good", &TeamFunnel::good)
      .def_readonly("benchmark", &TeamFunnel::benchmark)
      .def_readonly("good_total", &TeamFunnel::good_total)
      .def_readonly("n_total", &TeamFunnel::n_total)
      .def_readonly("levels", &TeamFunnel::levels)
      .def_readonly("units", &TeamFunnel::units)
      .def_readonly("grid", &TeamFunnel::grid)
      .def_readonly("low_inner", &TeamFunnel::low_inner)
      .def_readonly("high_inner", &TeamFunnel::high_inner)
      .def_readonly("low_outer", &TeamFunnel::low_outer)
      .def_readonly("high_outer", &TeamFunnel::high_outer)
      .def_readonly("dispersion", &TeamFunnel::dispersion)
      .def_readonly("limits", &TeamFunnel::limits);
  m.def(
      "team_funnel",
      [](const AuditSet& audits, const std::string& by, const std::string& grades,
         const std::string& overdispersion, double winsor, std::vector<double> levels) {
        TeamFunnelOptions o;
        o.overdispersion = value_or_throw(stats::parse_overdispersion(overdispersion));
        o.winsor = winsor;
        o.levels = std::move(levels);
        return value_or_throw(team_funnel(audits, by, grades, o));
      },
      py::arg("audits"), py::arg("by") = "team", py::arg("grades") = "final_grade",
      py::arg("overdispersion") = "none", py::arg("winsor") = 0.1,
      py::arg("levels") = std::vector<double>{0.95, 0.998});
}

}  // namespace qaframe::bindings
