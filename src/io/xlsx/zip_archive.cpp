#include "io/xlsx/zip_archive.hpp"

#include <minizip/unzip.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace qaframe::detail {

// The archive's bytes, read by minizip through the callbacks below. `pos` only ever grows while
// an entry is inflated, so it also measures the compressed bytes consumed.
struct ZipArchive::Stream {
  std::string_view bytes;
  std::uint64_t pos = 0;
};

namespace {

using Stream = ZipArchive::Stream;

voidpf open_stream(voidpf opaque, const void* /*filename*/, int mode) {
  return (mode & ZLIB_FILEFUNC_MODE_WRITE) != 0 ? nullptr : opaque;
}
uLong read_stream(voidpf /*opaque*/, voidpf stream, void* buf, uLong size) {
  auto* s = static_cast<ZipArchive::Stream*>(stream);
  const std::uint64_t left = s->bytes.size() - s->pos;
  const std::uint64_t n = std::min<std::uint64_t>(size, left);
  if (n > 0) std::memcpy(buf, s->bytes.data() + s->pos, n);
  s->pos += n;
  return static_cast<uLong>(n);
}
uLong write_stream(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T tell_stream(voidpf /*opaque*/, voidpf stream) {
  return static_cast<ZipArchive::Stream*>(stream)->pos;
}
long seek_stream(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* s = static_cast<ZipArchive::Stream*>(stream);
  const std::uint64_t size = s->bytes.size();
  std::uint64_t base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
      base = 0;
      break;
    case ZLIB_FILEFUNC_SEEK_CUR:
      base = s->pos;
      break;
    case ZLIB_FILEFUNC_SEEK_END:
      base = size;
      break;
    default:
      return -1;
  }
  // minizip seeks back from the end with offsets that wrap around (size + (-n)).
  const std::uint64_t target = base + offset;
  if (target > size) return -1;
  s->pos = target;
  return 0;
}
int close_stream(voidpf, voidpf) { return 0; }
int error_stream(voidpf, voidpf) { return 0; }

unzFile as_unz(void* f) { return static_cast<unzFile>(f); }

std::string mib(std::uint64_t bytes) {
  return bytes % (std::uint64_t{1} << 20) == 0 ? absl::StrCat(bytes >> 20, " MiB")
                                               : absl::StrCat(bytes, " bytes");
}

absl::Status damaged(std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(
      "the zip archive is damaged (", std::string(what),
      "): the file may have been cut off or corrupted in transfer; save or export it again"));
}

}  // namespace

std::string normalised_part_name(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '\\') c = '/';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  const std::size_t first = out.find_first_not_of('/');
  out.erase(0, first == std::string::npos ? out.size() : first);
  return out;
}

absl::StatusOr<ZipArchive> ZipArchive::open(std::string_view bytes, const ZipLimits& limits) {
  ZipArchive archive;
  archive.limits_ = limits;
  archive.stream_ = std::make_unique<Stream>();
  archive.stream_->bytes = bytes;
  zlib_filefunc64_def funcs{};
  funcs.zopen64_file = &open_stream;
  funcs.zread_file = &read_stream;
  funcs.zwrite_file = &write_stream;
  funcs.ztell64_file = &tell_stream;
  funcs.zseek64_file = &seek_stream;
  funcs.zclose_file = &close_stream;
  funcs.zerror_file = &error_stream;
  funcs.opaque = archive.stream_.get();
  archive.file_ = unzOpen2_64("memory", &funcs);
  if (archive.file_ == nullptr) {
    return absl::InvalidArgumentError(
        "it cannot be read as a zip archive: its central directory (at the end of the file) is "
        "missing or damaged; the file may have been cut off or corrupted in transfer");
  }
  unzFile f = as_unz(archive.file_);
  int rc = unzGoToFirstFile(f);
  while (rc == UNZ_OK) {
    if (archive.names_.size() >= ZipLimits::kMaxEntries) {
      return absl::InvalidArgumentError(absl::StrCat("the zip archive lists more than ",
                                                     ZipLimits::kMaxEntries,
                                                     " entries; no workbook has so many"));
    }
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(f, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
      return damaged("an unreadable directory entry");
    }
    std::string name(info.size_filename, '\0');
    if (unzGetCurrentFileInfo64(f, &info, name.data(), name.size(), nullptr, 0, nullptr, 0) !=
        UNZ_OK) {
      return damaged("an unreadable directory entry");
    }
    unz64_file_pos pos{};
    if (unzGetFilePos64(f, &pos) != UNZ_OK) return damaged("an unreadable directory entry");
    // The first entry of a name wins, as in minizip's own lookup.
    archive.entries_.try_emplace(normalised_part_name(name),
                                 Entry{pos.pos_in_zip_directory, pos.num_of_file,
                                       info.uncompressed_size, info.flag, info.compression_method});
    archive.names_.push_back(std::move(name));
    rc = unzGoToNextFile(f);
  }
  if (rc != UNZ_END_OF_LIST_OF_FILE) return damaged("its directory of entries is cut short");
  return archive;
}

ZipArchive::ZipArchive(ZipArchive&& other) noexcept
    : stream_(std::move(other.stream_)),
      file_(std::exchange(other.file_, nullptr)),
      limits_(other.limits_),
      total_(other.total_),
      names_(std::move(other.names_)),
      entries_(std::move(other.entries_)) {}

ZipArchive& ZipArchive::operator=(ZipArchive&& other) noexcept {
  if (this != &other) {
    if (file_ != nullptr) unzClose(as_unz(file_));
    stream_ = std::move(other.stream_);
    file_ = std::exchange(other.file_, nullptr);
    limits_ = other.limits_;
    total_ = other.total_;
    names_ = std::move(other.names_);
    entries_ = std::move(other.entries_);
  }
  return *this;
}

ZipArchive::~ZipArchive() {
  if (file_ != nullptr) unzClose(as_unz(file_));
}

bool ZipArchive::contains(std::string_view name) const {
  return entries_.contains(normalised_part_name(name));
}

std::optional<std::uint64_t> ZipArchive::declared_size(std::string_view name) const {
  auto it = entries_.find(normalised_part_name(name));
  if (it == entries_.end()) return std::nullopt;
  return it->second.declared_size;
}

absl::Status ZipArchive::read(std::string_view name, const Sink& sink) {
  auto it = entries_.find(normalised_part_name(name));
  if (it == entries_.end()) return absl::NotFoundError("the part is missing from the archive");
  const Entry& e = it->second;
  if ((e.flags & 1) != 0) {
    return absl::InvalidArgumentError(
        "the part is encrypted inside the zip archive (a zip password), which no workbook "
        "writer does; save the workbook again from Excel without encryption");
  }
  if (e.method != 0 && e.method != Z_DEFLATED) {
    return absl::InvalidArgumentError(
        absl::StrCat("the part is compressed with method ", e.method,
                     ", which workbooks do not use (only stored and deflated parts are read)"));
  }
  auto too_large = [&](std::uint64_t size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the part inflates to more than ", mib(limits_.max_entry_bytes), " (", size,
        " bytes or more), past the limit for one part (XlsxOptions::max_entry_bytes)"));
  };
  if (e.declared_size > limits_.max_entry_bytes) return too_large(e.declared_size);
  unzFile f = as_unz(file_);
  const unz64_file_pos pos{e.directory_offset, e.index};
  if (unzGoToFilePos64(f, &pos) != UNZ_OK) return damaged("an entry cannot be found again");
  if (unzOpenCurrentFile(f) != UNZ_OK) return damaged("the header of the part is unreadable");
  const std::uint64_t start = stream_->pos;
  std::uint64_t produced = 0;
  std::string buffer(std::size_t{1} << 16, '\0');
  absl::Status status;
  while (status.ok()) {
    const int n = unzReadCurrentFile(f, buffer.data(), static_cast<unsigned>(buffer.size()));
    if (n < 0) {
      status = damaged(n == Z_DATA_ERROR ? "the compressed data of the part is invalid"
                                         : "the compressed data of the part is cut short");
      break;
    }
    if (n == 0) break;
    produced += static_cast<std::uint64_t>(n);
    total_ += static_cast<std::uint64_t>(n);
    if (produced > limits_.max_entry_bytes) {
      status = too_large(produced);
      break;
    }
    if (total_ > limits_.max_total_bytes) {
      status = absl::InvalidArgumentError(
          absl::StrCat("the parts read inflate to more than ", mib(limits_.max_total_bytes),
                       " together, past the limit for a workbook (XlsxOptions::max_total_bytes)"));
      break;
    }
    const std::uint64_t consumed = std::max<std::uint64_t>(stream_->pos - start, 1);
    if (produced > ZipLimits::kRatioFloor && produced / consumed > limits_.max_ratio) {
      status = absl::InvalidArgumentError(absl::StrCat("the part inflates more than ",
                                                       limits_.max_ratio, " times over (", produced,
                                                       " bytes from ", consumed,
                                                       "), which only a zip bomb does; refused "
                                                       "(XlsxOptions::max_compression_ratio)"));
      break;
    }
    status = sink(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
  }
  const int closed = unzCloseCurrentFile(f);
  if (!status.ok()) return status;
  if (closed == UNZ_CRCERROR) return damaged("the checksum of the part does not match");
  if (closed != UNZ_OK) return damaged("the part cannot be closed");
  // minizip stops at the size the header declares; a shorter stream is damage too.
  if (produced != e.declared_size) return damaged("the part is shorter than its header says");
  return absl::OkStatus();
}

absl::StatusOr<std::string> ZipArchive::read_all(std::string_view name, std::uint64_t max_bytes) {
  std::string out;
  absl::Status s = read(name, [&](std::string_view chunk) {
    if (out.size() + chunk.size() > max_bytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("the part is larger than ", max_bytes, " bytes; refused"));
    }
    out.append(chunk);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace qaframe::detail
