#!/usr/bin/env bash
# One audit, several outputs: --format with several names, --output FORMAT=FILE (repeatable)
# and --output-dir DIR write every report from the same run; the choices that would lose a
# report or overwrite an input are refused with exit 2 and nothing written.
# Every path is under a temporary folder. Env: PACTE (the binary). Exit 125 = skipped.
set -u
PACTE=${PACTE:-}
[ -x "$PACTE" ] || { echo "PACTE is not set to the pacte binary; skipping"; exit 125; }
command -v git >/dev/null || { echo "git is not installed; skipping"; exit 125; }

T=$(mktemp -d "${TMPDIR:-/tmp}/pacte-outputs-XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   - $1"; }
ko() { echo "FAIL - $1"; fails=$((fails + 1)); }
export GIT_AUTHOR_NAME="Jeanne Martin" GIT_AUTHOR_EMAIL=jeanne@example.org
export GIT_COMMITTER_NAME="Jeanne Martin" GIT_COMMITTER_EMAIL=jeanne@example.org
export GIT_AUTHOR_DATE="@1780000000 +0000" GIT_COMMITTER_DATE="@1780000000 +0000"
export GIT_CONFIG_NOSYSTEM=1 HOME="$T/home" SOURCE_DATE_EPOCH=1780200000
mkdir -p "$HOME"

repo="$T/repo"
git init -q -b main "$repo"
echo "# Service" > "$repo/README.md"
git -C "$repo" add -A && git -C "$repo" commit -qm init

# Repeated --output FORMAT=FILE: each file in its format; the text report still goes to
# standard output (the job log), since --format is text.
mkdir -p "$T/a"
"$PACTE" audit "$repo" --output sarif="$T/a/pacte.sarif" --output json="$T/a/report.json" --output html="$T/a/report.html" \
  > "$T/a.out" 2>"$T/a.err"
rc=$?
if [ $rc -le 1 ] && grep -q '"\$schema"' "$T/a/pacte.sarif" 2>/dev/null && grep -q '"pacte_version"' "$T/a/report.json" 2>/dev/null &&
   grep -q '<html' "$T/a/report.html" 2>/dev/null && grep -q 'Score' "$T/a.out"; then
  ok "--output FORMAT=FILE, repeated, writes each format and the text report to standard output"
else ko "--output FORMAT=FILE: exit $rc; $(ls "$T/a" 2>&1 | tr '\n' ' '); $(head -c 300 "$T/a.err")"; fi

# The reports of one run agree: the text report and the SARIF carry the same score.
score_text=$(grep -o 'Score [0-9.]*/100' "$T/a.out" | head -1 | tr -dc '0-9.' | sed 's/100$//')
if [ -n "$score_text" ] && grep -q "\"score\": $score_text" "$T/a/pacte.sarif" 2>/dev/null; then
  ok "the text report and the SARIF of one run carry the same score ($score_text)"
else ko "text and SARIF scores differ (text '$score_text')"; fi

# --format a,b,c --output-dir DIR: DIR/pacte-report.<ext> for each, nothing on standard output.
"$PACTE" audit "$repo" --format json,sarif,junit,markdown --output-dir "$T/dir/sub" > "$T/b.out" 2>"$T/b.err"
rc=$?
if [ $rc -le 1 ] && [ -s "$T/dir/sub/pacte-report.json" ] && [ -s "$T/dir/sub/pacte-report.sarif" ] &&
   [ -s "$T/dir/sub/pacte-report.junit.xml" ] && [ -s "$T/dir/sub/pacte-report.md" ] && [ ! -s "$T/b.out" ]; then
  ok "--format json,sarif,junit,markdown --output-dir writes four files and nothing on standard output"
else ko "--output-dir: exit $rc; $(ls "$T/dir/sub" 2>&1 | tr '\n' ' '); $(head -c 300 "$T/b.err")"; fi

# Refusals: exit 2, a message that says what to do, and no file written.
refuse() {  # refuse DESCRIPTION EXPECTED-MESSAGE ARGS...
  local what=$1 expect=$2; shift 2
  rm -rf "$T/r"; mkdir -p "$T/r"
  "$PACTE" audit "$repo" "$@" > "$T/r.out" 2>"$T/r.err"
  local rc=$? written; written=$(find "$T/r" -type f | wc -l)
  if [ $rc -eq 2 ] && grep -q -- "$expect" "$T/r.err" && [ "$written" -eq 0 ]; then ok "$what: exit 2, nothing written"
  else ko "$what: exit $rc, $written file(s) written; $(head -c 300 "$T/r.err")"; fi
}
refuse "several formats to standard output" "only one report can go to standard output" --format json,sarif
refuse "one plain --output for several formats" "takes the one --format" --format json,sarif --output "$T/r/x"
refuse "two formats into one file" "two reports would be written to this file" --output json="$T/r/same" --output sarif="$T/r/same"
refuse "the same format twice" "has a file already" --output json="$T/r/a.json" --output json="$T/r/b.json"
refuse "an unknown format in the list" "unknown format 'pdf'" --format json,pdf --output-dir "$T/r"
refuse "--output FILE with --output-dir" "choose one" --output "$T/r/x" --output-dir "$T/r"
echo "version: 1" > "$T/r-charter.yml"
refuse "an output over the --charter file" "names the --charter file" --charter "$T/r-charter.yml" --output json="$T/r-charter.yml"
if grep -q "version: 1" "$T/r-charter.yml"; then ok "the charter is left as it was"; else ko "the charter was overwritten"; fi

# A path with '=' whose prefix is not a format stays a path.
"$PACTE" audit "$repo" --format json --output "$T/key=value.json" >/dev/null 2>"$T/c.err"
rc=$?
if [ $rc -le 1 ] && grep -q '"pacte_version"' "$T/key=value.json" 2>/dev/null; then ok "a file name holding '=' is a file name"
else ko "file name with '=': exit $rc; $(head -c 300 "$T/c.err")"; fi

# batch keeps one format per repository.
"$PACTE" batch "$T" --format json,sarif --out "$T/batch-out" >/dev/null 2>"$T/d.err"
rc=$?
if [ $rc -eq 2 ] && grep -q "takes one format" "$T/d.err"; then ok "batch refuses a list of formats"
else ko "batch --format json,sarif: exit $rc; $(head -c 300 "$T/d.err")"; fi

[ $fails -eq 0 ] && echo "all output checks passed" || echo "$fails output check(s) failed"
[ $fails -eq 0 ]
