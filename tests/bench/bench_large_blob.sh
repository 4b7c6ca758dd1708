#!/usr/bin/env bash
# Peak memory of an audit of a repository holding one large file. Under --max-file-size (the
# default, 16 MiB) the file is scanned as it streams, in windows of whole lines: the peak must
# not grow with the file. With the limit raised above the file it is loaded whole, where libgit2
# inflated it, without a copy: the peak grows with the file once, not twice. `git grep` over the
# same commit is the reference: it inflates the blob whole.
#
# Generates a repository with one text file of $MIB MiB (default 200) and a README, and prints
# the peak resident size (/usr/bin/time -f %M) of each audit, as a multiple of the file's size
# and of the peak of a tiny audit:
#   streamed, packed   the blob stored whole in a pack (after git gc): pacte reads the pack
#   streamed, loose    the same blob as a loose object: libgit2's read stream
#   streamed, on disk  --worktree
#   whole              --max-file-size above the file
#   git grep           git grep -c over HEAD
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
  # Lines of text that do not compress to nothing, so the blob is inflated for real, and a
  # tracker on the last line, so that a scan that stopped early would show.
  python3 - "$mib" >"$repo/data.js" <<'PY'
import random, sys
random.seed(1)
size = int(sys.argv[1]) << 20
words = ["service", "public", "donnees", "usager", "formulaire", "accessibilite", "etat", "commune"]
out, n = [], 0
while n < size:
    line = "const v%d = \"%s\";\n" % (n, " ".join(random.choice(words) for _ in range(8)))
    out.append(line); n += len(line)
out.append("loadScript('https://www.googletagmanager.com/gtag/js?id=G-BENCH');\n")
sys.stdout.write("".join(out))
PY
  echo "# Large file" >"$repo/README.md"
  git -C "$repo" add -A
  git -C "$repo" -c user.name=a -c user.email=a@example.org commit -qm "one large file"
  mkdir -p "$work/tiny"
  echo "# Tiny" >"$work/tiny/README.md"
  git -C "$work/tiny" init -q -b main
  git -C "$work/tiny" add -A
  git -C "$work/tiny" -c user.name=a -c user.email=a@example.org commit -qm tiny
fi
size_kib=$(( $(stat -c %s "$repo/data.js") / 1024 ))

# peak LABEL COMMAND...: runs COMMAND, prints its peak resident size and time, sets $peak.
peak() {
  local label=$1
  shift
  /usr/bin/time -f '%M %e' -o "$work/time.out" "$@" >"$work/out" 2>/dev/null || true
  read -r peak secs <"$work/time.out"
  if [[ $label == pacte* ]]; then
    found=$(python3 -c "
import json,sys; r=json.load(open(sys.argv[1]))
ga = [e['line'] for t in r['facts']['trackers'] if t['id']=='google-analytics' for e in t['evidence']]
print('last line found' if ga else 'last line NOT found', '/ unread:', len(r['stats']['unreadable']))" "$work/out")
  else found=""; fi
  awk -v l="$label" -v p="$peak" -v s="$size_kib" -v b="${base:-0}" -v t="$secs" -v f="$found" \
    'BEGIN { printf "bench_large_blob: %-22s peak %8d KiB  %5.2f x the file  %+8d KiB over a tiny audit  %6.2f s  %s\n", l, p, p / s, p - b, t, f }'
}

echo "bench_large_blob: file ${size_kib} KiB"
base=0
peak "pacte, tiny repository" "$pacte" audit "$work/tiny" --format json
base=$peak
peak "pacte streamed, loose" "$pacte" audit "$repo" --format json
git -C "$repo" gc -q
peak "pacte streamed, packed" "$pacte" audit "$repo" --format json
peak "pacte streamed, disk" "$pacte" audit "$repo" --worktree --format json
peak "pacte whole" "$pacte" audit "$repo" --max-file-size $((mib + 56)) --format json
peak "git grep" git -C "$repo" grep -c googletagmanager HEAD
# Nine new versions of the file, a line changed and a comment added in each: git stores most
# of them as deltas, chained (which one is whole is git's choice).
for v in 1 2 3 4 5 6 7 8 9; do
  python3 - "$repo/data.js" "$v" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")
at = len(lines) * int(sys.argv[2]) // 10
lines[at] = lines[at].upper()
lines.insert(-1, "// version " + sys.argv[2])
open(sys.argv[1], "w").write("\n".join(lines))
PY
  git -C "$repo" -c user.name=a -c user.email=a@example.org commit -qam "version $v"
done
git -C "$repo" repack -adfq --depth=50 --window=20
# The version stored deepest in the delta chain is the one audited.
listing=$(git -C "$repo" verify-pack -v "$repo"/.git/objects/pack/*.idx)
rev="" depth=0
for commit in $(git -C "$repo" rev-list HEAD); do
  blob=$(git -C "$repo" rev-parse "$commit:data.js")
  d=$(awk -v b="$blob" '$1 == b && NF == 7 { print $6 }' <<<"$listing")
  if [[ -n $d && $d -gt $depth ]]; then rev=$commit depth=$d; fi
done
if [[ -n $rev ]]; then
  echo "bench_large_blob: the audited version is a delta at depth $depth of its chain"
  peak "pacte streamed, delta" "$pacte" audit "$repo" --rev "$rev" --format json
  peak "pacte whole, delta" "$pacte" audit "$repo" --rev "$rev" --max-file-size $((mib + 56)) --format json
  peak "git grep, delta" git -C "$repo" grep -c googletagmanager "$rev"
else
  echo "bench_large_blob: git stored every version whole; no delta case"
fi
