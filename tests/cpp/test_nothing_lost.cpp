// Nothing lost (README, "Nothing lost, nothing leaked"): the improvement log's end line catches a
// cut log; a log is never replaced by accident (a misspelt --log, --write-log over another file);
// a file rewritten while it is read gives an error, never a crash; the chunk reader may be shared
// between threads and keeps its memory within a block and a record.
#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/cli/cli.hpp"
#include "qaframe/io/file.hpp"
#include "qaframe/readers/audit_chunks.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/improvement_log.hpp"

namespace fs = std::filesystem;

namespace {

const std::string kHeader =
    "kloe_id,raised,theme,unit,evidence,question,owner,status,review_by,closed,outcome,updated\n";

std::string rows(int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    absl::StrAppend(&out, "K", i, ",2018-01-31,Planning,Team ", i, ",e,q,o,open,,,,\n");
  return out;
}

// Text (std::string, std::string_view or Abseil's own string_view) holding `part`.
template <class Text>
bool contains(const Text& s, std::string_view part) {
  return std::string_view(s.data(), s.size()).find(part) != std::string_view::npos;
}

fs::path scratch(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("qaframe_lost_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

const std::string kSample = std::string(QAFRAME_SOURCE_DIR) + "/data/sample/";

struct Run {
  int code;
  std::string out, err;
};

Run run(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = qaframe::run_cli(args, out, err);
  return {code, out.str(), err.str()};
}

std::vector<std::string> report_args() {
  return {"report",       kSample + "audits.csv",    "--evidence-map", kSample + "evidence_map.csv",
          "--survey",     kSample + "survey.csv",    "--performance",  kSample + "performance.csv",
          "--indicators", kSample + "indicators.csv"};
}

}  // namespace

TEST_CASE("log end line: written last, found anywhere, and a cut log is refused") {
  auto log = qaframe::parse_log_csv(kHeader + rows(3) + "#end of log: 3 KLOEs\n", "log.csv");
  REQUIRE(log.ok());
  CHECK(log->entries.size() == 3);
  CHECK(log->notes.empty());
  CHECK(
      log->to_csv().ends_with("K2,2018-01-31,Planning,Team 2,e,q,o,open,,,,\n"
                              "#end of log: 3 KLOEs\n"));

  // Sorted in a spreadsheet: the end line moves (and gains trailing commas, or quotes).
  CHECK(qaframe::parse_log_csv(kHeader + "#end of log: 3 KLOEs,,,,,,,,,,,\n" + rows(3), "l").ok());
  CHECK(qaframe::parse_log_csv(kHeader + rows(2) + "\"#END OF LOG: 3 kloes\"\n" +
                                   "K9,2018-01-31,Planning,Team 9,e,q,o,open,,,,\n",
                               "l")
            .ok());

  // Cut at a line end: every row and the end line present, or fewer rows than it states.
  for (const std::string& cut : {kHeader + rows(3), kHeader + rows(2) + "#end of log: 3 KLOEs\n",
                                 kHeader + rows(3) + "#end of log: 3 KL"}) {
    CAPTURE(cut);
    qaframe::Diagnostics d;
    auto r = qaframe::parse_log_csv(cut, "log.csv", &d);
    REQUIRE_FALSE(r.ok());
    REQUIRE(d.problems().size() == 1);
    const auto& p = d.problems()[0];
    CHECK(p.line >= 1);
    CHECK((contains(p.reason, "no end-of-log line: the log may have been cut off") ||
           contains(p.reason, "says 3 KLOEs but the log has 2: 1 missing") ||
           contains(p.reason, "may have been cut off")));
  }
  // The missing count and what to do.
  qaframe::Diagnostics d;
  CHECK_FALSE(
      qaframe::parse_log_csv(kHeader + rows(1) + "#end of log: 303 KLOEs\n", "log.csv", &d).ok());
  CHECK(d.problems()[0].to_string() ==
        "log.csv:3: the end-of-log line says 303 KLOEs but the log has 1: 302 missing. The log "
        "may have been cut off, or rows were deleted (a KLOE is never deleted: close it instead); "
        "restore it from its .bak copy");

  // Rows added by hand: read, with a note.
  auto more = qaframe::parse_log_csv(kHeader + rows(5) + "#end of log: 3 KLOEs\n", "log.csv");
  REQUIRE(more.ok());
  REQUIRE(more->notes.size() == 1);
  CHECK(more->notes[0] ==
        "log.csv: 5 KLOEs, 3 when qaframe last wrote it (line 7): 2 added by hand");
  // A hand-made log declared complete; two end lines refused.
  CHECK(qaframe::parse_log_csv(kHeader + rows(2) + "#end of log\n", "log.csv").ok());
  qaframe::Diagnostics two;
  CHECK_FALSE(
      qaframe::parse_log_csv(kHeader + "#end of log\n" + rows(2) + "#end of log\n", "l", &two)
          .ok());
  CHECK(contains(two.problems()[0].reason, "a second end-of-log line (the first is on line 2)"));
}

TEST_CASE("log writing: never over another file by accident; the old version kept as .bak") {
  const fs::path dir = scratch("logwrite");
  const fs::path real = dir / "real_log.csv";
  const std::string original = kHeader + rows(3) + "#end of log: 3 KLOEs\n";
  std::ofstream(real, std::ios::binary) << original;

  // A new log over an existing file: refused, nothing written.
  qaframe::ImprovementLog fresh;
  auto refused = qaframe::write_log_csv(fresh, real.string());
  CHECK(absl::IsAlreadyExists(refused));
  CHECK(contains(refused.message(), "exists and is not the log that was read (this is a new log)"));
  CHECK(slurp(real) == original);
  CHECK_FALSE(fs::exists(dir / "real_log.csv.bak"));

  // The log read from the file may replace it; the old version becomes .bak.
  auto log = qaframe::read_log_csv(real.string());
  REQUIRE(log.ok());
  CHECK(log->read_from == real.string());
  log->entries.pop_back();  // (a merge never deletes; this only makes the versions differ)
  REQUIRE(qaframe::write_log_csv(*log, real.string()).ok());
  CHECK(slurp(dir / "real_log.csv.bak") == original);
  CHECK(qaframe::read_log_csv(real.string())->entries.size() == 2);

  // Forced over another existing file.
  const fs::path other = dir / "other.csv";
  std::ofstream(other) << "precious\n";
  CHECK(absl::IsAlreadyExists(qaframe::write_log_csv(*log, other.string())));
  qaframe::LogWriteOptions force;
  force.force = true;
  REQUIRE(qaframe::write_log_csv(*log, other.string(), force).ok());
  CHECK(slurp(dir / "other.csv.bak") == "precious\n");
  fs::remove_all(dir);
}

TEST_CASE("cli log: a misspelt --log exits 2 and leaves the real log untouched") {
  const fs::path dir = scratch("cli_log");
  const fs::path real = dir / "real_log.csv";
  fs::copy_file(kSample + "improvement_log.csv", real);
  const std::string before = slurp(real);

  auto args = report_args();
  args.insert(args.end(), {"--log", (dir / "real_lgo.csv").string(), "--write-log", real.string()});
  Run r = run(args);
  CHECK(r.code == 2);
  CHECK(contains(r.err, "real_lgo.csv': no such file; nothing was written"));
  CHECK(contains(r.err, "--new-log"));
  CHECK(slurp(real) == before);

  // --new-log over an existing log: exit 2, untouched.
  args = report_args();
  args.insert(args.end(), {"--new-log", real.string()});
  r = run(args);
  CHECK(r.code == 2);
  CHECK(contains(r.err, "the file exists; nothing was written. To update it, use --log"));
  CHECK(slurp(real) == before);

  // --write-log over another existing file needs --force; the old file is kept as .bak.
  const fs::path other = dir / "other.csv";
  fs::copy_file(real, other);
  args = report_args();
  args.insert(args.end(), {"--log", real.string(), "--write-log", other.string()});
  r = run(args);
  CHECK(r.code == 2);
  CHECK(contains(r.err, "exists and is not the log that was read"));
  args.push_back("--force");
  r = run(args);
  CHECK(r.code == 0);
  CHECK(slurp(dir / "other.csv.bak") == before);
  CHECK(qaframe::read_log_csv(other.string())->entries.size() > 3);

  // Updating the log in place keeps the previous version as .bak.
  args = report_args();
  args.insert(args.end(), {"--log", real.string(), "--write-log", real.string()});
  r = run(args);
  CHECK(r.code == 0);
  CHECK(slurp(dir / "real_log.csv.bak") == before);
  CHECK(qaframe::read_log_csv(real.string())->entries.size() > 3);

  // A new log where there is none.
  args = report_args();
  args.insert(args.end(), {"--new-log", (dir / "new.csv").string()});
  r = run(args);
  CHECK(r.code == 0);
  CHECK(contains(slurp(dir / "new.csv"), "\n#end of log: "));
  fs::remove_all(dir);
}

TEST_CASE("read_audits: a file rewritten while it is read gives an error, never a crash") {
  // A writer truncates and rewrites the file in place, over and over, while it is read. Each
  // read gives the old version, the new one, a shorter valid file (truncated and part-written
  // before the read began: in-place writers can produce one, qaframe's own cannot), or an error
  // naming the file; with the file mapped, this killed the process with SIGBUS.
  const fs::path dir = scratch("rewrite");
  const fs::path p = dir / "audits.csv";
  std::string text = "audit_id,child_id,team,audit_date,grade\n";
  for (int i = 0; i < 20000; ++i)
    absl::StrAppend(&text, "A", i, ",C", i % 97, ",T", i % 5, ",01/04/2018,Good\n");
  std::ofstream(p, std::ios::binary) << text;
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    while (!stop) {
      std::ofstream f(p, std::ios::binary | std::ios::trunc);
      f.write(text.data(), static_cast<std::streamsize>(text.size() / 2));
      f.flush();
      f.write(text.data() + text.size() / 2,
              static_cast<std::streamsize>(text.size() - text.size() / 2));
    }
  });
  int errors = 0, whole = 0;
  for (int i = 0; i < 200; ++i) {
    auto r = qaframe::read_audits_csv(p.string());
    if (r.ok()) {
      whole += r->size() == 20000;
      CHECK(r->size() <= 20000);
    } else {
      ++errors;
      CHECK(contains(r.status().message(), p.string()));
    }
  }
  stop = true;
  writer.join();
  CHECK(errors + whole > 0);
  fs::remove_all(dir);
}

TEST_CASE("audit_chunks: a reader shared by threads gives each chunk once, in turn") {
  // Run under ThreadSanitizer by scripts/test.sh.
  const fs::path dir = scratch("threads");
  const fs::path p = dir / "audits.csv";
  std::string text = "audit_id,child_id,team,audit_date,grade\n";
  for (int i = 0; i < 5000; ++i)
    absl::StrAppend(&text, "A", i, ",C", i, ",T", i % 5, ",01/04/2018,Good\n");
  std::ofstream(p, std::ios::binary) << text;
  auto reader = qaframe::AuditChunkReader::open(p.string(), 100, {}, nullptr, 4096);
  REQUIRE(reader.ok());
  std::vector<std::vector<std::string>> seen(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      while (true) {
        auto chunk = reader->next();
        if (!chunk.ok() || !chunk->has_value()) break;
        for (std::size_t i = 0; i < (*chunk)->size(); ++i)
          seen[static_cast<std::size_t>(t)].emplace_back((*chunk)->audit_id_unchecked(i));
        (void)reader->rows_read();
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::string> all;
  std::size_t n = 0;
  for (const auto& s : seen) {
    n += s.size();
    all.insert(s.begin(), s.end());
  }
  CHECK(n == 5000);
  CHECK(all.size() == 5000);
  CHECK(reader->rows_read() == 5000);
  fs::remove_all(dir);
}

TEST_CASE(
    "audit_chunks: a stray quote is refused at the record limit, as a whole read refuses it") {
  const fs::path dir = scratch("stray");
  const fs::path p = dir / "audits.csv";
  std::string text = "audit_id,child_id,team,audit_date,grade\nA0,C0,\"T0,01/04/2018,Good\n";
  for (int i = 1; i < 20000; ++i)
    absl::StrAppend(&text, "A", i, ",C", i, ",T", i % 5, ",01/04/2018,Good\n");
  std::ofstream(p, std::ios::binary) << text;
  qaframe::ReadOptions o;
  o.csv.max_record_bytes = 4096;
  qaframe::Diagnostics whole_diag;
  CHECK_FALSE(qaframe::read_audits_csv(p.string(), o, &whole_diag).ok());
  auto reader = qaframe::AuditChunkReader::open(p.string(), 1000, o, nullptr, 1024);
  REQUIRE(reader.ok());
  qaframe::Diagnostics d;
  auto chunk = reader->next(&d);
  CHECK_FALSE(chunk.ok());
  REQUIRE(d.problems().size() == 1);
  CHECK(d.problems()[0] == whole_diag.problems()[0]);
  CHECK(d.problems()[0].line == 2);
  CHECK(d.problems()[0].reason ==
        "a record longer than the limit of 4096 bytes, from line 2 (a quote never closed?)");
  auto after = reader->next();  // the file ends there: framing is lost after a stray quote
  REQUIRE(after.ok());
  CHECK_FALSE(after->has_value());
  fs::remove_all(dir);
}

TEST_CASE("audit_chunks: CR-only line ends are cut where a whole read cuts them") {
  std::string text = "audit_id,child_id,team,audit_date,grade\r";
  for (int i = 0; i < 300; ++i)
    absl::StrAppend(&text, "A", i, ",C", i, ",T", i % 5, ",01/04/2018,Good\r");
  const fs::path dir = scratch("cr");
  const fs::path p = dir / "audits.csv";
  std::ofstream(p, std::ios::binary) << text;
  auto whole = qaframe::read_audits_csv(p.string());
  REQUIRE(whole.ok());
  REQUIRE(whole->size() == 300);
  for (std::size_t block : {1, 7, 64, 100000}) {
    CAPTURE(block);
    auto reader = qaframe::AuditChunkReader::open(p.string(), 37, {}, nullptr, block);
    REQUIRE(reader.ok());
    std::size_t at = 0;
    while (true) {
      auto chunk = reader->next();
      REQUIRE(chunk.ok());
      if (!chunk->has_value()) break;
      for (std::size_t i = 0; i < (*chunk)->size(); ++i, ++at)
        CHECK((*chunk)->audit_id_unchecked(i) == whole->audit_id_unchecked(at));
    }
    CHECK(at == 300);
  }
  fs::remove_all(dir);
}
