#pragma once
/// @file file.hpp
/// Reading whole files into memory, with the path named in every error.

#include <string>

#include "absl/status/statusor.h"

namespace qaframe {

/// Reads a whole file into memory; NotFound / Unavailable naming the path on failure.
absl::StatusOr<std::string> read_file(const std::string& path);

}  // namespace qaframe
