#!/usr/bin/env bash
# Benchmark of what licence identification costs one audit, loading included: a fresh process
# identifies one licence file (the compiled-in fingerprints and index are mapped, nothing is
# built), against the same process that identifies nothing.
#
#   tests/bench/bench_license.sh [BUILD_DIR] [RUNS]
#
# Uses the test_license binary's probe case (PACTE_LICENSE_PROBE) on Debian's MIT-like BSD,
# Apache-2.0 and GPL-3 texts; prints the cost per audit in ms and its ratio to the 2 ms budget.
# Exits 125 (skipped) without the binary or the Debian texts.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$here/build/werror}" && pwd)
runs=${2:-40}
bin=$build/tests/test_license
[[ -x $bin ]] || { echo "no $bin: build the test_license target first" >&2; exit 125; }
[[ -f /usr/share/common-licenses/GPL-3 ]] || { echo "/usr/share/common-licenses is missing" >&2; exit 125; }

# Milliseconds of CPU (user + system) for RUNS runs of the probe, with PACTE_LICENSE_PROBE=$1.
cpu_ms() {
  local file=$1
  python3 - "$bin" "$file" "$runs" <<'PY'
import os, resource, subprocess, sys
binary, probe, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
env = dict(os.environ)
env.pop("PACTE_LICENSE_CORPUS", None)
if probe:
    env["PACTE_LICENSE_PROBE"] = probe
else:
    env.pop("PACTE_LICENSE_PROBE", None)
before = resource.getrusage(resource.RUSAGE_CHILDREN)
for _ in range(runs):
    subprocess.run([binary, "-tc=debug: identify the file named by PACTE_LICENSE_PROBE"], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
after = resource.getrusage(resource.RUSAGE_CHILDREN)
print((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000 / runs)
PY
}

base=$(cpu_ms "")
printf '%-28s %8s %12s %10s\n' "licence file" "ms/run" "ms/audit" "of 2 ms"
printf '%-28s %8.2f %12s %10s\n' "(none: baseline process)" "$base" "-" "-"
for f in BSD Apache-2.0 GPL-3; do
  t=$(cpu_ms "/usr/share/common-licenses/$f")
  python3 -c "import sys; t,b=float(sys.argv[1]),float(sys.argv[2]); d=max(0.0,t-b); print('%-28s %8.2f %12.2f %9.0f%%' % (sys.argv[3], t, d, d/2*100))" "$t" "$base" "$f"
done
