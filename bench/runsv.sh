#!/usr/bin/env bash
# runsv, runnel vs C, in one run: idle private memory of 200 runsv, restart
# latency after kill -9, CPU per restart over 10,000 restarts.
# Usage: bench/runsv.sh [services=200] [restarts_per_service=50]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x out/bin/runsv ] || ./build.sh
c=$(bash tests/compat/fetch-c-runit.sh)
exec python3 bench/runsv.py "$c/usr/bin/runsv" "$PWD/out/bin/runsv" "${1:-200}" "${2:-50}"
