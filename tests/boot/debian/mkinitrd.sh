#!/usr/bin/env bash
# Debian's stock amd64 kernel (the linux-image package linux-image-amd64
# depends on) and a small busybox initramfs for it that loads the kernel's own
# modules for a virtio disk and ext4 (with their dependencies, read from the
# modules' .modinfo), mounts /dev/vda read-only, moves /dev over and
# switch_roots to the disk's /sbin/init. Cached under
# ${RUNNEL_CACHE:-~/.cache/runnel}/debian-kernel/PACKAGE; prints
# "VMLINUZ INITRD".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${RUNNEL_CACHE:-$HOME/.cache/runnel}/debian-kernel
busybox=/bin/busybox
if [ ! -x $busybox ] || ldd $busybox >/dev/null 2>&1; then
  echo "mkinitrd: a static /bin/busybox is needed (apt-get install busybox-static)" >&2; exit 1
fi
depends() { apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9].*\)$/\1/p' | head -n 1; }
pkg=$(depends)
if [ -z "$pkg" ]; then apt-get update -qq >/dev/null 2>&1 || true; pkg=$(depends); fi
[ -n "$pkg" ] || { echo "mkinitrd: no linux-image package found" >&2; exit 1; }
key=$(cat "$0" "$here/initrd-init" $busybox | sha256sum | cut -c1-12)
dir=$cache/$pkg
if [ -s "$dir/vmlinuz" ] && [ -s "$dir/initrd-$key.cpio.gz" ]; then echo "$dir/vmlinuz $dir/initrd-$key.cpio.gz"; exit 0; fi
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && timeout 600 apt-get download "$pkg" >/dev/null 2>&1) || { echo "mkinitrd: apt-get download $pkg failed" >&2; exit 1; }
dpkg -x "$work"/"$pkg"_*.deb "$work/x"
ver=${pkg#linux-image-}
mods=$work/x/lib/modules/$ver
[ -d "$mods" ] || { echo "mkinitrd: no modules for $ver in $pkg" >&2; exit 1; }

# Module load order: each module after what its .modinfo "depends=" names.
declare -A seen
order=()
modfile() { find "$mods/kernel" -name "$1.ko" -o -name "$(tr _ - <<<"$1").ko" | head -n 1; }
visit() {
  local m=$1 f dep
  [ -n "${seen[$m]:-}" ] && return 0
  seen[$m]=1
  f=$(modfile "$m")
  [ -n "$f" ] || { echo "mkinitrd: module $m not in $pkg" >&2; exit 1; }
  for dep in $(grep -a -o 'depends=[a-z0-9_,-]*' "$f" | head -n 1 | cut -d= -f2 | tr , ' '); do visit "$dep"; done
  order+=("$f")
}
# virtio_pci finds the disk, virtio_blk drives it; ext4 with metadata_csum
# needs a crc32c implementation (crc32c_generic: any CPU).
for m in virtio_pci virtio_blk crc32c_generic ext4; do visit "$m"; done

root=$work/root
mkdir -p "$root"/{bin,dev,proc,sys,root,lib/modules}
cp $busybox "$root/bin/busybox"
for a in sh mount umount insmod switch_root sleep cat echo cut; do ln -s busybox "$root/bin/$a"; done
: >"$root/modules"
for f in "${order[@]}"; do cp "$f" "$root/lib/modules/"; basename "$f" >>"$root/modules"; done
cp "$here/initrd-init" "$root/init" && chmod 755 "$root/init"
mknod -m 600 "$root/dev/console" c 5 1
mknod -m 666 "$root/dev/null" c 1 3
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$dir/initrd-$key.cpio.gz.tmp"
cp "$work"/x/boot/vmlinuz-"$ver" "$dir/vmlinuz.tmp"
rm -f "$dir"/initrd-*.cpio.gz
mv "$dir/vmlinuz.tmp" "$dir/vmlinuz" && mv "$dir/initrd-$key.cpio.gz.tmp" "$dir/initrd-$key.cpio.gz"
echo "$dir/vmlinuz $dir/initrd-$key.cpio.gz"
