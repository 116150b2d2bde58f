#!/usr/bin/env bash
# Sets everything up, then runs the national-scale benchmark against pandas: ingest of a
# 1,000,000-row CSV, grade tables of 10,000,000 audits in memory, and memory per audit.
# Prints operation, qaframe time, pandas time, ratio, target and whether it is met. A few
# minutes; the generated CSV files are kept in $TMPDIR/qaframe-bench for later runs.
#   scripts/bench.sh                                   # the full run
#   scripts/bench.sh --rows 10000 --table-rows 100000  # a quick one (see --help)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
PYTHONPATH=python exec /usr/bin/python3 benchmarks/bench_ingest_tables.py "$@"
