#include "qaframe/io/file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "model/memory_helpers.hpp"

namespace qaframe {

absl::StatusOr<std::string> read_file(const std::string& path) {
  // A directory opens as a stream that reads nothing: it would pass for an empty file.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return absl::UnavailableError(absl::StrCat("cannot read '", path, "': it is a directory"));
  }
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot open '", path, "'"));
  // A file of known size is read in one piece into one buffer (a growing stream buffer copied
  // the text several times); anything else (a pipe) is read as a stream.
  const std::streamoff size = file.tellg();
  if (size > 0) {
    std::string text;
    text.reserve(static_cast<std::size_t>(size));
    detail::advise_huge_pages(text.data(), static_cast<std::size_t>(size));
    text.resize(static_cast<std::size_t>(size));
    file.seekg(0);
    file.read(text.data(), size);
    if (file.gcount() == size && !file.bad()) return text;
    file.clear();
  }
  file.seekg(0);
  std::ostringstream buffer;
  buffer << file.rdbuf();
  if (file.bad()) return absl::UnavailableError(absl::StrCat("error while reading '", path, "'"));
  return std::move(buffer).str();
}

}  // namespace qaframe
