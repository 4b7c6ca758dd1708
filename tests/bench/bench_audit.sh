#!/usr/bin/env bash
# Benchmark of a whole audit against git itself on a large synthetic repository.
#
# Generates (git fast-import) a repository of $COMMITS commits (default 50,000) by 20 authors
# whose final tree holds $FILES files (default 5,000: JavaScript, HTML, Python, Markdown, a
# few manifests, one planted tracker), then in one run times, best of $RUNS:
#   pacte audit --format json                  (the whole audit: history, licences, trackers,
#                                              templates, statement, languages, rules; on
#                                              every core, then with --jobs 1)
#   git log --use-mailmap --format='%aN%x09%aE%x09%at'  +  git for-each-ref
#     +  git grep -E -f PATTERNS HEAD
# and prints the ratios, with the audit's CPU time and peak memory. Does the same on a mirror of
# git/git when there is one (GIT_GIT). Then the start-up figures, median of $STARTUP_RUNS runs
# (default 31) each: an audit of a tiny repository (10 files, 5 commits), `pacte --version`, and
# `git status` on the same tiny repository as the reference they are compared with.
#
# Usage: tests/bench/bench_audit.sh [path/to/pacte]
#   env: COMMITS, FILES, RUNS (3), STARTUP_RUNS (31), STARTUP_ONLY=1 (the start-up figures
#   only, without the large repositories), KEEP=1 keeps the repositories, BENCH_DIR, GIT_GIT.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pacte=${1:-$root/build/pacte}
[[ -x $pacte ]] || { echo "bench_audit: $pacte not found; build it first" >&2; exit 125; }
commits=${COMMITS:-50000}
files=${FILES:-5000}
runs=${RUNS:-3}
startup_runs=${STARTUP_RUNS:-31}
work=${BENCH_DIR:-$(mktemp -d /tmp/pacte-bench-audit.XXXXXX)}
repo=$work/repo
trap '[[ ${KEEP:-0} == 1 ]] || rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

best() {  # best CMD...: best wall time in ms over $runs runs
  local b=999999999
  for ((i = 0; i < runs; i++)); do
    local s=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    local e=$(( ($(date +%s%N) - s) / 1000000 ))
    (( e < b )) && b=$e
  done
  echo "$b"
}
if [[ ${STARTUP_ONLY:-0} != 1 ]]; then
if [[ ! -d $repo ]]; then
  git init -q -b main "$repo"
  python3 - "$commits" "$files" "$(date +%s)" <<'PY' | git -C "$repo" fast-import --quiet
import sys
commits, files, now = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
out = sys.stdout.buffer
def blob(mark, data):
    out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data))); out.write(data); out.write(b"\n")
def text(i):
    kind = i % 5
    if kind == 0: return ("src/mod%d/file%d.js" % (i % 97, i), ("// module %d\nexport function f%d(x) {\n  return x * %d;\n}\n" % (i, i, i)) * 30)
    if kind == 1: return ("templates/page%d.html" % i, "<!DOCTYPE html>\n<html lang=\"fr\"><head><title>Page %d</title></head>\n<body><h1>Titre %d</h1>\n<img src=\"a.png\" alt=\"\">\n<p>%s</p></body></html>\n" % (i, i, "Texte du service public. " * 40))
    if kind == 2: return ("app/pkg%d/m%d.py" % (i % 53, i), ("def handler_%d(request):\n    return {'status': 'ok', 'n': %d}\n\n" % (i, i)) * 25)
    if kind == 3: return ("docs/chapter%d.md" % i, ("## Section %d\n\nDocumentation du service, paragraphe %d.\n\n" % (i, i)) * 20)
    return ("lib/util%d.ts" % i, ("export const value%d: number = %d;\n" % (i, i)) * 60)
mark = 1
paths = []
for i in range(files):
    p, d = text(i)
    blob(mark, d.encode()); paths.append((p, mark)); mark += 1
extra = {
  "package.json": b'{"name":"bench","dependencies":{"express":"^4.19.2","@amplitude/analytics-browser":"^2.0.0"}}\n',
  "package-lock.json": b'{"lockfileVersion": 3}\n',
  "README.md": b"# Bench service\n\n## Installation\n\nnpm ci\n",
}
for p, d in extra.items():
    blob(mark, d); paths.append((p, mark)); mark += 1
per_commit = max(1, len(paths) // commits + 1)
t0 = now - commits * 600
for c in range(commits):
    who = c % 20
    ts = t0 + c * 600
    out.write(b"commit refs/heads/main\nmark :%d\n" % mark)
    out.write(b"author Dev %d <dev%d@example.org> %d +0000\n" % (who, who, ts))
    out.write(b"committer Dev %d <dev%d@example.org> %d +0000\n" % (who, who, ts))
    msg = b"change %d" % c
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    if c > 0: out.write(b"from :%d\n" % (mark - 1))
    lo = (c * per_commit) % len(paths)
    for p, m in paths[lo:lo + per_commit]:
        out.write(b"M 100644 :%d %s\n" % (m, p.encode()))
    if c == 0:
        for p, m in paths: out.write(b"M 100644 :%d %s\n" % (m, p.encode()))
    mark += 1
    if c % 5000 == 4999: out.write(b"reset refs/tags/v%d\nfrom :%d\n\n" % (c // 5000, mark - 1))
PY
  git -C "$repo" gc -q
fi
patterns=$work/patterns.txt
# The tracker patterns pacte's content pass uses (see bench_trackers.sh), or a stand-in list.
printf '%s\n' 'googletagmanager\.com' 'google-analytics\.com' 'connect\.facebook\.net' 'gtag\(' 'fbq\(' '_paq\.push' \
  'adsbygoogle' 'plausible\.io' 'amplitude\.com' 'hotjar\.com' 'matomo\.js' 'sentry\.io' > "$patterns"

cpu_and_peak() {  # cpu_and_peak CMD...: "CPU-ms peak-KiB" of one run (user + system time)
  /usr/bin/time -f '%U %S %M' -o "$work/time.out" "$@" >/dev/null 2>&1 || true
  awk '{ printf "%d %d\n", ($1 + $2) * 1000, $3 }' "$work/time.out"
}
git_ref() {  # what git itself does for the same questions: the history, the refs, the patterns
  git -C "$1" log --use-mailmap --format='%aN%x09%aE%x09%at' >/dev/null
  git -C "$1" for-each-ref >/dev/null
  git -C "$1" grep -E -f "$patterns" HEAD >/dev/null || true
}
bench_repo() {  # bench_repo NAME PATH: the audit on every core and on one, against git
  local name=$1 path=$2
  local ncommits nfiles p p1 g cpu peak cpu1 peak1
  ncommits=$(git -C "$path" rev-list --count HEAD)
  nfiles=$(git -C "$path" ls-tree -r HEAD | wc -l)
  "$pacte" audit "$path" --format json >/dev/null 2>&1 || true   # warm-up
  p=$(best "$pacte" audit "$path" --format json)
  p1=$(best "$pacte" audit "$path" --format json --jobs 1)
  g=$(best git_ref "$path")
  read -r cpu peak < <(cpu_and_peak "$pacte" audit "$path" --format json)
  read -r cpu1 peak1 < <(cpu_and_peak "$pacte" audit "$path" --format json --jobs 1)
  echo "bench_audit: $name: $ncommits commits, $nfiles files, $(nproc) cores"
  echo "bench_audit: $name: pacte audit                  ${p} ms wall, ${cpu} ms CPU, peak ${peak} KiB"
  echo "bench_audit: $name: pacte audit --jobs 1         ${p1} ms wall, ${cpu1} ms CPU, peak ${peak1} KiB"
  echo "bench_audit: $name: git log + for-each-ref + grep ${g} ms"
  awk -v p="$p" -v g="$g" -v n="$name" 'BEGIN { printf "bench_audit: %s: ratio pacte / git           %.2f\n", n, p / (g > 0 ? g : 1) }'
  awk -v p="$p1" -v g="$g" -v n="$name" 'BEGIN { printf "bench_audit: %s: ratio pacte --jobs 1 / git  %.2f\n", n, p / (g > 0 ? g : 1) }'
}
bench_repo generated "$repo"
# A real history too, when a mirror of git/git is at hand (GIT_GIT=path/to/git.git).
git_git=${GIT_GIT:-/work/.mirror/git+git/repo}
if [[ -d $git_git ]]; then bench_repo git/git "$git_git"; else echo "bench_audit: git/git: skipped (no mirror at $git_git; set GIT_GIT)"; fi
fi
# median CMD...: "WALL CPU", the median wall time and the median CPU time (user + system) in ms
# over $startup_runs runs. The CPU time is the figure to compare on a busy machine.
median() {
  local TIMEFORMAT='%R %U %S' times=$work/times
  : >"$times"
  for ((i = 0; i < startup_runs; i++)); do
    { time "$@" >/dev/null 2>&1; } 2>>"$times" || true
  done
  local wall cpu
  wall=$(awk '{ print $1 * 1000 }' "$times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  cpu=$(awk '{ print ($2 + $3) * 1000 }' "$times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  printf '%.1f %.1f' "$wall" "$cpu"
}
tiny=$work/tiny
if [[ ! -d $tiny ]]; then
  git init -q -b main "$tiny"
  mkdir -p "$tiny/src"
  for c in 1 2 3 4 5; do  # 10 files (a README and 9 scripts), 2 per commit, one commit a day
    for f in $(( 2 * c - 2 )) $(( 2 * c - 1 )); do
      if (( f == 0 )); then printf '# Tiny service\n\nA service.\n' > "$tiny/README.md"
      else printf 'export function f%d(x) {\n  return x * %d;\n}\n' "$f" "$f" > "$tiny/src/file$f.js"; fi
    done
    when="$(( $(date +%s) - (6 - c) * 86400 )) +0000"
    git -C "$tiny" add -A
    GIT_COMMITTER_DATE=$when git -C "$tiny" -c user.name=Dev -c user.email=dev@example.org \
      commit -qm "change $c" --date="$when"
  done
fi
"$pacte" audit "$tiny" --format json >/dev/null 2>&1 || true   # warm-up
read -r t tc <<<"$(median "$pacte" audit "$tiny" --format json)"
read -r v vc <<<"$(median "$pacte" --version)"
read -r gs gc <<<"$(median git -C "$tiny" status)"
ntiny=$(git -C "$tiny" ls-files | wc -l)
ctiny=$(git -C "$tiny" rev-list --count HEAD)
echo "bench_audit: start-up, tiny repository ($ntiny files, $ctiny commits), median of $startup_runs (wall, CPU)"
echo "bench_audit:   pacte audit --format json  ${t} ms  (CPU ${tc} ms)"
echo "bench_audit:   pacte --version            ${v} ms  (CPU ${vc} ms)"
echo "bench_audit:   git status                 ${gs} ms  (CPU ${gc} ms)"
awk -v t="$t" -v g="$gs" -v tc="$tc" -v gc="$gc" \
  'BEGIN { printf "bench_audit:   ratio audit / git status  %.1f (CPU %.1f)\n", t / (g > 0 ? g : 1), tc / (gc > 0 ? gc : 1) }'
