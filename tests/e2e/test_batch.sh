#!/usr/bin/env bash
# pacte batch / pacte merge end to end: a list with good, missing, corrupt and file:// remote
# repositories; exit code 3; shards that partition the list and merge back into the summary of
# one batch; --resume that audits again only what changed; a folder of repositories.
# Env: PACTE (the binary), PACTE_SOURCE_DIR. Exit 125 = skipped.
set -u
PACTE=${PACTE:-}
[ -x "$PACTE" ] || { echo "PACTE is not set to the pacte binary; skipping"; exit 125; }
command -v git >/dev/null || { echo "git is not installed; skipping"; exit 125; }

T=$(mktemp -d "${TMPDIR:-/tmp}/pacte-batch-e2e-XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
check() {  # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; fails=$((fails + 1)); fi
}
export GIT_AUTHOR_NAME="Jeanne Martin" GIT_AUTHOR_EMAIL=jeanne@example.org
export GIT_COMMITTER_NAME="Jeanne Martin" GIT_COMMITTER_EMAIL=jeanne@example.org
export GIT_AUTHOR_DATE="@1780000000 +0000" GIT_COMMITTER_DATE="@1780000000 +0000"
export SOURCE_DATE_EPOCH=1780200000

make_repo() {  # make_repo DIR NAME
  git init -q -b main "$1"
  cat >"$1/pacte.yml" <<EOF
pacte: 1
service: {name: $2}
openness: {license: MIT}
neutrality: {advertising: false, data_sale: false}
continuity:
  maintainers:
    - {name: Jeanne Martin, email: jeanne@example.org}
equal_access: {free_of_charge: true, languages: [fr]}
EOF
  printf 'MIT License\n\nCopyright (c) 2026 %s\n' "$2" >"$1/LICENSE"
  printf '# %s\n' "$2" >"$1/README.md"
  git -C "$1" add -A && git -C "$1" commit -q -m "first"
}

# Fixtures: four good working copies, a bare mirror, a corrupt repository (garbage HEAD), one
# with a corrupt tree object, a missing path and a file:// remote.
mkdir -p "$T/repos"
for n in alpha beta gamma delta; do make_repo "$T/repos/$n" "$n"; done
git clone -q --bare "$T/repos/alpha" "$T/repos/mirror.git"
make_repo "$T/repos/corrupt" corrupt
echo garbage >"$T/repos/corrupt/.git/HEAD"
make_repo "$T/repos/broken" broken
tree=$(git -C "$T/repos/broken" rev-parse 'HEAD^{tree}')
obj="$T/repos/broken/.git/objects/${tree:0:2}/${tree:2}"
# Garbage in place of the tree object. (Not a truncated object: libgit2 1.5.1 loops forever
# inflating one, libgit2/libgit2#7342, fixed upstream in #7346.)
chmod u+w "$obj" && printf 'this is not a zlib stream' >"$obj.bad" && mv "$obj.bad" "$obj"
git clone -q --bare "$T/repos/beta" "$T/remote.git"
cat >"$T/repos.txt" <<EOF
# organisation list
repos/alpha
repos/beta    rev=main
repos/gamma
repos/delta   charter=repos/alpha/pacte.yml
repos/mirror.git
repos/missing          # not there
repos/corrupt
repos/broken
file://$T/remote.git
EOF

# One batch over the whole list.
"$PACTE" batch "$T/repos.txt" --out "$T/whole" --cache "$T/cache" --jobs 2 --retries 0 2>"$T/whole.err"
code=$?
check "a batch with repositories that cannot be audited exits 3" test "$code" = 3
check "summary.csv, summary.json and index.html are written" test -s "$T/whole/summary.csv" -a -s "$T/whole/summary.json" -a -s "$T/whole/index.html"
check "summary.csv has a header and one row per list line" test "$(wc -l <"$T/whole/summary.csv")" = 10
line_of() { grep -F "$2," "$1" | head -1; }
# The gate column of a location's row (read as CSV): pass, fail, none (no gate option), or empty
# for a repository that could not be audited.
gate_of() { python3 -c "
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r['location'] == sys.argv[2]]
print(rows[0]['gate'] if rows else 'no-row')" "$1" "$2"; }
is_error_row() { [ "$(gate_of "$1" "$2")" = "" ]; }
# Audited, with no gate asked: the gate column says none, never a pass nobody asked for.
is_pass_row() { [ "$(gate_of "$1" "$2")" = none ]; }
S="$T/whole/summary.csv"
check "the missing path has an error row" bash -c "grep -F 'repos/missing,' '$S' | grep -q 'no such file'"
check "the repository with a garbage HEAD has an error row" is_error_row "$S" repos/corrupt
check "the repository with a corrupt tree object has an error row" is_error_row "$S" repos/broken
check "the file:// remote was cloned into the cache and audited" bash -c "ls -d '$T'/cache/*.git >/dev/null"
check "the file:// remote's row passes" is_pass_row "$S" "file://$T/remote.git"
check "without a gate option the gate column is none, not pass" is_pass_row "$S" repos/alpha
check "the bare mirror was audited" is_pass_row "$S" repos/mirror.git
check "each audited repository has a JSON and an HTML report" bash -c "ls '$T'/whole/alpha-*.json '$T'/whole/alpha-*.html '$T'/whole/mirror-*.json >/dev/null"
check "index.html links each report" bash -c "grep -q 'href=\"alpha-[0-9a-f]\{8\}.html\"' '$T/whole/index.html'"
check "index.html loads nothing from the network" bash -c "! grep -Eq '(src|href)=\"https?:' '$T/whole/index.html'"
check "stderr ends with the counts" grep -q "9 repositories: 6 audited" "$T/whole.err"
check "no temporary file is left behind" bash -c "! ls '$T'/whole/*.tmp* 2>/dev/null | grep -q ."

# Shards: every line in exactly one shard; merged, they give the summary of the whole batch.
for i in 1 2 3; do
  "$PACTE" batch "$T/repos.txt" --shard "$i/3" --out "$T/shard$i" --cache "$T/cache" --jobs 2 --retries 0 2>/dev/null
done
total=0
for i in 1 2 3; do total=$((total + $(tail -n +2 "$T/shard$i/summary.csv" | wc -l))); done
check "the three shards hold the 9 list lines between them" test "$total" = 9
check "no line is in two shards" test "$(tail -q -n +2 "$T"/shard*/summary.csv | cut -d, -f1-3 | sort | uniq -d | wc -l)" = 0
"$PACTE" merge "$T/shard1" "$T/shard2/summary.json" "$T/shard3" --out "$T/merged" 2>/dev/null
code=$?
check "merge exits 3 like the batch" test "$code" = 3
check "merged summary.csv == one batch's" cmp -s "$T/merged/summary.csv" "$T/whole/summary.csv"
check "merged summary.json == one batch's" cmp -s "$T/merged/summary.json" "$T/whole/summary.json"
check "merged index.html == one batch's" cmp -s "$T/merged/index.html" "$T/whole/index.html"
check "merge copies the reports next to the summary" bash -c "ls '$T'/merged/alpha-*.html >/dev/null"
# A reordered list shards the same way.
{ head -1 "$T/repos.txt"; tail -n +2 "$T/repos.txt" | tac; } >"$T/reversed.txt"
"$PACTE" batch "$T/reversed.txt" --shard 2/3 --out "$T/shard2r" --cache "$T/cache" --retries 0 2>/dev/null
check "a reordered list gives the same shard" cmp -s "$T/shard2/summary.csv" "$T/shard2r/summary.csv"

# Resume: a second run audits nothing; a commit in one repository re-audits only it.
good="$T/good.txt"
printf 'repos/alpha\nrepos/beta\nrepos/gamma\nfile://%s/remote.git\n' "$T" >"$good"
"$PACTE" batch "$good" --out "$T/daily" --cache "$T/cache" --resume 2>"$T/r1.err"
check "the first resumed run audits everything and exits 0" grep -q "(0 unchanged" "$T/r1.err"
cp "$T/daily/summary.csv" "$T/r1.csv"
"$PACTE" batch "$good" --out "$T/daily" --cache "$T/cache" --resume 2>"$T/r2.err"
check "an unchanged batch is all skipped" grep -q "(4 unchanged" "$T/r2.err"
check "the skipped batch writes the same summary" cmp -s "$T/daily/summary.csv" "$T/r1.csv"
echo "- change" >>"$T/repos/gamma/README.md"
GIT_COMMITTER_DATE="@1780100000 +0000" git -C "$T/repos/gamma" commit -q -am "change"
"$PACTE" batch "$good" --out "$T/daily" --cache "$T/cache" --resume 2>"$T/r3.err"
check "after one commit, three are skipped" grep -q "(3 unchanged" "$T/r3.err"
check "and gamma was audited again" grep -q "audited repos/gamma" "$T/r3.err"
check "gamma's row has the new commit" grep -q "$(git -C "$T/repos/gamma" rev-parse HEAD)" "$T/daily/summary.csv"
# --previous: today's list against the whole run; the lines no longer listed are "removed".
"$PACTE" batch "$good" --out "$T/compare" --cache "$T/cache" --previous "$T/whole" 2>"$T/compare.err"
check "a compared batch exits 0" test $? = 0
check "a line of the previous run no longer listed is a removed row" bash -c "grep -F 'repos/missing,' '$T/compare/summary.csv' | grep -q ',removed,'"
check "a repository in both runs says how it changed" bash -c "grep -F 'repos/alpha,' '$T/compare/summary.csv' | grep -Eq ',(un)?changed,[0-9.]+,'"
check "index.html has the change column and the removed list" bash -c "grep -q 'id=\"h-removed\"' '$T/compare/index.html'"
"$PACTE" batch "$good" --out "$T/compare2" --previous "$T/no-such-run" 2>"$T/noprev.err"
check "a missing --previous folder exits 2" test $? = 2
check "and names it" grep -q "no-such-run: no such folder" "$T/noprev.err"
# A change pushed to the remote is fetched into the cache, then audited.
git -C "$T/repos/gamma" push -q --force "$T/remote.git" HEAD:main
"$PACTE" batch "$good" --out "$T/daily" --cache "$T/cache" --resume 2>"$T/r4.err"
check "a new commit on the remote is fetched and audited" bash -c "grep -q '(3 unchanged' '$T/r4.err' && grep -q 'audited file://' '$T/r4.err'"

# A folder: every repository in it, working copies and bare mirrors.
"$PACTE" batch "$T/repos" --out "$T/folder" --jobs 2 2>/dev/null
code=$?
check "a folder batch finds the 7 repositories (corrupt ones included) and exits 3" \
  bash -c "test $code = 3 && test \$(tail -n +2 '$T/folder/summary.csv' | wc -l) = 7"

# Remote failures are per repository; usage errors exit 2.
printf 'repos/alpha\nfile://%s/nowhere.git\n' "$T" >"$T/net.txt"
"$PACTE" batch "$T/net.txt" --out "$T/net" --cache "$T/cache" --retries 1 --retry-wait 0 2>/dev/null
code=$?
check "an unreachable remote exits 3" test "$code" = 3
check "the unreachable remote has an error row saying so" bash -c "grep -F 'nowhere.git' '$T/net/summary.csv' | grep -q 'cannot clone'"
check "the other repository was audited" is_pass_row "$T/net/summary.csv" repos/alpha
"$PACTE" batch "$T/nothing.txt" 2>/dev/null
check "an unreadable LIST exits 2" test $? = 2
"$PACTE" batch "$T/repos.txt" --shard 4/3 2>/dev/null
check "a bad --shard exits 2" test $? = 2

# No network unless a URL is given: local and file:// repositories in a namespace without one.
if unshare -rn true 2>/dev/null; then
  unshare -rn "$PACTE" batch "$good" --out "$T/offline" --cache "$T/cache2" >/dev/null 2>&1
  check "local and file:// repositories need no network" test $? = 0
else
  echo "skip - no network namespace here (unshare -rn)"
fi

echo "$fails failure(s)"
[ "$fails" = 0 ]
