#!/usr/bin/env bash
# Fetches Debian's stock amd64 kernel (the package linux-image-amd64 depends on)
# with apt-get download, unpacks it into a cache dir and prints the vmlinuz path.
set -euo pipefail
cache=${RUNNEL_CACHE:-$HOME/.cache/runnel}/kernel
if [ ! -s "$cache/vmlinuz" ]; then
  mkdir -p "$cache" && cd "$cache"
  pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9].*\)$/\1/p' | head -n 1)
  if [ -z "$pkg" ]; then apt-get update -qq >/dev/null 2>&1 || true
    pkg=$(apt-cache depends linux-image-amd64 | sed -n 's/^ *Depends: \(linux-image-[0-9].*\)$/\1/p' | head -n 1); fi
  [ -n "$pkg" ] || { echo "fetch-kernel: no linux-image package found" >&2; exit 1; }
  rm -rf x ./*.deb
  apt-get download "$pkg" >/dev/null 2>&1 || { echo "fetch-kernel: apt-get download $pkg failed" >&2; exit 1; }
  dpkg -x ./"$pkg"_*.deb x
  cp x/boot/vmlinuz-* vmlinuz.new && mv vmlinuz.new vmlinuz
  rm -rf x ./*.deb
fi
echo "$cache/vmlinuz"
