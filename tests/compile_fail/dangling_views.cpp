// Views from a temporary AuditSet must not compile (issue 20, item 3): scripts/compile_fail.sh
// compiles this file once per case with -DCASE=<n>, with g++ and clang++, and requires each to
// fail with a use of a deleted function; CASE=0 (the same calls on a named set) must compile, so
// that a failure is the deleted overload and nothing else.
#include <string_view>
#include <utility>

#include "qaframe/model/audit_set.hpp"
#include "qaframe/readers/audits_csv.hpp"

int main() {
#if CASE == 0
  const qaframe::AuditSet set = *qaframe::read_audits_csv("audits.csv");
  const auto id = set.audit_id(0);
  const std::string_view fast = set.audit_id_unchecked(0);
  const auto grades = set.grades();
  const auto team = set.categorical("team");
  const auto& levels = (*team)->levels();
  return static_cast<int>(id.ok() + fast.size() + grades.size() + levels.size());
#elif CASE == 1
  // The reader's result, dereferenced: the set is a temporary, destroyed at the semicolon.
  const auto id = (*qaframe::read_audits_csv("audits.csv")).audit_id(0);
  return static_cast<int>(id.ok());
#elif CASE == 2
  const std::string_view id = qaframe::read_audits_csv("audits.csv").value().audit_id_unchecked(0);
  return static_cast<int>(id.size());
#elif CASE == 3
  const auto grades = qaframe::AuditSet().grades();
  return static_cast<int>(grades.size());
#elif CASE == 4
  qaframe::AuditSet set;
  const auto& columns = std::move(set).columns();
  return static_cast<int>(columns.size());
#elif CASE == 5
  const auto team = qaframe::AuditSet().categorical("team");
  return static_cast<int>(team.ok());
#elif CASE == 6
  // Levels of a temporary column.
  const auto& levels = qaframe::Categorical().levels();
  return static_cast<int>(levels.size());
#elif CASE == 7
  const auto column = qaframe::AuditSet().grade_column("grade");
  return static_cast<int>(column.ok());
#endif
}
