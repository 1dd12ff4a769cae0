#!/usr/bin/env bash
# Builds the test machine's initramfs (cpio newc, gzip): busybox-static, glibc,
# the guest/ stage scripts and services, and as PID 1 either runnel
# (IMPL=runnel: /sbin/init and /sbin/runit are runnel) or Debian's C runit
# (IMPL=c). runsvdir/runsv/sv/svlogd are runnel's where out/bin has them
# implemented, Debian's C ones otherwise, the same for both IMPLs.
#   mkimage.sh IMPL RUNNEL_BIN C_RUNIT_ROOT OUT.cpio.gz
set -euo pipefail
impl=$1 bin=$2 crunit=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
busybox=/bin/busybox
if [ ! -x $busybox ] || ldd $busybox >/dev/null 2>&1; then
  echo "mkimage: a static /bin/busybox is needed (apt-get install busybox-static)" >&2; exit 1
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,lib/x86_64-linux-gnu,lib64,dev,proc,sys,run,tmp,opt/runnel,etc}
cp "$busybox" "$root/bin/busybox"
for a in $("$busybox" --list); do
  case $a in init|linuxrc|halt|poweroff|reboot|busybox) continue ;; esac
  ln -s busybox "$root/bin/$a"
done
# glibc for runnel and the C tools (the NativeAOT binary is dynamically linked).
for lib in $(ldd "$bin/runnel" "$crunit/sbin/runit" "$crunit/usr/bin/runsv" | grep -o '/[^ ]*\.so[^ ]*' | sort -u); do
  real=$(readlink -f "$lib")
  case $lib in
    /lib64/*) cp "$real" "$root/lib64/$(basename "$lib")" ;;
    *) cp "$real" "$root/lib/x86_64-linux-gnu/$(basename "$lib")" ;;
  esac
done
cp "$bin/runnel" "$root/opt/runnel/runnel"
for t in runit runit-init runsvdir runsv sv svlogd chpst; do ln -s runnel "$root/opt/runnel/$t"; done
# Supervision tools: runnel's when implemented, else C.
for t in runsvdir runsv sv svlogd chpst; do
  said=$(timeout 5 "$bin/$t" 2>&1 </dev/null || true)
  if [[ $said == *"not implemented"* ]]; then
    cp "$crunit/usr/bin/$t" "$root/usr/bin/$t"; echo "mkimage: $t: C" >&2
  else
    ln -s "/opt/runnel/$t" "$root/usr/bin/$t"; echo "mkimage: $t: runnel" >&2
  fi
done
case $impl in
  runnel)
    ln -s /opt/runnel/runit-init "$root/sbin/init"
    ln -s /opt/runnel/runit "$root/sbin/runit"
    ln -s /opt/runnel/runit-init "$root/sbin/runit-init" ;;
  c)
    cp "$crunit/sbin/runit" "$root/sbin/runit"
    cp "$crunit/lib/runit/runit-init" "$root/sbin/runit-init"
    ln -s runit-init "$root/sbin/init" ;;
  *) echo "mkimage: IMPL is runnel or c" >&2; exit 100 ;;
esac
cp -a "$here/guest/etc/runit" "$root/etc/runit"
cp -a "$here/guest/service" "$root/service"
mknod -m 600 "$root/dev/console" c 5 1
mknod -m 666 "$root/dev/null" c 1 3
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out.tmp"
mv "$out.tmp" "$out"
