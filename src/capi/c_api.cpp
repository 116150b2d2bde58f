// The C interface (include/qaframe/qaframe.h) over the C++ library: conversion only. Every
// function catches every exception (std::bad_alloc included) and turns it into a value: a
// problem, or NULL / non-zero with the reason in the handle's last error.
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <functional>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "capi/options_json.hpp"
#include "cli/triangulation_cli.hpp"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/doc/document.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/model/grade_scale.hpp"
#include "qaframe/model/period.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/qaframe.h"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/moderation_csv.hpp"
#include "qaframe/report/report.hpp"
#include "qaframe/report/table_xlsx.hpp"
#include "qaframe/report/triangulation_report.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "qaframe/tally/grade_table.hpp"
#include "qaframe/version.hpp"

struct qf_audits {
  std::optional<qaframe::AuditSet> audits;     // set when loaded
  std::vector<qaframe::DataProblem> problems;  // set when not
  std::size_t total = 0;                       // problems found, kept or not
  std::string source;                          // the path or buffer name given
  std::string name;                            // the file's name in reports (no folders)
  std::string last_error;
  bool failed = false;
};

namespace qaframe::capi {
namespace {

using doc::Data;

// A copy of `s` that the caller frees with qf_string_free (malloc'd, so any C code can too).
char* dup(std::string_view s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  if (!s.empty()) std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  return out;
}

void set_error(qf_audits* a, std::string message) {
  if (a == nullptr) return;
  try {
    a->last_error = std::move(message);
  } catch (...) {
    a->last_error.clear();  // no memory even for the message: an empty one still says "failed"
  }
  a->failed = true;
}

// Runs `f` on a loaded handle: clears the last error, turns a status or an exception into
// `fallback` with the reason recorded.
template <typename R, typename F>
R guarded(qf_audits* a, R fallback, F&& f) {
  if (a == nullptr) return fallback;
  a->failed = false;
  a->last_error.clear();
  try {
    if (!a->audits) {
      set_error(a, "the audits did not load: see qf_problems_count and qf_problem");
      return fallback;
    }
    absl::StatusOr<R> r = f(*a->audits);
    if (!r.ok()) {
      set_error(a, std::string(r.status().message()));
      return fallback;
    }
    return *std::move(r);
  } catch (const std::bad_alloc&) {
    set_error(a, "out of memory");
  } catch (const std::exception& e) {
    set_error(a, absl::StrCat("internal error: ", e.what()));
  } catch (...) {
    set_error(a, "internal error");
  }
  return fallback;
}

absl::StatusOr<GradeScale> scale_from(const Json& v, std::string_view key) {
  if (v.kind == Json::Kind::kString) {
    if (v.string == "ofsted") return GradeScale::ofsted();
    if (v.string == "met_not_met") return GradeScale::met_not_met();
    return absl::InvalidArgumentError(absl::StrCat("options: '", sv(key), "': unknown scale '",
                                                   shorten_for_message(v.string),
                                                   "' (ofsted, met_not_met, or an array of "
                                                   "labels worst to best)"));
  }
  if (v.kind == Json::Kind::kArray) {
    std::vector<std::string> labels;
    for (const Json& item : v.items) {
      if (item.kind != Json::Kind::kString)
        return absl::InvalidArgumentError(
            absl::StrCat("options: '", sv(key), "' must be an array of strings"));
      labels.push_back(item.string);
    }
    auto s = GradeScale::custom("custom", std::move(labels));
    if (!s.ok())
      return absl::InvalidArgumentError(
          absl::StrCat("options: '", sv(key), "': ", s.status().message()));
    return s;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("options: '", sv(key), "' must be a scale name or an array of labels"));
}

struct Reading {
  ReadOptions read;
  std::size_t max_problems = Diagnostics::kDefaultLimit;
  std::optional<std::string> moderation;
};

absl::StatusOr<Reading> reading_from(const char* text) {
  auto o = Options::parse(text, {"scale", "domain_scales", "max_problems", "moderation"});
  if (!o.ok()) return o.status();
  Reading r;
  if (const Json* s = o->raw("scale"); s != nullptr && s->kind != Json::Kind::kNull) {
    auto scale = scale_from(*s, "scale");
    if (!scale.ok()) return scale.status();
    r.read.scale = *std::move(scale);
  }
  if (const Json* d = o->raw("domain_scales"); d != nullptr && d->kind != Json::Kind::kNull) {
    if (d->kind != Json::Kind::kObject)
      return absl::InvalidArgumentError("options: 'domain_scales' must be an object");
    for (const auto& [name, value] : d->members) {
      auto scale = scale_from(value, absl::StrCat("domain_scales.", name));
      if (!scale.ok()) return scale.status();
      r.read.domain_scales.emplace_back(name, *std::move(scale));
    }
  }
  auto limit = o->integer("max_problems", 1, 1000000);
  if (!limit.ok()) return limit.status();
  if (*limit) r.max_problems = static_cast<std::size_t>(**limit);
  auto moderation = o->string("moderation");
  if (!moderation.ok()) return moderation.status();
  r.moderation = *moderation;
  return r;
}

std::string base_name(const char* path) {
  try {
    return std::filesystem::path(path).filename().string();
  } catch (...) {
    return "audits";
  }
}

// The handle of a read: the set, or its problems (options problems included).
qf_audits* load(
    std::string source, const char* options,
    const std::function<absl::StatusOr<AuditSet>(const ReadOptions&, Diagnostics&)>& read) {
  qf_audits* a = nullptr;
  try {
    a = new qf_audits;
    a->source = std::move(source);
    a->name = base_name(a->source.c_str());
    auto reading = reading_from(options);
    if (!reading.ok()) {
      // "options: ..." as a problem of the source "options": the reason without the prefix.
      std::string reason(reading.status().message());
      if (reason.rfind("options: ", 0) == 0) reason.erase(0, 9);
      a->problems.push_back({"options", 0, -1, "", "", std::move(reason)});
      a->total = 1;
      return a;
    }
    Diagnostics diag(reading->max_problems);
    absl::StatusOr<AuditSet> audits = read(reading->read, diag);
    if (audits.ok() && reading->moderation) {
      audits = read_moderation_csv(*audits, *reading->moderation, &diag);
    }
    if (audits.ok()) {
      a->audits.emplace(*std::move(audits));
      return a;
    }
    a->problems = diag.problems();
    a->total = diag.total();
    if (a->problems.empty()) {
      // A failure that is not a data problem (a file that cannot be opened): one problem.
      a->problems.push_back({a->source, 0, -1, "", "", std::string(audits.status().message())});
      a->total = 1;
    }
    return a;
  } catch (...) {
    if (a == nullptr) return nullptr;
    try {
      a->audits.reset();
      a->problems.clear();
      a->problems.push_back({a->source, 0, -1, "", "", "out of memory or internal error"});
      a->total = 1;
    } catch (...) {
      delete a;
      return nullptr;
    }
    return a;
  }
}

// Options shared by the report and the tables.
struct Tabulation {
  std::vector<std::string> by;
  std::string grades = "final";
  std::optional<std::string> threshold;
};

absl::StatusOr<std::optional<std::pair<Period, Period>>> compare_from(Options& o) {
  auto two = o.strings("compare");
  if (!two.ok()) return two.status();
  if (!*two) return std::optional<std::pair<Period, Period>>();
  if ((*two)->size() != 2)
    return absl::InvalidArgumentError("options: 'compare' must be an array of two periods");
  std::vector<Period> periods;
  for (const std::string& label : **two) {
    auto p = label.find('=') != std::string::npos ? parse_named_period(label) : parse_period(label);
    if (!p.ok())
      return absl::InvalidArgumentError(absl::StrCat("options: 'compare': ", p.status().message()));
    periods.push_back(*std::move(p));
  }
  return std::optional<std::pair<Period, Period>>(std::make_pair(periods[0], periods[1]));
}

Data problem_data(const DataProblem& p) {
  return Data::object()
      .set("source", Data::string(p.source))
      .set("line", Data::integer(p.line))
      .set("row", Data::integer(p.row))
      .set("column", Data::string(p.column))
      .set("value", Data::string(p.value))
      .set("reason", Data::string(p.reason));
}

absl::StatusOr<GradeTable> table_of(const AuditSet& audits, const std::vector<std::string>& by,
                                    const std::string& grades) {
  if (by.empty()) return absl::InvalidArgumentError("options: 'by' names no column");
  if (by.size() == 1) return crosstab(audits, by[0], grades);
  return crosstab(audits, by, grades);
}

}  // namespace
}  // namespace qaframe::capi

using namespace qaframe;
using namespace qaframe::capi;

extern "C" {

const char* qf_version(void) { return kVersion; }

qf_audits* qf_audits_read(const char* path, const char* options) {
  if (path == nullptr) {
    return load("(no path)", options, [](const ReadOptions&, Diagnostics&) {
      return absl::StatusOr<AuditSet>(absl::InvalidArgumentError("the path is NULL"));
    });
  }
  const std::string p(path);
  return load(p, options, [&p](const ReadOptions& o, Diagnostics& diag) {
    return read_audits_csv(p, o, &diag);
  });
}

qf_audits* qf_audits_read_buffer(const char* data, size_t size, const char* name,
                                 const char* options) {
  std::string source;
  try {
    source = name != nullptr ? name : "buffer";
  } catch (...) {
    return nullptr;
  }
  if (data == nullptr && size > 0) {
    return load(source, options, [](const ReadOptions&, Diagnostics&) {
      return absl::StatusOr<AuditSet>(absl::InvalidArgumentError("the buffer is NULL"));
    });
  }
  const std::string_view text(data == nullptr ? "" : data, size);
  return load(source, options, [&](const ReadOptions& o, Diagnostics& diag) {
    return parse_audits_csv(text, source, o, &diag);
  });
}

size_t qf_problems_count(const qf_audits* a) { return a == nullptr ? 0 : a->problems.size(); }

size_t qf_problems_total(const qf_audits* a) { return a == nullptr ? 0 : a->total; }

char* qf_problem(const qf_audits* a, size_t i) {
  if (a == nullptr || i >= a->problems.size()) return nullptr;
  try {
    return dup(a->problems[i].to_string());
  } catch (...) {
    return nullptr;
  }
}

char* qf_problems_json(const qf_audits* a) {
  if (a == nullptr) return nullptr;
  try {
    doc::Data out = doc::Data::array();
    for (const DataProblem& p : a->problems) out.push(problem_data(p));
    return dup(out.to_json() + "\n");
  } catch (...) {
    return nullptr;
  }
}

size_t qf_audits_size(const qf_audits* a) {
  return a == nullptr || !a->audits ? 0 : a->audits->size();
}

char* qf_report(qf_audits* a, const char* format, const char* options) {
  return guarded<char*>(a, nullptr, [&](const AuditSet& audits) -> absl::StatusOr<char*> {
    auto f = parse_report_format(format == nullptr ? "markdown" : format);
    if (!f.ok()) return f.status();
    auto o = Options::parse(options, {"by", "grades", "threshold", "source", "compare"});
    if (!o.ok()) return o.status();
    ReportOptions r;
    r.format = *f;
    r.source = a->name;
    auto by = o->strings("by", true);
    if (!by.ok()) return by.status();
    if (*by) r.by = **by;
    auto grades = o->string("grades");
    if (!grades.ok()) return grades.status();
    if (*grades) r.grades = **grades;
    auto threshold = o->string("threshold");
    if (!threshold.ok()) return threshold.status();
    r.threshold = *threshold;
    auto source = o->string("source");
    if (!source.ok()) return source.status();
    if (*source) r.source = **source;
    auto compare = compare_from(*o);
    if (!compare.ok()) return compare.status();
    r.compare = *compare;
    auto text = render_report(audits, r);
    if (!text.ok()) return text.status();
    return dup(*text);
  });
}

char* qf_table(qf_audits* a, const char* format, const char* options) {
  return guarded<char*>(a, nullptr, [&](const AuditSet& audits) -> absl::StatusOr<char*> {
    const std::string fmt = format == nullptr ? "json" : format;
    if (fmt != "json" && fmt != "markdown" && fmt != "csv")
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown table format '", shorten_for_message(fmt), "' (json, markdown or csv)"));
    auto o = Options::parse(options, {"by", "grades"});
    if (!o.ok()) return o.status();
    auto by = o->strings("by", true);
    if (!by.ok()) return by.status();
    auto grades = o->string("grades");
    if (!grades.ok()) return grades.status();
    auto table =
        table_of(audits, by->value_or(std::vector<std::string>{"team"}), grades->value_or("final"));
    if (!table.ok()) return table.status();
    if (fmt == "csv") return dup(render_csv(*table));
    if (fmt == "markdown") return dup(render_markdown(*table));
    return dup(render_json(*table) + "\n");
  });
}

char* qf_table_json(qf_audits* a, const char* by) {
  return guarded<char*>(a, nullptr, [&](const AuditSet& audits) -> absl::StatusOr<char*> {
    if (by == nullptr) return absl::InvalidArgumentError("'by' is NULL: name a column");
    std::vector<std::string> columns;
    for (absl::string_view part : absl::StrSplit(by, ','))
      columns.emplace_back(part.data(), part.size());
    auto table = table_of(audits, columns, "final");
    if (!table.ok()) return table.status();
    return dup(render_json(*table) + "\n");
  });
}

int qf_tables_xlsx(qf_audits* a, const char* path, const char* options) {
  return guarded<int>(a, 1, [&](const AuditSet& audits) -> absl::StatusOr<int> {
    if (path == nullptr) return absl::InvalidArgumentError("the path is NULL");
    auto o = Options::parse(options, {"by", "grades"});
    if (!o.ok()) return o.status();
    auto by = o->strings("by", false);
    if (!by.ok()) return by.status();
    auto grades = o->string("grades");
    if (!grades.ok()) return grades.status();
    std::vector<GradeTable> tables;
    const bool defaults = !*by;
    for (const std::string& column :
         by->value_or(std::vector<std::string>{"programme", "team", "audit_type"})) {
      if (defaults && audits.find_column(column) == nullptr) continue;
      std::vector<std::string> columns;
      for (absl::string_view part : absl::StrSplit(column, ','))
        columns.emplace_back(part.data(), part.size());
      auto table = table_of(audits, columns, grades->value_or("final"));
      if (!table.ok()) return table.status();
      tables.push_back(*std::move(table));
    }
    XlsxNotes notes;
    notes.source = a->name;
    notes.grades = grades->value_or("final");
    if (auto s = write_tables_xlsx(tables, notes, path); !s.ok()) return s;
    return 0;
  });
}

char* qf_profile_json(qf_audits* a, const char* options) {
  return guarded<char*>(a, nullptr, [&](const AuditSet& audits) -> absl::StatusOr<char*> {
    auto o = Options::parse(options, {"grades", "threshold"});
    if (!o.ok()) return o.status();
    auto grades = o->string("grades");
    if (!grades.ok()) return grades.status();
    auto threshold = o->string("threshold");
    if (!threshold.ok()) return threshold.status();
    auto p = profile(audits, grades->value_or("final"));
    if (!p.ok()) return p.status();
    Grade good = p->scale.good_from();
    if (*threshold) {
      auto g = p->scale.level(**threshold);
      if (!g.ok())
        return absl::InvalidArgumentError(
            absl::StrCat("options: 'threshold': ", g.status().message()));
      good = *g;
    }
    auto text = render_profile_json(*p, good);
    if (!text.ok()) return text.status();
    return dup(*text);
  });
}

char* qf_moderation_json(qf_audits* a, const char* options) {
  return guarded<char*>(a, nullptr, [&](const AuditSet& audits) -> absl::StatusOr<char*> {
    auto o = Options::parse(options, {"level", "alpha", "n_resamples", "seed"});
    if (!o.ok()) return o.status();
    ModerationOptions m;
    auto level = o->number("level");
    if (!level.ok()) return level.status();
    if (*level) m.level = **level;
    if (!(m.level > 0 && m.level < 1))
      return absl::InvalidArgumentError("options: 'level' must lie in (0, 1)");
    auto alpha = o->number("alpha");
    if (!alpha.ok()) return alpha.status();
    if (*alpha) m.alpha = **alpha;
    auto resamples = o->integer("n_resamples", 1, 1000000);
    if (!resamples.ok()) return resamples.status();
    if (*resamples) m.n_resamples = **resamples;
    auto seed = o->integer("seed", 0, std::int64_t{1} << 53);
    if (!seed.ok()) return seed.status();
    if (*seed) m.seed = static_cast<std::uint64_t>(**seed);
    auto summary = moderation_summary(audits, m);
    if (!summary.ok()) return summary.status();
    return dup(render_moderation_json(*summary));
  });
}

char* qf_triangulation_json(qf_audits* a, const char* options) {
  return guarded<char*>(a, nullptr, [&](const AuditSet& audits) -> absl::StatusOr<char*> {
    auto o = Options::parse(options, {"evidence_map", "survey", "performance", "indicators", "by",
                                      "as_of", "indicator_period"});
    if (!o.ok()) return o.status();
    detail::TriangulationArgs t;
    std::optional<std::string>* slots[] = {&t.evidence_map, &t.survey, &t.performance,
                                           &t.indicators,   &t.as_of,  &t.period};
    const char* keys[] = {"evidence_map", "survey", "performance",
                          "indicators",   "as_of",  "indicator_period"};
    for (std::size_t i = 0; i < 6; ++i) {
      auto v = o->string(keys[i]);
      if (!v.ok()) return v.status();
      *slots[i] = *v;
    }
    auto by = o->string("by");
    if (!by.ok()) return by.status();
    if (*by) t.by = **by;
    if (!t.evidence_map)
      return absl::InvalidArgumentError("options: 'evidence_map' is needed to triangulate");
    Diagnostics diag;
    auto run = detail::run_triangulation(audits, t, diag);
    if (!run.ok()) return run.status();
    return dup(render_triangulation_json(run->triangulation) + "\n");
  });
}

const char* qf_last_error(const qf_audits* a) {
  if (a == nullptr || !a->failed) return nullptr;
  return a->last_error.c_str();
}

void qf_string_free(char* s) { std::free(s); }

void qf_audits_free(qf_audits* a) { delete a; }

}  // extern "C"
