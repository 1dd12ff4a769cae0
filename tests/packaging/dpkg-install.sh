#!/usr/bin/env bash
# Installs runnel's .deb over Debian's runit in a throw-away root and back:
#   tests/packaging/dpkg-install.sh RUNNEL_DEB RUNIT_DEBS_DIR
# The root is an overlay of / (writes go to a temp dir) in a private mount
# namespace, so dpkg, its database and the maintainer scripts are the real
# ones and the machine's own files are never touched. Prints "ok: STEP" per
# passed check and ends with "dpkg-install: ok"; any failed check exits 1.
set -euo pipefail
if [ "${1:-}" != --inside ]; then exec unshare -m --propagation private bash "$0" --inside "$@"; fi
shift
deb=$(readlink -f "$1"); debs=$(readlink -f "$2")
work=$(mktemp -d /var/tmp/runnel-dpkg.XXXXXX)
trap 'umount -R "$work/root" 2>/dev/null || true; rm -rf "$work"' EXIT

fresh_root() {   # a new overlay of / at $work/root
  umount -R "$work/root" 2>/dev/null || true
  rm -rf "$work/up" "$work/wk" && mkdir -p "$work/up" "$work/wk" "$work/root"
  mount -t overlay overlay -o "lowerdir=/,upperdir=$work/up,workdir=$work/wk" "$work/root"
  mount -t proc proc "$work/root/proc"
  mount --rbind /dev "$work/root/dev"
  mount -t tmpfs tmpfs "$work/root/tmp"
  mount -t tmpfs tmpfs "$work/root/run"
  cp "$deb" "$debs"/*.deb "$work/next-runnel.deb" "$work/root/tmp/"
  # preinst's list: "PATH DIVERTED" lines without the leading / between <<'LIST' and LIST.
  dpkg-deb -I "$deb" preinst | sed -n "/<<'LIST'/,/^LIST\$/{/LIST/d;s|^|/|;s| | /|;p;}" >"$work/root/tmp/diversions"
  [ "$(wc -l <"$work/root/tmp/diversions")" -ge 25 ] || { echo "FAIL: diversion list: $(cat "$work/root/tmp/diversions")"; exit 1; }
  dpkg-deb -I "$debs"/runit_*.deb md5sums >"$work/root/tmp/runit.md5sums"
}

# The next version, which no longer ships /usr/sbin/utmpset: upgrading to it must
# give runit's utmpset back (postinst drops diversions the new list lacks).
dpkg-deb -R "$deb" "$work/next"
rm "$work/next/usr/sbin/utmpset"
sed -i '/^usr\/sbin\/utmpset /d' "$work/next/DEBIAN/preinst" "$work/next/DEBIAN/postinst" "$work/next/DEBIAN/postrm"
sed -i 's/^Version: .*/&+next/' "$work/next/DEBIAN/control"
dpkg-deb --root-owner-group -b "$work/next" "$work/next-runnel.deb" >/dev/null

# Checks run inside the root (/bin/sh of the host's Debian, through the overlay).
cat >"$work/checks.sh" <<'CHECKS'
set -eu
fail() { echo "FAIL: $*"; exit 1; }
ok() { echo "ok: $*"; }
runit_ships() { grep -q "  ${1#/}\$" /tmp/runit.md5sums; }
runit_md5() { grep "  ${1#/}\$" /tmp/runit.md5sums | cut -d' ' -f1; }
# Every diverted path is runnel's and, where runit ships it, runit's file sits at the new name.
runnel_active() {
  while read -r p to; do
    [ "$(readlink -f "$p")" = /usr/lib/runnel/runnel ] || [ "${p#/usr/share/}" != "$p" ] || fail "$p is not runnel's: $(ls -l "$p")"
    dpkg-divert --truename "$p" | grep -qx "$to" || fail "$p not diverted to $to"
    if runit_ships "$p"; then
      [ "$(md5sum <"$to" | cut -d' ' -f1)" = "$(runit_md5 "$p")" ] || fail "$to is not runit's $p"
    fi
  done </tmp/diversions
  { sv -V 2>&1 || true; } | grep -q 'Id: runnel ' || fail "sv -V is not runnel's"
  ok "runnel active, runit's files at their diverted names ($1)"
}
# runit's files are back, byte for byte, and no diversion or runnel file is left.
runit_restored() {
  n=0
  while read -r p to; do
    [ -e "$to" ] && fail "$to left behind"
    if runit_ships "$p"; then
      [ "$(md5sum <"$p" | cut -d' ' -f1)" = "$(runit_md5 "$p")" ] || fail "$p is not runit's after removal"
      n=$((n + 1))
    else
      [ -e "$p" ] && fail "$p left behind"
    fi
  done </tmp/diversions
  [ -z "$(dpkg-divert --list 'runnel')" ] || fail "diversions left: $(dpkg-divert --list runnel)"
  [ ! -e /usr/lib/runnel/runnel ] || fail "/usr/lib/runnel/runnel left"
  [ "$n" -ge 10 ] || fail "only $n runit files compared"
  ok "runit's $n files restored byte for byte ($1)"
}
helpers="$(ls /tmp/runit-helper_*.deb /tmp/sysuser-helper_*.deb)"
case "$1" in
  over-runit)
    dpkg -i $helpers /tmp/runit_*.deb >/tmp/log 2>&1 || { cat /tmp/log; fail "runit install"; }
    ok "runit installed"
    dpkg -i /tmp/runnel_*.deb >/tmp/log 2>&1 || { cat /tmp/log; fail "runnel install"; }
    runnel_active install
    dpkg -i /tmp/runnel_*.deb >/tmp/log 2>&1 || { cat /tmp/log; fail "runnel reinstall"; }
    runnel_active reinstall
    dpkg -s runit | grep -qx 'Status: install ok installed' || fail "runit not configured after runnel"
    [ -x /sbin/update-service ] && [ -d /etc/runit/runsvdir/default ] || fail "runit's own files gone"
    dpkg -r runnel >/tmp/log 2>&1 || { cat /tmp/log; fail "runnel remove"; }
    runit_restored remove
    dpkg -P runnel >/tmp/log 2>&1 || { cat /tmp/log; fail "runnel purge"; }
    runit_restored purge ;;
  before-runit)
    dpkg -i /tmp/runnel_*.deb >/tmp/log 2>&1 || { cat /tmp/log; fail "runnel install without runit"; }
    [ "$(readlink -f /usr/bin/sv)" = /usr/lib/runnel/runnel ] || fail "no runnel sv without runit"
    ok "runnel installed without runit"
    dpkg -i $helpers /tmp/runit_*.deb >/tmp/log 2>&1 || { cat /tmp/log; fail "runit install after runnel"; }
    runnel_active "runit installed after runnel"
    dpkg -r runnel >/tmp/log 2>&1 || { cat /tmp/log; fail "runnel remove"; }
    runit_restored "remove, runit installed later" ;;
  upgrade-drops-a-path)
    dpkg -i $helpers /tmp/runit_*.deb >/tmp/log 2>&1 || { cat /tmp/log; fail "runit install"; }
    dpkg -i /tmp/runnel_*.deb >/tmp/log 2>&1 || { cat /tmp/log; fail "runnel install"; }
    runnel_active "before the upgrade"
    dpkg -i /tmp/next-runnel.deb >/tmp/log 2>&1 || { cat /tmp/log; fail "upgrade to the next runnel"; }
    ! dpkg-divert --list runnel | grep -q 'of /usr/sbin/utmpset to' || fail "utmpset still diverted"
    [ "$(md5sum </usr/sbin/utmpset | cut -d' ' -f1)" = "$(runit_md5 /usr/sbin/utmpset)" ] || fail "runit's utmpset not back"
    [ ! -e /usr/sbin/utmpset.runit ] || fail "/usr/sbin/utmpset.runit left"
    [ "$(readlink -f /usr/bin/sv)" = /usr/lib/runnel/runnel ] || fail "sv is not runnel's after the upgrade"
    ok "upgrade: a path the new version no longer ships is runit's again"
    dpkg -r runnel >/tmp/log 2>&1 || { cat /tmp/log; fail "runnel remove"; }
    runit_restored "remove after the upgrade" ;;
  over-daemontools)
    # The personalities' names belong to daemontools: its files go to NAME.distrib and come back.
    dpkg -i /tmp/daemontools_*.deb >/tmp/log 2>&1 || { cat /tmp/log; fail "daemontools install"; }
    files="/usr/bin/envdir /usr/bin/envuidgid /usr/bin/pgrphack /usr/bin/setuidgid /usr/bin/softlimit /usr/bin/setlock
      /usr/share/man/man8/envdir.8.gz /usr/share/man/man8/setlock.8.gz"
    md5sum $files >/tmp/dt.before
    dpkg -i /tmp/runnel_*.deb >/tmp/log 2>&1 || { cat /tmp/log; fail "runnel install over daemontools"; }
    for f in $files; do
      case "$f" in
        /usr/bin/*) to=$f.distrib; [ "$(readlink -f "$f")" = /usr/lib/runnel/runnel ] || fail "$f is not runnel's" ;;
        *) to=${f%.8.gz}.distrib.8.gz; [ "$(readlink "$f")" = chpst.8.gz ] || fail "$f is not chpst's page" ;;
      esac
      [ "$(md5sum <"$to" | cut -d' ' -f1)" = "$(grep " $f\$" /tmp/dt.before | cut -d' ' -f1)" ] || fail "$to is not daemontools' $f"
    done
    ok "runnel's personalities active, daemontools' files at NAME.distrib"
    dpkg -r runnel >/tmp/log 2>&1 || { cat /tmp/log; fail "runnel remove"; }
    md5sum -c --quiet /tmp/dt.before || fail "daemontools' files not restored"
    ! ls /usr/bin/*.distrib /usr/share/man/man8/*.distrib.8.gz 2>/dev/null || fail ".distrib files left"
    ok "daemontools' files restored byte for byte" ;;
esac
CHECKS

for scenario in over-runit before-runit upgrade-drops-a-path over-daemontools; do
  fresh_root
  cp "$work/checks.sh" "$work/root/tmp/checks.sh"
  chroot "$work/root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin /bin/sh /tmp/checks.sh "$scenario"
  echo "ok: scenario $scenario"
done
echo "dpkg-install: ok"
