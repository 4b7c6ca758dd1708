#!/usr/bin/env bash
# The whole test suite, as CI runs it:
#   1. a gcc Release build (-O3, what users build) with -Wall -Wextra -Werror, and every test
#      (unit, end to end, licence corpora, formats checked with the SARIF validator, xmllint and
#      headless Chromium);
#   2. a clang build with AddressSanitizer + UndefinedBehaviorSanitizer (LeakSanitizer on) and
#      libFuzzer coverage: the unit and end-to-end tests again, then every fuzzer briefly.
# Environment: PACTE_FUZZ_SECONDS (default 30 per fuzzer), PACTE_FUZZ_JOBS (default 2),
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

# The benchmarks (tests/bench/) are not CTest tests: they are run by their scripts only.
echo "== gcc Release build (-Werror) and every test"
cmake -S . -B build/werror -G Ninja -DCMAKE_BUILD_TYPE=Release -DPACTE_WERROR=ON >/dev/null
cmake --build build/werror -j "$jobs"
(cd build/werror && ctest --output-on-failure -j "$jobs")

if [ "${PACTE_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== clang build with ASan + UBSan + libFuzzer coverage: tests again, then the fuzzers"
  # -O1 with line tables: readable sanitizer reports at a fraction of a full -O2 -g build's time.
  CC=clang CXX=clang++ cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=None \
    -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DPACTE_FUZZ=ON >/dev/null
  cmake --build build/asan -j "$jobs"
  # The formats samples test drives Chromium and the SARIF validator: done once above.
  (cd build/asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     PACTE_SKIP_SARIF_VALIDATOR=1 PACTE_SKIP_CHROMIUM=1 ctest --output-on-failure -j "$jobs" -E 'formats_samples')
  # Two fuzzers at a time (one per core), 30 s each: the same wall time as 15 s one by one.
  PACTE_FUZZ_JOBS=${PACTE_FUZZ_JOBS:-2} bash tests/fuzz/run.sh build/asan "${PACTE_FUZZ_SECONDS:-30}"
fi
echo "== all tests passed"
