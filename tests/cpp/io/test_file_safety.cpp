// Safe reading and atomic writing (io/file.hpp, io/atomic_file.hpp): files changed while read,
// streams (FIFOs, /dev/zero) with limits and timeouts, the OS reason in every message; writes
// that leave the old file whole on any failure, a full disk (RLIMIT_FSIZE) included.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "qaframe/io/atomic_file.hpp"
#include "qaframe/io/file.hpp"

namespace fs = std::filesystem;

namespace {

// A fresh scratch folder for one test.
fs::path scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / absl::StrCat("qaframe_safety_", name, "_", ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write_plain(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
}

std::string slurp(const fs::path& p) {
  auto t = qaframe::read_file(p.string());
  REQUIRE(t.ok());
  return *t;
}

// Text (std::string, std::string_view or Abseil's own string_view) holding `part`.
template <class Text>
bool contains(const Text& s, std::string_view part) {
  return std::string_view(s.data(), s.size()).find(part) != std::string_view::npos;
}

// Files in `dir` other than those named: temporaries left behind.
int others(const fs::path& dir, std::initializer_list<std::string> names) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    bool known = false;
    for (const auto& name : names) known = known || e.path().filename() == name;
    n += !known;
  }
  return n;
}

}  // namespace

TEST_CASE("file: regular files read whole; missing files, folders and link loops name the reason") {
  const fs::path dir = scratch("read");
  const std::string text(300000, 'x');
  write_plain(dir / "a.csv", text);
  CHECK(slurp(dir / "a.csv") == text);
  write_plain(dir / "empty.csv", "");
  CHECK(slurp(dir / "empty.csv").empty());

  auto missing = qaframe::read_file((dir / "nope.csv").string());
  CHECK(absl::IsNotFound(missing.status()));
  CHECK(contains(missing.status().message(), "No such file or directory"));

  auto folder = qaframe::read_file(dir.string());
  CHECK(absl::IsUnavailable(folder.status()));
  CHECK(contains(folder.status().message(), "Is a directory"));

  fs::create_symlink(dir / "loop2", dir / "loop1");
  fs::create_symlink(dir / "loop1", dir / "loop2");
  auto loop = qaframe::read_file((dir / "loop1").string());
  CHECK(absl::IsUnavailable(loop.status()));
  CHECK(contains(loop.status().message(), "Too many levels of symbolic links"));
  fs::remove_all(dir);
}

TEST_CASE("file: a file changed while it is read is an error, never a mixture") {
  const fs::path dir = scratch("changed");
  const fs::path p = dir / "audits.csv";
  for (int how = 0; how < 3; ++how) {
    CAPTURE(how);
    write_plain(p, std::string(100000, 'a'));
    auto file = qaframe::InputFile::open(p.string());
    REQUIRE(file.ok());
    std::string buffer(4096, '\0');
    REQUIRE(*file->read(buffer.data(), buffer.size()) == 4096);
    if (how == 0) ::truncate(p.c_str(), 10);                  // cut short by another program
    if (how == 1) std::ofstream(p, std::ios::app) << "more";  // grown
    if (how == 2) {                                           // rewritten in place, same size
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(50000);
      f << "b";
    }
    absl::Status status;
    for (int i = 0; i < 100 && status.ok(); ++i) {
      auto n = file->read(buffer.data(), buffer.size());
      if (!n.ok()) {
        status = n.status();
      } else if (*n == 0) {
        break;
      }
    }
    CHECK(absl::IsUnavailable(status));
    CHECK(contains(status.message(), "changed while it was being read"));
    CHECK(contains(status.message(), p.string()));
  }
  fs::remove_all(dir);
}

TEST_CASE("file: streams read to their end, within a size limit and a timeout") {
  const fs::path dir = scratch("streams");
  const fs::path fifo = dir / "fifo.csv";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);

  // A writer that comes and goes: everything it wrote is read.
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    for (int i = 0; i < 1000; ++i) out << "line " << i << "\n";
  });
  auto text = qaframe::read_file(fifo.string());
  writer.join();
  REQUIRE(text.ok());
  CHECK(text->size() == 8890);  // 10 lines of 7 bytes, 90 of 8, 900 of 9
  CHECK(text->ends_with("line 999\n"));

  // No writer: a clear message after the timeout, not a hang.
  qaframe::FileReadOptions quick;
  quick.stream_timeout_ms = 200;
  const auto start = std::chrono::steady_clock::now();
  auto silent = qaframe::read_file(fifo.string(), quick);
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(absl::IsUnavailable(silent.status()));
  CHECK(contains(silent.status().message(), "no data from"));
  CHECK(waited < std::chrono::seconds(5));

  // An endless stream stops at the limit (the writer then gets EPIPE, not a fatal SIGPIPE).
  ::signal(SIGPIPE, SIG_IGN);
  qaframe::FileReadOptions small;
  small.max_stream_bytes = 1 << 16;
  std::thread flood([&] {
    std::ofstream out(fifo, std::ios::binary);
    const std::string block(4096, 'y');
    for (int i = 0; i < 64 && out; ++i) out << block;
  });
  auto flooded = qaframe::read_file(fifo.string(), small);
  CHECK(absl::IsUnavailable(flooded.status()));
  CHECK(contains(flooded.status().message(), "longer than the limit of 65536 bytes"));
  flood.join();  // the writer ends on a broken pipe once the reader has gone
  fs::remove_all(dir);
}

TEST_CASE("file: /dev/zero is refused at its first byte, not read until memory runs out") {
  if (!fs::exists("/dev/zero")) return;
  auto zero = qaframe::read_file("/dev/zero");
  CHECK(absl::IsUnavailable(zero.status()));
  CHECK(contains(zero.status().message(), "holds a NUL byte at byte 0"));
  // As a non-text stream it stops at the size limit instead.
  qaframe::FileReadOptions binary;
  binary.stream_is_text = false;
  binary.max_stream_bytes = 1 << 20;
  auto endless = qaframe::read_file("/dev/zero", binary);
  CHECK(contains(endless.status().message(), "longer than the limit of 1048576 bytes"));
}

TEST_CASE("atomic_file: new and replaced files, modes kept, .bak kept, links followed") {
  const fs::path dir = scratch("write");
  const fs::path p = dir / "log.csv";
  REQUIRE(qaframe::write_file_atomically(p.string(), "one\n").ok());
  CHECK(slurp(p) == "one\n");
  const mode_t mask = ::umask(0);
  ::umask(mask);
  CHECK((fs::status(p).permissions() & fs::perms::all) == static_cast<fs::perms>(0666 & ~mask));

  ::chmod(p.c_str(), 0640);
  qaframe::AtomicWriteOptions backup;
  backup.keep_backup = true;
  REQUIRE(qaframe::write_file_atomically(p.string(), "two\n", backup).ok());
  CHECK(slurp(p) == "two\n");
  CHECK(slurp(dir / "log.csv.bak") == "one\n");
  CHECK((fs::status(p).permissions() & fs::perms::all) == static_cast<fs::perms>(0640));
  REQUIRE(qaframe::write_file_atomically(p.string(), "three\n", backup).ok());
  CHECK(slurp(dir / "log.csv.bak") == "two\n");
  CHECK(others(dir, {"log.csv", "log.csv.bak"}) == 0);  // no temporary left

  // Through a symbolic link: the file it names is replaced, the link stays.
  fs::create_symlink(p, dir / "link.csv");
  REQUIRE(qaframe::write_file_atomically((dir / "link.csv").string(), "four\n").ok());
  CHECK(fs::is_symlink(dir / "link.csv"));
  CHECK(slurp(p) == "four\n");

  fs::create_symlink(dir / "loop2", dir / "loop1");
  fs::create_symlink(dir / "loop1", dir / "loop2");
  auto loop = qaframe::write_file_atomically((dir / "loop1").string(), "x");
  CHECK(absl::IsUnavailable(loop));
  CHECK(contains(loop.message(), "Too many levels of symbolic links"));

  auto folder = qaframe::write_file_atomically(dir.string(), "x");
  CHECK(absl::IsFailedPrecondition(folder));
  CHECK(contains(folder.message(), "Is a directory"));

  auto nowhere = qaframe::write_file_atomically((dir / "no" / "such.csv").string(), "x");
  CHECK(absl::IsUnavailable(nowhere));
  CHECK(contains(nowhere.message(), "No such file or directory"));
  CHECK(contains(nowhere.message(), "nothing was written"));
  fs::remove_all(dir);
}

TEST_CASE("atomic_file: a folder that cannot be written leaves the old file whole") {
  if (::geteuid() == 0) return;  // root writes anywhere: no refusal to observe
  const fs::path dir = scratch("readonly");
  const fs::path p = dir / "log.csv";
  write_plain(p, "old\n");
  ::chmod(dir.c_str(), 0555);
  auto s = qaframe::write_file_atomically(p.string(), "new\n");
  ::chmod(dir.c_str(), 0755);
  CHECK(absl::IsUnavailable(s));
  CHECK(contains(s.message(), "Permission denied"));
  CHECK(contains(s.message(), "is unchanged"));
  CHECK(slurp(p) == "old\n");
  fs::remove_all(dir);
}

TEST_CASE(
    "atomic_file: a full disk (a file-size limit) leaves the old file whole, with the reason") {
  const fs::path dir = scratch("full");
  const fs::path p = dir / "log.csv";
  const std::string old(1000, 'o');
  write_plain(p, old);
  // In a child process: a file-size limit of 64 KiB, SIGXFSZ ignored so that write() fails with
  // EFBIG as it fails with ENOSPC on a full disk. The child reports by its exit code and a file.
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{1 << 16, 1 << 16};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    auto s = qaframe::write_file_atomically(p.string(), std::string(1 << 20, 'n'));
    std::ofstream(dir / "message.txt") << s.message();
    ::_exit(s.ok() ? 0 : absl::IsUnavailable(s) ? 3 : 4);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 3);
  const std::string message = slurp(dir / "message.txt");
  CHECK(contains(message, "File too large"));
  CHECK(contains(message, absl::StrCat("'", p.string(), "' is unchanged")));
  CHECK(slurp(p) == old);
  CHECK(others(dir, {"log.csv", "message.txt"}) == 0);  // the temporary file was removed
  fs::remove_all(dir);
}
