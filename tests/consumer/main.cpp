// Reads an audit file with the installed library, checks the headline of the seed report and
// suppresses a small table (which needs GLPK on the link line).
#include <iostream>

#include "qaframe/publish/disclosure.hpp"
#include "qaframe/qaframe.hpp"
#include "qaframe/readers/audits_csv.hpp"

int main(int argc, char** argv) {
  if (argc != 2) return 1;
  auto audits = qaframe::read_audits_csv(argv[1]);
  if (!audits.ok()) {
    std::cerr << audits.status().message() << "\n";
    return 2;
  }
  const qaframe::GradeProfile p = qaframe::profile(*audits);
  const auto good = p.scale.good_from();
  bool ok = p.counts.n() == 118 && p.counts.count_below(good) == 35 &&
            qaframe::rounded_percent(p.counts.count_below(good), p.counts.n_graded()) == 38;
  // Secondary suppression links GLPK through the exported target: one small cell, a rectangle.
  auto suppressed = qaframe::suppress_counts(
      qaframe::CountTable{3, 3, {2, 10, 12, 9, 11, 14, 15, 13, 20}, qaframe::Margins{}});
  ok = ok && suppressed.ok() && suppressed->secondary_count() == 3;
  std::cout << "consumer: " << p.counts.n() << " audits, "
            << qaframe::headlines(p.counts, p.scale, good)[0].text() << (ok ? ": ok" : ": WRONG")
            << "\n";
  return ok ? 0 : 1;
}
