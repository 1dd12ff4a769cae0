#!/usr/bin/env bash
# svls benchmark: one overview of N services against `sv status` of the same N
# services in one call (C sv and runnel sv), same run. The services are fake
# supervise/ dirs (status record, ok FIFO held open by this script, so every
# client sees a runsv), half with a log/ service.
# Usage: bench/svls.sh [N] [K]     (needs ./build.sh and tests/compat/fetch-c-runit.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-500}; K=${2:-20}
C=$(bash tests/compat/fetch-c-runit.sh)/usr/bin
R=$PWD/out/bin
[ -x "$R/svls" ] || { echo "bench/svls.sh: run ./build.sh first" >&2; exit 1; }
ulimit -n $((N * 2 + 64))
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# 20-byte status record: TAI64N now, pid 100, not paused, want up, no TERM, run.
tai=$(printf '%016x' $(( (1 << 62) + 10 + $(date +%s) )))
rec() { printf "$(echo "$tai" | sed 's/../\\x&/g')\\x00\\x00\\x00\\x00\\x64\\x00\\x00\\x00\\x00u\\x00\\x01" >"$1/supervise/status"; }
fake() { mkdir -p "$1/supervise"; mkfifo "$1/supervise/ok"; exec {fd}<>"$1/supervise/ok"; rec "$1"; }
for ((i = 0; i < N; i++)); do
  d=$tmp/svc/s$i; fake "$d"
  if ((i % 2)); then fake "$d/log"; fi
done
names=(); for ((i = 0; i < N; i++)); do names+=("s$i"); done
export SVDIR=$tmp/svc

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# ms per call of "$@", K calls.
wall() { local t0 t1 i; t0=$(now); for ((i = 0; i < K; i++)); do "$@" >/dev/null; done; t1=$(now); echo "scale=2; ($t1 - $t0) / 1000000 / $K" | bc; }

"$R/svls" >/dev/null || { echo "bench/svls.sh: svls failed on the fake tree" >&2; exit 1; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)  ($N services, half with log/)"
: >"$tmp/c"; : >"$tmp/r"; : >"$tmp/l"; : >"$tmp/j"
for round in 1 2 3 4 5; do
  wall "$C/sv" status "${names[@]}" >>"$tmp/c"
  wall "$R/sv" status "${names[@]}" >>"$tmp/r"
  wall "$R/svls" >>"$tmp/l"
  wall "$R/svls" -j >>"$tmp/j"
done
printf '%-34s %8s ms\n' "C sv status (all, one call)" "$(median <"$tmp/c")" \
  "runnel sv status (all, one call)" "$(median <"$tmp/r")" \
  "svls (table)" "$(median <"$tmp/l")" "svls -j" "$(median <"$tmp/j")"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
