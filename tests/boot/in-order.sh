# Sourced by the boot tests (qemu-boot.sh, debian/assert.sh).
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
