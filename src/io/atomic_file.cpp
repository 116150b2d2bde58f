#include "qaframe/io/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "qaframe/io/file.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {
namespace {

std::string os_reason(int error) { return std::generic_category().message(error); }

// A name in `dir` for a temporary file beside `base`, hidden (a leading dot) and unique to this
// process and call; O_EXCL makes the creation fail rather than reuse a name someone else holds.
std::string temporary_name(const std::string& dir, const std::string& base, std::string_view what) {
  static std::atomic<unsigned> counter{0};
  return absl::StrCat(dir, "/.", base, sv(what), ".tmp.", ::getpid(), ".", counter.fetch_add(1));
}

// The folder and the file name of a path ("." for a bare name).
std::pair<std::string, std::string> split_path(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return {".", path};
  return {slash == 0 ? std::string("/") : path.substr(0, slash), path.substr(slash + 1)};
}

// Everything of `text` written to `fd`, through short writes and interruptions; the errno of a
// failure, 0 on success.
int write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) return EIO;  // no progress and no reason: do not loop for ever
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

int fsync_retry(int fd) {
  while (::fsync(fd) != 0) {
    if (errno != EINTR) return errno;
  }
  return 0;
}

}  // namespace

absl::Status write_file_atomically(const std::string& path, std::string_view text,
                                   const AtomicWriteOptions& options) {
  return write_file_atomically(
      path,
      [text](std::string& out) {
        out.append(text);
        return false;
      },
      options);
}

absl::Status write_file_atomically(const std::string& path, const TextPieces& pieces,
                                   const AtomicWriteOptions& options) {
  if (path.empty()) return absl::InvalidArgumentError("cannot write a file with an empty name");
  // The file a symbolic link names is the one replaced, so that the link stays a link.
  std::string target = path;
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    char* resolved = ::realpath(path.c_str(), nullptr);
    if (resolved == nullptr) {
      const int e = errno;
      return absl::UnavailableError(absl::StrCat(
          "cannot write '", path, "': ",
          e == ENOENT ? std::string("it is a symbolic link to a file that does not exist")
                      : os_reason(e),
          "; nothing was written"));
    }
    target = resolved;
    std::free(resolved);
  }
  const bool exists = ::stat(target.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) {
    return absl::UnavailableError(
        absl::StrCat("cannot write '", path, "': ", os_reason(errno), "; nothing was written"));
  }
  if (exists && !S_ISREG(st.st_mode)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot write '", path,
        "': ", S_ISDIR(st.st_mode) ? os_reason(EISDIR) : std::string("it is not a regular file"),
        "; it is unchanged"));
  }
  const std::string unchanged =
      exists ? absl::StrCat("; '", path, "' is unchanged") : std::string("; nothing was written");
  auto failure = [&](std::string_view step, int error) {
    return absl::UnavailableError(
        absl::StrCat("cannot write '", path, "' (", sv(step), "): ", os_reason(error), unchanged));
  };

  const auto [dir, base] = split_path(target);
  std::string temp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    temp = temporary_name(dir, base, "");
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                exists ? 0600 : options.new_file_mode);
    if (fd < 0 && errno != EEXIST) return failure("creating a temporary file beside it", errno);
  }
  if (fd < 0) return failure("creating a temporary file beside it", EEXIST);
  auto abandon = [&](std::string_view step, int error) {
    if (fd >= 0) ::close(fd);
    ::unlink(temp.c_str());
    return failure(step, error);
  };
  if (exists) {
    // The new version keeps the old one's permissions (and owner and group where allowed).
    if (::fchmod(fd, st.st_mode & 07777) != 0) return abandon("setting its permissions", errno);
    if (st.st_uid != ::geteuid() || st.st_gid != ::getegid())
      (void)::fchown(fd, st.st_uid, st.st_gid);
  }
  std::string piece;
  for (bool more = true; more;) {
    piece.clear();
    more = pieces(piece);
    if (int e = write_all(fd, piece); e != 0) return abandon("writing", e);
  }
  piece = std::string();
  if (options.durable) {
    if (int e = fsync_retry(fd); e != 0) return abandon("flushing to the disk", e);
  }
  const int closed = ::close(fd);
  fd = -1;
  if (closed != 0 && errno != EINTR) return abandon("closing", errno);

  if (options.keep_backup && exists) {
    // The old version becomes <target>.bak: a second name for the same file (a hard link) put in
    // place by rename, so that an older backup is replaced atomically too; where links are not
    // allowed, a copy written the same way.
    const std::string backup = absl::StrCat(target, sv(kBackupSuffix));
    const std::string link_temp = temporary_name(dir, base, kBackupSuffix);
    if (::link(target.c_str(), link_temp.c_str()) == 0) {
      if (::rename(link_temp.c_str(), backup.c_str()) != 0) {
        const int e = errno;
        ::unlink(link_temp.c_str());
        return abandon(absl::StrCat("keeping the old version as ", backup), e);
      }
    } else {
      auto old = read_file(target);
      if (!old.ok()) return abandon(absl::StrCat("keeping the old version as ", backup), EIO);
      AtomicWriteOptions copy;
      copy.new_file_mode = st.st_mode & 07777;
      copy.durable = options.durable;
      if (absl::Status s = write_file_atomically(backup, *old, copy); !s.ok()) {
        ::unlink(temp.c_str());
        return absl::UnavailableError(absl::StrCat("cannot keep the old version of '", path,
                                                   "' as ", backup, ": ", s.message(), unchanged));
      }
    }
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) return abandon("replacing it", errno);
  if (options.durable) {
    // The rename is durable only once the folder is: flush it (some file systems cannot).
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      const int e = fsync_retry(dfd);
      ::close(dfd);
      if (e != 0 && e != EINVAL && e != ENOTSUP) {
        return absl::UnavailableError(absl::StrCat("'", path,
                                                   "' was written, but flushing its folder to the "
                                                   "disk failed: ",
                                                   os_reason(e),
                                                   "; a power cut now could lose the change"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace qaframe
