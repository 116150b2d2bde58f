#!/usr/bin/env bash
# Sets everything up, then prints the QA report on the bundled sample data (or on the files and
# options given: scripts/report.sh path/to/audits.csv --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
if (($#)); then
  exec build/qaframe report "$@"
fi
exec build/qaframe report data/sample/audits.csv
