#!/usr/bin/env bash
# svlogd throughput: the C svlogd (Debian's runit) and runnel's on the same input, same run.
#   bench/svlogd.sh            (MB=100 by default; MB=200 bench/svlogd.sh for the full set)
# Input: realistic log lines of 40-200 bytes, generated once (bench/svlogd-gen.py, cached in /tmp).
# Each case pipes the input through `cat |` into svlogd (as runsv's pipe would) and takes wall
# time, user+sys CPU and max RSS of svlogd itself from /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${MB:-100}
C=${SVLOGD_C:-$(bash tests/compat/fetch-c-runit.sh)/usr/bin/svlogd}
R=${SVLOGD_R:-$PWD/out/bin/svlogd}
[ -x "$R" ] || ./build.sh
input=/tmp/svlogd-bench-$MB.txt
[ -s "$input" ] || python3 bench/svlogd-gen.py "$MB" > "$input"
bytes=$(stat -c %s "$input")
work=$(mktemp -d /tmp/svlogd-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

run() { # tool name opts config -> "wall cpu rss"
  local tool=$1 dir=$work/$2; shift 2
  local config=$1; shift
  rm -rf "$dir"; mkdir -p "$dir"
  [ -n "$config" ] && printf '%b' "$config" > "$dir/config"
  cat "$input" | /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$tool" "$@" "$dir" 2>/dev/null
  read -r wall user sys rss < "$work/time"
  echo "$wall $(echo "$user + $sys" | bc) $rss"
}

printf 'input: %s MB, %s lines\n' "$((bytes / 1000000))" "$(wc -l < "$input")"
printf '%-22s %10s %10s %9s %9s %8s %8s %7s %7s\n' case "C MB/s" "rn MB/s" "C cpu s" "rn cpu s" "C RSS" "rn RSS" "x wall" "x cpu"
bench() { # name config opts...
  local name=$1 config=$2; shift 2
  read -r cw cc cr < <(run "$C" c "$config" "$@")
  read -r rw rc rr < <(run "$R" r "$config" "$@")
  printf '%-22s %10.1f %10.1f %9.2f %9.2f %7sK %7sK %6.1fx %6.1fx\n' "$name" \
    "$(echo "$bytes / 1000000 / $cw" | bc -l)" "$(echo "$bytes / 1000000 / $rw" | bc -l)" "$cc" "$rc" "$cr" "$rr" \
    "$(echo "$cw / $rw" | bc -l)" "$(echo "$cc / ($rc + 0.001)" | bc -l)"
}
bench "plain (default cfg)" ""
bench "-tt" "" -tt
bench "2 patterns, s1m" 's1048576\nn5\n-*error:*\n+*error: pid*\n'
bench "processor (!cat)" 's1048576\nn5\n!cat\n'
