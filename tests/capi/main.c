/* The C interface used from C99 as another system would use it: the sample's headline, every
 * problem of a bad file, errors as values, options checked, and separate handles on separate
 * threads giving the same report as one thread.
 *
 *   capi_consumer SAMPLE.csv MODERATION_SAMPLE_DIR OUT_DIR VERSION
 *
 * Prints what it checks; exits 0 when every check holds, 1 otherwise. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qaframe/qaframe.h"

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                   \
  do {                                                                \
    ++checks;                                                         \
    if (!(cond)) {                                                    \
      ++failures;                                                     \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                 \
  } while (0)

static int contains(const char* text, const char* part) {
  return text != NULL && strstr(text, part) != NULL;
}

/* Problems of a file with three bad records, each named by line, column and value. */
static void bad_file(void) {
  const char csv[] =
      "audit_id,child_id,team,audit_date,grade\n"
      "A1,C1,North,2017-10-02,Good\n"
      "A2,C2,North,31/02/2018,Good\n"
      "A3,C3,South,2017-10-04,Goodish\n"
      "A1,C4,South,2017-10-05,Outstanding\n";
  qf_audits* a = qf_audits_read_buffer(csv, sizeof csv - 1, "bad.csv", NULL);
  size_t i;
  char* json;
  CHECK(a != NULL);
  CHECK(qf_problems_count(a) == 3);
  CHECK(qf_problems_total(a) == 3);
  CHECK(qf_audits_size(a) == 0);
  for (i = 0; i < qf_problems_count(a); ++i) {
    char* p = qf_problem(a, i);
    CHECK(p != NULL && strncmp(p, "bad.csv:", 8) == 0);
    printf("problem: %s\n", p);
    qf_string_free(p);
  }
  {
    char* p0 = qf_problem(a, 0);
    char* p1 = qf_problem(a, 1);
    char* p2 = qf_problem(a, 2);
    CHECK(contains(p0, "bad.csv:3: column 'audit_date': value '31/02/2018'"));
    CHECK(contains(p1, "bad.csv:4: column 'grade': value 'Goodish'"));
    CHECK(contains(p2, "bad.csv:5: column 'audit_id': value 'A1'"));
    qf_string_free(p0);
    qf_string_free(p1);
    qf_string_free(p2);
  }
  CHECK(qf_problem(a, 3) == NULL);
  json = qf_problems_json(a);
  CHECK(contains(json, "\"line\": 4, \"row\": 2, \"column\": \"grade\", \"value\": \"Goodish\""));
  qf_string_free(json);
  /* Nothing loaded: every analysis says so as a value. */
  CHECK(qf_report(a, "markdown", NULL) == NULL);
  CHECK(contains(qf_last_error(a), "did not load"));
  qf_audits_free(a);

  /* The problem limit: one kept, three counted. */
  a = qf_audits_read_buffer(csv, sizeof csv - 1, "bad.csv", "{\"max_problems\": 1}");
  CHECK(qf_problems_count(a) == 1 && qf_problems_total(a) == 3);
  qf_audits_free(a);

  /* A missing file is a problem too. */
  a = qf_audits_read("/nonexistent/audits.csv", NULL);
  CHECK(qf_problems_count(a) == 1);
  qf_audits_free(a);
}

static void options(const char* sample) {
  qf_audits* a = qf_audits_read(sample, "{\"colour\": \"blue\"}");
  char* p = qf_problem(a, 0);
  CHECK(qf_problems_count(a) == 1);
  CHECK(contains(p, "options") && contains(p, "unknown key 'colour'"));
  qf_string_free(p);
  qf_audits_free(a);

  a = qf_audits_read(sample, "{\"scale\": \"ofsted\",}"); /* trailing comma: not JSON */
  p = qf_problem(a, 0);
  CHECK(qf_problems_count(a) == 1 && contains(p, "malformed JSON at byte 19"));
  qf_string_free(p);
  qf_audits_free(a);

  a = qf_audits_read(sample, "{\"max_problems\": 2.5}");
  p = qf_problem(a, 0);
  CHECK(contains(p, "'max_problems' must be a whole number"));
  qf_string_free(p);
  qf_audits_free(a);

  a = qf_audits_read(sample, "{\"scale\": \"ofsted\", \"max_problems\": 10, "
                             "\"domain_scales\": {\"voice_of_child\": \"ofsted\"}}");
  CHECK(qf_problems_count(a) == 0 && qf_audits_size(a) == 118);
  p = qf_report(a, "pdf", NULL);
  CHECK(p == NULL && contains(qf_last_error(a), "pdf"));
  p = qf_report(a, "markdown", "{\"by\": [\"team\"], \"format\": \"json\"}");
  CHECK(p == NULL && contains(qf_last_error(a), "unknown key 'format'"));
  p = qf_table_json(a, "no_such_column");
  CHECK(p == NULL && contains(qf_last_error(a), "no_such_column"));
  p = qf_table_json(a, "team");
  CHECK(p != NULL && qf_last_error(a) == NULL); /* a success clears the error */
  qf_string_free(p);
  qf_audits_free(a);
}

typedef struct {
  const char* path;
  char* report;
} job;

static void* run_job(void* arg) {
  job* j = (job*)arg;
  int round;
  for (round = 0; round < 5; ++round) {
    qf_audits* a = qf_audits_read(j->path, NULL);
    char* r = qf_report(a, "json", NULL);
    if (j->report == NULL) {
      j->report = r;
    } else {
      if (r == NULL || strcmp(r, j->report) != 0) {
        qf_string_free(j->report);
        j->report = NULL;
        qf_string_free(r);
        qf_audits_free(a);
        return NULL;
      }
      qf_string_free(r);
    }
    qf_audits_free(a);
  }
  return NULL;
}

static void threads(const char* sample, const char* expected) {
  enum { kThreads = 4 };
  pthread_t t[kThreads];
  job jobs[kThreads];
  int i;
  for (i = 0; i < kThreads; ++i) {
    jobs[i].path = sample;
    jobs[i].report = NULL;
    CHECK(pthread_create(&t[i], NULL, run_job, &jobs[i]) == 0);
  }
  for (i = 0; i < kThreads; ++i) {
    pthread_join(t[i], NULL);
    CHECK(jobs[i].report != NULL && strcmp(jobs[i].report, expected) == 0);
    qf_string_free(jobs[i].report);
  }
}

int main(int argc, char** argv) {
  qf_audits* a;
  char* s;
  char xlsx[4096];
  if (argc != 5) {
    fprintf(stderr, "usage: capi_consumer SAMPLE.csv EVIDENCE_DIR OUT_DIR VERSION\n");
    return 2;
  }
  CHECK(strcmp(qf_version(), argv[4]) == 0);

  a = qf_audits_read(argv[1], NULL);
  CHECK(a != NULL && qf_problems_count(a) == 0);
  CHECK(qf_audits_size(a) == 118);

  s = qf_report(a, "markdown", NULL);
  CHECK(contains(s, "30% (38% adjusted) Inadequate or Requires Improvement"));
  CHECK(contains(s, "49% (62% adjusted) Good or Outstanding"));
  CHECK(!contains(s, "C-22282")); /* never a child's identifier */
  if (s != NULL) {
    const char* line = strstr(s, "30% (38%");
    const char* end = line != NULL ? strchr(line, '\n') : NULL;
    if (line != NULL && end != NULL) printf("headline: %.*s\n", (int)(end - line), line);
  }
  qf_string_free(s);

  s = qf_report(a, "html", "{\"by\": [\"team\"], \"source\": \"sample\"}");
  CHECK(contains(s, "<!DOCTYPE html>") || contains(s, "<!doctype html>"));
  qf_string_free(s);

  s = qf_table_json(a, "programme");
  CHECK(contains(s, "{\"label\": \"Core\", \"counts\": [1, 4, 9, 1, 24], \"total\": 39}"));
  qf_string_free(s);
  s = qf_table(a, "csv", "{\"by\": \"programme\"}");
  CHECK(contains(s, "Core,1,4,9,1,24,39\n"));
  qf_string_free(s);

  s = qf_profile_json(a, NULL);
  CHECK(contains(s, "\"n\": 118") && contains(s, "\"n_children\""));
  qf_string_free(s);

  s = qf_moderation_json(a, "{\"n_resamples\": 200}");
  CHECK(contains(s, "\"statistic\": \"quadratic-weighted kappa\""));
  qf_string_free(s);

  {
    char opts[8192];
    snprintf(opts, sizeof opts,
             "{\"evidence_map\": \"%s/evidence_map.csv\", \"survey\": \"%s/survey.csv\", "
             "\"performance\": \"%s/performance.csv\", \"indicators\": \"%s/indicators.csv\"}",
             argv[2], argv[2], argv[2], argv[2]);
    s = qf_triangulation_json(a, opts);
    CHECK(s != NULL && contains(s, "kloes"));
    if (s == NULL) fprintf(stderr, "triangulation: %s\n", qf_last_error(a));
    qf_string_free(s);
  }

  snprintf(xlsx, sizeof xlsx, "%s/capi_tables.xlsx", argv[3]);
  CHECK(qf_tables_xlsx(a, xlsx, NULL) == 0);
  CHECK(qf_tables_xlsx(a, "/nonexistent/dir/t.xlsx", NULL) != 0 &&
        contains(qf_last_error(a), "cannot write"));

  s = qf_report(a, "json", NULL);
  bad_file();
  options(argv[1]);
  if (s != NULL) threads(argv[1], s);
  qf_string_free(s);
  qf_audits_free(a);

  qf_string_free(NULL);
  qf_audits_free(NULL);
  CHECK(qf_problems_count(NULL) == 0 && qf_report(NULL, "json", NULL) == NULL);

  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures == 0 ? 0 : 1;
}
