#include "qaframe/tally/moderation_tally.hpp"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "qaframe/model/text.hpp"

namespace qaframe {

namespace {

// Direction counts of the pairs grouped by a categorical column, in order of first appearance.
std::vector<DirectionCounts> directions_by(const Categorical& column, std::span<const Grade> a,
                                           std::span<const Grade> b, std::size_t k) {
  std::vector<DirectionCounts> rows(column.levels().size());
  std::vector<std::uint32_t> order;
  std::vector<bool> seen(rows.size(), false);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] >= k || b[i] >= k) continue;
    const std::uint32_t c = column.codes()[i];
    if (!seen[c]) {
      seen[c] = true;
      order.push_back(c);
    }
    DirectionCounts& r = rows[c];
    ++r.pairs;
    if (b[i] > a[i]) ++r.raised;
    if (b[i] < a[i]) ++r.lowered;
    if (b[i] == a[i]) ++r.agreed;
  }
  std::vector<DirectionCounts> out;
  for (std::uint32_t c : order) {
    rows[c].label = std::string(column.levels()[c]);
    out.push_back(std::move(rows[c]));
  }
  return out;
}

void add(DirectionCounts& to, const DirectionCounts& from) {
  to.pairs += from.pairs;
  to.agreed += from.agreed;
  to.raised += from.raised;
  to.lowered += from.lowered;
}

// Rows of `from` added into `to` by label; new labels appended in their order.
template <typename Row, typename Label, typename Add>
void merge_rows(std::vector<Row>& to, const std::vector<Row>& from, Label label, Add add_row) {
  absl::flat_hash_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < to.size(); ++i) index.emplace(label(to[i]), i);
  for (const Row& r : from) {
    auto it = index.find(label(r));
    if (it == index.end()) {
      index.emplace(label(r), to.size());
      to.push_back(r);
    } else {
      add_row(to[it->second], r);
    }
  }
}

}  // namespace

ModerationTally ModerationTally::empty(GradeScale scale) {
  ModerationTally t;
  const std::size_t k = scale.size();
  t.scale = std::move(scale);
  t.table.assign(k + 1, std::vector<std::int64_t>(k + 1, 0));
  return t;
}

absl::StatusOr<ModerationTally> ModerationTally::of(const AuditSet& audits) {
  auto moderated_column = audits.grade_column(AuditColumns::kModeratedGrade);
  if (!moderated_column.ok()) {
    return absl::FailedPreconditionError(
        "the audits have no moderated_grade column: add one, or join a moderation file");
  }
  const std::span<const Grade> original = audits.grades();
  const std::span<const Grade> moderated = moderated_column->grades;
  ModerationTally t = empty(audits.scale());
  const std::size_t k = t.scale.size();
  t.audits = static_cast<std::int64_t>(audits.size());

  // Coverage by programme.
  auto programme = audits.categorical(AuditColumns::kProgramme);
  std::vector<std::int64_t> index;
  if (programme.ok()) index.assign((*programme)->levels().size(), -1);
  for (std::size_t i = 0; i < audits.size(); ++i) {
    std::size_t row = 0;
    if (programme.ok()) {
      const std::uint32_t c = (*programme)->codes()[i];
      if (index[c] < 0) {
        index[c] = static_cast<std::int64_t>(t.coverage.size());
        t.coverage.push_back({std::string((*programme)->levels()[c]), 0, 0});
      }
      row = static_cast<std::size_t>(index[c]);
    } else if (t.coverage.empty()) {
      t.coverage.push_back({"All", 0, 0});
    }
    ++t.coverage[row].audits;
    if (moderated[i] != kNotRecorded) ++t.coverage[row].moderated;
  }

  // The full table (with N/A) and the pairs graded by both.
  for (std::size_t i = 0; i < audits.size(); ++i) {
    if (moderated[i] == kNotRecorded) continue;
    ++t.moderated;
    const std::size_t a = original[i] == kNotApplicable ? k : original[i];
    const std::size_t b = moderated[i] == kNotApplicable ? k : moderated[i];
    ++t.table[a][b];
    if (a < k && b < k) ++t.pairs;
  }

  auto all = Categorical(std::make_shared<std::vector<std::string>>(1, "All"),
                         std::vector<std::uint32_t>(audits.size(), 0));
  std::vector<DirectionCounts> overall = directions_by(all, original, moderated, k);
  if (!overall.empty()) t.overall = overall.front();
  if (auto auditor = audits.categorical(AuditColumns::kAuditor); auditor.ok()) {
    t.has_auditor = true;
    t.by_auditor = directions_by(**auditor, original, moderated, k);
  }
  if (auto team = audits.categorical(AuditColumns::kTeam); team.ok()) {
    t.has_team = true;
    t.by_team = directions_by(**team, original, moderated, k);
  }
  return t;
}

absl::Status ModerationTally::merge(const ModerationTally& other) {
  if (!(scale == other.scale)) {
    return absl::InvalidArgumentError(absl::StrCat("cannot merge moderation tallies on scales '",
                                                   scale.name(), "' and '", other.scale.name(),
                                                   "'"));
  }
  audits += other.audits;
  moderated += other.moderated;
  pairs += other.pairs;
  for (std::size_t a = 0; a < table.size(); ++a)
    for (std::size_t b = 0; b < table.size(); ++b) table[a][b] += other.table[a][b];
  merge_rows(
      coverage, other.coverage, [](const CoverageCounts& c) { return c.programme; },
      [](CoverageCounts& to, const CoverageCounts& from) {
        to.audits += from.audits;
        to.moderated += from.moderated;
      });
  add(overall, other.overall);
  auto label = [](const DirectionCounts& d) { return d.label; };
  merge_rows(by_auditor, other.by_auditor, label, add);
  merge_rows(by_team, other.by_team, label, add);
  has_auditor = has_auditor || other.has_auditor;
  has_team = has_team || other.has_team;
  return absl::OkStatus();
}

}  // namespace qaframe
