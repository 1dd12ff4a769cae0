#!/usr/bin/env bash
# A real Debian boot: a debootstrap'ed bookworm root (mkroot.sh, cached) on a
# virtio disk, Debian's stock kernel with a small initramfs (mkinitrd.sh),
# Debian's runit-init, /etc/runit/1-3 and runit-services, under qemu with the
# serial line as console. IMPL runnel installs runnel's .deb into the root
# (it diverts runit's binaries); IMPL c keeps Debian's C runit. The guest
# driver (guest/usr/local/lib/runnel-test/driver) checks the running system
# and ends the boot; every step is asserted here, in order, on the console.
#   boot.sh [-i runnel|c] [-k] [ACTION...]     (default: runnel, "0 6")
#   ACTION  0: checks, then `init 0` (power off);  6: checks, then `init 6`
#           (reboot);  bench: services up + memory only, then `init 0`
#   -k  keep the work dir (console logs, disk image) and say where
# Prints one "boot-debian: ACTION: ok|FAIL" line per boot (bench: also a
# "boot-debian: measure:" line); exits 0 when every boot passed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
impl=runnel keep=0
while getopts i:k o; do case $o in i) impl=$OPTARG ;; k) keep=1 ;; *) exit 100 ;; esac; done
shift $((OPTIND - 1))
actions=${*:-0 6}
case $impl in runnel | c) ;; *) echo "boot-debian: IMPL is runnel or c" >&2; exit 100 ;; esac
for t in qemu-system-x86_64 mke2fs debootstrap; do
  command -v $t >/dev/null || { echo "boot-debian: $t missing (.ci/run installs it)" >&2; exit 111; }
done
work=$(mktemp -d /var/tmp/boot-debian.XXXXXX)
[ "$keep" = 1 ] && echo "boot-debian: work dir $work" >&2 || trap 'rm -rf "$work"' EXIT

base=$(bash "$here/mkroot.sh") || { echo "boot-debian: root build failed" >&2; exit 111; }
read -r kernel initrd < <(bash "$here/mkinitrd.sh") && [ -s "$initrd" ] || {
  echo "boot-debian: kernel/initramfs failed" >&2; exit 111; }
root=$work/root
cp -a "$base" "$root"
source "$here/install.sh" # install_guest ROOT, install_runnel ROOT WORK
if [ "$impl" = runnel ]; then install_runnel "$root" "$work" || { echo "boot-debian: installing runnel failed" >&2; exit 111; }; fi
install_guest "$root" || exit 111
mke2fs -q -t ext4 -L root -d "$root" "$work/disk.img" 2G >/dev/null || { echo "boot-debian: mke2fs failed" >&2; exit 111; }
rm -rf "$root"

# boot ACCEL ACTION LOG [SECONDS]: one boot until power off, reboot or timeout.
# The disk is opened with snapshot=on: each boot starts from the same image.
boot() {
  local accel=$1 cpu=max
  [ "$accel" = kvm ] && cpu=host
  timeout "${4:-300}" qemu-system-x86_64 -accel "$accel" -cpu $cpu -m 512 -smp 1 -display none -no-reboot -nic none \
    -drive "file=$work/disk.img,format=raw,if=virtio,snapshot=on" -kernel "$kernel" -initrd "$initrd" \
    -serial "file:$3" -append "console=ttyS0 ro panic=-1 quiet runnel.test=$2" >"$3.qemu" 2>&1
}
source "$here/../lib.sh" # in_order, pick_accel
accel=$(pick_accel "$kernel" "$work/kvm-probe.log")
echo "boot-debian: $impl, accel $accel" >&2

source "$here/assert.sh" # steps_for IMPL ACTION LOG, measure LOG
failed=0
for action in $actions; do
  log=$work/serial.$action.log
  start=$(date +%s%N)
  boot "$accel" "$action" "$log"
  rc=$?
  wall=$((($(date +%s%N) - start) / 1000000))
  mapfile -t steps < <(steps_for "$impl" "$action" "$log")
  if why=$(in_order "$log" "${steps[@]}") && [ "$rc" = 0 ] && ! grep -a -q 'RUNNEL-DEB: FAIL' "$log"; then
    echo "boot-debian: $action: ok (wall ${wall} ms)"
    if [ "$action" = bench ]; then
      echo "boot-debian: measure: $(measure "$log")"
      tr -d '\r' <"$log" | sed -n 's/^RUNNEL-DEB: mem /boot-debian:   mem /p'
    fi
    grep -a -E 'RUNNEL-DEB: (ok: cpsv|supervision tree)' "$log" | sed 's/^/boot-debian:   /'
  else
    failed=1
    echo "boot-debian: $action: FAIL (qemu exit $rc) ${why:-}"
    grep -a 'RUNNEL-DEB: FAIL' "$log"
    sed 's/^/  | /' "$log" "$log.qemu"
    mkdir -p "$work.logs" && cp "$log" "$log.qemu" "$work.logs/" && echo "boot-debian: logs kept in $work.logs"
  fi
done
exit $failed
