#!/usr/bin/env bash
# End to end: a file over --max-file-size is not loaded whole but scanned for trackers as it
# streams, whether it is a loose object, a blob stored whole in a pack, a blob stored as a delta
# or a file on disk, with the line numbers of the whole file.
# Env (from CTest): PACTE = the binary.
set -euo pipefail
pacte=${PACTE:?set PACTE to the pacte binary}
command -v python3 >/dev/null || { echo "skip: python3 is needed"; exit 125; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null SOURCE_DATE_EPOCH=1790000000
fail=0
check() {  # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}
# lines REPORT TRACKER: the lines of bundle.js where the report finds TRACKER, or "unread: REASON".
lines() {
  python3 - "$1" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for u in r["stats"]["unreadable"]:
    if u["path"] == "public/bundle.js":
        print("unread: " + u["reason"]); sys.exit()
found = [e["line"] for t in r["facts"]["trackers"] if t["id"] == sys.argv[2] for e in t["evidence"]
         if e["path"] == "public/bundle.js"]
print(" ".join(map(str, found)))
PY
}

# About 12 MiB of JavaScript: Google Analytics on three lines (one in the first window, one
# deep inside, one on the last line), a consent-manager call split over two lines.
git init -q -b main r
mkdir -p r/public
python3 - r/public/bundle.js <<'PY'
import sys
out, size, i = ["// the service's front end, bundled\n"], 0, 1
while size < 12 << 20:
    i += 1
    line = "const value%d = compute(%d);\n" % (i, i)
    if i in (5000, 300000):
        line = "loadScript('https://www.googletagmanager.com/gtag/js?id=G-%d');\n" % i
    if i == 250000:
        line = "tarteaucitron.job\n"
    if i == 250001:
        line = "  .push('hotjar');\n"
    out.append(line)
    size += len(line)
out.append("loadScript('https://www.googletagmanager.com/gtag/js?id=G-LAST');")
open(sys.argv[1], "w").write("".join(out))
PY
last=$(($(wc -l <r/public/bundle.js) + 1))
echo "# Service" >r/README.md
git -C r add -A
git -C r -c user.name=a -c user.email=a@example.org commit -qm "the bundle"
expected="5000 300000 $last"

"$pacte" audit r --max-file-size 1 --format json --output loose.json || true
check "a loose object over the limit is scanned as it streams" test "$(lines loose.json google-analytics)" = "$expected"
check "a consent-manager call split over two lines is found" test "$(lines loose.json hotjar)" = "250001"
check "it counts as scanned, loaded once" python3 -c "
import json; s = json.load(open('loose.json'))['stats']
assert s['files_unreadable'] == 0 and s['file_loads'] == s['files_scanned'] == 2, s"

git -C r gc -q
test -z "$(find r/.git/objects -path '*/pack' -prune -o -type f -path '*/objects/??/*' -print)" || { echo "FAIL gc left loose objects"; fail=1; }
"$pacte" audit r --max-file-size 1 --format json --output packed.json || true
check "a blob stored whole in a pack is scanned as it streams" test "$(lines packed.json google-analytics)" = "$expected"
"$pacte" audit r --worktree --max-file-size 1 --format json --output disk.json || true
check "a file on disk over the limit is scanned as it streams" test "$(lines disk.json google-analytics)" = "$expected"
"$pacte" audit r --max-file-size 64 --format json --output whole.json || true
check "the findings are those of the file read whole" test "$(lines whole.json google-analytics)" = "$expected"

# A smaller new version of the file: git stores it as a delta of the larger one. It is rebuilt
# as it streams, its bases through temporary files that are gone once read.
head -n 200000 r/public/bundle.js >r/public/b && mv r/public/b r/public/bundle.js
git -C r -c user.name=a -c user.email=a@example.org commit -qam "a smaller bundle"
git -C r repack -adfq
blob=$(git -C r rev-parse HEAD:public/bundle.js)
listing=$(git -C r verify-pack -v "$work"/r/.git/objects/pack/*.idx)
if grep -q "^$blob blob .* [0-9]* [0-9a-f]\{40\}$" <<<"$listing"; then
  mkdir "$work/tmp"
  TMPDIR=$work/tmp "$pacte" audit r --max-file-size 1 --format json --output delta.json || true
  check "a blob stored as a delta is rebuilt as it streams" test "$(lines delta.json google-analytics)" = "5000"
  check "no temporary file is left behind" test -z "$(ls -A "$work/tmp")"
  "$pacte" audit r --max-file-size 64 --format json --output delta-whole.json || true
  check "the findings are those of the file read whole" test "$(lines delta-whole.json google-analytics)" = "5000"
else
  echo "skip the delta case: git stored the new version whole"
fi
exit $fail
