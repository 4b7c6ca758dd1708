#!/usr/bin/env bash
# Benchmark of `pacte batch`: throughput with --jobs 1 and --jobs 2, and peak memory.
#
# Generates $REPOS repositories (default 24) with git fast-import, each of $COMMITS commits
# (default 300) by 6 authors over two years, every commit adding or changing a source file
# (JavaScript, Python, HTML, ~1-3 KiB), so each repository ends with ~$COMMITS files; the first
# commit holds a charter, a licence and a README. Then runs
#   pacte batch DIR --jobs 1     and     pacte batch DIR --jobs 2
# (best of $RUNS runs each after a warm-up, fresh --out each time), and prints repositories per
# second, the ratio jobs 2 / jobs 1 (target: >= 1.7 on 2 free cores) and the peak resident
# memory of each run (/usr/bin/time -v "Maximum resident set size").
#
# Usage: tests/bench/bench_batch.sh [path/to/pacte]
#   env: REPOS (24), COMMITS (300), RUNS (3), KEEP=1 to keep the repositories, BENCH_DIR.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pacte=${1:-${PACTE:-}}
if [[ -z $pacte ]]; then
  for b in "$root/build-batch" "$root/build"; do
    if [[ -x $b/pacte ]]; then pacte=$b/pacte; break; fi
  done
fi
if [[ -z $pacte || ! -x $pacte ]]; then
  echo "bench_batch: pacte not found; build it (ninja -C build pacte) or pass its path" >&2
  exit 125
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "bench_batch: /usr/bin/time is missing (apt-get install time)" >&2
  exit 125
fi

repos=${REPOS:-24}
commits=${COMMITS:-300}
runs=${RUNS:-3}
work=${BENCH_DIR:-$(mktemp -d /tmp/pacte-bench-batch.XXXXXX)}
cleanup() { [[ ${KEEP:-0} == 1 ]] || rm -rf "$work"; }
trap cleanup EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export SOURCE_DATE_EPOCH=1780200000

# One fast-import stream: commit i adds src/<dir>/file<i>.<ext>, and every 5th commit also
# changes an earlier file.
gen_stream() {  # gen_stream SEED
  awk -v seed="$1" -v n="$commits" -v start=1717200000 '
  function blob(path, body) { printf "M 100644 inline %s\ndata %d\n%s\n", path, length(body), body }
  BEGIN {
    srand(seed)
    split("Jeanne Martin,Ali Benali,Chloé Durand,Marc Petit,Sofia Rossi,Tom Nguyen", names, ",")
    split("js,py,html,ts,css,md", exts, ",")
    for (i = 1; i <= n; i++) {
      a = names[(i * 7 + seed) % 6 + 1]
      mail = tolower(substr(a, 1, index(a, " ") - 1)) "@example.org"
      t = start + i * 200000
      printf "commit refs/heads/main\nmark :%d\n", i
      printf "author %s <%s> %d +0000\ncommitter %s <%s> %d +0000\n", a, mail, t, a, mail, t
      msg = "Change " i " of repository " seed
      printf "data %d\n%s\n", length(msg), msg
      if (i > 1) printf "from :%d\n", i - 1
      if (i == 1) {
        blob("pacte.yml", "pacte: 1\nservice: {name: Bench " seed "}\nopenness: {license: MIT}\nneutrality: {advertising: false, data_sale: false}\ncontinuity:\n  maintainers:\n    - {name: Jeanne Martin, email: jeanne@example.org}\n    - {name: Ali Benali, email: ali@example.org}\nequal_access: {free_of_charge: true, languages: [fr, en]}")
        blob("LICENSE", "MIT License\n\nCopyright (c) 2026 Bench\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software.")
        blob("README.md", "# Bench service " seed "\n\n## Installation\n\nRun make.")
      }
      ext = exts[i % 6 + 1]
      body = ""
      lines = 30 + int(rand() * 60)
      for (l = 1; l <= lines; l++) body = body sprintf("// line %d of file %d: value_%d = compute(%d, \"%x\");\n", l, i, l, i * l, rand() * 1e9)
      if (ext == "html") body = "<!DOCTYPE html><html lang=\"fr\"><head><title>Page " i "</title></head><body><img src=\"a.png\" alt=\"\">\n" body "</body></html>"
      blob(sprintf("src/m%02d/file%d.%s", i % 17, i, ext), body)
      if (i % 5 == 0 && i > 5) blob(sprintf("src/m%02d/file%d.%s", (i - 5) % 17, i - 5, exts[(i - 5) % 6 + 1]), body "// revised\n")
    }
  }'
}

mkdir -p "$work/repos"
echo "bench_batch: generating $repos repositories of $commits commits in $work/repos ..." >&2
for r in $(seq 1 "$repos"); do
  d=$work/repos/service$(printf %02d "$r")
  [[ -d $d ]] && continue
  git init -q -b main "$d"
  gen_stream "$r" | git -C "$d" fast-import --quiet
  git -C "$d" reset -q --hard main
done
files=$(git -C "$work/repos/service01" ls-files | wc -l)
size=$(du -sk "$work/repos" | cut -f1)
echo "bench_batch: $repos repositories, $commits commits and $files files each, $((size / 1024)) MiB on disk" >&2

run_once() {  # run_once JOBS -> prints "seconds max_rss_kib cpu_seconds"
  local out=$work/out-$1
  rm -rf "$out"
  /usr/bin/time -v -o "$work/time.txt" "$pacte" batch "$work/repos" --jobs "$1" --out "$out" --quiet >/dev/null 2>&1 || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time.txt")
  echo "$wall $rss $cpu"
}

load=$(cut -d' ' -f1-3 /proc/loadavg)
"$pacte" batch "$work/repos" --jobs 2 --out "$work/warmup" --quiet >/dev/null 2>&1 || true  # warm the page cache
declare -A best rss cpu
for jobs in 1 2; do
  best[$jobs]=999999
  rss[$jobs]=0
  for _ in $(seq 1 "$runs"); do
    read -r s m c < <(run_once "$jobs")
    if awk -v a="${best[$jobs]}" -v b="$s" 'BEGIN {exit !(b < a)}'; then best[$jobs]=$s; cpu[$jobs]=$c; fi
    (( m > rss[$jobs] )) && rss[$jobs]=$m
  done
done
audited=$(tail -n +2 "$work/out-1/summary.csv" | grep -c ',pass,$\|,fail,$' || true)
echo "pacte batch over $repos generated repositories ($commits commits, $files files each; $audited audited), $(nproc) cores, best of $runs:"
for jobs in 1 2; do
  awk -v j="$jobs" -v s="${best[$jobs]}" -v r="$repos" -v m="${rss[$jobs]}" \
    -v c="${cpu[$jobs]}" 'BEGIN {printf "  --jobs %d: %6.2f s  %6.2f repos/s  CPU %.2f s  peak RSS %.1f MiB\n", j, s, r / s, c, m / 1024}'
done
echo "  load average before the runs: $load (the ratio needs 2 idle cores)"
awk -v a="${best[1]}" -v b="${best[2]}" 'BEGIN {printf "  speed-up jobs 2 / jobs 1: %.2fx (target >= 1.7x on 2 free cores)\n", a / b}'
