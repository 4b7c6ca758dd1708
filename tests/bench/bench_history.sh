#!/usr/bin/env bash
# Benchmark of the history analysis (checks/history) against git itself.
#
# Generates a repository of $COMMITS commits (default 80,000) with git fast-import: 24 authors
# over ten years, alternate identities merged by a .mailmap, two bots, a merge every 100
# commits, one changed file per commit; then `git gc` as on a real repository (which also
# writes a commit-graph: git may use it, libgit2 1.5.1 cannot). Then, in one run, it times
#   git log --use-mailmap --format='%aN%x09%aE%x09%at'   (one process, output to /dev/null)
#   bench_history REPO                                      (one process: analyze_history)
# taking the best of $RUNS runs of each after a warm-up, and prints the ratio pacte / git.
#
# Usage: tests/bench/bench_history.sh [path/to/bench_history]
#   env: COMMITS (80000), RUNS (5), KEEP=1 to keep the generated repository, BENCH_DIR.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
test_bin=${1:-}
if [[ -z $test_bin ]]; then
  for b in "$root/build-history" "$root/build"; do
    if [[ -x $b/tests/bench_history ]]; then test_bin=$b/tests/bench_history; break; fi
  done
fi
if [[ -z $test_bin || ! -x $test_bin ]]; then
  echo "bench_history: bench_history not found; build it (cmake --build build --target bench_history) or pass its path" >&2
  exit 125
fi

commits=${COMMITS:-80000}
runs=${RUNS:-5}
work=${BENCH_DIR:-$(mktemp -d /tmp/pacte-bench-history.XXXXXX)}
repo=$work/repo
cleanup() { [[ ${KEEP:-0} == 1 ]] || rm -rf "$work"; }
trap cleanup EXIT

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_COMMITTER_NAME="Release Manager" GIT_COMMITTER_EMAIL=release@example.org

now=$(date +%s)
if [[ ! -d $repo ]]; then
  git init -q -b main "$repo"
  start=$(date +%s%N)
  awk -v n="$commits" -v now="$now" '
    function person(i,   a) {
      a = i % 26
      if (a == 24) return "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>"
      if (a == 25) return "Renovate Bot <bot@renovateapp.com>"
      if (i % 7 == 0) return sprintf("dev%d <Dev%d@Old.Example>", a, a)   # merged by .mailmap
      return sprintf("Developer %d <dev%d@example.org>", a, a)
    }
    function data(s) { printf "data %d\n%s\n", length(s), s }
    BEGIN {
      span = 10 * 365 * 86400; t0 = now - span; main_last = 0; topic = 0
      mm = ""
      for (a = 0; a < 24; a++) mm = mm sprintf("Developer %d <dev%d@example.org> <dev%d@old.example>\n", a, a, a)
      for (i = 1; i <= n; i++) {
        t = t0 + int(span * i / n)
        who = person(i)
        on_topic = (i % 100 == 50 && main_last > 0)
        printf "commit refs/heads/%s\nmark :%d\n", (on_topic ? "topic" : "main"), i
        printf "author %s %d +0100\ncommitter %s %d +0100\n", who, t, who, t
        data("change " i)
        if (main_last > 0) printf "from :%d\n", main_last
        if (!on_topic && topic > 0) { printf "merge :%d\n", topic; topic = 0 }
        if (i == 1) { printf "M 644 inline .mailmap\n"; data(mm) }
        printf "M 644 inline src/file%d.txt\n", i % 500
        data("line " i " of the service\n")
        printf "\n"
        if (on_topic) topic = i; else main_last = i
      }
    }' | git -C "$repo" fast-import --quiet
  git -C "$repo" checkout -q -f main
  git -C "$repo" tag -a -m "release" v1.0 main~10
  git -C "$repo" tag v1.1 main
  git -C "$repo" gc -q
  echo "generated $(git -C "$repo" rev-list --count HEAD) commits in $(( ($(date +%s%N) - start) / 1000000 )) ms: $repo"
fi

best() { sort -g | head -1; }

# Runs a command, prints "wall_ms cpu_ms" (cpu = user + sys of the process).
measure() {
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 | tail -1)
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<<"$t"
}

# Warm-up: both read the same pack files from the page cache afterwards.
git -C "$repo" log --use-mailmap --format='%aN%x09%aE%x09%at' >/dev/null
"$test_bin" "$repo" >/dev/null

git_wall=() git_cpu=() pacte_wall=() pacte_cpu=() pacte_inner=()
for ((r = 0; r < runs; r++)); do
  read -r w c < <(measure git -C "$repo" log --use-mailmap --format='%aN%x09%aE%x09%at')
  git_wall+=("$w") git_cpu+=("$c")
  read -r w c < <(measure env SOURCE_DATE_EPOCH="$now" "$test_bin" "$repo")
  pacte_wall+=("$w") pacte_cpu+=("$c")
  out=$(SOURCE_DATE_EPOCH=$now "$test_bin" "$repo" 2>&1)
  line=$(grep -o 'PACTE_BENCH .*' <<<"$out" | head -1)
  [[ -n $line ]] || { echo "$out" >&2; echo "bench_history: no figure from $test_bin" >&2; exit 1; }
  pacte_inner+=("$(sed 's/.*ms=\([0-9.]*\).*/\1/' <<<"$line")")
done

pick() { printf '%s\n' "$@" | best; }
gw=$(pick "${git_wall[@]}") gc=$(pick "${git_cpu[@]}")
pw=$(pick "${pacte_wall[@]}") pc=$(pick "${pacte_cpu[@]}") pi=$(pick "${pacte_inner[@]}")
echo "$line"
echo "commits:               $(git -C "$repo" rev-list --count HEAD)  (best of $runs runs, whole processes)"
echo "git log --use-mailmap: wall ${gw} ms, cpu ${gc} ms"
echo "pacte analyze_history: wall ${pw} ms, cpu ${pc} ms (${pi} ms inside analyze_history)"
awk -v pw="$pw" -v gw="$gw" -v pc="$pc" -v gc="$gc" 'BEGIN {
  printf "ratio pacte/git:       wall %.2f, cpu %.2f (target <= 1.00)\n", pw / gw, pc / gc
  exit (pw <= gw ? 0 : 1) }'
