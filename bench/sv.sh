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

lat() { # impl command -> N latencies in ms
  local sv=$1 cmd=$2 i t0 t1
  for ((i = 0; i < N; i++)); do
    if [ "$cmd" = up ]; then "$C/sv" -w 10 down "$tmp/svc" >/dev/null; else "$C/sv" -w 10 up "$tmp/svc" >/dev/null; fi
    settle
    t0=$(now); "$sv" -w 10 "$cmd" "$tmp/svc" >/dev/null; t1=$(now)
    ms "$t0" "$t1"
  done
}

status_wall() { # impl -> ms per call over M calls
  local sv=$1 i t0 t1
  t0=$(now); for ((i = 0; i < M; i++)); do "$sv" status "$tmp/svc" >/dev/null; done; t1=$(now)
  echo "scale=3; ($t1 - $t0) / 1000000 / $M" | bc
}

printf '%-22s %10s %10s %8s\n' "measure" "C" "runnel" "C/runnel"
for cmd in up restart; do
  c=$(lat "$C/sv" $cmd | median); r=$(lat "$R/sv" $cmd | median)
  printf '%-22s %8s ms %7s ms %8s\n' "sv -w 10 $cmd (median)" "$c" "$r" "$(echo "scale=1; $c / $r" | bc)"
done
"$C/sv" -w 10 up "$tmp/svc" >/dev/null
status_wall "$C/sv" >/dev/null   # warm caches
c=$(status_wall "$C/sv"); r=$(status_wall "$R/sv")
printf '%-22s %8s ms %7s ms %8s\n' "sv status (per call)" "$c" "$r" "$(echo "scale=2; $c / $r" | bc)"
echo "runnel/C status time ratio: $(echo "scale=2; $r / $c" | bc) (target <= 1.5)"
