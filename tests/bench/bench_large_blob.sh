#!/usr/bin/env bash
# Peak memory of an audit of a repository holding one large file: a blob is scanned where
# libgit2 inflated it, without a copy, so the peak grows with the file's size once, not twice.
#
# Generates a repository with one text file of $MIB MiB (default 200) and a README, then audits
# it with --max-file-size above that size, and prints the peak resident size
# (/usr/bin/time -f %M) and its ratio to the file's size.
#
# Usage: tests/bench/bench_large_blob.sh [path/to/pacte]
#   env: MIB (200), KEEP=1 keeps the repository, BENCH_DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pacte=${1:-$root/build/pacte}
[[ -x $pacte ]] || { echo "bench_large_blob: $pacte not found; build it first" >&2; exit 125; }
[[ -x /usr/bin/time ]] || { echo "bench_large_blob: /usr/bin/time is needed (Debian package time)" >&2; exit 125; }
mib=${MIB:-200}
work=${BENCH_DIR:-$(mktemp -d /tmp/pacte-bench-large.XXXXXX)}
repo=$work/repo
trap '[[ ${KEEP:-0} == 1 ]] || rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

if [[ ! -d $repo ]]; then
  git init -q -b main "$repo"
  # Lines of text that do not compress to nothing, so the blob is inflated for real.
  python3 - "$mib" >"$repo/data.js" <<'PY'
import random, sys
random.seed(1)
size = int(sys.argv[1]) << 20
words = ["service", "public", "donnees", "usager", "formulaire", "accessibilite", "etat", "commune"]
out, n = [], 0
while n < size:
    line = "const v%d = \"%s\";\n" % (n, " ".join(random.choice(words) for _ in range(8)))
    out.append(line); n += len(line)
sys.stdout.write("".join(out))
PY
  echo "# Large file" >"$repo/README.md"
  git -C "$repo" add -A
  git -C "$repo" -c user.name=a -c user.email=a@example.org commit -qm "one large file"
  git -C "$repo" gc -q
fi
size_kib=$(( $(stat -c %s "$repo/data.js") / 1024 ))
/usr/bin/time -f '%M %e' -o "$work/time.out" "$pacte" audit "$repo" --max-file-size $((mib + 56)) --format json >"$work/report.json" || true
read -r peak secs <"$work/time.out"
scanned=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['stats']['bytes_scanned'])" "$work/report.json")
echo "bench_large_blob: file ${size_kib} KiB, bytes scanned ${scanned}, ${secs} s"
echo "bench_large_blob: peak resident ${peak} KiB"
awk -v p="$peak" -v s="$size_kib" 'BEGIN { printf "bench_large_blob: peak / file size       %.2f\n", p / s }'
