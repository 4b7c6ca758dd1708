#!/usr/bin/env bash
# Benchmark of `pacte audit --trend monthly` against one plain audit of the same revision.
#
# A year of monthly points must cost a small multiple of one audit, not twelve audits: the
# evidence of unchanged blobs (tracker matches, template defects, licence identifications) is
# computed once per process, and the commits of the history walks read once
# (checks/base/blob_cache.hpp). This script times, best of $RUNS, in CPU and wall seconds:
#   pacte audit REPO --format json                   (one audit)
#   pacte audit REPO --format json --trend monthly   (the same, plus up to 11 month ends)
# and prints both, the number of points, the cache hits and misses, and the ratio.
#
# Usage: tests/bench/bench_trend.sh [path/to/pacte] [REPOSITORY]
#   REPOSITORY: a repository (working copy or bare) with at least a year of history; without
#   one, a synthetic repository is generated (git fast-import): $FILES files (default 3,000),
#   a commit every day for 400 days, each changing a few files.
#   env: FILES, RUNS (3), KEEP=1 keeps the generated repository, BENCH_DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pacte=${1:-$root/build/pacte}
[[ -x $pacte ]] || { echo "bench_trend: $pacte not found; build it first" >&2; exit 125; }
repo=${2:-}
runs=${RUNS:-3}
files=${FILES:-3000}
work=${BENCH_DIR:-$(mktemp -d /tmp/pacte-bench-trend.XXXXXX)}
trap '[[ ${KEEP:-0} == 1 ]] || rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

if [[ -z $repo ]]; then
  repo=$work/repo
  if [[ ! -d $repo ]]; then
    git init -q -b main "$repo"
    python3 - "$files" "$(date +%s)" "$root/examples/trouve-ton-emploi/LICENSE" <<'PY' | git -C "$repo" fast-import --quiet
import sys
files, now, licence = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
out = sys.stdout.buffer
mark = 0
def blob(data):
    global mark
    mark += 1
    out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data))); out.write(data); out.write(b"\n")
    return mark
def content(i, version):
    kind = i % 4
    if kind == 0: return ("src/mod%d/file%d.js" % (i % 97, i), ("// module %d v%d\nexport function f%d(x) {\n  return x * %d;\n}\n" % (i, version, i, i)) * 30)
    if kind == 1: return ("templates/page%d.html" % i, "<!DOCTYPE html>\n<html lang=\"fr\"><head><title>Page %d v%d</title></head>\n<body><h1>Titre</h1>\n<img src=\"a.png\" alt=\"\">\n<p>%s</p></body></html>\n" % (i, version, "Texte du service public. " * 40))
    if kind == 2: return ("app/pkg%d/m%d.py" % (i % 53, i), ("def handler_%d(request):\n    return {'status': 'ok', 'v': %d}\n\n" % (i, version)) * 25)
    return ("docs/chapter%d.md" % i, ("## Section %d\n\nDocumentation, version %d.\n\n" % (i, version)) * 20)
days = 400
for day in range(days):
    t = now - (days - day) * 86400
    changed = range(files) if day == 0 else [(day * 7 + k * 131) % files for k in range(5)]
    entries = []
    for i in changed:
        path, text = content(i, day)
        entries.append((path, blob(text.encode())))
    if day == 0:
        entries.append(("LICENSE", blob(open(licence, "rb").read())))
    msg = b"day %d" % day
    out.write(b"commit refs/heads/main\ncommitter Dev <dev@example.org> %d +0000\ndata %d\n%s\n" % (t, len(msg), msg))
    for path, m in entries:
        out.write(b"M 100644 :%d %s\n" % (m, path.encode()))
    out.write(b"\n")
PY
  fi
fi

# Each run timed in wall and CPU (user + system) seconds, best of $runs; the last report of the
# trend run kept. The CPU time is the figure to compare on a machine others are using.
python3 - "$pacte" "$repo" "$work" "$runs" <<'PY'
import json, resource, subprocess, sys, time
pacte, repo, work, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def best(extra):
    wall, cpu = None, None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        subprocess.run([pacte, "audit", repo, "--format", "json", "--output", work + "/last.json", *extra],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        w = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        c = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        wall = w if wall is None else min(wall, w)
        cpu = c if cpu is None else min(cpu, c)
    return wall, cpu
one_wall, one_cpu = best([])
trend_wall, trend_cpu = best(["--trend", "monthly"])
r = json.load(open(work + "/last.json"))
points = r.get("trend", [])
cache = r.get("stats", {}).get("trend_cache", {})
errors = sum(1 for p in points if p.get("verdict") == "error")
print(f"repository:       {repo}")
print(f"files in tree:    {r['stats'].get('files_total')}, commits: {r['stats'].get('commits_walked')}")
print(f"one audit:        {one_cpu:.2f} s CPU ({one_wall:.2f} s wall)")
print(f"--trend monthly:  {trend_cpu:.2f} s CPU ({trend_wall:.2f} s wall), {len(points)} points ({errors} errors)")
print(f"blob cache:       {cache.get('hits', 0)} hits, {cache.get('misses', 0)} misses")
print(f"ratio:            {trend_cpu / one_cpu:.1f}x one audit in CPU time (auditing each point apart: ~{len(points)}x)")
PY
