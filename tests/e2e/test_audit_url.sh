#!/usr/bin/env bash
# `pacte audit URL`: the repository is mirrored into the cache (the one `pacte batch` uses),
# the mirror is audited, a second audit fetches only what changed, and credentials in the URL
# never reach a message, the report or the cache. Only local URLs (file://, 127.0.0.1 on a
# closed port): nothing here leaves the machine. Env: PACTE (the binary). Exit 125 = skipped.
set -u
PACTE=${PACTE:-}
[ -x "$PACTE" ] || { echo "PACTE is not set to the pacte binary; skipping"; exit 125; }
command -v git >/dev/null || { echo "git is not installed; skipping"; exit 125; }

T=$(mktemp -d "${TMPDIR:-/tmp}/pacte-audit-url-XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   - $1"; }
ko() { echo "FAIL - $1"; fails=$((fails + 1)); }
export GIT_AUTHOR_NAME="Jeanne Martin" GIT_AUTHOR_EMAIL=jeanne@example.org
export GIT_COMMITTER_NAME="Jeanne Martin" GIT_COMMITTER_EMAIL=jeanne@example.org
export GIT_AUTHOR_DATE="@1780000000 +0000" GIT_COMMITTER_DATE="@1780000000 +0000"
export GIT_CONFIG_NOSYSTEM=1 HOME="$T/home" SOURCE_DATE_EPOCH=1780200000
mkdir -p "$HOME"

repo="$T/service"
git init -q -b main "$repo"
echo "# Service" > "$repo/README.md"
git -C "$repo" add -A && git -C "$repo" commit -qm init
first=$(git -C "$repo" rev-parse HEAD)

# First audit: a mirror is cloned into --cache, the report names the URL and the commit.
"$PACTE" audit "file://$repo" --cache "$T/cache" --format json --output "$T/r1.json" 2>"$T/e1"
rc=$?
if [ $rc -le 1 ] && grep -q "\"url\": \"file://$repo\"" "$T/r1.json" && grep -q "\"commit\": \"$first\"" "$T/r1.json" &&
   [ "$(find "$T/cache" -maxdepth 1 -name '*.git' | wc -l)" -eq 1 ]; then
  ok "audit file:// URL: mirrored into --cache, the report names the URL and the commit"
else ko "audit URL: exit $rc; $(head -c 400 "$T/e1")"; fi

# A new commit upstream: the second audit fetches it into the same mirror.
echo "Contribuer : ouvrez une issue." > "$repo/CONTRIBUTING.md"
git -C "$repo" add -A && git -C "$repo" commit -qm contributing
second=$(git -C "$repo" rev-parse HEAD)
"$PACTE" audit "file://$repo" --cache "$T/cache" --format json --output "$T/r2.json" 2>"$T/e2"
rc=$?
if [ $rc -le 1 ] && grep -q "\"commit\": \"$second\"" "$T/r2.json" &&
   [ "$(find "$T/cache" -maxdepth 1 -name '*.git' | wc -l)" -eq 1 ]; then
  ok "a second audit of the URL fetches the new commit into the same mirror"
else ko "second audit: exit $rc; $(head -c 400 "$T/e2")"; fi

# --rev works on the mirror as on any repository.
"$PACTE" audit "file://$repo" --cache "$T/cache" --rev "$first" --format json --output "$T/r3.json" 2>"$T/e3"
if grep -q "\"commit\": \"$first\"" "$T/r3.json" 2>/dev/null; then ok "--rev picks an older commit of the mirror"
else ko "--rev on a URL: $(head -c 300 "$T/e3")"; fi

# A URL with a token that cannot be reached: exit 2, the token appears nowhere.
"$PACTE" audit "https://jeanne:s3cr3t-t0ken@127.0.0.1:1/service.git" --cache "$T/cache2" --timeout 20 >"$T/o4" 2>"$T/e4"
rc=$?
if [ $rc -eq 2 ] && ! grep -rq "s3cr3t-t0ken" "$T/o4" "$T/e4" "$T/cache2" 2>/dev/null && grep -q "127.0.0.1" "$T/e4"; then
  ok "an unreachable URL with a token: exit 2, the token in no message and not in the cache"
else ko "unreachable URL: exit $rc; $(head -c 400 "$T/e4")"; fi

# A URL has no working tree.
"$PACTE" audit "file://$repo" --worktree --cache "$T/cache" >/dev/null 2>"$T/e5"
rc=$?
if [ $rc -eq 2 ] && grep -q "no working tree" "$T/e5"; then ok "--worktree with a URL is refused (exit 2)"
else ko "--worktree with a URL: exit $rc; $(head -c 300 "$T/e5")"; fi

[ $fails -eq 0 ] && echo "all audit URL checks passed" || echo "$fails audit URL check(s) failed"
[ $fails -eq 0 ]
