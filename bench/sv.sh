#!/usr/bin/env bash
# sv benchmark: runnel sv against C sv, same runsv (Debian's C runsv), same run.
#   latency of `sv -w 10 up` (service down -> up) and `sv -w 10 restart`,
#   median of N runs each; wall time of `sv status` (M calls, end to end).
# Usage: bench/sv.sh [N] [M]     (needs ./build.sh and tests/compat/fetch-c-runit.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-7}; M=${2:-300}
C=$(bash tests/compat/fetch-c-runit.sh)/usr/bin
R=$PWD/out/bin
[ -x "$R/sv" ] || { echo "bench/sv.sh: run ./build.sh first" >&2; exit 1; }
tmp=$(mktemp -d); trap 'printf dx >"$tmp/svc/supervise/control" 2>/dev/null || true; sleep 0.3; kill $runsv 2>/dev/null || true; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/svc"; printf '#!/bin/sh\nexec sleep 1000\n' >"$tmp/svc/run"; chmod +x "$tmp/svc/run"; touch "$tmp/svc/down"
"$C/runsv" "$tmp/svc" </dev/null >/dev/null 2>&1 & runsv=$!
until "$C/sv" status "$tmp/svc" >/dev/null 2>&1; do sleep 0.05; done

now() { date +%s%N; }
ms() { echo "scale=1; ($2 - $1) / 1000000" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# C runsv sleeps a second, deaf to control, after a service that lived less
# than a second; restart checks compare whole seconds: let states settle.
settle() { sleep 1.1; }

# One latency sample (ms) of `SV -w 10 CMD`, from a settled opposite state.
lat1() {
  local sv=$1 cmd=$2 t0 t1
  if [ "$cmd" = up ]; then "$C/sv" -w 10 down "$tmp/svc" >/dev/null; else "$C/sv" -w 10 up "$tmp/svc" >/dev/null; fi
  settle
  t0=$(now); "$sv" -w 10 "$cmd" "$tmp/svc" >/dev/null; t1=$(now)
  ms "$t0" "$t1"
}

# Wall time (ms per call) of K calls of `SV status`.
status_wall() {
  local sv=$1 k=$2 i t0 t1
  t0=$(now); for ((i = 0; i < k; i++)); do "$sv" status "$tmp/svc" >/dev/null; done; t1=$(now)
  echo "scale=3; ($t1 - $t0) / 1000000 / $k" | bc
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)  (C and runnel interleaved, same runsv)"
printf '%-26s %11s %11s %9s\n' "measure" "C" "runnel" "C/runnel"
for cmd in up restart; do
  : >"$tmp/c.$cmd"; : >"$tmp/r.$cmd"
  for ((i = 0; i < N; i++)); do lat1 "$C/sv" $cmd >>"$tmp/c.$cmd"; lat1 "$R/sv" $cmd >>"$tmp/r.$cmd"; done
  c=$(median <"$tmp/c.$cmd"); r=$(median <"$tmp/r.$cmd")
  printf '%-26s %8s ms %8s ms %9s\n' "sv -w 10 $cmd (median)" "$c" "$r" "$(echo "scale=1; $c / $r" | bc)"
done
"$C/sv" -w 10 up "$tmp/svc" >/dev/null
status_wall "$C/sv" 20 >/dev/null   # warm caches
: >"$tmp/c.st"; : >"$tmp/r.st"
for ((i = 0; i < M / 20; i++)); do status_wall "$C/sv" 20 >>"$tmp/c.st"; status_wall "$R/sv" 20 >>"$tmp/r.st"; done
c=$(median <"$tmp/c.st"); r=$(median <"$tmp/r.st")
printf '%-26s %8s ms %8s ms %9s\n' "sv status (per call)" "$c" "$r" "$(echo "scale=2; $c / $r" | bc)"
echo "runnel/C status time: $(echo "scale=2; $r / $c" | bc)x (target <= 1.5)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
