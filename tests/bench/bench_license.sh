#!/usr/bin/env bash
# Benchmark of what licence identification costs one audit, loading included: a fresh process
# identifies one licence file (the compiled-in fingerprints and index are mapped, nothing is
# built), against the same process that identifies nothing.
#
#   tests/bench/bench_license.sh [BUILD_DIR] [RUNS] [ROUNDS]
#
# Uses the test_license binary's probe case (PACTE_LICENSE_PROBE) on Debian's BSD, Apache-2.0,
# GPL-3, LGPL-2.1 and MPL-2.0 texts and, when the npm package spdx-license-list is installed
# (PACTE_LICENSE_CORPUS, or where the build finds it), on its AGPL-3.0, EUPL-1.2 and CeCILL-2.1
# texts; prints the cost per audit in ms and its ratio to the 2 ms budget. Each figure is the
# least of ROUNDS (default 3) means of RUNS runs (default 40): other processes sharing the
# machine only ever add time. Exits 125 (skipped) without the binary or the Debian texts.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$here/build/werror}" && pwd)
runs=${2:-40}
rounds=${3:-3}
bin=$build/tests/test_license
[[ -x $bin ]] || { echo "no $bin: build the test_license target first" >&2; exit 125; }
[[ -f /usr/share/common-licenses/GPL-3 ]] || { echo "/usr/share/common-licenses is missing" >&2; exit 125; }

files=(/usr/share/common-licenses/{BSD,Apache-2.0,GPL-3,LGPL-2.1,MPL-2.0})
npm=${PACTE_LICENSE_CORPUS:-/usr/local/lib/node_modules/spdx-license-list}
if [[ -f $npm/spdx-full.json ]]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  python3 - "$npm/spdx-full.json" "$tmp" <<'PY'
import json, sys
texts = json.load(open(sys.argv[1], encoding="utf-8"))
for key in ("AGPL-3.0-only", "EUPL-1.2", "CECILL-2.1"):
    with open(f"{sys.argv[2]}/{key}", "w", encoding="utf-8") as out:
        out.write(texts[key]["licenseText"])
PY
  files+=("$tmp/AGPL-3.0-only" "$tmp/EUPL-1.2" "$tmp/CECILL-2.1")
else
  echo "(spdx-license-list not found: the npm texts are skipped)" >&2
fi

# Milliseconds of CPU (user + system) per run, the least of ROUNDS means of RUNS runs of the
# probe with PACTE_LICENSE_PROBE=$1.
cpu_ms() {
  local file=$1
  python3 - "$bin" "$file" "$runs" "$rounds" <<'PY'
import os, resource, subprocess, sys
binary, probe, runs, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
env = dict(os.environ)
env.pop("PACTE_LICENSE_CORPUS", None)
if probe:
    env["PACTE_LICENSE_PROBE"] = probe
else:
    env.pop("PACTE_LICENSE_PROBE", None)
best = None
for _ in range(rounds):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for _ in range(runs):
        subprocess.run([binary, "-tc=debug: identify the file named by PACTE_LICENSE_PROBE"], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    ms = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000 / runs
    best = ms if best is None else min(best, ms)
print(best)
PY
}

base=$(cpu_ms "")
printf '%-28s %8s %12s %10s\n' "licence file" "ms/run" "ms/audit" "of 2 ms"
printf '%-28s %8.2f %12s %10s\n' "(none: baseline process)" "$base" "-" "-"
for f in "${files[@]}"; do
  t=$(cpu_ms "$f")
  python3 -c "import sys; t,b=float(sys.argv[1]),float(sys.argv[2]); d=max(0.0,t-b); print('%-28s %8.2f %12.2f %9.0f%%' % (sys.argv[3], t, d, d/2*100))" "$t" "$base" "$(basename "$f")"
done
