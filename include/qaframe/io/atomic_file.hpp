#pragma once
/// @file atomic_file.hpp
/// Writing a file so that it is never lost: the whole text goes to a new temporary file in the
/// target's folder, which is flushed to the disk and then renamed over the target, and the folder
/// is flushed too. Whatever happens (a crash, a kill, a full disk, a read-only folder), the
/// target is either the old file, complete, or the new one, complete; a failure leaves the old
/// file untouched, removes the temporary file, and names the path and the operating system's
/// reason ("No space left on device"). Every file the library writes goes through here.

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace qaframe {

/// How a file is written.
struct AtomicWriteOptions {
  /// Keep the file being replaced as `<path>.bak` (replaced in turn, also atomically): the
  /// previous version of a file that people maintain, such as the improvement log.
  bool keep_backup = false;
  /// Permission bits of a new file (the process's umask applies); a replaced file keeps its own.
  unsigned new_file_mode = 0666;
  /// Flush the file and its folder to the disk before returning (fsync). Only tests that write
  /// thousands of scratch files turn it off: without it a power cut may lose the new version.
  bool durable = true;
};

/// The suffix of the backup kept by AtomicWriteOptions::keep_backup.
inline constexpr std::string_view kBackupSuffix = ".bak";

/// Writes `text` to `path` atomically and durably (see the file comment). A symbolic link is
/// followed, so that the file it names is replaced and the link kept. Unavailable naming the path
/// and the reason on failure, saying that the old file is unchanged; FailedPrecondition when the
/// target exists and is not a regular file (a directory, a device).
absl::Status write_file_atomically(const std::string& path, std::string_view text,
                                   const AtomicWriteOptions& options = {});

/// The text of a file produced piece by piece: each call appends the next piece to `out` (empty
/// on entry) and returns false after the last one. A large file (a log of 100,000 KLOEs) is then
/// never held whole in memory beside what it is written from.
using TextPieces = std::function<bool(std::string& out)>;

/// Writes the pieces `pieces` produces to `path`, atomically and durably, as above.
absl::Status write_file_atomically(const std::string& path, const TextPieces& pieces,
                                   const AtomicWriteOptions& options = {});

}  // namespace qaframe
