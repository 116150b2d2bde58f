// The corpus of export variants (tests/data/exports/, written by make_exports.py from the
// sample): each case of manifest.tsv read with its profile gives a set equal to the sample's, or
// fails with its exact message (a problem, or the profile's error).
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "qaframe/readers/audits_file.hpp"
#include "qaframe/readers/profile/export_profile.hpp"

namespace {

const std::string kExports = absl::StrCat(QAFRAME_SOURCE_DIR, "/tests/data/exports/");

struct Case {
  std::string name, file, profile, expected;
};

std::vector<Case> manifest() {
  std::ifstream in(kExports + "manifest.tsv");
  std::string line;
  std::vector<Case> out;
  std::getline(in, line);  // the header
  while (std::getline(in, line)) {
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    if (f.size() == 4) out.push_back({f[0], f[1], f[2], f[3]});
  }
  return out;
}

}  // namespace

TEST_CASE("export corpus: every variant reads to the sample's set, or fails by name") {
  const std::vector<Case> cases = manifest();
  REQUIRE(cases.size() >= 12);
  auto sample =
      qaframe::read_audits_csv(absl::StrCat(QAFRAME_SOURCE_DIR, "/data/sample/audits.csv"));
  REQUIRE(sample.ok());
  int equal = 0;
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const std::string path = kExports + c.file;
    qaframe::ReadOptions options;
    absl::Status profile_status;
    if (!c.profile.empty()) {
      auto p = qaframe::read_export_profile(kExports + c.profile);
      profile_status = p.status();
      if (p.ok()) qaframe::apply_profile(*p, options);
    }
    qaframe::Diagnostics diag;
    absl::StatusOr<qaframe::AuditSet> audits =
        profile_status.ok() ? qaframe::read_audits_file(path, options, {}, &diag)
                            : absl::StatusOr<qaframe::AuditSet>(profile_status);
    if (c.expected == "sample") {
      REQUIRE_MESSAGE(audits.ok(), audits.status().message());
      CHECK(*audits == *sample);
      ++equal;
      continue;
    }
    REQUIRE_FALSE(audits.ok());
    // The message exactly as the manifest gives it: a problem's text, or the status of a
    // profile that could not be read.
    std::vector<std::string> got;
    for (const auto& p : diag.problems()) got.push_back(p.to_string());
    got.emplace_back(audits.status().message());
    // Paths are relative to the folder in the manifest.
    bool found = false;
    for (std::string m : got) {
      for (std::size_t at; (at = m.find(kExports)) != std::string::npos;)
        m.erase(at, kExports.size());
      found = found || m == c.expected;
    }
    CHECK_MESSAGE(found, got.front());
  }
  CHECK(equal >= 11);
}

TEST_CASE("export profile: domain labels and identifiers reach the set, from CSV and workbook") {
  // The same profile for a CSV export and a workbook: [audits.domains] labels the domains each
  // file has (one label names a domain neither has, and a note says it was not used), and
  // [audits].identifiers marks the auditor column as identifying in both.
  for (const auto& [file, toml] :
       {std::pair<std::string, std::string>{"mosaic_headers.csv", "mosaic.toml"},
        {"openpyxl_mosaic.xlsx", "openpyxl_mosaic.toml"}}) {
    CAPTURE(file);
    auto p = qaframe::read_export_profile(kExports + toml);
    REQUIRE(p.ok());
    p->domain_labels = {{"voice_of_child", "Communicating with the child"},
                        {"domain:planning", "Plans"},
                        {"health", "Health"}};
    p->identifiers = {"auditor"};
    qaframe::ReadOptions options;
    qaframe::apply_profile(*p, options);
    auto audits = qaframe::read_audits_file(kExports + file, options);
    REQUIRE_MESSAGE(audits.ok(), audits.status().message());
    CHECK(audits->domain_label("voice_of_child") == "Communicating with the child");
    CHECK(audits->domain_label("domain:planning") == "Plans");
    CHECK(audits->domain_label("assessment") == "assessment");
    CHECK(audits->is_identifier("auditor"));
    CHECK(audits->is_identifier("Auditor"));
    CHECK_FALSE(audits->is_identifier("team"));
    REQUIRE_FALSE(audits->notes().empty());
    CHECK(audits->notes().back() ==
          "the label of domain health not used: the file has no such domain column");
  }
}
