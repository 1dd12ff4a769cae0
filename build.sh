#!/usr/bin/env bash
# runnel's one entry point for building, the demo and the tests.
#   ./build.sh          publish runnel (NativeAOT) into out/bin with a link per tool
#   ./build.sh demo     ... then run a real supervision tree on examples/
#   ./build.sh test     ... then build and run the whole test suite
#   ./build.sh test -class 'Runnel.Tests.Runsv*'   (xunit filters pass through)
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

tools="runit runit-init runsvdir runsv sv svlogd chpst envdir envuidgid pgrphack setuidgid softlimit setlock utmpset runsvchdir svls"

publish() {
  mkdir -p out
  dotnet publish src/Runnel -c Release -o out/publish -nologo -v quiet -p:WarningLevel=4 >out/publish.log 2>&1 || {
    cat out/publish.log >&2; echo "build.sh: publish failed" >&2; exit 1; }
  if grep -qE 'warning (IL|CS)[0-9]+' out/publish.log; then
    grep -E 'warning' out/publish.log >&2; echo "build.sh: publish has warnings" >&2; exit 1
  fi
  mkdir -p out/bin
  cp -f out/publish/runnel out/bin/runnel.new && mv -f out/bin/runnel.new out/bin/runnel
  for t in $tools; do ln -sfn runnel "out/bin/$t"; done
}

c_runit() {
  # The C runit binaries from Debian, for the differential tests and benchmarks.
  RUNIT_C=$(bash tests/compat/fetch-c-runit.sh)
  export RUNIT_C
}

case "${1:-build}" in
  build)
    publish ;;
  demo)
    publish
    exec bash examples/demo.sh "$root/out/bin" ;;
  test)
    shift
    publish
    c_runit
    dotnet build tests/Runnel.Tests -c Release -nologo -v quiet >out/test-build.log 2>&1 || {
      cat out/test-build.log >&2; echo "build.sh: test build failed" >&2; exit 1; }
    export RUNNEL_BIN="$root/out/bin"
    set +e
    tests/Runnel.Tests/bin/Release/net10.0/linux-x64/Runnel.Tests -noColor -maxThreads 2 "$@" 2>&1 | tee out/test.log
    rc=${PIPESTATUS[0]}
    set -e
    bash tests/summary.sh out/test.log
    exit "$rc" ;;
  *)
    echo "usage: ./build.sh [build|demo|test [xunit args]]" >&2; exit 100 ;;
esac
