#!/usr/bin/env bash
# chpst and utmpset: C (Debian's runit) against runnel in the same run.
#   bash bench/chpst.sh [N]    (N runs per measurement, default 30)
# Runs C and runnel alternately, times each run with $EPOCHREALTIME (no extra
# fork) and reports medians, so load from other processes hits both alike.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-30}
[ -x out/bin/runnel ] || ./build.sh
c=$(bash tests/compat/fetch-c-runit.sh)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/env"
echo value >"$tmp/env/A"
echo 1 >"$tmp/env/B"
: >"$tmp/env/HOME"

us() { local t=${EPOCHREALTIME/./}; echo "$t"; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# median microseconds per run of command A and command B (given as two strings), alternating
pair() {
  local i t0 t1 fa fb
  fa=$(mktemp) fb=$(mktemp)
  for ((i = 0; i < n; i++)); do
    t0=$(us); eval "$1" >/dev/null 2>&1 || true; t1=$(us); echo $((t1 - t0)) >>"$fa"
    t0=$(us); eval "$2" >/dev/null 2>&1 || true; t1=$(us); echo $((t1 - t0)) >>"$fb"
  done
  echo "$(median <"$fa") $(median <"$fb")"
  rm -f "$fa" "$fb"
}

# peak RSS in KB (getrusage of the child: for chpst the larger of before and after its exec)
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }

# CPU time (user+sys, us) per run of a command line, from a loop of n runs in one sh:
# less sensitive than wall time to other load on the machine.
cpu() {
  /usr/bin/time -f '%U %S' sh -c "i=0; while [ \$i -lt $n ]; do $1 >/dev/null 2>&1; i=\$((i+1)); done" 2>&1 >/dev/null |
    tail -n 1 | awk -v n="$n" '{ printf "%d", ($1 + $2) * 1000000 / n }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
row() { printf '%-46s %9s %9s %7s\n' "$1" "$2" "$3" "$(ratio "$3" "$2")"; }

echo "runs per measurement: $n (medians; ratio = runnel / C)"
printf '%-46s %9s %9s %7s\n' "measurement" "C" "runnel" "ratio"
read -r a b < <(pair "$c/usr/bin/chpst -u nobody -e $tmp/env true" "out/bin/chpst -u nobody -e $tmp/env true")
row "chpst -u nobody -e dir true (us)" "$a" "$b"
row "chpst -u nobody -e dir true (CPU us)" "$(cpu "$c/usr/bin/chpst -u nobody -e $tmp/env true")" "$(cpu "out/bin/chpst -u nobody -e $tmp/env true")"
read -r a b < <(pair "/bin/true" "/bin/true")
row "  baseline: /bin/true alone (us)" "$a" "$b"
read -r a b < <(pair "$c/usr/bin/chpst" "out/bin/chpst")
row "chpst usage exit (us)" "$a" "$b"
read -r a b < <(pair "$c/usr/sbin/utmpset" "out/bin/utmpset")
row "utmpset usage exit (us)" "$a" "$b"
row "chpst -u nobody -e dir true (peak RSS KB)" "$(rss "$c/usr/bin/chpst" -u nobody -e "$tmp/env" true)" "$(rss out/bin/chpst -u nobody -e "$tmp/env" true)"
row "chpst usage exit (peak RSS KB)" "$(rss "$c/usr/bin/chpst")" "$(rss out/bin/chpst)"
row "utmpset usage exit (peak RSS KB)" "$(rss "$c/usr/sbin/utmpset")" "$(rss out/bin/utmpset)"
echo
echo "runnel startup per tool name (its usage or not-yet exit; median us, peak RSS KB):"
n=$(((n + 2) / 3))
for t in sv runsv runsvdir svlogd runsvchdir runit; do
  read -r a b < <(pair "out/bin/$t" "out/bin/$t")
  printf '%-14s %9s us %7s KB\n' "$t" "$a" "$(rss out/bin/$t)"
done
