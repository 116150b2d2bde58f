#!/usr/bin/env bash
# Sets everything up, then prints the QA report on the bundled sample data, triangulation,
# improvement log and audit cycle included (or on the files and options given:
# scripts/report.sh path/to/audits.csv --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
if (($#)); then
  exec build/qaframe report "$@"
fi
S=data/sample
exec build/qaframe report $S/audits.csv --evidence-map $S/evidence_map.csv --survey $S/survey.csv \
  --performance $S/performance.csv --indicators $S/indicators.csv --log $S/improvement_log.csv \
  --actions $S/actions.csv --escalations $S/escalations.csv --teams $S/teams.csv \
  --as-of 2018-04-30
