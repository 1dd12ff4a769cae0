#!/usr/bin/env bash
# Builds (once) a Debian bookworm root with debootstrap: minbase, runit-init
# (Debian's C runit as init), runit-services, cron, openssh-server, rsyslog (the
# default-syslog that Debian's runscripts wait for) and at (its
# atd is the stock runit-services service the boot test enables with cpsv).
# Cached as a directory under ${RUNNEL_CACHE:-~/.cache/runnel}, keyed by a hash
# of this script (package list and tweaks); prints its path. The root has no
# kernel: the boot uses tests/boot/debian/mkinitrd.sh's kernel and initramfs.
#   mkroot.sh            (needs root, debootstrap and network access to the apt mirror)
set -euo pipefail
cache=${RUNNEL_CACHE:-$HOME/.cache/runnel}
key=$(sha256sum "$0" | cut -c1-16)
root=$cache/debian-root-$key
if [ -f "$root.ok" ] && [ -d "$root" ]; then echo "$root"; exit 0; fi
command -v debootstrap >/dev/null || { echo "mkroot: debootstrap missing (apt-get install debootstrap)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "mkroot: needs root" >&2; exit 1; }
mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)}
mirror=${mirror:-http://deb.debian.org/debian}
mkdir -p "$cache"
# One build at a time (test runs may share the cache); the winner's root serves all.
exec 9>"$cache/debian-root.lock"
flock 9
if [ -f "$root.ok" ] && [ -d "$root" ]; then echo "$root"; exit 0; fi
rm -rf "$root" "$root.tmp" "$root.ok"
# Older roots (other keys) are stale: drop them so the cache does not grow.
rm -rf "$cache"/debian-root-*
timeout 1200 debootstrap --variant=minbase --include=runit-init,runit-services,cron,openssh-server,rsyslog,at \
  bookworm "$root.tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 || {
  tail -n 30 "$cache/debootstrap.log" >&2; echo "mkroot: debootstrap failed" >&2; exit 1; }
r=$root.tmp
echo runnel-test >"$r/etc/hostname"
# The initramfs mounts / read-only; Debian's stage 1 (checkroot.sh) remounts it rw.
printf '/dev/vda / ext4 rw,errors=remount-ro 0 0\n' >"$r/etc/fstab"
# The serial line is the test's channel: no getty on it. getty-ttyv0 is for
# kFreeBSD (it moves its own link away at boot).
rm -f "$r"/etc/runit/runsvdir/default/getty-ttyS0 "$r"/etc/runit/runsvdir/default/getty-ttyv0
# atd is the stock service the test enables with cpsv: runit's dpkg trigger
# (cpsv s) copied and enabled it; boot.sh undoes that per run (after dpkg -i
# runnel, which fires the trigger again). No sysv start for it either.
[ -d "$r/etc/sv/atd" ] || { echo "mkroot: runit's trigger did not install /etc/sv/atd" >&2; exit 1; }
rm -f "$r"/etc/rc[2-5].d/S*atd
rm -rf "$r"/usr/share/doc/* "$r"/usr/share/man/* "$r"/usr/share/locale/* "$r"/var/cache/apt/archives/*.deb \
  "$r"/var/lib/apt/lists/*_Packages
mv "$r" "$root"
touch "$root.ok"
echo "$root"
