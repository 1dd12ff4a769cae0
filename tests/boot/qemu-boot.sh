#!/usr/bin/env bash
# A real boot: Debian's stock kernel under qemu with a busybox initramfs in
# which runit is process 1. Each ACTION is one boot that must pass through
# stage 1, stage 2 (runsvdir and services up, 300 orphans reaped, svlogd
# logging), then shut down and stop qemu:
#   6    a service runs `runit-init 6`: stage 3, "system reboot."
#   0    a service runs `runit-init 0`: stage 3, "power off..."
#   cad  ctrl-alt-del on the emulated keyboard (qemu sendkey): the kernel sends
#        SIGINT to process 1, runit runs /etc/runit/ctrlaltdel (runit-init 6)
# The serial console is read and every step asserted in order.
#   qemu-boot.sh [-i runnel|c] [-k] [ACTION...]    (default: runnel, 0 cad)
# (cad covers runit-init 6 too: the ctrlaltdel script runs it.)
#   -i c  boots Debian's C runit instead (for bench/init.sh); -k keeps logs.
# Prints one "qemu-boot: ACTION: ok|FAIL" line per boot; exits 0 when all pass.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
impl=runnel keep=0
while getopts i:k o; do case $o in i) impl=$OPTARG ;; k) keep=1 ;; *) exit 100 ;; esac; done
shift $((OPTIND - 1))
actions=${*:-0 cad}
bin=${RUNNEL_BIN:-$repo/out/bin}
crunit=${RUNIT_C:-$(bash "$repo/tests/compat/fetch-c-runit.sh")} || exit 111
command -v qemu-system-x86_64 >/dev/null || { echo "qemu-boot: qemu-system-x86_64 missing (apt-get install qemu-system-x86)" >&2; exit 111; }
kernel=$(bash "$here/fetch-kernel.sh") || exit 111
work=$(mktemp -d)
[ "$keep" = 1 ] && echo "qemu-boot: logs in $work" >&2 || trap 'rm -rf "$work"' EXIT
bash "$here/mkimage.sh" "$impl" "$bin" "$crunit" "$work/initrd.cpio.gz" 2>"$work/mkimage.log" || {
  cat "$work/mkimage.log" >&2; echo "qemu-boot: image build failed" >&2; exit 111; }

# boot ACCEL ACTION LOG [SECONDS]: runs the machine until it powers off, reboots or times out.
boot() {
  local accel=$1 action=$2 log=$3 limit=${4:-180} mon=$work/mon.$2
  rm -f "$mon.in" "$mon.out" "$log" && mkfifo "$mon.in" "$mon.out"
  timeout "$limit" qemu-system-x86_64 -accel "$accel" -cpu max -m 256 -smp 1 -display none -no-reboot \
    -kernel "$kernel" -initrd "$work/initrd.cpio.gz" -serial "file:$log" -monitor "pipe:$mon" \
    -append "console=ttyS0 rdinit=/sbin/init panic=-1 quiet runnel.test=$action" &
  local q=$!
  timeout "$limit" cat "$mon.out" >/dev/null &
  local c=$!
  if [ "$action" = cad ]; then
    while kill -0 $q 2>/dev/null && ! grep -q 'RUNNEL-TEST: waiting for ctrl-alt-del' "$log" 2>/dev/null; do sleep 0.2; done
    kill -0 $q 2>/dev/null && timeout 10 sh -c 'echo "sendkey ctrl-alt-delete" >"$1"' sh "$mon.in"
  fi
  wait $q
  local rc=$?
  kill $c 2>/dev/null
  wait $c 2>/dev/null
  return $rc
}

source "$here/lib.sh" # in_order, pick_accel
accel=$(pick_accel "$kernel" "$work/kvm-probe.log")
echo "qemu-boot: $impl as process 1, accel $accel" >&2


failed=0
for action in $actions; do
  log=$work/serial.$action.log
  start=$(date +%s%N)
  boot "$accel" "$action" "$log"
  rc=$?
  wall=$((($(date +%s%N) - start) / 1000000))
  if [ "$impl" = runnel ]; then first='- runit: $Id: runnel '; exe=/opt/runnel/runnel; else first='- runit: $Id: '; exe=/sbin/runit; fi
  up=(
    "$first" ": booting."
    "- runit: enter stage: /etc/runit/1"
    "RUNNEL-TEST: stage 1: pid 1 is runit ($exe)"
    "- runit: leave stage: /etc/runit/1"
    "- runit: enter stage: /etc/runit/2"
    "RUNNEL-TEST: stage 2"
    "RUNNEL-TEST: services up at"
    "RUNNEL-TEST: zombies left: 0"
    "RUNNEL-TEST: svlogd wrote: service b up"
  )
  down=(
    "- runit: leave stage: /etc/runit/2"
    "- runit: enter stage: /etc/runit/3"
    "RUNNEL-TEST: stage 3"
    "RUNNEL-TEST: services down: 3"
    "- runit: leave stage: /etc/runit/3"
    "- runit: sending KILL signal to all processes..."
  )
  case $action in
    6) steps=("${up[@]}" "RUNNEL-TEST: init 6" "${down[@]}" "- runit: system reboot." "reboot: Restarting system") ;;
    0) steps=("${up[@]}" "RUNNEL-TEST: init 0" "${down[@]}" "- runit: power off..." "reboot: Power down") ;;
    cad) steps=("${up[@]}" "RUNNEL-TEST: waiting for ctrl-alt-del" "- runit: ctrl-alt-del request..."
      "- runit: enter stage: /etc/runit/ctrlaltdel" "RUNNEL-TEST: ctrlaltdel" "- runit: leave stage: /etc/runit/ctrlaltdel"
      "${down[@]}" "- runit: system reboot." "reboot: Restarting system") ;;
    *) echo "qemu-boot: unknown action $action" >&2; exit 100 ;;
  esac
  if why=$(in_order "$log" "${steps[@]}") && [ "$rc" = 0 ]; then
    echo "qemu-boot: $action: ok (wall ${wall} ms)"
    sed -n 's/^RUNNEL-TEST: \(services up at .*\|pid 1 memory: .*\|pid 1 threads: .*\)$/qemu-boot:   \1/p' "$log"
  else
    failed=1
    echo "qemu-boot: $action: FAIL (qemu exit $rc) ${why:-}"
    sed 's/^/  | /' "$log"
  fi
done
exit $failed
