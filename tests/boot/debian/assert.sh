# Sourced by boot.sh: what the console of one boot must show, and the
# measures read from it.

# steps_for IMPL ACTION LOG: the console lines (fixed strings) a boot must
# show in this order, one per line.
steps_for() {
  local impl=$1 action=$2 log=$3 s
  local pid1=/usr/sbin/runit runsvdir=/usr/bin/runsvdir runsv=/usr/bin/runsv svlogd=/usr/bin/svlogd
  if [ "$impl" = runnel ]; then pid1=/usr/lib/runnel/runnel runsvdir=$pid1 runsv=$pid1 svlogd=$pid1; fi
  printf '%s\n' "RUNNEL-INITRD: switch_root at" "- runit: \$Id: " ": booting." \
    "- runit: enter stage: /etc/runit/1" "- runit: leave stage: /etc/runit/1" "- runit: enter stage: /etc/runit/2" \
    "RUNNEL-DEB: driver start ($action)" "RUNNEL-DEB: all services up at" "RUNNEL-DEB: runsvdir started at" "RUNNEL-DEB: supervision tree:" \
    "RUNNEL-DEB: exe pid1: $pid1" "RUNNEL-DEB: exe runsvdir: $runsvdir" "RUNNEL-DEB: exe runsv cron: $runsv" \
    "RUNNEL-DEB: exe runsv ssh: $runsv" "RUNNEL-DEB: exe runsv testd: $runsv" "RUNNEL-DEB: exe svlogd testd: $svlogd"
  if [ "$action" != bench ]; then
    printf 'RUNNEL-DEB: ok: %s\n' "Debian's /etc/runit/1 ran" "runsvdir -P /etc/service is up" \
      "cron supervised (sv status: run): runsv" "ssh supervised (sv status: run): runsv" "tree: runit(1) - runsvdir(" "svlogd wrote /var/log/testd/current" \
      "cpsv a atd; update-service --add /etc/sv/atd: supervised after" "sv restart testd: pid" \
      "update-service --remove /etc/sv/testd: runsv and daemon gone" "update-service --add /etc/sv/testd: up"
  fi
  local init=$action
  [ "$action" = bench ] && init=0
  printf '%s\n' "RUNNEL-DEB: init $init at" "- runit: leave stage: /etc/runit/2" "- runit: enter stage: /etc/runit/3" \
    "Waiting for services to stop..."
  # Every service stopped: sv force-stop's line for each (in sv's order: any).
  for s in $(tr -d '\r' <"$log" | sed -n 's/^RUNNEL-DEB: services: //p' | head -n 1); do
    echo "ok: down: /etc/service/$s:"
  done | sort_like_console "$log"
  # Debian's stage 3 runs rc6.d (ends "Will now restart.") when
  # /run/runit.reboot has mode 100, else rc0.d ("Will now halt.").
  local rc=halt
  [ "$init" = 6 ] && rc=restart
  printf '%s\n' "Running shutdown tasks..." "Will now $rc." "- runit: leave stage: /etc/runit/3" \
    "- runit: sending KILL signal to all processes..."
  if [ "$init" = 6 ]; then printf '%s\n' "- runit: system reboot." "reboot: Restarting system"
  else printf '%s\n' "- runit: power off..." "reboot: Power down"; fi
}

# sort_like_console LOG: the lines on stdin in the order they appear in LOG
# (missing ones last, so in_order reports them).
sort_like_console() {
  local want n
  while IFS= read -r want; do
    n=$(grep -a -n -F -m 1 -- "$want" "$1" | cut -d: -f1)
    echo "${n:-999999} $want"
  done | sort -n -k1,1 | cut -d' ' -f2-
}


# measure LOG: guest clock figures of one boot (seconds since the kernel started).
measure() {
  awk '
    /RUNNEL-INITRD: switch_root at/ { sr = $NF }
    /RUNNEL-DEB: all services up at/ { split($0, a, " at "); up = a[2] + 0 }
    /RUNNEL-DEB: runsvdir started at/ { rs = $NF + 0 }
    /RUNNEL-DEB: supervision tree:/ { n = $4; kb = $(NF - 1) }
    /RUNNEL-DEB: init [06] at/ { init = $NF }
    /reboot: (Power down|Restarting system)/ { t = $0; sub(/^[^[]*\[ */, "", t); sub(/\].*/, "", t); off = t + 0 }
    END { printf "switch_root %.2f s; services up %.2f s (%.2f s after switch_root, %.2f s after runsvdir started); shutdown %.2f s (init -> power off); tree %d processes, Private_Dirty %d kB\n",
          sr, up, up - sr, up - rs, off - init, n, kb }' "$1"
}
