#pragma once
/// @file cli.hpp
/// The `qaframe` command line, shared by the C++ program and `python -m qaframe`.

#include <ostream>
#include <string>
#include <vector>

namespace qaframe {

/// Exit codes of the command line.
enum ExitCode : int {
  kExitOk = 0,        ///< done
  kExitFailure = 1,   ///< anything else (usage, unreadable file, internal error)
  kExitBadInput = 2,  ///< the input data is invalid; every problem is on stderr
};

/// Runs the command line with `args` (without the program name), writing results to `out` and
/// messages to `err`; returns the exit code. Subcommands: report, crosstab, profile, validate.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace qaframe
