#!/usr/bin/env bash
# Benchmark of the result cache (`pacte audit --cache DIR`): how much of an audit a warm cache
# saves, on git/git when its mirror is there and on the repository bench_audit.sh generates.
#
# For each repository, best of $RUNS, wall time and CPU time (user + system):
#   no cache      pacte audit --format json
#   cold          pacte audit --cache EMPTY        (computes everything, writes the cache)
#   warm          pacte audit --cache DIR          (the same commit again)
#   one commit    pacte audit --cache DIR          (after one new commit changing one file)
#   git           git log --use-mailmap + git grep -E -f PATTERNS HEAD (the in-script reference)
# and prints each as a ratio to the cold audit, and to git, with the machine's load average.
#
# git/git is cloned into the work folder (the mirror itself is never written). The generated
# repository is made by bench_audit.sh (COMMITS, FILES as there).
#
# Usage: tests/bench/bench_cache.sh [path/to/pacte]
#   env: RUNS (3), GIT_MIRROR (/work/.mirror/git+git/repo), ONLY=git|generated, KEEP=1, BENCH_DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pacte=${1:-$root/build/pacte}
pacte=$(cd "$(dirname "$pacte")" && pwd)/$(basename "$pacte")
[[ -x $pacte ]] || { echo "bench_cache: $pacte not found; build it first" >&2; exit 125; }
runs=${RUNS:-3}
mirror=${GIT_MIRROR:-/work/.mirror/git+git/repo}
work=${BENCH_DIR:-$(mktemp -d /tmp/pacte-bench-cache.XXXXXX)}
mkdir -p "$work"
trap '[[ ${KEEP:-0} == 1 ]] || rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset PACTE_CACHE_DIR
patterns=$work/patterns.txt
printf '%s\n' 'googletagmanager\.com' 'google-analytics\.com' 'connect\.facebook\.net' 'gtag\(' 'fbq\(' '_paq\.push' \
  'adsbygoogle' 'plausible\.io' 'amplitude\.com' 'hotjar\.com' 'matomo\.js' 'sentry\.io' >"$patterns"

# measure CMD...: "WALL_MS CPU_MS" of one run.
measure() {
  local out
  out=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 ) || true
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<<"${out##*$'\n'}"
}
# best SETUP CMD...: the best wall (and its CPU) over $runs runs, SETUP (a function name or
# `:`) run before each.
best() {
  local setup=$1 bw=999999999 bc=0
  shift
  for ((i = 0; i < runs; i++)); do
    "$setup"
    read -r w c < <(measure "$@")
    if ((w < bw)); then bw=$w bc=$c; fi
  done
  echo "$bw $bc"
}

bench_repo() {  # bench_repo NAME REPO (a working copy, HEAD is audited; one commit is added)
  local name=$1 repo=$2 cache=$work/cache-$1
  git_ref() {
    git -C "$repo" log --use-mailmap --format='%aN%x09%aE%x09%at' >/dev/null
    git -C "$repo" grep -E -f "$patterns" HEAD >/dev/null || true
  }
  fresh_cache() { rm -rf "$cache"; }
  local ncommits nfiles
  ncommits=$(git -C "$repo" rev-list --count HEAD)
  nfiles=$(git -C "$repo" ls-tree -r HEAD | wc -l)
  "$pacte" audit "$repo" --format json >/dev/null 2>&1 || true  # warm-up: page cache
  read -r nw nc < <(best : "$pacte" audit "$repo" --format json)
  read -r cw cc < <(best fresh_cache "$pacte" audit "$repo" --cache "$cache" --format json)
  read -r ww wc < <(best : "$pacte" audit "$repo" --cache "$cache" --format json)
  read -r gw gc < <(best : git_ref)
  # One commit changing one file, then a re-audit: each run adds its own commit to a cache
  # that has seen the one before, as a CI run after each push does.
  one_commit() {
    echo "line $RANDOM" >>"$repo/README.bench-cache"
    git -C "$repo" add README.bench-cache
    git -C "$repo" -c user.name=bench -c user.email=bench@example.org commit -qm "bench: one more commit"
    "$pacte" audit "$repo" --cache "$cache" --format json >/dev/null 2>&1 || true  # the cache knows HEAD~1... and HEAD
    echo "line $RANDOM" >>"$repo/README.bench-cache"
    git -C "$repo" add README.bench-cache
    git -C "$repo" -c user.name=bench -c user.email=bench@example.org commit -qm "bench: one more commit"
  }
  read -r ow oc < <(best one_commit "$pacte" audit "$repo" --cache "$cache" --format json)
  local size files
  size=$(du -sk "$cache/results" | cut -f1)
  files=$(find "$cache/results" -type f | wc -l)
  echo "bench_cache: $name: $ncommits commits, $nfiles files; cache $((size / 1024)) MiB in $files files"
  # Other work on the machine skews every figure: the load is printed with them.
  echo "bench_cache: load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  printf 'bench_cache: %-9s %-24s %8s %8s %10s %10s %8s\n' "$name" "" "wall ms" "cpu ms" "wall/cold" "cpu/cold" "wall/git"
  row() {
    awk -v n="$name" -v l="$1" -v w="$2" -v c="$3" -v cw="$cw" -v cc="$cc" -v gw="$gw" \
      'BEGIN { printf "bench_cache: %-9s %-24s %8d %8d %10.2f %10.2f %8.2f\n", n, l, w, c, w / cw, c / (cc > 0 ? cc : 1), w / (gw > 0 ? gw : 1) }'
  }
  row "no cache" "$nw" "$nc"
  row "cold (writes the cache)" "$cw" "$cc"
  row "warm, same commit" "$ww" "$wc"
  row "after one commit" "$ow" "$oc"
  row "git log + git grep" "$gw" "$gc"
}

if [[ ${ONLY:-} != generated ]]; then
  if [[ -d $mirror ]]; then
    [[ -d $work/git ]] || git clone -q "$mirror" "$work/git"
    bench_repo git/git "$work/git"
  else
    echo "bench_cache: no git/git mirror at $mirror: skipped"
  fi
fi
if [[ ${ONLY:-} != git ]]; then
  KEEP=1 BENCH_DIR=$work/generated RUNS=1 "$here/bench_audit.sh" "$pacte" >/dev/null
  [[ -d $work/generated-wc ]] || git clone -q "$work/generated/repo" "$work/generated-wc"
  bench_repo generated "$work/generated-wc"
fi
