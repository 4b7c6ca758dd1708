#!/usr/bin/env bash
# Hostile and broken input, end to end: one case each, asserting the exit code and the message
# (the file, and line:col where there is one). pacte must never crash, hang, read outside the
# repository it audits, or report a pass it did not check.
#
#   charters   malformed YAML, alias bomb, deep nesting, binary, invalid UTF-8, wrong types,
#              duplicate keys, paths leaving the repository, a charter that is a symlink
#   repos      symlinks out of the repository and symlink loops (committed and on disk), an
#              empty repository, a bad --rev, a missing path, a file, corrupt loose objects and
#              packs, a partial clone (missing blobs), a shallow clone, submodules, Git LFS
#              pointers (a LICENSE among them), a UTF-16 LICENSE, a README too large to read
#              (size limit, out of memory), files of hundreds of MB, minified one-line files, file names with
#              newlines, quotes and non-UTF-8 bytes (JSON, SARIF, JUnit and HTML stay valid)
#   rule packs catastrophic patterns (RE2 is linear), patterns that do not compile, globs that
#              try to leave the repository; --signatures with a bad regex
#   CLI        unknown option, unknown format
# Env: PACTE (the binary), PACTE_SOURCE_DIR. Exit 125 = skipped.
set -u
PACTE=${PACTE:-}
[ -x "$PACTE" ] || { echo "PACTE is not set to the pacte binary; skipping"; exit 125; }
command -v git >/dev/null || { echo "git is not installed; skipping"; exit 125; }
command -v python3 >/dev/null || { echo "python3 is not installed; skipping"; exit 125; }

T=$(mktemp -d "${TMPDIR:-/tmp}/pacte-bad-input-XXXXXX")
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   - $1"; }
ko() { echo "FAIL - $1"; fails=$((fails + 1)); }
export GIT_AUTHOR_NAME="Jeanne Martin" GIT_AUTHOR_EMAIL=jeanne@example.org
export GIT_COMMITTER_NAME="Jeanne Martin" GIT_COMMITTER_EMAIL=jeanne@example.org
export GIT_AUTHOR_DATE="@1780000000 +0000" GIT_COMMITTER_DATE="@1780000000 +0000"
export GIT_CONFIG_NOSYSTEM=1 HOME="$T/home" SOURCE_DATE_EPOCH=1780200000
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global protocol.file.allow always
git config --global uploadpack.allowFilter true

# run ARGS...: runs pacte (30 s at most) with stdout in $T/out, stderr in $T/err, exit in $rc.
run() {
  timeout 30 "$PACTE" "$@" >"$T/out" 2>"$T/err"
  rc=$?
}
# expect DESCRIPTION CODE TEXT ARGS...: pacte ARGS exits with CODE and stderr contains TEXT.
expect() {
  local what=$1 code=$2 text=$3
  shift 3
  run "$@"
  if [ "$rc" -ne "$code" ]; then
    ko "$what: exit $rc, expected $code; stderr: $(head -c 400 "$T/err")"
  elif ! grep -qF -- "$text" "$T/err"; then
    ko "$what: stderr lacks '$text': $(head -c 400 "$T/err")"
  else
    ok "$what"
  fi
}
# json_check DESCRIPTION PYTHON-EXPR: evaluates PYTHON-EXPR with `d` = the JSON report in $T/out.
json_check() {
  if python3 - "$T/out" "$2" <<'EOF'; then ok "$1"; else ko "$1"; fi
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
ok = eval(sys.argv[2])
if not ok:
    print("  assertion failed:", sys.argv[2], file=sys.stderr)
    print("  facts.special_files:", d.get("facts", {}).get("special_files"), file=sys.stderr)
    print("  stats:", d.get("stats"), file=sys.stderr)
sys.exit(0 if ok else 1)
EOF
}
# audited DESCRIPTION ARGS...: pacte ARGS ran the audit (exit 0 or 1), no crash, JSON on stdout.
audited() {
  local what=$1
  shift
  run "$@" --format json
  if [ "$rc" -gt 1 ]; then
    ko "$what: exit $rc; stderr: $(head -c 400 "$T/err")"
    return 1
  fi
  python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$T/out" ||
    { ko "$what: the JSON report does not parse"; return 1; }
  ok "$what"
}
commit_all() { git -C "$1" add -A && git -C "$1" commit -q -m "${2:-commit}"; }
# repo_with_charter DIR: a repository whose pacte.yml is standard input.
repo_with_charter() {
  git init -q "$1"
  cat >"$1/pacte.yml"
  printf '# Service\n' >"$1/README.md"
  commit_all "$1"
}
GOOD_CHARTER='pacte: 1
service: {name: Service}
openness: {license: MIT}
neutrality: {advertising: false, data_sale: false}
continuity:
  maintainers:
    - {name: Jeanne Martin, email: jeanne@example.org}
equal_access: {free_of_charge: true, languages: [fr]}'

# ------------------------------------------------------------------------------------ charters
printf 'pacte: 1\nservice:\n  name: X\n   bad: indentation\n' | repo_with_charter "$T/yaml"
expect "malformed YAML names pacte.yml:line:col" 2 "pacte.yml:4:" audit "$T/yaml"
grep -q "YAML syntax error" "$T/err" && ok "malformed YAML says it is a syntax error" || ko "malformed YAML: $(cat "$T/err")"

python3 - "$T/bomb.yml" <<'EOF'
import sys
lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for i in range(1, 10):
    lines.append(f'a{i}: &a{i} [' + ','.join([f'*a{i-1}'] * 9) + ']')
open(sys.argv[1], 'w').write('\n'.join(lines) + '\n')
EOF
repo_with_charter "$T/bomb" <"$T/bomb.yml"
start=$(date +%s)
expect "YAML alias bomb (billion laughs) is refused" 2 "(an alias bomb?)" audit "$T/bomb"
grep -qE "pacte\.yml:[0-9]+:[0-9]+:" "$T/err" && ok "alias bomb error has line:col" || ko "alias bomb: $(cat "$T/err")"
[ $(($(date +%s) - start)) -le 10 ] && ok "alias bomb refused quickly" || ko "alias bomb took over 10 s"

# Few values, each an alias to a 1 MB scalar: 150 GB once expanded without a limit on bytes.
python3 -c "import sys; open(sys.argv[1],'w').write('pacte: 1\nbig: &a \"' + 'x'*1000000 + '\"\nlist: [' + ','.join(['*a']*150000) + ']\n')" "$T/amp.yml"
repo_with_charter "$T/amp" <"$T/amp.yml"
expect "alias bomb with a long scalar (bytes, not values) is refused" 2 "MiB in memory (an alias bomb" audit "$T/amp"
# yaml-cpp 0.7's LoadAll loops forever on this (found by fuzz_charter).
printf ',: {name:name*l`e' | repo_with_charter "$T/loop"
expect "YAML that hangs yaml-cpp's LoadAll is refused" 2 "pacte.yml:1:" audit "$T/loop"

python3 -c "import sys; open(sys.argv[1],'w').write('pacte: 1\nservice: ' + '['*100000 + ']'*100000 + '\n')" "$T/deep.yml"
repo_with_charter "$T/deep" <"$T/deep.yml"
expect "very deep flow nesting is refused at line:col" 2 "pacte.yml:2:" audit "$T/deep"
grep -qF "nesting deeper than 64 levels" "$T/err" && ok "deep nesting names the limit" || ko "deep nesting: $(cat "$T/err")"
python3 -c "import sys; open(sys.argv[1],'w').write('pacte: 1\nservice:\n' + '- '*200000 + 'x\n')" "$T/deepblock.yml"
repo_with_charter "$T/deepblock" <"$T/deepblock.yml"
expect "very deep block nesting is refused, no stack overflow" 2 "pacte.yml:" audit "$T/deepblock"

head -c 3000 "$PACTE" | repo_with_charter "$T/binary"
expect "binary charter is refused" 2 "pacte.yml: binary content" audit "$T/binary"
printf 'pacte: 1\nservice:\n  name: "caf\xe9"\n' | repo_with_charter "$T/latin1"
expect "invalid UTF-8 charter names the byte's line:col" 2 "pacte.yml:3:13: invalid UTF-8" audit "$T/latin1"

printf '%s\n' "$GOOD_CHARTER" | sed 's/advertising: false/advertising: "no"/; s/^pacte: 1/pacte: "1"/' | repo_with_charter "$T/types"
expect "wrong type names the field at line:col" 2 'pacte.yml:1:1: pacte: expected 1' audit "$T/types"
grep -qE 'pacte\.yml:4:[0-9]+: .*advertising' "$T/err" && ok "wrong type of neutrality.advertising at line 4" || ko "types: $(cat "$T/err")"

printf '%s\nwaivers:\n  - {rule: , reason: soon, until: 2027-02-01}\n' "$GOOD_CHARTER" | repo_with_charter "$T/waiver"
expect "waiver with an empty rule is an error at line:col, not a crash (found by fuzz_charter)" 2 "pacte.yml:10:" audit "$T/waiver"

printf 'pacte: 1\nservice:\n  name: A\n  name: B\n' | repo_with_charter "$T/dup"
expect "duplicate key names the second one" 2 "pacte.yml:4:3: duplicate key 'name'" audit "$T/dup"

printf '%s\nwaivers: []\n' "$GOOD_CHARTER" | sed 's|^openness: {license: MIT}|openness: {license: MIT, contributing: ../../etc/passwd}|' |
  sed 's|^equal_access: {free_of_charge: true, languages: \[fr\]}|equal_access:\n  languages: [fr]\n  accessibility: {statement: /etc/passwd}|' |
  repo_with_charter "$T/escape"
expect "charter path with ../ is refused" 2 "pacte.yml:3:" audit "$T/escape"
grep -qF "'../../etc/passwd' leaves the repository" "$T/err" && ok "../ path: says it leaves the repository" || ko "escape: $(cat "$T/err")"
grep -qE "pacte\.yml:[0-9]+:[0-9]+: equal_access\.accessibility\.statement: '/etc/passwd' leaves the repository" "$T/err" &&
  ok "absolute charter path is refused at line:col" || ko "absolute path: $(cat "$T/err")"

mkdir -p "$T/outside"
printf '%s\n' "$GOOD_CHARTER" >"$T/outside/pacte.yml"
git init -q "$T/linkedcharter"
ln -s "$T/outside/pacte.yml" "$T/linkedcharter/pacte.yml"
commit_all "$T/linkedcharter"
expect "a charter that is a symlink is not followed" 2 "pacte.yml: the charter is a symbolic link" audit "$T/linkedcharter"

# ---------------------------------------------------------------------- symlinks out and loops
# Outside the repository: a licence, a tracker SDK and a secret. If pacte followed a link, the
# report would show the licence, the tracker or the marker.
printf 'MIT License\n\nCopyright (c) OUTSIDE-SECRET-7d1e\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software.\n' >"$T/outside/LICENSE"
printf "dependencies {\n  implementation 'com.google.android.gms:play-services-ads:22.0.0' // OUTSIDE-SECRET-7d1e\n}\n" >"$T/outside/build.gradle"
repo_with_charter "$T/links" <<<"$GOOD_CHARTER"
(
  cd "$T/links" &&
    ln -s "$T/outside/LICENSE" LICENSE && mkdir app && ln -s ../../outside/build.gradle app/build.gradle &&
    ln -s loop-b loop-a && ln -s loop-a loop-b && ln -s . self && ln -s "$T/outside" vendor-dir
) && commit_all "$T/links"
ln -s /etc/passwd "$T/links/untracked-passwd"  # on disk only: seen by --worktree
for mode in commit worktree; do
  args=(audit "$T/links")
  [ $mode = worktree ] && args+=(--worktree)
  if audited "symlinks out of the repository and loops ($mode): the audit runs" "${args[@]}"; then
    json_check "symlinks ($mode) are listed in facts.special_files, not followed" \
      '{"LICENSE","app/build.gradle","loop-a","loop-b","self","vendor-dir"} <= {f["path"] for f in d["facts"]["special_files"] if f["kind"] == "symlink"}'
    json_check "symlinked licence and SDK ($mode) are not read" \
      'd["facts"]["licenses"] == [] and d["facts"]["trackers"] == []'
    grep -q "OUTSIDE-SECRET\|root:x:0" "$T/out" && ko "symlinks ($mode): outside content leaked into the report" ||
      ok "symlinks ($mode): no outside content in the report"
  fi
done
json_check "untracked symlink to /etc/passwd is listed with --worktree" \
  '"untracked-passwd" in {f["path"] for f in d["facts"]["special_files"]}'

# ------------------------------------------------------------------------------ repository state
git init -q "$T/empty"
expect "empty repository (no commit)" 2 "has no commit yet" audit "$T/empty"
grep -qF "$T/empty" "$T/err" && ok "empty repository: message names the path" || ko "empty: $(cat "$T/err")"
expect "bad --rev names the revision" 2 "unknown revision 'no-such-branch'" audit "$T/links" --rev no-such-branch
expect "--rev naming a tree, not a commit" 2 "does not name a commit" audit "$T/links" --rev 'HEAD^{tree}'
expect "path that does not exist" 2 "$T/nowhere: no such file or folder" audit "$T/nowhere"
expect "path that is a file" 2 "$T/links/README.md: not a folder" audit "$T/links/README.md"
mkdir -p "$T/plain"
expect "plain folder without --worktree" 2 "not a git repository" audit "$T/plain"

# Corrupt objects: a garbage blob is recorded as unreadable (the audit runs); a garbage tree
# or commit means nothing can be audited (exit 2, naming the object).
corrupt_object() {  # corrupt_object REPO REVSPEC
  local id obj
  id=$(git -C "$1" rev-parse "$2") && obj="$1/.git/objects/${id:0:2}/${id:2}"
  chmod u+w "$obj" && echo garbage >"$obj"
}
repo_with_charter "$T/corrupt" <<<"$GOOD_CHARTER"
printf 'MIT License\n\nCopyright (c) 2026 Service\n' >"$T/corrupt/LICENSE" && commit_all "$T/corrupt"
cp -r "$T/corrupt" "$T/corrupt-tree" && cp -r "$T/corrupt" "$T/corrupt-commit" && cp -r "$T/corrupt" "$T/corrupt-pack"
corrupt_object "$T/corrupt" HEAD:LICENSE
if audited "corrupt blob: the audit runs" audit "$T/corrupt"; then
  json_check "corrupt blob is named in stats.unreadable" \
    'd["stats"]["files_unreadable"] >= 1 and any(u["path"] == "LICENSE" and "cannot be read" in u["reason"] for u in d["stats"]["unreadable"])'
fi
corrupt_object "$T/corrupt-tree" 'HEAD^{tree}'
expect "corrupt tree: nothing audited, the tree is named" 2 "cannot read tree" audit "$T/corrupt-tree"
corrupt_object "$T/corrupt-commit" HEAD
expect "corrupt commit: nothing audited, the reason is given" 2 "failed to inflate" audit "$T/corrupt-commit"
git -C "$T/corrupt-pack" gc -q 2>/dev/null
pack=$(ls "$T/corrupt-pack"/.git/objects/pack/*.pack | head -1)
size=$(stat -c %s "$pack")
chmod u+w "$pack" && printf 'GARBAGEGARBAGEGARBAGE' | dd of="$pack" bs=1 seek=$((size / 2)) conv=notrunc status=none
run audit "$T/corrupt-pack" --format json
if [ "$rc" -le 2 ] && { [ "$rc" -eq 2 ] && [ -s "$T/err" ] || python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out"; }; then
  ok "corrupt pack: exit $rc, no crash"
else
  ko "corrupt pack: exit $rc; $(head -c 300 "$T/err")"
fi

# Partial clone: blobs are missing; they are counted and named, the audit runs.
git init -q "$T/origin"
printf '%s\n' "$GOOD_CHARTER" >"$T/origin/pacte.yml"
printf 'MIT License\n\nCopyright (c) 2026 Service\n' >"$T/origin/LICENSE"
printf '# Service\n' >"$T/origin/README.md"
commit_all "$T/origin" one
for i in 2 3; do echo "$i" >>"$T/origin/README.md" && commit_all "$T/origin" "c$i"; done
git clone -q --no-checkout --filter=blob:none "file://$T/origin" "$T/partial" 2>/dev/null
# The charter itself is a missing blob: nothing can be audited against it (exit 2, says why).
expect "partial clone: a missing charter blob is exit 2 naming it" 2 "pacte.yml: the charter cannot be read: object" \
  audit "$T/partial"
if audited "partial clone (missing blobs): the audit runs" audit "$T/partial" --charter "$T/origin/pacte.yml"; then
  json_check "partial clone: missing blobs counted and named" \
    'd["stats"]["files_unreadable"] >= 2 and {"LICENSE", "README.md"} <= {u["path"] for u in d["stats"]["unreadable"]}'
fi

# Shallow clone: history rules are errors (not passes) and the report says shallow.
git clone -q --depth 1 "file://$T/origin" "$T/shallow"
if audited "shallow clone: the audit runs" audit "$T/shallow"; then
  json_check "shallow clone: repository.shallow is true" 'd["repository"]["shallow"] is True'
  json_check "shallow clone: history rules are errors that say shallow" \
    'any(r["status"] == "error" and "shallow" in r["message"] for r in d["results"]) and not any(r["rule"] == "CONT-BUS-FACTOR" and r["status"] == "pass" for r in d["results"])'
fi

# Submodules: listed, never followed (its tracker SDK does not count).
git init -q "$T/subsrc"
cp "$T/outside/build.gradle" "$T/subsrc/build.gradle" && commit_all "$T/subsrc"
repo_with_charter "$T/super" <<<"$GOOD_CHARTER"
git -C "$T/super" submodule add -q "file://$T/subsrc" vendor/sdk 2>/dev/null && commit_all "$T/super" sub
for mode in commit worktree; do
  args=(audit "$T/super")
  [ $mode = worktree ] && args+=(--worktree)
  if audited "submodule ($mode): the audit runs" "${args[@]}"; then
    json_check "submodule ($mode) reported in facts.special_files, not followed" \
      '{"path": "vendor/sdk", "kind": "submodule", "note": "not followed"} in d["facts"]["special_files"] and d["facts"]["trackers"] == []'
  fi
done

# Git LFS pointers: reported as such.
repo_with_charter "$T/lfs" <<<"$GOOD_CHARTER"
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n' >"$T/lfs/logo.png"
printf '*.png filter=lfs diff=lfs merge=lfs -text\n' >"$T/lfs/.gitattributes"
commit_all "$T/lfs"
if audited "LFS pointer: the audit runs" audit "$T/lfs"; then
  json_check "LFS pointer reported in facts.special_files" \
    'any(f["path"] == "logo.png" and f["kind"] == "lfs_pointer" for f in d["facts"]["special_files"])'
fi

# A LICENSE committed through Git LFS is a pointer: the licence rules say so (error, with the
# file as evidence), never "no licence file".
repo_with_charter "$T/lfslicence" <<<"$GOOD_CHARTER"
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 1077\n' >"$T/lfslicence/LICENSE"
commit_all "$T/lfslicence"
if audited "a LICENSE that is a Git LFS pointer: the audit runs" audit "$T/lfslicence" --fail-on never; then
  json_check "a LICENSE that is a Git LFS pointer: OPEN-LICENSE-FILE is an error naming the pointer, not 'no licence file'" \
    '[(r["status"], "is a Git LFS pointer: the licence text is not in the repository" in r["message"], r["evidence"][0]["path"]) for r in d["results"] if r["rule"] == "OPEN-LICENSE-FILE"] == [("error", True, "LICENSE")]'
  json_check "a LICENSE that is a Git LFS pointer: OPEN-LICENSE-MATCH is an error too" \
    '[r["status"] for r in d["results"] if r["rule"] == "OPEN-LICENSE-MATCH"] == ["error"]'
fi
# A UTF-16 LICENSE (with its byte-order mark, as Windows editors save it) is decoded and identified.
repo_with_charter "$T/utf16licence" <<<"$GOOD_CHARTER"
python3 - "$T/utf16licence/LICENSE" <<'EOF'
import sys
mit = """MIT License

Copyright (c) 2026 Service

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""
open(sys.argv[1], "wb").write(mit.replace("\n", "\r\n").encode("utf-16"))
EOF
commit_all "$T/utf16licence"
if audited "a UTF-16 LICENSE: the audit runs" audit "$T/utf16licence" --fail-on never; then
  json_check "a UTF-16 LICENSE is identified as MIT" \
    '[(r["status"]) for r in d["results"] if r["rule"] in ("OPEN-LICENSE-FILE", "OPEN-LICENSE-MATCH")] == ["pass", "pass"] and [f["spdx"] for f in d["facts"]["licenses"] if f["path"] == "LICENSE"] == ["MIT"]'
fi

# A README too large to read (over --max-file-size, or larger than the memory left): OPEN-README
# is an error naming it as not read, never a fail judged on a file that was never read.
repo_with_charter "$T/bigreadme" <<<"$GOOD_CHARTER"
{ printf '# Service\n\n## Installation\n\nmake install\n'; head -c $((2 << 20)) /dev/zero | tr '\0' 'x'; } >"$T/bigreadme/README.md"
git -C "$T/bigreadme" -c core.compression=1 add README.md && git -C "$T/bigreadme" commit -q -m big
if audited "a README over --max-file-size: the audit runs" audit "$T/bigreadme" --max-file-size 1 --fail-on never; then
  json_check "a README over --max-file-size: OPEN-README is an error saying the README was not read" \
    '[(r["status"], "README.md could not be read (larger than the size limit" in r["message"]) for r in d["results"] if r["rule"] == "OPEN-README"] == [("error", True)]'
fi
if audited "a README within --max-file-size: the audit runs" audit "$T/bigreadme" --max-file-size 3 --fail-on never; then
  json_check "a README within --max-file-size is read: OPEN-README passes" \
    '[r["status"] for r in d["results"] if r["rule"] == "OPEN-README"] == ["pass"]'
fi
# Out of memory while reading it: a sparse 1 GB README on disk read under a 450 MB address
# space (a few milliseconds: the file takes no disk space). The space leaves room for what an
# audit reserves without the README (about 260 MB: the program, a stack and a malloc arena
# per thread), so that the README is what runs out of memory, whichever thread reads it.
truncate -s 1G "$T/bigreadme/README.md"
(ulimit -v 450000 2>/dev/null && run audit "$T/bigreadme" --worktree --max-file-size 4096 --format json --fail-on never &&
  echo "$rc" >"$T/readme-oom-rc") || true
if [ -s "$T/readme-oom-rc" ] && [ "$(cat "$T/readme-oom-rc")" -le 1 ] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out" 2>/dev/null; then
  json_check "out of memory reading the README: OPEN-README is an error, the README listed as not read" \
    '[r["status"] for r in d["results"] if r["rule"] == "OPEN-README"] == ["error"] and any(u["path"] == "README.md" and "out of memory" in u["reason"] for u in d["stats"]["unreadable"])'
elif grep -qiE "AddressSanitizer|LeakSanitizer" "$T/err" 2>/dev/null || [ ! -s "$T/readme-oom-rc" ]; then
  echo "skip - out of memory reading the README: the memory limit cannot be set here (sanitizers reserve the address space)"
else
  ko "out of memory reading the README: exit $(cat "$T/readme-oom-rc"): $(head -c 300 "$T/err")"
fi
rm -f "$T/bigreadme/README.md"

# An alias bomb in a repository file pacte parses (pubspec.yaml): 2,000 dependencies whose
# version is an alias to a 1 MB scalar.
repo_with_charter "$T/pubspec" <<<"$GOOD_CHARTER"
python3 -c "import sys; open(sys.argv[1],'w').write('v: &a \"' + 'x'*1000000 + '\"\ndependencies:\n' + ''.join('  p%d: *a\n' % i for i in range(2000)))" "$T/pubspec/pubspec.yaml"
commit_all "$T/pubspec"
start=$(date +%s)
audited "alias bomb in a committed pubspec.yaml: the audit runs" audit "$T/pubspec"
[ $(($(date +%s) - start)) -le 10 ] && ok "alias bomb in pubspec.yaml costs no time" || ko "pubspec.yaml took $(($(date +%s) - start)) s"

# A folder pacte cannot list (--worktree): named in stats.unreadable, and a rule that passes
# when nothing is found (no tracker) is an error instead. pacte must run as a user the folder
# refuses: root reads everything, so as root the case runs pacte as nobody (setpriv).
as_user=()
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
if [ "$(id -u)" != 0 ] || [ ${#as_user[@]} -gt 0 ]; then
  mkdir -p "$T/locked/src/private" && chmod 755 "$T" "$T/locked" "$T/locked/src"
  printf '%s\n' "$GOOD_CHARTER" >"$T/locked/pacte.yml" && printf 'MIT License\n' >"$T/locked/LICENSE"
  printf '<script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>\n' >"$T/locked/src/private/index.html"
  chmod -R a+rX "$T/locked" && chmod 000 "$T/locked/src/private"
  bin="$PACTE"
  if [ ${#as_user[@]} -gt 0 ] && ! "${as_user[@]}" test -x "$PACTE"; then
    cp "$PACTE" "$T/pacte-copy" && chmod 755 "$T/pacte-copy" && bin="$T/pacte-copy"
  fi
  "${as_user[@]}" env HOME=/tmp timeout 30 "$bin" audit "$T/locked" --worktree --format json >"$T/out" 2>"$T/err"
  rc=$?
  if [ "$rc" -le 1 ]; then
    ok "a folder that cannot be listed: the audit runs"
    json_check "a folder that cannot be listed is named in stats.unreadable" \
      'any(u["path"] == "src/private/" and "cannot be listed" in u["reason"] for u in d["stats"]["unreadable"])'
    json_check "a folder that cannot be listed: the absence-of-tracker rules are errors, not passes" \
      '{r["status"] for r in d["results"] if r["rule"] in ("NEUT-AD-SDK", "NEUT-AD-PIXEL", "NEUT-THIRD-PARTY-ANALYTICS")} == {"error"}'
  else
    ko "a folder that cannot be listed: exit $rc; $(head -c 300 "$T/err")"
  fi
  chmod 755 "$T/locked/src/private"
else
  echo "skip - a folder that cannot be listed (running as root without setpriv)"
fi

# Huge files: a 400 MB sparse file on disk and a 17 MiB blob are over the 16 MiB default cap:
# not loaded whole, but streamed by the tracker scan, which stops at the first window: the blob is
# one 17 MiB line (minified, skipped as such), the sparse file all zero bytes (binary). Quickly.
repo_with_charter "$T/huge" <<<"$GOOD_CHARTER"
head -c $((17 << 20)) /dev/zero | tr '\0' 'x' >"$T/huge/bundle.js"
git -C "$T/huge" -c core.compression=1 add bundle.js && git -C "$T/huge" commit -q -m big
truncate -s 400M "$T/huge/app.js"
start=$(date +%s)
if audited "17 MiB blob: the audit runs" audit "$T/huge"; then
  json_check "17 MiB one-line blob: streamed, skipped as minified from its first MiB, not unread" \
    'd["stats"]["files_unreadable"] == 0 and d["stats"]["files_skipped_vendored"] == 1 and d["stats"]["bytes_scanned"] < (2 << 20)'
fi
if audited "400 MB file on disk (--worktree): the audit runs" audit "$T/huge" --worktree; then
  json_check "400 MB file of zero bytes: streamed, known binary from its first MiB, not unread" \
    'd["stats"]["files_unreadable"] == 0 and d["stats"]["bytes_scanned"] < (3 << 20)'
fi
[ $(($(date +%s) - start)) -le 20 ] && ok "huge files cost no time" || ko "huge files took $(($(date +%s) - start)) s"
if audited "--max-file-size 1 lowers the cap" audit "$T/lfs" --max-file-size 1 --worktree; then :; fi
expect "--max-file-size 0 is a usage error" 2 "--max-file-size" audit "$T/lfs" --max-file-size 0

# ---------------------------------------------------------------------------------- rule packs
mkdir -p "$T/packs"
rule_pack() {  # rule_pack FILE ID CHECK-YAML
  cat >"$1" <<EOF
pacte_rules: 1
module: local
rules:
  - id: $2
    principle: neutrality
    severity: low
    title: {en: "Local rule", fr: "Règle locale"}
    rationale: {en: "A test.", fr: "Un test."}
    remediation: {en: "None.", fr: "Aucune."}
    check: $3
EOF
}
# Catastrophic backtracking pattern over 100k 'a' then '!': RE2 is linear.
repo_with_charter "$T/redos" <<<"$GOOD_CHARTER"
python3 -c "import sys; open(sys.argv[1],'w').write('a'*100000 + '!')" "$T/redos/input.txt"
# A minified one-line file with a match in the middle.
python3 -c "import sys; open(sys.argv[1],'w').write('var a=1;'*400000 + 'eval(x);' + 'var b=2;'*400000)" "$T/redos/bundle.min.js"
commit_all "$T/redos"
rule_pack "$T/packs/redos.yml" LOCAL-REDOS '{primitive: content_absent, paths: ["*.txt"], pattern: "(a+)+$"}'
start=$(date +%s)
if audited "catastrophic pattern (a+)+\$ over 100k characters" audit "$T/redos" --no-default-rules --rules "$T/packs/redos.yml"; then
  json_check "catastrophic pattern: evaluated (pass, no match)" '[r["status"] for r in d["results"]] == ["pass"]'
fi
[ $(($(date +%s) - start)) -le 10 ] && ok "catastrophic pattern finishes fast" || ko "catastrophic pattern took $(($(date +%s) - start)) s"
rule_pack "$T/packs/minified.yml" LOCAL-EVAL '{primitive: content_absent, paths: ["*.js"], pattern: "eval\\("}'
start=$(date +%s)
if audited "minified 6 MB one-line file" audit "$T/redos" --no-default-rules --rules "$T/packs/minified.yml"; then
  json_check "minified file: the match is found with a short snippet" \
    'd["results"][0]["status"] == "fail" and all(len(e["snippet"].encode()) <= 200 and "eval(" in e["snippet"] for e in d["results"][0]["evidence"])'
fi
[ $(($(date +%s) - start)) -le 10 ] && ok "minified file: no slowdown" || ko "minified file took $(($(date +%s) - start)) s"

rule_pack "$T/packs/bad-regex.yml" LOCAL-BAD '{primitive: content_absent, paths: ["*.txt"], pattern: "(unclosed"}'
expect "rule pack pattern that does not compile: file, line:col and rule" 2 \
  "$T/packs/bad-regex.yml:10:" audit "$T/redos" --rules "$T/packs/bad-regex.yml"
grep -qF "LOCAL-BAD" "$T/err" && grep -qF "does not compile" "$T/err" && ok "bad pattern: names the rule and says it does not compile" ||
  ko "bad pattern: $(cat "$T/err")"
printf 'pacte_rules: 1\nmodule: [broken\n' >"$T/packs/broken.yml"
expect "malformed rule pack names file:line:col" 2 "$T/packs/broken.yml:" audit "$T/redos" --rules "$T/packs/broken.yml"

printf '{"trackers": {"1": {"name": "X", "code_signature": "(", "network_signature": ""}}}\n' >"$T/packs/exodus.json"
expect "--signatures with a regex that does not compile" 2 "$T/packs/exodus.json: Exodus tracker 'X'" \
  audit "$T/redos" --signatures "$T/packs/exodus.json"
python3 - "$T/packs/amp-signatures.yml" <<'EOF'
import sys
sig = 'signatures:\n  - id: amp\n    name: Amp\n    vendor: V\n    category: analytics\n    vendor_country: US\n'
sig += '    notes: &a "' + 'x' * 1000000 + '"\n    snippets: [' + ','.join(['*a'] * 150000) + ']\n'
open(sys.argv[1], 'w').write(sig)
EOF
expect "--signatures alias bomb is refused" 2 "$T/packs/amp-signatures.yml:" audit "$T/redos" --signatures "$T/packs/amp-signatures.yml"
grep -qF "alias bomb" "$T/err" && ok "--signatures alias bomb: says so" || ko "signatures alias bomb: $(head -c 300 "$T/err")"
printf '{"trackers": {"1": {"name": "Slow", "code_signature": "(a+)+$", "network_signature": "(x*)*y"}}}\n' >"$T/packs/slow.json"
start=$(date +%s)
audited "--signatures with catastrophic patterns runs" audit "$T/redos" --signatures "$T/packs/slow.json"
[ $(($(date +%s) - start)) -le 10 ] && ok "catastrophic signatures finish fast" || ko "catastrophic signatures took $(($(date +%s) - start)) s"

# Rule packs are data: globs cannot reach outside the repository, even through a symlink.
rule_pack "$T/packs/escape.yml" LOCAL-ESCAPE \
  '{primitive: any_of, checks: [{primitive: file_exists, paths: ["../../etc/passwd", "/etc/passwd", "**/passwd", "../**"]}, {primitive: content_matches, paths: ["/etc/*", "../*", "**"], pattern: "root:|OUTSIDE-SECRET"}]}'
for mode in commit worktree; do
  args=(audit "$T/links" --no-default-rules --rules "$T/packs/escape.yml")
  [ $mode = worktree ] && args+=(--worktree)
  if audited "rule pack with escaping globs ($mode)" "${args[@]}"; then
    json_check "rule pack cannot read outside the repository ($mode)" 'd["results"][0]["status"] == "fail"'
  fi
done

# ------------------------------------------------------------------------- hostile file names
# Newlines, quotes, markup, control characters and non-UTF-8 bytes in names: every format stays
# valid. A pack that lists every .txt file puts the names into the evidence.
repo_with_charter "$T/names" <<<"$GOOD_CHARTER"
python3 - "$T/names" <<'EOF'
import os, sys
root = os.fsencode(sys.argv[1])
for name in [b'new\nline.txt', b'quote"d.txt', b"apos'trophe.txt", b'<script>alert(1)<\xe2\x81\x84script>.txt',
             b'amp&]]>.txt', b'latin1-caf\xe9.txt', b'ctrl\x01\x1b[31m.txt', b'back\\slash.txt', b'tab\there.txt']:
    with open(os.path.join(root, name), 'wb') as f:
        f.write(b'hello\n')
EOF
commit_all "$T/names"
rule_pack "$T/packs/names.yml" LOCAL-NAMES '{primitive: file_absent, paths: ["**/*.txt"]}'
for mode in commit worktree; do
  args=(audit "$T/names" --rules "$T/packs/names.yml")
  [ $mode = worktree ] && args+=(--worktree)
  if audited "hostile file names ($mode): JSON parses" "${args[@]}"; then
    json_check "hostile file names ($mode): every name is in the evidence" \
      'len([e for r in d["results"] if r["rule"] == "LOCAL-NAMES" for e in r["evidence"]]) == 9'
  fi
  run "${args[@]}" --format sarif
  if [ "$rc" -le 1 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"] == "2.1.0"' "$T/out"; then
    ok "hostile file names ($mode): SARIF parses"
  else ko "hostile file names ($mode): SARIF (exit $rc)"; fi
  for fmt in junit html; do
    run "${args[@]}" --format $fmt
    if [ "$rc" -gt 1 ]; then
      ko "hostile file names ($mode): $fmt exit $rc"
    elif ! command -v xmllint >/dev/null; then
      echo "skip - xmllint not found (Debian: libxml2-utils); $fmt not checked"
    elif xmllint --noout "$T/out" 2>"$T/xmlerr"; then
      ok "hostile file names ($mode): $fmt is well-formed XML"
    else
      ko "hostile file names ($mode): $fmt: $(head -c 300 "$T/xmlerr")"
    fi
  done
  grep -q '<script>alert' "$T/out" && ko "hostile file names ($mode): raw <script> in the HTML" ||
    ok "hostile file names ($mode): markup in names is escaped in the HTML"
  for fmt in text markdown; do
    run "${args[@]}" --format $fmt
    [ "$rc" -le 1 ] && ok "hostile file names ($mode): $fmt renders" || ko "hostile file names ($mode): $fmt exit $rc"
  done
  # The text report goes to terminals and CI logs: no escape sequence or line break from a name.
  run "${args[@]}" --format text
  if LC_ALL=C grep -q $'\x1b' "$T/out"; then
    ko "hostile file names ($mode): raw escape sequence in the text report"
  elif ! grep -qF 'new\x0aline.txt' "$T/out"; then
    ko "hostile file names ($mode): a newline in a name is not shown as \\x0a in the text report"
  else
    ok "hostile file names ($mode): control characters in names are escaped in the text report"
  fi
done

# ------------------------------------------------------------------------------------------ CLI
expect "unknown option" 2 "--no-such-option" audit "$T/links" --no-such-option
expect "unknown format" 2 "--format" audit "$T/links" --format pdf
expect "unknown language" 2 "--lang" audit "$T/links" --lang xx
expect "missing --charter file" 2 "$T/nope.yml" audit "$T/links" --charter "$T/nope.yml"
expect "missing --rules file" 2 "$T/nope-rules.yml" audit "$T/links" --rules "$T/nope-rules.yml"
expect "missing --signatures file" 2 "$T/nope.json" audit "$T/links" --signatures "$T/nope.json"

echo
if [ $fails -eq 0 ]; then echo "test_bad_input: all passed"; else echo "test_bad_input: $fails failed"; fi
[ $fails -eq 0 ]
