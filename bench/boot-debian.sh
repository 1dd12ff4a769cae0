#!/usr/bin/env bash
# A real Debian bookworm boot under qemu (tests/boot/debian/boot.sh, action
# bench), the same image with Debian's C runit and with runnel's .deb
# installed over it, ROUNDS boots each, alternating. Per boot, on the guest's
# clock: kernel start -> all services up (every service and log service in
# /etc/service has supervise/stat "run"), the same from the initramfs'
# switch_root (i.e. from runit's start) and from runsvdir's start (stage 2),
# and `init 0` -> power off; and the
# summed Private_Dirty (/proc/PID/smaps_rollup) of runit, runsvdir, every
# runsv and svlogd once all services are up.
#   bench/boot-debian.sh [ROUNDS]     (default 3; ~1 min per boot under TCG)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rounds=${1:-3}
declare -A up sr rs down mem
for ((i = 1; i <= rounds; i++)); do
  for impl in c runnel; do
    out=$(bash "$here/../tests/boot/debian/boot.sh" -i "$impl" bench 2>&1)
    grep -q 'boot-debian: bench: ok' <<<"$out" || { echo "bench/boot-debian: $impl boot failed:"; echo "$out"; exit 1; }
    m=$(sed -n 's/^boot-debian: measure: //p' <<<"$out")
    echo "round $i $impl: $m"
    [ "$i" = 1 ] && sed -n 's/^boot-debian:   mem /  mem /p' <<<"$out" | awk '{ k[$2] += $5; n[$2]++ }
      END { for (c in k) printf "  %s: %d process(es), Private_Dirty %d kB (%.0f kB each)\n", c, n[c], k[c], k[c] / n[c] }' | sort
    read -r a b c d e < <(awk '{ gsub(/[(),]/, ""); for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) v[++n] = $i }
      END { print v[2], v[3], v[4], v[5], v[7] }' <<<"$m")
    up[$impl]+="$a " sr[$impl]+="$b " rs[$impl]+="$c " down[$impl]+="$d " mem[$impl]+="$e "
  done
done
median() { tr ' ' '\n' <<<"$1" | awk 'NF' | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '\nmedians of %d boots each  %14s %14s %7s\n' "$rounds" "C runit" "runnel" "ratio"
for k in up:"kernel start -> all up (s)" sr:"runit start -> all up (s)" rs:"runsvdir start -> all up (s)" down:"init 0 -> power off (s)" mem:"tree Private_Dirty (kB)"; do
  declare -n v=${k%%:*}
  c=$(median "${v[c]}") r=$(median "${v[runnel]}")
  printf '%-26s %14s %14s %7s\n' "${k#*:}" "$c" "$r" "$(ratio "$r" "$c")"
done
