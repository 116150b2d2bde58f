// Replays the fuzz targets' seed corpora (tests/fuzz/corpus/<name>/) and every input that once
// crashed a target (tests/fuzz/regressions/<name>/) through the same target bodies, so that the
// ordinary test command, and the sanitizer build, keep them passing without clang or libFuzzer.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz_target.hpp"
#include "qaframe/io/file.hpp"
#include "qaframe/model/audit_set.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kFuzzDir = fs::path(QAFRAME_SOURCE_DIR) / "tests" / "fuzz";

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("fuzz: every target has a seed corpus, and every corpus a target") {
  const auto& targets = qaframe::fuzz::targets();
  CHECK(targets.size() >= 4);
  for (const auto& [name, body] : targets) {
    INFO("target ", name);
    CHECK(files_in(kFuzzDir / "corpus" / name).size() >= 5);
  }
  for (const char* kind : {"corpus", "regressions"}) {
    if (!fs::is_directory(kFuzzDir / kind)) continue;
    for (const auto& entry : fs::directory_iterator(kFuzzDir / kind)) {
      INFO(kind, "/", entry.path().filename().string());
      CHECK(targets.contains(entry.path().filename().string()));
    }
  }
}

TEST_CASE("fuzz: seed corpora and past crashes replay cleanly") {
  std::size_t replayed = 0;
  for (const auto& [name, body] : qaframe::fuzz::targets()) {
    for (const char* kind : {"corpus", "regressions"}) {
      for (const fs::path& file : files_in(kFuzzDir / kind / name)) {
        auto bytes = qaframe::read_file(file.string());
        REQUIRE(bytes.ok());
        INFO(name, ": ", file.string());
        CHECK_NOTHROW(body(*bytes));
        ++replayed;
      }
    }
  }
  CHECK(replayed >= 20);
}
