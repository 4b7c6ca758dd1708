#!/usr/bin/env bash
# Where pacte writes, end to end: only what was asked, never replacing what is not a regular
# file, never leaving half a file or a temporary file behind.
#
#   --output to a device node, a named pipe, a symbolic link, a folder, a missing folder;
#   the mode of a replaced report; --badge and batch outputs the same way.
# Every path is under a temporary folder: nothing here writes to a system path.
# Env: PACTE (the binary). Exit 125 = skipped.
set -u
PACTE=${PACTE:-}
[ -x "$PACTE" ] || { echo "PACTE is not set to the pacte binary; skipping"; exit 125; }
command -v git >/dev/null || { echo "git is not installed; skipping"; exit 125; }

T=$(mktemp -d "${TMPDIR:-/tmp}/pacte-bad-output-XXXXXX")
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

# leftovers DIR: temporary files pacte may have left in DIR.
leftovers() { find "$1" -maxdepth 1 -name '.*.pacte-*' | wc -l; }

# A named pipe stays a pipe, and its reader gets the whole report.
mkfifo "$T/pipe"
cat "$T/pipe" > "$T/from-pipe" &
reader=$!
timeout 30 "$PACTE" audit "$repo" --format json --output "$T/pipe" 2>"$T/err"
rc=$?
wait "$reader"
if [ "$rc" -eq 0 ] && [ -p "$T/pipe" ] && grep -q '"verdict"' "$T/from-pipe"; then ok "--output to a named pipe writes into it"
else ko "--output to a named pipe: exit $rc, pipe kept: $([ -p "$T/pipe" ] && echo yes || echo no); $(head -c 300 "$T/err")"; fi

# A device node stays a device (as root: a null device of our own; otherwise skipped).
if [ "$(id -u)" -eq 0 ] && mknod "$T/null" c 1 3 2>/dev/null; then
  timeout 30 "$PACTE" audit "$repo" --output "$T/null" --badge "$T/null" 2>"$T/err"
  rc=$?
  if [ "$rc" -eq 0 ] && [ -c "$T/null" ]; then ok "--output and --badge to a device node write through it, never replace it"
  else ko "--output to a device node: exit $rc, still a device: $([ -c "$T/null" ] && echo yes || echo no)"; fi
else
  echo "skip - device node (needs root to create one under $T)"
fi

# A symbolic link stays a link; the file it names gets the report.
echo old > "$T/target.json"
ln -s target.json "$T/link.json"
timeout 30 "$PACTE" audit "$repo" --format json --output "$T/link.json" 2>"$T/err"
rc=$?
if [ "$rc" -eq 0 ] && [ -L "$T/link.json" ] && grep -q '"verdict"' "$T/target.json"; then ok "--output to a symbolic link writes the file it names"
else ko "--output to a symbolic link: exit $rc, link kept: $([ -L "$T/link.json" ] && echo yes || echo no)"; fi

# A regular file is replaced atomically and keeps its mode; no temporary file is left.
echo old > "$T/report.json"
chmod 640 "$T/report.json"
timeout 30 "$PACTE" audit "$repo" --format json --output "$T/report.json" 2>"$T/err"
rc=$?
mode=$(stat -c %a "$T/report.json")
if [ "$rc" -eq 0 ] && [ "$mode" = 640 ] && grep -q '"verdict"' "$T/report.json" && [ "$(leftovers "$T")" -eq 0 ]; then
  ok "--output replaces a regular file, keeps its mode (640) and leaves no temporary file"
else ko "--output to a regular file: exit $rc, mode $mode, leftovers $(leftovers "$T")"; fi

# A new file gets the usual mode for new files (not the private mode of a temporary file).
(umask 022 && timeout 30 "$PACTE" audit "$repo" --output "$T/new.txt" 2>"$T/err")
mode=$(stat -c %a "$T/new.txt" 2>/dev/null)
if [ "$mode" = 644 ]; then ok "a new report file gets mode 644 under umask 022"; else ko "a new report file has mode '$mode'"; fi

# A folder, or a missing folder: exit 2 naming the path, nothing written.
mkdir "$T/a-folder"
timeout 30 "$PACTE" audit "$repo" --output "$T/a-folder" 2>"$T/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -qF "$T/a-folder: is a folder" "$T/err" && [ -d "$T/a-folder" ] && [ "$(leftovers "$T")" -eq 0 ]; then
  ok "--output naming a folder: exit 2, the folder named"
else ko "--output naming a folder: exit $rc: $(head -c 300 "$T/err")"; fi
timeout 30 "$PACTE" audit "$repo" --output "$T/missing/report.txt" 2>"$T/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -qF "$T/missing/report.txt: cannot write" "$T/err"; then ok "--output in a missing folder: exit 2, the file named"
else ko "--output in a missing folder: exit $rc: $(head -c 300 "$T/err")"; fi

# A read-only folder: exit 2, the old report untouched, no temporary file.
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$T/ro" && echo keep > "$T/ro/report.txt" && chmod 555 "$T/ro"
  timeout 30 "$PACTE" audit "$repo" --output "$T/ro/report.txt" 2>"$T/err"
  rc=$?
  chmod 755 "$T/ro"
  if [ "$rc" -eq 2 ] && [ "$(cat "$T/ro/report.txt")" = keep ] && [ "$(leftovers "$T/ro")" -eq 0 ]; then ok "a read-only folder: exit 2, the old report kept"
  else ko "a read-only folder: exit $rc"; fi
else
  echo "skip - read-only folder (root writes anyway)"
fi

# A time limit too large for the clock is no limit, not an instant time-out.
timeout 30 "$PACTE" audit "$repo" --timeout 1e10 --output "$T/t.txt" 2>"$T/err"
rc=$?
if [ "$rc" -eq 0 ]; then ok "--timeout 1e10 audits normally"; else ko "--timeout 1e10: exit $rc: $(head -c 300 "$T/err")"; fi

if [ "$fails" -gt 0 ]; then echo "$fails failed"; exit 1; fi
echo "all passed"
