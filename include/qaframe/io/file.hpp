#pragma once
/// @file file.hpp
/// Reading files safely: into memory with read(2), never mapped (a mapped file cut by another
/// program kills the reader with SIGBUS); a regular file that changes while it is read is an
/// error, not a mixture of two versions; pipes, FIFOs, character devices and standard input are
/// read as streams up to a size limit, waiting for data at most a stated time; every error names
/// the path and the operating system's reason.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace qaframe {

/// How files are read.
struct FileReadOptions {
  /// Most bytes read from a stream (a pipe, FIFO, character device or standard input), whose
  /// size is not known in advance: an endless stream (`/dev/zero`, `yes`) stops here with an
  /// error. Regular files are not limited: their size is known before they are read.
  std::size_t max_stream_bytes = std::size_t{1} << 30;  // 1 GiB
  /// Longest wait for data from a stream, in milliseconds (a FIFO with no writer, a stalled
  /// pipe); then an error saying so. Negative: wait for ever.
  int stream_timeout_ms = 30'000;
  /// A stream is text: a NUL byte stops reading it at once with an error (`/dev/zero`), rather
  /// than after max_stream_bytes.
  bool stream_is_text = true;
  /// "-" names standard input (the command line's convention), not a file called "-".
  bool dash_is_stdin = false;
};

/// The name of a path in messages: "standard input" for "-" read as standard input.
std::string display_path(const std::string& path, const FileReadOptions& options = {});

/// A file opened for reading, block by block, with the checks of read_file. Regular files are
/// checked for change when the end is reached (size, modification and status-change times);
/// streams are limited in size and waited for with a timeout. Not copyable; movable.
class InputFile {
 public:
  /// Opens `path`. NotFound when it does not exist; Unavailable naming the OS reason otherwise
  /// (a directory, permission denied, a loop of symbolic links, ...).
  static absl::StatusOr<InputFile> open(const std::string& path,
                                        const FileReadOptions& options = {});
  InputFile(InputFile&&) noexcept;
  InputFile& operator=(InputFile&&) noexcept;
  ~InputFile();

  /// Reads up to `size` bytes into `buffer`: the count read, 0 at the end of the file (after
  /// checking that a regular file did not change while it was read). Unavailable, naming the
  /// path, on a read error, a change, a stream past its size limit, silent past the timeout, or
  /// holding a NUL byte when it is text.
  absl::StatusOr<std::size_t> read(char* buffer, std::size_t size);
  /// True for a regular file (its size known in advance), false for a stream.
  bool regular() const;
  /// The size of a regular file when it was opened (0 for a stream).
  std::uint64_t size() const;
  /// The path as given, and as named in messages.
  const std::string& path() const;
  const std::string& name() const;

 private:
  struct State;
  explicit InputFile(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

/// Reads a whole file into memory (see InputFile): NotFound / Unavailable naming the path and the
/// reason on failure.
absl::StatusOr<std::string> read_file(const std::string& path, const FileReadOptions& options = {});

}  // namespace qaframe
