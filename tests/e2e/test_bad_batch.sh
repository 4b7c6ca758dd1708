#!/usr/bin/env bash
# pacte batch and pacte merge, tried as an attacker and as an unlucky operator would: no silent
# pass, no read or write outside what was asked.
#
#   --resume    a report is reused only when every option that changes detection is the same
#   folders     a sub-folder that cannot be listed is an error row (exit 3), never dropped
#   --out       one writer per output folder: a second batch is refused (exit 2)
#   merge       inputs validated (format version, types, 0-100, words), conflicting duplicates
#               refused, report names confined to their folder, symbolic links not followed
#   caps        /dev/zero, an endless pipe, a huge LIST, charter=/dev/zero; --jobs capped
#   threads     a system that refuses worker threads: a warning says how many jobs ran
# Every path is under a temporary folder. Env: PACTE (the binary). Exit 125 = skipped.
set -u
PACTE=${PACTE:-}
[ -x "$PACTE" ] || { echo "PACTE is not set to the pacte binary; skipping"; exit 125; }
command -v git >/dev/null || { echo "git is not installed; skipping"; exit 125; }
command -v python3 >/dev/null || { echo "python3 is not installed; skipping"; exit 125; }

T=$(mktemp -d "${TMPDIR:-/tmp}/pacte-bad-batch-XXXXXX")
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   - $1"; }
ko() { echo "FAIL - $1"; fails=$((fails + 1)); }
export GIT_AUTHOR_NAME="Jeanne Martin" GIT_AUTHOR_EMAIL=jeanne@example.org
export GIT_COMMITTER_NAME="Jeanne Martin" GIT_COMMITTER_EMAIL=jeanne@example.org
export GIT_AUTHOR_DATE="@1780000000 +0000" GIT_COMMITTER_DATE="@1780000000 +0000"
export GIT_CONFIG_NOSYSTEM=1 HOME="$T/home" SOURCE_DATE_EPOCH=1780200000
mkdir -p "$HOME"

# expect DESCRIPTION CODE MESSAGE ARGS...: pacte exits CODE and says MESSAGE on stderr.
expect() {
  local what=$1 code=$2 msg=$3; shift 3
  timeout 120 "$PACTE" "$@" >"$T/out.txt" 2>"$T/err"
  local rc=$?
  if [ "$rc" -eq "$code" ] && grep -qF -- "$msg" "$T/err"; then ok "$what"
  else ko "$what: exit $rc (expected $code), stderr: $(head -c 400 "$T/err")"; fi
}
# json_check DESCRIPTION FILE PYTHON-EXPRESSION-OVER-d
json_check() {
  if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($3) else 1)" "$2" 2>/dev/null; then ok "$1"
  else ko "$1"; fi
}

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
mkdir -p "$T/repos"
make_repo "$T/repos/alpha" alpha
make_repo "$T/repos/beta" beta
printf 'repos/alpha\nrepos/beta\n' >"$T/list.txt"

# --- 1. --resume reuses a report only when the detection options are the same -------------
expect "a first batch audits both repositories" 0 ": 2 audited" batch "$T/list.txt" --out "$T/r1"
expect "--resume with the same options reuses both reports" 0 "(2 unchanged" batch "$T/list.txt" --out "$T/r1" --resume
expect "--resume after --max-file-size changed audits again" 0 "(0 unchanged" \
  batch "$T/list.txt" --out "$T/r1" --resume --max-file-size 8
expect "--resume with that --max-file-size again reuses the reports" 0 "(2 unchanged" \
  batch "$T/list.txt" --out "$T/r1" --resume --max-file-size 8
expect "--resume after --max-matches changed audits again" 0 "(0 unchanged" \
  batch "$T/list.txt" --out "$T/r1" --resume --max-matches 7
printf '{"trackers": {"1": {"name": "Tracker One", "code_signature": "com.example.one", "network_signature": ""}}}\n' >"$T/sig.json"
expect "--resume after --signatures was added audits again" 0 "(0 unchanged" \
  batch "$T/list.txt" --out "$T/r1" --resume --signatures "$T/sig.json"
expect "--resume with the same signature file reuses the reports" 0 "(2 unchanged" \
  batch "$T/list.txt" --out "$T/r1" --resume --signatures "$T/sig.json"
printf '{"trackers": {"1": {"name": "Tracker One", "code_signature": "com.example.two", "network_signature": ""}}}\n' >"$T/sig.json"
expect "--resume after the signature file's content changed audits again" 0 "(0 unchanged" \
  batch "$T/list.txt" --out "$T/r1" --resume --signatures "$T/sig.json"
mkdir -p "$T/license-data/text" && printf 'Permission is granted to do anything.\n' >"$T/license-data/text/Anything-1.0.txt"
expect "--resume after --license-data was added audits again" 0 "(0 unchanged" \
  batch "$T/list.txt" --out "$T/r1" --resume --license-data "$T/license-data"
# A report written before the options were recorded (no batch.options_hash) is not current.
expect "a batch with the default options" 0 ": 2 audited" batch "$T/list.txt" --out "$T/r1"
for f in "$T"/r1/alpha-*.json "$T"/r1/beta-*.json; do
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); del d['batch']['options_hash']; json.dump(d, open(sys.argv[1],'w'))" "$f"
done
expect "--resume over reports without options_hash audits again" 0 "(0 unchanged" batch "$T/list.txt" --out "$T/r1" --resume

# --- 2. a sub-folder that cannot be listed --------------------------------------------------
# Root reads everything: as root, pacte runs as nobody (setpriv).
as_user=()
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
if [ "$(id -u)" != 0 ] || [ ${#as_user[@]} -gt 0 ]; then
  mkdir -p "$T/org/open" "$T/org/locked" "$T/org-out"
  make_repo "$T/org/open/gamma" gamma
  make_repo "$T/org/locked/delta" delta
  chmod 755 "$T" && chmod -R a+rX "$T/org" && chmod 777 "$T/org-out" && chmod 000 "$T/org/locked"
  bin="$PACTE"
  if [ ${#as_user[@]} -gt 0 ] && ! "${as_user[@]}" test -x "$PACTE"; then
    cp "$PACTE" "$T/pacte-copy" && chmod 755 "$T/pacte-copy" && bin="$T/pacte-copy"
  fi
  "${as_user[@]}" env HOME=/tmp timeout 120 "$bin" batch "$T/org" --out "$T/org-out" 2>"$T/err"
  rc=$?
  if [ "$rc" -eq 3 ] && grep -qF "$T/org/locked: cannot list this folder" "$T/err"; then
    ok "batch DIR: a sub-folder that cannot be listed is reported, exit 3"
  else ko "batch DIR with a locked sub-folder: exit $rc; $(head -c 400 "$T/err")"; fi
  json_check "batch DIR: the locked sub-folder is an error row of summary.json" "$T/org-out/summary.json" \
    "any(r['location'] == '$T/org/locked' and 'cannot list' in (r['error'] or '') for r in d['rows'])"
  chmod 755 "$T/org/locked"
else
  echo "skip - a folder that cannot be listed (running as root without setpriv)"
fi

# --- 3. one writer per output folder --------------------------------------------------------
if command -v flock >/dev/null; then
  mkdir -p "$T/shared"
  flock "$T/shared/.pacte-batch.lock" timeout 120 "$PACTE" batch "$T/list.txt" --out "$T/shared" >/dev/null 2>"$T/err"
  rc=$?
  if [ "$rc" -eq 2 ] && grep -qF "$T/shared: another pacte batch or merge is writing to this folder" "$T/err" &&
     grep -qF "give each batch its own --out" "$T/err" && [ ! -e "$T/shared/summary.json" ]; then
    ok "a second batch into a locked --out is refused (exit 2), naming the folder and what to do"
  else ko "a second batch into a locked --out: exit $rc; $(head -c 400 "$T/err")"; fi
  flock "$T/shared/.pacte-batch.lock" timeout 120 "$PACTE" merge "$T/r1" --out "$T/shared" >/dev/null 2>"$T/err"
  rc=$?
  if [ "$rc" -eq 2 ] && grep -qF "another pacte batch or merge is writing" "$T/err"; then ok "merge into a locked --out is refused (exit 2)"
  else ko "merge into a locked --out: exit $rc; $(head -c 400 "$T/err")"; fi
  expect "once the lock is released, the batch runs" 0 ": 2 audited" batch "$T/list.txt" --out "$T/shared"
else
  echo "skip - output folder lock (flock(1) is not installed)"
fi

# --- 4. merge validates every input ---------------------------------------------------------
good="$T/r1/summary.json"
# edit NAME PYTHON: a copy of the good summary in $T/m/NAME/summary.json, changed by PYTHON over d.
edit() {
  mkdir -p "$T/m/$1"
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $2; json.dump(d, open(sys.argv[2],'w'))" "$good" "$T/m/$1/summary.json"
}
edit v2 "d['pacte_batch'] = 2"
expect "merge refuses a summary of another format version" 2 "$T/m/v2/summary.json: a summary of format version 2" merge "$T/m/v2/summary.json"
edit huge "d['rows'][0]['score'] = 1e308"
expect "merge refuses a score of 1e308" 2 "$T/m/huge/summary.json: row " merge "$T/m/huge/summary.json"
grep -qF "outside 0-100" "$T/err" && ok "merge: the score is said to be outside 0-100" || ko "score 1e308: $(head -c 300 "$T/err")"
edit word "d['rows'][0]['score'] = 'high'"
expect "merge refuses a score that is a word" 2 '"score" is not a number' merge "$T/m/word/summary.json"
edit verdict "d['rows'][0]['verdict'] = 'excellent'"
expect "merge refuses an unknown verdict" 2 "\"verdict\" is 'excellent'" merge "$T/m/verdict/summary.json"
edit gate "d['rows'][0]['gate'] = 'maybe'"
expect "merge refuses an unknown gate word" 2 "\"gate\" is 'maybe'" merge "$T/m/gate/summary.json"
edit principle "d['rows'][0]['principles']['openness'] = -5"
expect "merge refuses a principle score below 0" 2 "outside 0-100" merge "$T/m/principle/summary.json"
edit count "d['rows'][0]['failures'] = 'many'"
expect "merge refuses a count that is not a number" 2 '"failures" is not a count' merge "$T/m/count/summary.json"
edit other "d['rows'][0]['score'] = (d['rows'][0]['score'] + 1) % 100"
expect "merge refuses one repository with different results in two inputs, naming both" 2 \
  "has different results in $good and in $T/m/other/summary.json" merge "$good" "$T/m/other/summary.json" --out "$T/m/merged"
expect "merge accepts one repository with the same results in two inputs" 0 "2 repositories" merge "$good" "$good" --out "$T/m/same"

# --- 5. merge never reads or writes outside the folders --------------------------------------
echo "SECRET-OUTSIDE" >"$T/secret.json"
edit dotdot "d['rows'][0]['report'] = '../../secret.json'"
expect "merge refuses a report name with '..'" 2 "not a plain file name" merge "$T/m/dotdot/summary.json" --out "$T/m/out-dotdot"
edit absolute "d['rows'][0]['report'] = '$T/secret.json'"
expect "merge refuses an absolute report path" 2 "not a plain file name" merge "$T/m/absolute/summary.json" --out "$T/m/out-abs"
mkdir -p "$T/m/link"
cp "$good" "$T/m/link/summary.json"
name=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['rows'][0]['report'])" "$good")
ln -s "$T/secret.json" "$T/m/link/$name"
expect "merge refuses a report that is a symbolic link" 2 "symbolic link" merge "$T/m/link" --out "$T/m/out-link"
if grep -rqs SECRET-OUTSIDE "$T/m/out-dotdot" "$T/m/out-abs" "$T/m/out-link"; then ko "a file outside the shard folders was copied"
else ok "nothing outside the shard folders was copied into --out"; fi
mkdir -p "$T/m/link2" && ln -s "$good" "$T/m/link2/summary.json"
expect "merge does not follow a shard's summary.json that is a symbolic link" 2 "symbolic link" merge "$T/m/link2"

# --- 6. every input read is capped ----------------------------------------------------------
expect "batch /dev/zero is refused as not a regular file" 2 "/dev/zero: cannot read the LIST file: not a regular file" batch /dev/zero --out "$T/z"
truncate -s 65M "$T/huge-list.txt"
expect "a LIST file over 64 MiB is refused, naming the cap" 2 "$T/huge-list.txt: the LIST file is larger than the 64 MiB" batch "$T/huge-list.txt" --out "$T/z"
start=$(date +%s)
timeout 120 "$PACTE" batch <(yes "$T/repos/alpha") --out "$T/z" >/dev/null 2>"$T/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -qF "stopped reading there" "$T/err"; then ok "an endless LIST pipe stops at the cap (exit 2)"
else ko "an endless LIST pipe: exit $rc; $(head -c 300 "$T/err")"; fi
printf 'repos/alpha charter=/dev/zero\nrepos/beta\n' >"$T/zero-charter.txt"
expect "a list line charter=/dev/zero is an error row (exit 3)" 3 "/dev/zero: cannot read the charter: not a regular file" \
  batch "$T/zero-charter.txt" --out "$T/z2"
head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' '#' >"$T/big-charter.yml"
printf 'repos/alpha charter=big-charter.yml\n' >"$T/big-charter.txt"
expect "a list line charter over 1 MiB is an error row (exit 3)" 3 "the charter is larger than the 1 MiB" \
  batch "$T/big-charter.txt" --out "$T/z3"
truncate -s 300M "$T/m/big.json"
expect "a merge input over 256 MiB is refused, naming the cap" 2 "$T/m/big.json: the file is larger than the 256 MiB" merge "$T/m/big.json"
rm -f "$T/m/big.json" "$T/huge-list.txt"
expect "--jobs beyond 4 per core is capped, with a warning" 0 "is more than 4 per core on this machine" \
  batch "$T/list.txt" --out "$T/j" --jobs 100000

# --- 7. worker threads the system refuses ----------------------------------------------------
# RLIMIT_NPROC counts the threads of a user; root ignores it, so as root pacte runs as nobody.
if [ "$(id -u)" != 0 ] || [ ${#as_user[@]} -gt 0 ]; then
  mkdir -p "$T/threads-out" && chmod 777 "$T/threads-out" && chmod -R a+rX "$T/repos" && chmod a+r "$T/list.txt"
  bin=${bin:-$PACTE}
  # One process allowed: pacte itself; its second worker thread is refused.
  timeout 120 "${as_user[@]}" env HOME=/tmp bash -c 'ulimit -u 1 && exec "$0" batch "$1" --out "$2" --jobs 2' \
    "$bin" "$T/list.txt" "$T/threads-out" >/dev/null 2>"$T/err"
  rc=$?
  if grep -qF "pacte: warning: the system refused 1 of 2 worker threads; 1 jobs did the work" "$T/err"; then
    ok "refused worker threads: a warning says how many jobs ran (exit $rc)"
  else ko "refused worker threads: exit $rc; $(head -c 400 "$T/err")"; fi
else
  echo "skip - refused worker threads (running as root without setpriv)"
fi

[ "$fails" -eq 0 ] && echo "all bad-batch cases passed" || echo "$fails bad-batch case(s) failed"
exit $((fails > 0))
