# Sourced by boot.sh: what goes into the per-run copy of the cached root.
# Needs $here (tests/boot/debian) and $repo.

# install_guest ROOT: the test daemon testd (with an svlogd log service) and
# the driver service runnel-test, enabled as Debian does (links in
# /etc/runit/runsvdir/default, supervise/ in /run/runit/supervise). atd is
# made never-added: runit's dpkg trigger (cpsv s, run by any package install
# such as runnel's) copies and enables every stock service whose daemon is
# installed; the test adds it back with cpsv and update-service.
install_guest() {
  local r=$1 s
  rm -rf "$r/etc/sv/atd" "$r/etc/runit/runsvdir/default/atd"
  cp -a "$here/guest/." "$r/" || return 1
  for s in testd runnel-test; do
    ln -s /run/runit/supervise/$s "$r/etc/sv/$s/supervise"
    ln -s /etc/sv/$s "$r/etc/runit/runsvdir/default/$s"
  done
  ln -s /run/runit/supervise/testd.log "$r/etc/sv/testd/log/supervise"
}

# install_runnel ROOT WORK: runnel's .deb (packaging/deb/build-deb.sh, or
# $RUNNEL_DEB) installed with dpkg inside the root; it diverts runit's
# binaries. The binary is $RUNNEL_BIN/runnel when set (the test suite's build).
install_runnel() {
  local r=$1 work=$2 deb=${RUNNEL_DEB:-} bin=${RUNNEL_BIN:-$repo/out/bin}/runnel
  if [ -z "$deb" ]; then
    [ -x "$repo/packaging/deb/build-deb.sh" ] || { echo "boot-debian: packaging/deb/build-deb.sh missing" >&2; return 1; }
    [ -x "$bin" ] && export RUNNEL_BINARY=$bin
    deb=$(bash "$repo/packaging/deb/build-deb.sh" "$work/deb" 2>"$work/build-deb.log" | tail -n 1) || {
      cat "$work/build-deb.log" >&2; return 1; }
  fi
  [ -s "$deb" ] || { echo "boot-debian: no .deb at '$deb'" >&2; return 1; }
  cp "$deb" "$r/tmp/runnel.deb"
  chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin dpkg -i /tmp/runnel.deb >"$work/dpkg.log" 2>&1 || {
    cat "$work/dpkg.log" >&2; return 1; }
  rm -f "$r/tmp/runnel.deb"
  echo "boot-debian: installed $(basename "$deb")" >&2
}
