#!/usr/bin/env bash
# runit as process 1 in a real boot (qemu, Debian kernel, busybox initramfs;
# tests/boot/qemu-boot.sh): Debian's C runit vs runnel, same image otherwise.
# Reports, per boot, the guest's time from PID 1's start to all services up
# (runsvdir + 3 runsv + svlogd, checked with sv), and PID 1's memory from
# /proc/1/smaps_rollup once the services are up.
#   bench/init.sh [ROUNDS]     (default 1 round = one boot each; ~1 min per round under TCG)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rounds=${1:-1}
field() { sed -n "s/.*$1: \\([0-9.]*\\) kB.*/\\1/p" <<<"$2" | head -n 1; }
declare -A up anon dirty rss
for ((i = 0; i < rounds; i++)); do
  for impl in c runnel; do
    out=$(bash "$here/../tests/boot/qemu-boot.sh" -i "$impl" 0 2>/dev/null)
    grep -q 'qemu-boot: 0: ok' <<<"$out" || { echo "bench/init: $impl boot failed:"; echo "$out"; exit 1; }
    line=$(grep 'services up at' <<<"$out")
    t=$(sed -E 's/.*services up at ([0-9.]+) s, pid 1 started at ([0-9.]+) s.*/\1 \2/' <<<"$line" | awk '{ printf "%.2f", $1 - $2 }')
    mem=$(grep 'pid 1 memory' <<<"$out")
    up[$impl]+="$t "
    anon[$impl]=$(field Anonymous "$mem") dirty[$impl]=$(field Private_Dirty "$mem") rss[$impl]=$(field Rss "$mem")
    echo "round $((i + 1)) $impl: pid 1 start -> services up ${t} s; $mem"
  done
done
avg() { tr ' ' '\n' <<<"$1" | awk 'NF { s += $1; n++ } END { printf "%.2f", s / n }'; }
uc=$(avg "${up[c]}") ur=$(avg "${up[runnel]}")
printf '\n%-28s %10s %10s %8s\n' "" "C runit" "runnel" "ratio"
printf '%-28s %10s %10s %8s\n' "PID 1 start -> services up" "${uc} s" "${ur} s" "$(awk -v a="$ur" -v b="$uc" 'BEGIN { printf "%.2f", a / b }')"
for m in anon dirty rss; do
  declare -n v=$m
  printf '%-28s %7s kB %7s kB %8s\n' "PID 1 $m" "${v[c]}" "${v[runnel]}" "$(awk -v a="${v[runnel]}" -v b="${v[c]}" 'BEGIN { printf "%.1f", a / b }')"
done
