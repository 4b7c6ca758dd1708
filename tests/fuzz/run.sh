#!/usr/bin/env bash
# Runs every libFuzzer target of BUILD_DIR for SECONDS each and fails if one finds a crash, a
# hang (-timeout), a leak or an out-of-memory (-rss_limit_mb).
#
#   bash tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
#
# Each fuzzer starts from a copy of its seed corpus (tests/fuzz/corpus/<target>/) and of its
# kept inputs (tests/fuzz/regressions/<target>/), merged into BUILD_DIR/fuzz-work/<target>/corpus
# so that what earlier runs found is kept. Crash inputs land in
# BUILD_DIR/fuzz-work/<target>/artifacts/, the log in BUILD_DIR/fuzz-work/<target>/log; each new
# crash, leak, timeout or out-of-memory input is also copied into the kept inputs,
# tests/fuzz/regressions/<target>/<kind>-<sha1> (the path is printed): once fixed, commit it, and
# CTest replays it (fuzz_regressions_<target>). That copy is the only write into the source tree.
# Environment: PACTE_FUZZ_JOBS (default 1) fuzzers run at a time; PACTE_FUZZ_KEEP_DIR (default
# tests/fuzz/regressions) where new crash inputs are kept.
set -uo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 BUILD_DIR SECONDS [TARGET...]" >&2
  exit 2
fi
build=$(cd "$1" && pwd) || exit 2
seconds=$2
shift 2
here="$(cd "$(dirname "$0")" && pwd)"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for d in "$here"/corpus/fuzz_*/; do targets+=("$(basename "$d")"); done
fi
jobs=${PACTE_FUZZ_JOBS:-1}
keep=${PACTE_FUZZ_KEEP_DIR:-$here/regressions}

# keep_artifacts TARGET WORK: copies each artifact of WORK/artifacts not yet kept into
# $keep/TARGET/, named by its kind and content, and prints where each went.
keep_artifacts() {
  local t=$1 work=$2 a kind sum dest
  for a in "$work/artifacts/"*; do
    [ -f "$a" ] || continue
    kind=$(basename "$a") && kind=${kind%%-*}
    sum=$(sha1sum "$a" | cut -c1-40)
    dest="$keep/$t/$kind-$sum"
    [ -e "$dest" ] && continue
    mkdir -p "$keep/$t" && cp "$a" "$dest" && echo "  new $kind input kept in $dest (replay: $build/tests/fuzz/$t $dest)"
  done
}

run_one() {
  local t=$1 bin="$build/tests/fuzz/$1" work="$build/fuzz-work/$1"
  if [ ! -x "$bin" ]; then
    echo "$t: not built ($bin); build the 'fuzzers' target with -DPACTE_FUZZ=ON" >"$work.status"
    echo 1 >"$work.rc"
    return 1
  fi
  mkdir -p "$work/corpus" "$work/artifacts"
  cp -n "$here/corpus/$t/"* "$work/corpus/" 2>/dev/null
  cp -n "$here/regressions/$t/"* "$work/corpus/" 2>/dev/null
  local dict=()
  [ -f "$here/corpus/$t.dict" ] && dict=(-dict="$here/corpus/$t.dict")
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$bin" "$work/corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$work/artifacts/" -print_final_stats=1 >"$work/log" 2>&1
  local rc=$?
  local execs cov ft
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "$work/log" | tail -1 | grep -o '[0-9]*')
  ft=$(grep -o 'ft: [0-9]*' "$work/log" | tail -1 | grep -o '[0-9]*')
  if [ $rc -eq 0 ]; then
    echo "$t: ok, ${seconds}s, ${execs:-?} executions, cov ${cov:-?}, ft ${ft:-?}, corpus $(ls "$work/corpus" | wc -l) inputs" >"$work.status"
  else
    {
      echo "$t: FAILED (exit $rc) after ${execs:-?} executions; artifacts in $work/artifacts, log in $work/log"
      grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|SUMMARY' "$work/log"
      keep_artifacts "$t" "$work"
    } >"$work.status"
  fi
  echo "$rc" >"$work.rc"
  return $rc
}

mkdir -p "$build/fuzz-work"
for t in "${targets[@]}"; do
  rm -f "$build/fuzz-work/$t.rc" "$build/fuzz-work/$t.status"
  run_one "$t" &
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
done
wait
failed=0
for t in "${targets[@]}"; do
  cat "$build/fuzz-work/$t.status" 2>/dev/null || echo "$t: no result"
  [ "$(cat "$build/fuzz-work/$t.rc" 2>/dev/null)" = 0 ] || failed=1
done
exit $failed
