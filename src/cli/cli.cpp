#include "qaframe/cli/cli.hpp"

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
  auto settings = detail::settings_from(a);
  if (!settings.ok()) return fail(settings.status(), kExitFailure);
  Diagnostics diag(a.max_problems);
  auto audits = detail::load_audits(a, *settings, diag);
  if (!audits.ok()) {
    return fail(audits.status(),
                absl::IsInvalidArgument(audits.status()) ? kExitBadInput : kExitFailure);
  }
  auto with_periods = detail::add_periods(*std::move(audits), *settings);
  if (!with_periods.ok()) return fail(with_periods.status(), kExitFailure);
  auto threshold = detail::threshold_from(a, *with_periods);
  if (!threshold.ok()) return fail(threshold.status(), kExitFailure);
  if (a.command == "validate") return detail::run_validate(a, *with_periods, out);
  if (a.command == "profile")
    return detail::run_profile(a, *settings, *with_periods, *threshold, out, err);
  if (a.command == "crosstab") return detail::run_crosstab(a, *settings, *with_periods, out, err);
  return detail::run_report(a, *settings, *with_periods, diag, out, err);
}

}  // namespace qaframe
