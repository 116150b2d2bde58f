#include "qaframe/io/file.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "model/machine.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {
namespace {

// The operating system's words for an error number ("No space left on device"), thread-safe.
std::string os_reason(int error) { return std::generic_category().message(error); }

bool same_time(const struct timespec& a, const struct timespec& b) {
  return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

}  // namespace

std::string display_path(const std::string& path, const FileReadOptions& options) {
  return options.dash_is_stdin && path == "-" ? std::string("standard input") : path;
}

struct InputFile::State {
  std::string path;
  std::string name;
  FileReadOptions options;
  int fd = -1;
  bool owns_fd = true;
  bool regular = false;
  bool eof = false;
  struct stat at_open {};
  std::uint64_t read_total = 0;

  ~State() {
    if (fd >= 0 && owns_fd) ::close(fd);
  }

  absl::Status changed(std::string_view how) const {
    return absl::UnavailableError(absl::StrCat(
        "'", name, "' changed while it was being read (", sv(how),
        "): another program is writing it; nothing was read from it. Read it again when it is "
        "complete"));
  }

  // A regular file at its end: as large as when opened, and not modified since.
  absl::Status check_unchanged() const {
    struct stat now {};
    if (::fstat(fd, &now) != 0) {
      return absl::UnavailableError(
          absl::StrCat("cannot check '", name, "' after reading it: ", os_reason(errno)));
    }
    if (read_total != static_cast<std::uint64_t>(at_open.st_size)) {
      return changed(absl::StrCat(at_open.st_size, " bytes when opened, ", read_total, " read"));
    }
    if (now.st_size != at_open.st_size || now.st_ino != at_open.st_ino ||
        !same_time(now.st_mtim, at_open.st_mtim) || !same_time(now.st_ctim, at_open.st_ctim)) {
      return changed(absl::StrCat("modified during the read; ", now.st_size, " bytes now"));
    }
    return absl::OkStatus();
  }
};

InputFile::InputFile(std::unique_ptr<State> state) : state_(std::move(state)) {}
InputFile::InputFile(InputFile&&) noexcept = default;
InputFile& InputFile::operator=(InputFile&&) noexcept = default;
InputFile::~InputFile() = default;

bool InputFile::regular() const { return state_->regular; }
std::uint64_t InputFile::size() const {
  return state_->regular ? static_cast<std::uint64_t>(state_->at_open.st_size) : 0;
}
const std::string& InputFile::path() const { return state_->path; }
const std::string& InputFile::name() const { return state_->name; }

absl::StatusOr<InputFile> InputFile::open(const std::string& path, const FileReadOptions& options) {
  auto s = std::make_unique<State>();
  s->path = path;
  s->name = display_path(path, options);
  s->options = options;
  if (options.dash_is_stdin && path == "-") {
    // Standard input is shared with the parent: it is never made non-blocking (that would change
    // the shell's terminal too); poll() bounds the waits instead.
    s->fd = STDIN_FILENO;
    s->owns_fd = false;
  } else {
    // Non-blocking, so that opening a FIFO with no writer returns at once (reads then wait in
    // poll() with a timeout); without a controlling terminal taken over by a tty.
    s->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (s->fd < 0) {
      const int e = errno;
      const std::string message = absl::StrCat("cannot open '", s->name, "': ", os_reason(e));
      return e == ENOENT ? absl::NotFoundError(message) : absl::UnavailableError(message);
    }
  }
  if (::fstat(s->fd, &s->at_open) != 0) {
    return absl::UnavailableError(absl::StrCat("cannot open '", s->name, "': ", os_reason(errno)));
  }
  if (S_ISDIR(s->at_open.st_mode)) {
    return absl::UnavailableError(absl::StrCat("cannot read '", s->name, "': ", os_reason(EISDIR)));
  }
  // A regular file of size 0 may be a kernel file (/proc) whose size is not known: a stream.
  s->regular = S_ISREG(s->at_open.st_mode) && s->at_open.st_size > 0 && s->owns_fd;
  return InputFile(std::move(s));
}

absl::StatusOr<std::size_t> InputFile::read(char* buffer, std::size_t size) {
  State& s = *state_;
  if (s.eof || size == 0) return std::size_t{0};
  if (!s.regular) {
    // At most one byte past the limit is asked for, to tell "exactly at the limit" from "over".
    const std::uint64_t room = s.options.max_stream_bytes -
                               std::min<std::uint64_t>(s.read_total, s.options.max_stream_bytes);
    size = static_cast<std::size_t>(std::min<std::uint64_t>(size, room + 1));
  }
  while (true) {
    if (!s.regular) {
      pollfd p{s.fd, POLLIN, 0};
      const int ready = ::poll(&p, 1, s.options.stream_timeout_ms);
      if (ready < 0 && errno == EINTR) continue;
      if (ready < 0) {
        return absl::UnavailableError(
            absl::StrCat("error while waiting for '", s.name, "': ", os_reason(errno)));
      }
      if (ready == 0) {
        return absl::UnavailableError(absl::StrCat(
            "no data from '", s.name, "' for ", s.options.stream_timeout_ms / 1000.0,
            " seconds (a FIFO or pipe with nothing writing to it?); nothing was read"));
      }
    }
    const ssize_t n = ::read(s.fd, buffer, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && !s.regular) continue;
    if (n < 0) {
      return absl::UnavailableError(
          absl::StrCat("error while reading '", s.name, "': ", os_reason(errno)));
    }
    if (n == 0) {
      s.eof = true;
      if (s.regular) {
        if (absl::Status st = s.check_unchanged(); !st.ok()) return st;
      }
      return std::size_t{0};
    }
    const auto got = static_cast<std::size_t>(n);
    s.read_total += got;
    if (s.regular && s.read_total > static_cast<std::uint64_t>(s.at_open.st_size)) {
      return s.changed(absl::StrCat(s.at_open.st_size, " bytes when opened, and growing"));
    }
    if (!s.regular) {
      if (s.read_total > s.options.max_stream_bytes) {
        return absl::UnavailableError(absl::StrCat(
            "'", s.name, "' is a stream (a pipe, FIFO, device or standard input) longer than the ",
            "limit of ", s.options.max_stream_bytes,
            " bytes; nothing was read (save it to a file, or raise the limit)"));
      }
      if (s.options.stream_is_text) {
        if (const void* nul = std::memchr(buffer, '\0', got); nul != nullptr) {
          const std::uint64_t at =
              s.read_total - got +
              static_cast<std::uint64_t>(static_cast<const char*>(nul) - buffer);
          return absl::UnavailableError(
              absl::StrCat("'", s.name, "' holds a NUL byte at byte ", at,
                           ": it is not text (a device such as /dev/zero?); nothing was read"));
        }
      }
    }
    return got;
  }
}

absl::StatusOr<std::string> read_file(const std::string& path, const FileReadOptions& options) {
  auto file = InputFile::open(path, options);
  if (!file.ok()) return file.status();
  std::string text;
  if (file->regular()) {
    // One buffer of the file's size, read in place; then a last read that must find the end
    // where the size said (a file grown or cut meanwhile is an error, by InputFile).
    const auto size = static_cast<std::size_t>(file->size());
    text.reserve(size);
    detail::advise_huge_pages(text.data(), size);
    text.resize(size);
    std::size_t at = 0;
    while (at < size) {
      auto n = file->read(text.data() + at, size - at);
      if (!n.ok()) return n.status();
      if (*n == 0) break;  // cut short: InputFile has reported it
      at += *n;
    }
    char probe[1];
    auto n = file->read(probe, sizeof probe);
    if (!n.ok()) return n.status();
    return text;
  }
  // A stream: blocks appended until its end (the string grows by doubling, so at most about
  // twice what was read is held).
  constexpr std::size_t kBlock = std::size_t{1} << 16;
  while (true) {
    const std::size_t old = text.size();
    text.resize(old + kBlock);
    auto n = file->read(text.data() + old, kBlock);
    if (!n.ok()) return n.status();
    text.resize(old + *n);
    if (*n == 0) return text;
  }
}

}  // namespace qaframe
