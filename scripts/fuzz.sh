#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ with clang (ASan + UBSan) into build-fuzz/ and runs
# each for a bounded time, starting from its seed corpus in tests/fuzz/corpus/<name>/.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default 600 s each, every target
#   FUZZ_JOBS=2 scripts/fuzz.sh 600            two targets at a time
#   FUZZ_WORK=/tmp/qaframe-fuzz                where new inputs, crashes and logs go (not the repo)
# A crash leaves its input in $FUZZ_WORK/artifacts/<name>/; minimise it with
#   build-fuzz/fuzz_<name> -minimize_crash=1 -runs=100000 CRASH
# fix the bug, and keep the input in tests/fuzz/regressions/<name>/ (replayed by the C++ tests).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
work="${FUZZ_WORK:-/tmp/qaframe-fuzz}"
jobs="${FUZZ_JOBS:-1}"

command -v clang++ >/dev/null || { echo "fuzz: clang++ is needed (apt-get install clang)"; exit 1; }
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DQAFRAME_BUILD_FUZZERS=ON -DQAFRAME_BUILD_TESTS=OFF -DQAFRAME_BUILD_PYTHON=OFF \
  -DQAFRAME_BUILD_CLI=OFF -DQAFRAME_WERROR=ON >/dev/null
targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in tests/fuzz/fuzz_*.cpp; do
    n="$(basename "$f" .cpp)"
    targets+=("${n#fuzz_}")
  done
fi
cmake --build build-fuzz -j2 --target "${targets[@]/#/fuzz_}"

run_one() {
  local name="$1"
  local corpus="$work/corpus/$name" artifacts="$work/artifacts/$name/" log="$work/logs/$name.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  local dict=()
  [ -f "tests/fuzz/dict/$name.dict" ] && dict=("-dict=tests/fuzz/dict/$name.dict")
  # New inputs go to the scratch corpus (first directory); the seeds are read, never written.
  nice -n 10 "build-fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts" "${dict[@]}" \
    "$corpus" "tests/fuzz/corpus/$name" >"$log" 2>&1 && status=ok || status="FAILED (exit $?)"
  local done_line runs
  done_line="$(grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)' "$log" | tail -1 || true)"
  runs="$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' || true)"
  echo "fuzz_$name: $status; ${seconds}s; ${runs:-?} runs; ${done_line#*cov}; log $log"
}

failed=0
if ((jobs > 1)); then
  pids=()
  for t in "${targets[@]}"; do
    run_one "$t" &
    pids+=($!)
    while (($(jobs -rp | wc -l) >= jobs)); do sleep 5; done
  done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
else
  for t in "${targets[@]}"; do run_one "$t"; done
fi
if ls "$work"/artifacts/*/crash-* "$work"/artifacts/*/leak-* "$work"/artifacts/*/timeout-* \
  "$work"/artifacts/*/oom-* >/dev/null 2>&1; then
  echo "fuzz: inputs that failed are in $work/artifacts/"
  failed=1
fi
exit "$failed"
