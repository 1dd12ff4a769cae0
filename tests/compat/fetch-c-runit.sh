#!/usr/bin/env bash
# Fetches Debian's C runit (runit, runit-init) with apt-get download, unpacks it
# into a cache dir and prints that dir. The differential tests and the
# benchmarks run these binaries beside runnel's.
set -euo pipefail
cache=${RUNNEL_CACHE:-$HOME/.cache/runnel}/runit-c
if [ ! -x "$cache/usr/bin/runsv" ]; then
  mkdir -p "$cache.tmp" && cd "$cache.tmp"
  if ! apt-get download runit runit-init >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get download runit runit-init >/dev/null 2>&1 || { echo "fetch-c-runit: apt-get download runit failed" >&2; exit 1; }
  fi
  for f in ./*.deb; do dpkg -x "$f" root; done
  rm -rf "$cache" && mv root "$cache" && cd / && rm -rf "$cache.tmp"
fi
echo "$cache"
