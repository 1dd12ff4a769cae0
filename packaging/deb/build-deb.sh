#!/usr/bin/env bash
# Builds runnel's Debian package with dpkg-deb and prints its path.
#   packaging/deb/build-deb.sh [OUTDIR]     (default: out/deb)
# Runs ./build.sh first when out/bin/runnel is missing or older than a source.
# RUNNEL_BINARY=path uses that binary instead (no build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
outdir=${1:-$root/out/deb}
mkdir -p "$outdir" && outdir=$(cd "$outdir" && pwd)

bin=${RUNNEL_BINARY:-}
if [ -z "$bin" ]; then
  bin=$root/out/bin/runnel
  if [ ! -x "$bin" ] || [ -n "$(find "$root/src" -newer "$bin" -name '*.cs' -print -quit)" ]; then
    "$root/build.sh" >&2
  fi
fi
version=$(sed -n 's/.*const string Version = "\([^"]*\)".*/\1/p' "$root/src/Runnel/Program.cs")
[ -n "$version" ] || { echo "build-deb: no Version in src/Runnel/Program.cs" >&2; exit 1; }

# runit's names: diverted when runnel ships a file of that name.
runit_tools="runit runit-init runsvdir runsv sv svlogd chpst utmpset runsvchdir"
personalities="envdir envuidgid pgrphack setuidgid softlimit setlock"
# runnel's own tools (no runit file of that name: nothing to divert).
own="svls"
usr_bin="runsv runsvdir sv svlogd chpst envdir envuidgid pgrphack setuidgid softlimit setlock $own"
usr_sbin="runsvchdir utmpset"
target=/usr/lib/runnel/runnel

stage=$(mktemp -d "$outdir/stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
pkg=$stage/pkg
umask 022
install -D -m 0755 "$bin" "$pkg$target"
mkdir -p "$pkg/usr/bin" "$pkg/usr/sbin" "$pkg/sbin" "$pkg/lib/runit"
# Policy: relative links inside /usr, absolute ones across top-level directories.
ln -s ../lib/runnel/runnel "$pkg/usr/bin/runnel"
for t in $usr_bin; do ln -s ../lib/runnel/runnel "$pkg/usr/bin/$t"; done
for t in $usr_sbin; do ln -s ../lib/runnel/runnel "$pkg/usr/sbin/$t"; done
ln -s "$target" "$pkg/sbin/runit"
ln -s "$target" "$pkg/lib/runit/runit-init"

shopt -s nullglob
for page in "$root"/man/*.[1-8]; do
  sec=${page##*.}
  install -D -m 0644 "$page" "$pkg/usr/share/man/man$sec/$(basename "$page")"
  gzip -9n "$pkg/usr/share/man/man$sec/$(basename "$page")"
done
# The personalities' pages are chpst's (daemontools ships pages of these names).
for t in $personalities; do
  [ -e "$pkg/usr/share/man/man8/chpst.8.gz" ] && ln -s chpst.8.gz "$pkg/usr/share/man/man8/$t.8.gz"
done
install -D -m 0644 "$root/packaging/completion/sv.bash" "$pkg/usr/share/bash-completion/completions/sv"
doc=$pkg/usr/share/doc/runnel
install -D -m 0644 "$here/copyright" "$doc/copyright"
install -m 0644 "$root/README.md" "$doc/README.md"
for d in "$root"/docs/*.md; do install -m 0644 "$d" "$doc/$(basename "$d")"; done
printf 'runnel (%s) unstable; urgency=medium\n\n  * Built from the runnel tree.\n\n -- runnel developers <runnel@localhost>  %s\n' \
  "$version" "$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}")" \
  | gzip -9n >"$doc/changelog.gz"

# The diversion list (paths without the leading /): every shipped path that runit ships too (-> PATH.runit,
# man pages NAME.runit.8.gz) and the chpst personalities, whose names belong
# to daemontools (-> PATH.distrib, dpkg-divert's own default suffix).
diversions=$stage/diversions
: >"$diversions"
while IFS= read -r f; do
  p=/${f#./}
  case "$p" in
    /usr/lib/runnel/*|/usr/bin/runnel|/usr/share/doc/*) continue ;;
    /usr/bin/svls|/usr/share/man/man8/svls.8.gz|/usr/share/man/man8/runnel.8.gz) continue ;;
    /usr/share/man/man*/*.gz)
      name=$(basename "$p" .gz); sec=${name##*.}; name=${name%.*}
      case " $runit_tools " in
        *" $name "*) echo "${p#/} $(dirname "${p#/}")/$name.runit.$sec.gz" >>"$diversions" ;;
        *) case " $personalities " in
             *" $name "*) echo "${p#/} $(dirname "${p#/}")/$name.distrib.$sec.gz" >>"$diversions" ;;
           esac ;;
      esac ;;
    /usr/bin/envdir|/usr/bin/envuidgid|/usr/bin/pgrphack|/usr/bin/setuidgid|/usr/bin/softlimit|/usr/bin/setlock)
      echo "${p#/} ${p#/}.distrib" >>"$diversions" ;;
    *) echo "${p#/} ${p#/}.runit" >>"$diversions" ;;
  esac
done < <(cd "$pkg" && find . \( -type f -o -type l \) | LC_ALL=C sort)

mkdir -p "$pkg/DEBIAN"
size=$(du -sk --apparent-size "$pkg" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" "$here/control.in" >"$pkg/DEBIAN/control"
for s in preinst postinst postrm; do
  awk -v list="$diversions" '$0 == "@DIVERSIONS@" { while ((getline l < list) > 0) print l; next } { print }' \
    "$here/$s.in" >"$pkg/DEBIAN/$s"
  chmod 0755 "$pkg/DEBIAN/$s"
done
(cd "$pkg" && find . -path ./DEBIAN -prune -o -type f -printf '%P\n' | LC_ALL=C sort | xargs md5sum) >"$pkg/DEBIAN/md5sums"

deb=$outdir/runnel_${version}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >&2
echo "$deb"
