#!/usr/bin/env bash
# Lifetimes the compiler checks (issue 20, item 3): each case of tests/compile_fail/*.cpp takes a
# view, reference or pointer from a temporary AuditSet (or Categorical) and must not compile,
# with g++ and with clang++, because the accessor's rvalue overload is deleted; case 0, the same
# calls on a named set, must compile. Usage: scripts/compile_fail.sh [build dir] (for the
# generated version header; default build).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
flags=(-std=c++20 -fsyntax-only -Wall -Wextra -Werror -Iinclude "-I$build/generated/include"
       -isystem /usr/include/eigen3)
for compiler in g++ clang++; do
  for file in tests/compile_fail/*.cpp; do
    cases=$(grep -o '^#elif CASE == [0-9]*' "$file" | awk '{print $4}')
    if ! out=$("$compiler" "${flags[@]}" -DCASE=0 "$file" 2>&1); then
      echo "$compiler: $file case 0 (a named set) does not compile:" >&2
      echo "$out" >&2
      exit 1
    fi
    for c in $cases; do
      if out=$("$compiler" "${flags[@]}" -DCASE="$c" "$file" 2>&1); then
        echo "$compiler: $file case $c compiled: a view from a temporary must not" >&2
        exit 1
      fi
      if ! grep -q "deleted" <<<"$out"; then
        echo "$compiler: $file case $c failed, but not on a deleted overload:" >&2
        echo "$out" >&2
        exit 1
      fi
    done
    echo "$compiler: $file: case 0 compiles, cases $(echo $cases | tr '\n' ' ')fail on deleted overloads"
  done
done
