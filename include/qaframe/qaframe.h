/*
 * qaframe.h: the C interface of qaframe (plain C99), for systems that cannot link the C++20
 * library: dashboards, case-management add-ons, .NET (P/Invoke), Java (JNA, Panama), Python
 * (ctypes) and anything else with a C foreign-function interface.
 *
 * Link with the shared library qaframe_c (CMake: find_package(qaframe) and qaframe::qaframe_c;
 * pkg-config: `pkg-config --cflags --libs qaframe`).
 *
 * Rules that hold for every function:
 *  - Handles are opaque; a handle is used by one thread at a time, and separate handles may be
 *    used from separate threads at once (the library has no global mutable state).
 *  - Every string a function returns as `char*` is owned by the caller and freed with
 *    qf_string_free(); a `const char*` belongs to the library (and lives as the handle does).
 *  - No C++ exception ever crosses this interface, and nothing aborts on bad input: a function
 *    that cannot do what it was asked returns NULL (or a non-zero code) and says why in
 *    qf_last_error() of its handle. Input data that is wrong gives a list of problems instead.
 *  - All text is UTF-8. Outputs never contain a child's identifier.
 *  - Options are JSON objects (text), or NULL for the defaults; an unknown key, a value of the
 *    wrong type, or malformed JSON is an error naming the key. The keys of each function are
 *    listed with it; the README's "For other systems: the C interface" shows examples.
 */
#ifndef QAFRAME_QAFRAME_H
#define QAFRAME_QAFRAME_H

#include <stddef.h>

#if defined(_WIN32)
#if defined(QAFRAME_C_BUILDING)
#define QF_API __declspec(dllexport)
#else
#define QF_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define QF_API __attribute__((visibility("default")))
#else
#define QF_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* A validated set of case audits read from a file or a buffer, or the problems that stopped it
 * from loading. */
typedef struct qf_audits qf_audits;

/* The library's version, "major.minor.patch" (static storage; never freed). */
QF_API const char* qf_version(void);

/* Reads and validates a CSV export of case audits from `path`. Always returns a handle (NULL
 * only when memory runs out): check qf_problems_count() before using it. `options`: NULL or a
 * JSON object with
 *   "scale":         "ofsted" (default), "met_not_met", or an array of labels worst to best;
 *   "domain_scales": {"voice_of_child": "met_not_met", ...} scales of the domain:<name> columns;
 *   "max_problems":  problems listed before the rest are only counted (default 100, >= 1);
 *   "moderation":    path of a moderation file to join on audit_id (audit_id,
 *                    moderated_grade[, moderator]).
 * A file that cannot be read and bad options are problems too (source "options" for the
 * latter), so one check covers every failure. */
QF_API qf_audits* qf_audits_read(const char* path, const char* options);

/* As qf_audits_read, from `size` bytes of CSV text at `data` (copied; need not end with a NUL);
 * `name` names the data in problems (NULL: "buffer"). The "moderation" option still names a
 * file. */
QF_API qf_audits* qf_audits_read_buffer(const char* data, size_t size, const char* name,
                                        const char* options);

/* Problems kept (at most max_problems): 0 when the audits loaded; otherwise nothing is loaded
 * (never a part). 0 for a NULL handle. */
QF_API size_t qf_problems_count(const qf_audits* a);

/* Problems found, including those past max_problems that were only counted. */
QF_API size_t qf_problems_total(const qf_audits* a);

/* Problem `i` (0-based) as one line, "file:line: column 'c': value 'v': reason"; NULL when `i`
 * is out of range. Free with qf_string_free(). */
QF_API char* qf_problem(const qf_audits* a, size_t i);

/* Every kept problem as a JSON array of objects {"source", "line", "row", "column", "value",
 * "reason"} (line 0 when not in a file; row -1 for the header or the whole file), then
 * nothing else. Free with qf_string_free(). */
QF_API char* qf_problems_json(const qf_audits* a);

/* Number of audits loaded (0 when the handle holds problems). */
QF_API size_t qf_audits_size(const qf_audits* a);

/* The QA report in `format`: "markdown", "html" or "json". `options`: NULL or a JSON object with
 *   "by":        ["programme", "team", "audit_type"] columns tabulated (each where present);
 *   "grades":    "final" (default: moderated where moderated), "original", or a domain name;
 *   "threshold": first level counted as good in the headline (default: the scale's);
 *   "source":    name of the data shown in the report (default: the file's name);
 *   "compare":   ["2017-18 Q3", "2017-18 Q4"] two periods compared, A then B (default: the
 *                first and last Practice Review Weeks).
 * NULL on error (qf_last_error). Free with qf_string_free(). */
QF_API char* qf_report(qf_audits* a, const char* format, const char* options);

/* The grade table by `by` (a column, or several separated by commas: "team,programme"; also
 * "financial_year", "quarter", "month") as a JSON object on the final grades: {"by", "columns",
 * "rows": [{"label", "counts", "total"}], "total"}. NULL on error. */
QF_API char* qf_table_json(qf_audits* a, const char* by);

/* The grade table in `format`: "json", "markdown" or "csv" (cells that a spreadsheet would run
 * as a formula neutralised). `options`: NULL or {"by": "team" or ["team", "programme"]
 * (default "team"), "grades": as for qf_report}. NULL on error. */
QF_API char* qf_table(qf_audits* a, const char* format, const char* options);

/* Writes grade tables to an .xlsx workbook at `path` (written to a temporary file beside it,
 * then renamed: never half a file): one sheet per table, counts as numbers, labels as text
 * (never formulas), and a "Notes" sheet with the rules applied. `options`: NULL or {"by": a
 * column or an array of columns, one sheet each (default ["programme", "team", "audit_type"],
 * those present), "grades": as for qf_report}. 0 on success; non-zero on error (qf_last_error). */
QF_API int qf_tables_xlsx(qf_audits* a, const char* path, const char* options);

/* The grade profile as a JSON object: n, n_graded, n_not_applicable, n_children, counts per
 * level and the headline shares. `options`: NULL or {"grades": ..., "threshold": ...}. */
QF_API char* qf_profile_json(qf_audits* a, const char* options);

/* The moderation summary as a JSON object: coverage, the auditor x moderator table, agreement
 * coefficients with intervals, grades raised and lowered overall, by auditor and by team.
 * `options`: NULL or {"level": 0.95, "alpha": 0.05, "n_resamples": 2000, "seed": 20180331}.
 * NULL (with the reason) when the audits carry no moderated grades. */
QF_API char* qf_moderation_json(qf_audits* a, const char* options);

/* The triangulation of the audits with the evidence files, as a JSON object (matrix, evidence,
 * lines of enquiry). `options`: a JSON object with the paths "evidence_map", "survey",
 * "performance" and "indicators" (the last two together), and optionally "by" (default
 * "team"), "as_of" (a date; default the last audit date) and "indicator_period" ("2018-03").
 * Problems in the evidence files are an error listing them all. */
QF_API char* qf_triangulation_json(qf_audits* a, const char* options);

/* Why the last call on `a` that returned NULL or non-zero failed (NULL after a success). The
 * text belongs to the handle and lives until its next call or qf_audits_free(). */
QF_API const char* qf_last_error(const qf_audits* a);

/* Frees a string returned by this library (NULL is allowed). */
QF_API void qf_string_free(char* s);

/* Frees a handle and everything it owns (NULL is allowed). */
QF_API void qf_audits_free(qf_audits* a);

#ifdef __cplusplus
}
#endif

#endif /* QAFRAME_QAFRAME_H */
