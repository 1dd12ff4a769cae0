#!/usr/bin/env bash
# runit as process 1 in a real boot (qemu, Debian kernel, busybox initramfs;
# tests/boot/qemu-boot.sh): Debian's C runit vs runnel, same image otherwise.
# Reports, per boot, the guest's time from PID 1's start to all services up
# (runsvdir + 3 runsv + svlogd, checked with sv), and PID 1's memory from
# /proc/1/smaps_rollup once the services are up. First, a cheaper and steadier
# figure on the host: whole runit cycles (start, stages 1-2-3 that only exit,
# power off) as process 1 of a PID namespace, 20 each.
#   bench/init.sh [ROUNDS]     (default 1 round = one qemu boot each, ~1 min per round
#                               under TCG; 0 = only the namespace cycles)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
rounds=${1:-1}

# --- runit cycles in a PID namespace (as tests/Runnel.Tests/Init/InitRoot.cs sets up)
bin=${RUNNEL_BIN:-$repo/out/bin}
crunit=${RUNIT_C:-$(bash "$repo/tests/compat/fetch-c-runit.sh")}
ns=$(mktemp -d)
trap 'rm -rf "$ns"' EXIT
mkdir -p "$ns"/{usr,sbin,etc/runit,proc,dev,rbin,crunit}
for d in bin lib lib64; do ln -s "usr/$d" "$ns/$d"; done
cp /etc/ld.so.cache "$ns/etc/" && : >"$ns/dev/null"
ln -s /rbin/runit "$ns/sbin/runit"
for st in 1 2 3; do printf '#!/bin/sh\nexit 0\n' >"$ns/etc/runit/$st"; chmod +x "$ns/etc/runit/$st"; done
cycles() { # INIT N: milliseconds for N cycles
  local t0=$(date +%s%N)
  for ((k = 0; k < $2; k++)); do
    unshare -p -f -m --propagation private /bin/sh -c "mount --rbind /usr $ns/usr && mount --bind $bin $ns/rbin &&
      mount --bind $crunit $ns/crunit && mount --bind /dev/null $ns/dev/null && exec /usr/bin/env -i /usr/sbin/chroot $ns $1" >/dev/null 2>&1
  done
  echo $((($(date +%s%N) - t0) / 1000000))
}
cycles /crunit/sbin/runit 2 >/dev/null # warm up
cc=$(cycles /crunit/sbin/runit 20) cr=$(cycles /sbin/runit 20)
printf 'PID namespace, 20 runit cycles: C runit %s ms, runnel %s ms, ratio %s\n\n' "$cc" "$cr" \
  "$(awk -v a="$cr" -v b="$cc" 'BEGIN { printf "%.2f", a / b }')"
[ "$rounds" -gt 0 ] || exit 0

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
