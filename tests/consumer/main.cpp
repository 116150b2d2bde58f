// Reads an audit file with the installed library, checks the headline of the seed report and
// suppresses a small table (which needs GLPK on the link line). Given a bad file as well, reads
// it first with the same Diagnostics as the good one, whole and in chunks, as a nightly service
// would: the good file must load all the same (nothing carried over).
#include <iostream>
#include <string>

#include "qaframe/publish/disclosure.hpp"
#include "qaframe/qaframe.hpp"
#include "qaframe/readers/audits_csv.hpp"

namespace {
// The bad file then the good one, with one Diagnostics: the good reads (whole, and in chunks of
// five rows) must succeed; true when they do.
bool bad_then_good(const std::string& bad, const std::string& good) {
  qaframe::Diagnostics diag;
  if (qaframe::read_audits_csv(bad, {}, &diag).ok() || diag.ok()) return false;
  auto whole = qaframe::read_audits_csv(good, {}, &diag);
  if (!whole.ok()) return false;
  auto chunks = qaframe::AuditChunkReader::open(bad, 5, {}, &diag);
  while (chunks.ok()) {
    auto c = chunks->next(&diag);
    if (c.ok() && !c->has_value()) break;
  }
  chunks = qaframe::AuditChunkReader::open(good, 5, {}, &diag);
  if (!chunks.ok()) return false;
  std::size_t audits = 0;
  for (;;) {
    auto c = chunks->next(&diag);
    if (!c.ok()) return false;
    if (!c->has_value()) break;
    audits += (*c)->size();
  }
  std::cout << "consumer: bad file then good: " << whole->size() << " audits whole, " << audits
            << " in chunks\n";
  return audits == whole->size();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) return 1;
  if (argc == 3 && !bad_then_good(argv[2], argv[1])) {
    std::cerr << "consumer: the good file did not load after the bad one\n";
    return 3;
  }
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
            << qaframe::headlines(p.counts, p.scale, good).value()[0].text()
            << (ok ? ": ok" : ": WRONG") << "\n";
  return ok ? 0 : 1;
}
