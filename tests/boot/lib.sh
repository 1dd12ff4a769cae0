# Sourced by the boot tests (qemu-boot.sh, debian/boot.sh, debian/assert.sh).

# in_order LOG LINE...: every LINE (fixed string) appears, each after the one before.
in_order() {
  local log=$1 at=1 n want; shift
  [ $# -gt 0 ] || { echo "no steps"; return 1; }
  for want in "$@"; do
    n=$(tail -n +$at "$log" | grep -a -n -F -m 1 -- "$want" | cut -d: -f1)
    if [ -z "$n" ]; then echo "missing (in order): $want"; return 1; fi
    at=$((at + n - 1))
  done
}

# pick_accel KERNEL PROBELOG: prints kvm or tcg. /dev/kvm may belong to a
# nested hypervisor that cannot run a stock kernel: use it only if the kernel
# prints its banner within a few seconds, else emulate.
pick_accel() {
  local kernel=$1 log=$2
  if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
    (timeout 8 qemu-system-x86_64 -accel kvm -cpu host -m 256 -display none -no-reboot -nic none -kernel "$kernel" \
      -serial "file:$log" -append "console=ttyS0 panic=-1"; true) >/dev/null 2>&1
    if grep -a -q 'Linux version' "$log" 2>/dev/null; then echo kvm; return; fi
  fi
  echo tcg
}
