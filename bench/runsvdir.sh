#!/usr/bin/env bash
# runsvdir: C runit's and runnel's side by side, each with the same runsv (C's
# until runnel's lands; RUNSV=/path/to/runsv overrides).
#   bring-up: start until every supervise/stat of N services says run
#   memory:   Private_Dirty of the whole tree (runsvdir, runsv, services)
#   idle CPU: user+system ticks of each tree over IDLE seconds, both trees up
#   removal:  link removed until its runsv (TERMed by runsvdir) exited
#   pickup:   new link until its supervise/stat exists
#   restart:  runsv TERMed until the service runs again under a new runsv
#             (supervise/pid shows a new pid)
#   scale:    runnel alone with RUNSVDIR_MAX and SCALE services (with down files)
# Usage: bench/runsvdir.sh   (N=1000 IDLE=60 SAMPLES=5 SCALE=10000; SCALE=0 skips)
set -euo pipefail
N=${N:-1000} IDLE=${IDLE:-60} SAMPLES=${SAMPLES:-5} SCALE=${SCALE:-10000}
root=$(cd "$(dirname "$0")/.." && pwd)
C=$(bash "$root/tests/compat/fetch-c-runit.sh")
RUNSV=${RUNSV:-$C/usr/bin/runsv}
declare -A RSD=([c]="$C/usr/bin/runsvdir" [runnel]="$root/out/bin/runsvdir")
[ -x "${RSD[runnel]}" ] || { echo "bench: build first (./build.sh)" >&2; exit 1; }
work=$(mktemp -d /tmp/runnel-bench-svdir.XXXXXX)
declare -A PID=()

cleanup() {
  for f in "${!PID[@]}"; do kill -HUP "${PID[$f]}" 2>/dev/null || true; done
  sleep 1
  # Anything left whose cwd is in the bench tree (one find, not a fork per process).
  find /proc -mindepth 2 -maxdepth 2 -name cwd -lname "$work/*" 2>/dev/null | cut -d/ -f3 | xargs -r kill -9 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 1" INT TERM

ms() { echo $(( $(date +%s%N) / 1000000 )); }

# tree DIR COUNT [down]: COUNT services sv/sN enabled by links in svc/.
tree() {
  local d=$1 n=$2 down=${3:-}
  mkdir -p "$d/bin" "$d/sv" "$d/svc"
  ln -s "$RUNSV" "$d/bin/runsv"
  printf '#!/bin/sh\nexec sleep 100000\n' >"$d/run.sh"; chmod +x "$d/run.sh"
  # perl: one process for all the mkdir/symlink calls (a shell loop forks thousands).
  perl -e 'my ($d, $n, $down) = @ARGV; for my $i (0 .. $n - 1) {
      mkdir "$d/sv/s$i" or die; symlink "../../run.sh", "$d/sv/s$i/run" or die;
      if ($down) { open my $f, ">", "$d/sv/s$i/down" or die; close $f }
      symlink "$d/sv/s$i", "$d/svc/s$i" or die }' "$d" "$n" "$down"
}

count() { cat "$1"/svc/*/supervise/stat 2>/dev/null | grep -c "^$2\$" || true; }

# descendants PID: PID and all below it.
descendants() {
  ps -e -o pid=,ppid= | awk -v root="$1" '{ kids[$2] = kids[$2] " " $1 }
    END { q[1] = root; n = 1; for (i = 1; i <= n; i++) { print q[i]; m = split(kids[q[i]], k, " "); for (j = 1; j <= m; j++) q[++n] = k[j] } }'
}
# One awk over all the /proc files: a process per pid would cost more than what is measured.
private_kb() { printf '/proc/%s/smaps_rollup\n' "$@" | xargs awk '/^Private_Dirty/ { s += $2 } END { print s + 0 }' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'; }
ticks() { printf '/proc/%s/stat\n' "$@" | xargs awk '{ sub(/.*\) /, ""); s += $12 + $13 } END { print s + 0 }' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'; }

start() { # start FLAVOUR DIR [env...]
  local f=$1 d=$2; shift 2
  (cd "$d" && exec env PATH="$d/bin:$PATH" "$@" "${RSD[$f]}" -P "$d/svc" "log: $(printf '%.0s.' {1..200})" </dev/null >/dev/null 2>&1) &
  PID[$f]=$!
}

echo "# runsvdir bench: N=$N services, runsv=$RUNSV, $(nproc) cores, $(date -u +%FT%TZ)"
for f in c runnel; do tree "$work/$f" "$N"; done
sleep 1.1   # so C runit's "mtime is now, sleep a second" does not count against it
declare -A UP=() MEM=() MEMD=() CPU=() CPUD=() CPU0=() CPUD0=() PICK=() RESTART=() REMOVE=()
for f in c runnel; do
  t0=$(ms); start "$f" "$work/$f"
  until [ "$(count "$work/$f" run)" -ge "$N" ]; do sleep 0.02; done
  UP[$f]=$(( $(ms) - t0 ))
done
sleep 2
for f in c runnel; do
  mapfile -t pids < <(descendants "${PID[$f]}")
  MEM[$f]=$(private_kb "${pids[@]}"); MEMD[$f]=$(private_kb "${PID[$f]}")
  CPU0[$f]=$(ticks "${pids[@]}"); CPUD0[$f]=$(ticks "${PID[$f]}")
done
sleep "$IDLE"
for f in c runnel; do mapfile -t pids < <(descendants "${PID[$f]}"); CPU[$f]=$(( $(ticks "${pids[@]}") - CPU0[$f] )); CPUD[$f]=$(( $(ticks "${PID[$f]}") - CPUD0[$f] )); done

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
runsv_of() { ps -o pid=,args= --ppid "$1" | awk -v n="runsv $2" '{ p = $1; $1 = ""; sub(/^ /, "") } $0 == n { print p }'; }
for f in c runnel; do
  d=$work/$f; samples=()
  # Removal first: it also makes room under runit's limit of 1000 for the new links.
  for ((k = 0; k < SAMPLES; k++)); do
    old=$(runsv_of "${PID[$f]}" "s$k")
    t0=$(ms); rm "$d/svc/s$k"
    # Exited: a zombie counts (runit's runsvdir reaps only when it wakes up).
    while [ "$(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/$old/stat" 2>/dev/null || echo Z)" != Z ]; do sleep 0.005; done
    samples+=($(( $(ms) - t0 )))
  done
  REMOVE[$f]="$(printf '%s\n' "${samples[@]}" | median) (max $(printf '%s\n' "${samples[@]}" | sort -n | tail -1))"
  samples=()
  for ((k = 0; k < SAMPLES; k++)); do
    mkdir "$d/sv/new$k"; ln -s ../../run.sh "$d/sv/new$k/run"
    t0=$(ms); ln -s "$d/sv/new$k" "$d/svc/new$k"
    until [ -e "$d/svc/new$k/supervise/stat" ]; do sleep 0.005; done
    samples+=($(( $(ms) - t0 )))
  done
  PICK[$f]="$(printf '%s\n' "${samples[@]}" | median) (max $(printf '%s\n' "${samples[@]}" | sort -n | tail -1))"
  samples=()
  for ((k = SAMPLES; k < 2 * SAMPLES; k++)); do
    old=$(runsv_of "${PID[$f]}" "s$k"); read -r svc <"$d/svc/s$k/supervise/pid"
    t0=$(ms); kill -TERM "$old"
    # Back: a new service pid from the new runsv (file reads only, no ps in the loop).
    while :; do
      p=; read -r p <"$d/svc/s$k/supervise/pid" 2>/dev/null || true
      [ -n "$p" ] && [ "$p" != "$svc" ] && break
      sleep 0.005
    done
    samples+=($(( $(ms) - t0 )))
  done
  RESTART[$f]="$(printf '%s\n' "${samples[@]}" | median) (max $(printf '%s\n' "${samples[@]}" | sort -n | tail -1))"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == 0) print "-"; else printf "%.2f", b / a }'; }
printf '| %-34s | %12s | %12s | %s |\n' metric "C runsvdir" "runnel" "runnel/C"
printf '|%s|%s|%s|%s|\n' ------------------------------------ -------------- -------------- ---------
printf '| %-34s | %12s | %12s | %s |\n' "bring-up of $N services (ms)" "${UP[c]}" "${UP[runnel]}" "$(ratio "${UP[c]}" "${UP[runnel]}")"
printf '| %-34s | %12s | %12s | %s |\n' "tree Private_Dirty (KB)" "${MEM[c]}" "${MEM[runnel]}" "$(ratio "${MEM[c]}" "${MEM[runnel]}")"
printf '| %-34s | %12s | %12s | %s |\n' "runsvdir Private_Dirty (KB)" "${MEMD[c]}" "${MEMD[runnel]}" "$(ratio "${MEMD[c]}" "${MEMD[runnel]}")"
printf '| %-34s | %12s | %12s | %s |\n' "tree CPU over ${IDLE}s idle (ticks)" "${CPU[c]}" "${CPU[runnel]}" "$(ratio "${CPU[c]}" "${CPU[runnel]}")"
printf '| %-34s | %12s | %12s | %s |\n' "runsvdir CPU over ${IDLE}s (ticks)" "${CPUD[c]}" "${CPUD[runnel]}" "$(ratio "${CPUD[c]}" "${CPUD[runnel]}")"
printf '| %-34s | %12s | %12s | %s |\n' "removed link: runsv gone, median (ms)" "${REMOVE[c]}" "${REMOVE[runnel]}" ""
printf '| %-34s | %12s | %12s | %s |\n' "new link pickup, median (ms)" "${PICK[c]}" "${PICK[runnel]}" ""
printf '| %-34s | %12s | %12s | %s |\n' "runsv TERMed: service back, median (ms)" "${RESTART[c]}" "${RESTART[runnel]}" ""

if [ "$SCALE" -gt 0 ]; then
  for f in "${!PID[@]}"; do kill -HUP "${PID[$f]}" 2>/dev/null || true; done; PID=()
  sleep 2
  d=$work/scale; tree "$d" "$SCALE" down; sleep 1.1
  t0=$(ms); start runnel "$d" RUNSVDIR_MAX=$((SCALE + 100))
  until [ "$(count "$d" down)" -ge "$SCALE" ]; do sleep 0.2; done
  up=$(( $(ms) - t0 ))
  echo
  echo "scale: runnel runsvdir supervises $SCALE services (runsv each, services down) after $up ms;" \
    "runsvdir Private_Dirty $(private_kb "${PID[runnel]}") KB, runsv children $(pgrep -c -P "${PID[runnel]}")"
fi
