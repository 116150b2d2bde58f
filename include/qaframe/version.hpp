#pragma once
/// @file version.hpp
/// The library's version.

namespace qaframe {
/// Version of the library, "major.minor.patch".
inline constexpr const char* kVersion = "0.1.0";
}  // namespace qaframe
