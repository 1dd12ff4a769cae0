#!/usr/bin/env bash
# runnel's demo: a real runsvdir on examples/sv in a temp dir, driven by sv.
set -euo pipefail
bin=$(cd "${1:-$(dirname "$0")/../out/bin}" && pwd)
export PATH="$bin:$PATH"
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/runnel-demo.XXXXXX)
cleanup() {
  [ -n "${pid:-}" ] && kill -HUP "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

cp -r "$here/sv" "$tmp/sv"
mkdir "$tmp/service"
for s in "$tmp"/sv/*; do ln -s "$s" "$tmp/service/"; done
export SVDIR="$tmp/service"

say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

echo "runnel demo: runsvdir on $SVDIR (greeter, ticker, worker)"
runsvdir -P "$SVDIR" 'log: ..........' >/dev/null 2>&1 &
pid=$!

for _ in $(seq 100); do
  up=0
  for s in greeter ticker worker; do
    grep -q '^run' "$SVDIR/$s/supervise/stat" 2>/dev/null && up=$((up + 1))
  done
  [ "$up" = 3 ] && break
  sleep 0.1
done

say sv status greeter ticker worker
sv status greeter ticker worker
sleep 3
say sv -w 5 restart greeter
sv -w 5 restart greeter
say sv -w 5 down ticker
sv -w 5 down ticker || true
sleep 1
say sv status greeter ticker worker
sv status greeter ticker worker || true
say svls
svls || true
say "tail -n 4 $SVDIR/greeter/log/main/current"
tail -n 4 "$SVDIR/greeter/log/main/current"
say "tail -n 4 $SVDIR/worker/log/main/current"
tail -n 4 "$SVDIR/worker/log/main/current"
say "pstree -p $pid"
pstree -p "$pid" 2>/dev/null || ps --forest -o pid,args -g "$(ps -o sid= -p $pid | tr -d ' ')"
echo
echo "demo done: runsvdir stopped, $tmp removed"
