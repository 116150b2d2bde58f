#pragma once
// A zip archive in memory, read with minizip, for the workbook reader (internal).
//
// Nothing the archive says about itself is trusted: an entry is inflated a chunk at a time and
// refused as soon as its output passes the per-entry limit, the archive's output passes the total
// limit, or its output grows too far past the compressed bytes actually consumed (a zip bomb).
// The sizes in the headers only ever refuse an entry early; they never admit one.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace qaframe::detail {

/// Bounds on what reading an archive may cost.
struct ZipLimits {
  std::uint64_t max_entry_bytes;  ///< inflated bytes of one entry
  std::uint64_t max_total_bytes;  ///< inflated bytes of all entries read, together
  std::uint64_t max_ratio;        ///< inflated bytes per compressed byte, past kRatioFloor
  /// Output below which the ratio is not checked (small entries compress unevenly).
  static constexpr std::uint64_t kRatioFloor = std::uint64_t{1} << 20;
  /// Most entries an archive may list.
  static constexpr std::size_t kMaxEntries = 65536;
};

/// A zip archive over bytes that outlive it. Entry names are matched as OPC part names are:
/// without regard to ASCII case, with '\' read as '/' and no leading '/'.
class ZipArchive {
 public:
  /// Receives inflated bytes in order; a non-OK status stops the reading with that status.
  using Sink = std::function<absl::Status(std::string_view chunk)>;

  /// Opens the archive; InvalidArgument saying why when it is not a readable zip archive.
  static absl::StatusOr<ZipArchive> open(std::string_view bytes, const ZipLimits& limits);
  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  /// True when the archive holds an entry of this name.
  bool contains(std::string_view name) const;
  /// The inflated size entry `name`'s header declares (not to be trusted beyond sizing buffers).
  std::optional<std::uint64_t> declared_size(std::string_view name) const;
  /// Entry names in archive order, as written.
  const std::vector<std::string>& names() const { return names_; }
  /// Inflates entry `name` into `sink`; InvalidArgument saying why the entry cannot be read
  /// (missing, encrypted, an unknown compression method, damaged, past a limit).
  absl::Status read(std::string_view name, const Sink& sink);
  /// The whole entry as text, refused past `max_bytes` as well as past the limits.
  absl::StatusOr<std::string> read_all(std::string_view name, std::uint64_t max_bytes);

  /// The archive's bytes as minizip reads them (defined in the source).
  struct Stream;

 private:
  struct Entry {
    std::uint64_t directory_offset;
    std::uint64_t index;
    std::uint64_t declared_size;
    std::uint64_t flags;
    std::uint64_t method;
  };
  ZipArchive() = default;

  std::unique_ptr<Stream> stream_;  // heap-held: minizip keeps its address
  void* file_ = nullptr;            // unzFile
  ZipLimits limits_{};
  std::uint64_t total_ = 0;
  std::vector<std::string> names_;
  absl::flat_hash_map<std::string, Entry> entries_;  // by normalised name
};

/// The OPC form of a part name: ASCII lower case, '\' as '/', without a leading '/'.
std::string normalised_part_name(std::string_view name);

}  // namespace qaframe::detail
