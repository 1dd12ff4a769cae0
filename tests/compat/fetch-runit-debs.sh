#!/usr/bin/env bash
# Downloads Debian's runit .debs (runit and the helpers its maintainer scripts
# call) and daemontools (owner of the chpst personalities' names) into a cache
# dir and prints that dir. The packaging tests install them into a throw-away
# root before and after runnel's package.
set -euo pipefail
cache=${RUNNEL_CACHE:-$HOME/.cache/runnel}/runit-debs
pkgs=(runit runit-helper sysuser-helper daemontools)
if ! ls "$cache"/runit_*.deb "$cache"/runit-helper_*.deb "$cache"/sysuser-helper_*.deb "$cache"/daemontools_*.deb >/dev/null 2>&1; then
  rm -rf "$cache.tmp" && mkdir -p "$cache.tmp" && cd "$cache.tmp"
  if ! apt-get download "${pkgs[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get download "${pkgs[@]}" >/dev/null 2>&1 || { echo "fetch-runit-debs: apt-get download failed" >&2; exit 1; }
  fi
  cd / && rm -rf "$cache" && mv "$cache.tmp" "$cache"
fi
echo "$cache"
