#!/usr/bin/env bash
# The whole test suite: a -Werror build with unit and end-to-end tests, the same suite under
# AddressSanitizer + UndefinedBehaviorSanitizer, and a short run of every fuzzer.
# Environment: PACTE_FUZZ_SECONDS (default 20 per fuzzer), PACTE_SKIP_SANITIZERS=1, PACTE_SKIP_FUZZ=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/install-deps.sh --test
jobs=$(nproc)

# Test data from the npm registry, installed under build/ and never committed: the SPDX
# licence texts for the licence corpus, and Microsoft's SARIF validator (installed on first use).
eval "$(bash tests/licenses/setup_corpus.sh "$root/build/license-corpus")"
export SARIF_MULTITOOL_DIR="$root/build/sarif-multitool"

echo "== build (-Werror) and tests"
cmake -S . -B build/werror -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPACTE_WERROR=ON >/dev/null
cmake --build build/werror -j "$jobs"
(cd build/werror && ctest --output-on-failure -j "$jobs")

if [ "${PACTE_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== build and tests under AddressSanitizer + UndefinedBehaviorSanitizer"
  cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPACTE_WERROR=ON -DPACTE_SANITIZE=ON >/dev/null
  cmake --build build/asan -j "$jobs"
  (cd build/asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     ctest --output-on-failure -j "$jobs" -E 'bench')
fi

if [ "${PACTE_SKIP_FUZZ:-0}" != 1 ] && [ -f tests/fuzz/CMakeLists.txt ]; then
  echo "== fuzzers (${PACTE_FUZZ_SECONDS:-20} s each)"
  CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPACTE_FUZZ=ON -DPACTE_TESTS=OFF >/dev/null
  cmake --build build/fuzz -j "$jobs"
  bash tests/fuzz/run.sh build/fuzz "${PACTE_FUZZ_SECONDS:-20}"
fi
echo "== all tests passed"
