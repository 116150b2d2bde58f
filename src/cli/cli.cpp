#include "qaframe/cli/cli.hpp"

#include <sstream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/version.hpp"

namespace qaframe {

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  for (const std::string& a : args) {
    if (a == "-h" || a == "--help") {
      out << detail::kUsage;
      return kExitOk;
    }
    if (a == "--version") {
      out << "qaframe " << kVersion << "\n";
      return kExitOk;
    }
  }
  auto parsed = detail::parse_args(args);
  if (!parsed.ok()) {
    err << "qaframe: " << neutralise_controls(std::string(parsed.status().message())) << "\n\n"
        << detail::kUsage;
    return kExitFailure;
  }
  const detail::Args& a = *parsed;
  auto fail = [&](const absl::Status& status, int code) {
    err << "qaframe: " << neutralise_controls(std::string(status.message())) << "\n";
    return code;
  };
  std::ostringstream buffer;
  std::ostream& sink = a.output ? static_cast<std::ostream&>(buffer) : out;
  auto write_output = [&] {
    const absl::Status written = a.format == "pdf"
                                     ? detail::write_pdf(*a.output, buffer.str())
                                     : detail::write_output_file(*a.output, buffer.str());
    return written.ok() ? kExitOk : fail(written, kExitFailure);
  };
  if (a.command == "init-profile") {
    const int code = detail::run_init_profile(a, sink, err);
    return code != kExitOk || !a.output ? code : write_output();
  }
  auto settings = detail::settings_from(a);
  if (!settings.ok()) return fail(settings.status(), kExitFailure);
  Diagnostics diag(a.max_problems);
  auto audits = detail::load_audits(a, *settings, diag);
  // What the readers chose for themselves (a separator, an encoding) is said, never silent.
  for (const std::string& note : diag.remarks())
    err << "qaframe: note: " << neutralise_controls(note) << "\n";
  if (!audits.ok()) return detail::fail_on_input(a, diag, audits.status(), out, err);
  auto with_periods = detail::add_periods(*std::move(audits), *settings);
  if (!with_periods.ok()) return fail(with_periods.status(), kExitFailure);
  with_periods = detail::filter_periods(*std::move(with_periods), *settings);
  if (!with_periods.ok()) return detail::fail_on_input(a, diag, with_periods.status(), out, err);
  auto threshold = detail::threshold_from(a, *with_periods);
  if (!threshold.ok()) return fail(threshold.status(), kExitFailure);
  // With --output the result is collected, then written to the file whole.
  int code = kExitOk;
  if (a.command == "validate") {
    code = detail::run_validate(a, *with_periods, sink);
  } else if (a.command == "profile") {
    code = detail::run_profile(a, *settings, *with_periods, *threshold, sink, err);
  } else if (a.command == "crosstab") {
    code = detail::run_crosstab(a, *settings, *with_periods, sink, err);
  } else if (a.command == "actions" || a.command == "programme" || a.command == "sample") {
    code = detail::run_cycle_command(a, *settings, *with_periods, diag, sink, err);
  } else {
    code = detail::run_report(a, *settings, *with_periods, diag, sink, err);
  }
  // Problems as JSON go to standard output even with --output, which gets nothing on failure.
  if (code == kExitBadInput && a.output && a.format == "json") out << buffer.str();
  if (code != kExitOk || !a.output) return code;
  return write_output();
}

}  // namespace qaframe
