#pragma once
/// @file fuzz_target.hpp
/// The one-line harness shared by the fuzz targets in tests/fuzz/.
///
/// A target is one file, `fuzz_<name>.cpp`, with a body written once:
///
///     #include "fuzz_target.hpp"
///     QAFRAME_FUZZ_TARGET(name) {        // `data` is a std::string_view of the input
///       auto r = qaframe::parse_something(data);
///       QAFRAME_FUZZ_CHECK(r.ok() || !r.status().message().empty());
///     }
///
/// and a seed corpus in tests/fuzz/corpus/<name>/. Built with QAFRAME_FUZZER (the CMake option
/// QAFRAME_BUILD_FUZZERS, clang only), the body becomes a libFuzzer entry point and each file one
/// program, build-fuzz/fuzz_<name>. In the doctest suite the same body is registered under its
/// name, and test_fuzz_corpus.cpp replays every file of corpus/<name>/ and regressions/<name>/
/// through it, so the seeds and every crash ever found stay tested by the ordinary test command
/// (and under the sanitizer build). A broken invariant throws, which libFuzzer reports as a crash
/// and the replay as a failed test naming the file.

#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace qaframe::fuzz {

/// The body of a fuzz target: takes any bytes, must never crash, hang or break an invariant.
using Target = void (*)(std::string_view data);

/// Every target compiled into this program, by name (the doctest suite holds them all).
inline std::map<std::string, Target>& targets() {
  static std::map<std::string, Target> registry;
  return registry;
}

/// Registers a target at static initialisation.
struct Registration {
  Registration(const char* name, Target target) { targets()[name] = target; }
};

/// Thrown when an invariant does not hold.
struct InvariantBroken : std::logic_error {
  using std::logic_error::logic_error;
};

}  // namespace qaframe::fuzz

/// Fails the current input when `condition` is false (a crash to libFuzzer, a failed test to the
/// replay), naming the condition and where it is.
#define QAFRAME_FUZZ_CHECK(condition)                                                     \
  do {                                                                                    \
    if (!(condition)) {                                                                   \
      throw ::qaframe::fuzz::InvariantBroken(std::string(__FILE__ ":") +                  \
                                             std::to_string(__LINE__) + ": " #condition); \
    }                                                                                     \
  } while (false)

#ifdef QAFRAME_FUZZER
#define QAFRAME_FUZZ_TARGET(name)                                                      \
  static void qaframe_fuzz_body(std::string_view data);                                \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) { \
    qaframe_fuzz_body(std::string_view(reinterpret_cast<const char*>(bytes), size));   \
    return 0;                                                                          \
  }                                                                                    \
  static void qaframe_fuzz_body(std::string_view data)
#else
#define QAFRAME_FUZZ_TARGET(name)                                              \
  static void qaframe_fuzz_body_##name(std::string_view data);                 \
  static const ::qaframe::fuzz::Registration qaframe_fuzz_registration_##name( \
      #name, &qaframe_fuzz_body_##name);                                       \
  static void qaframe_fuzz_body_##name(std::string_view data)
#endif
