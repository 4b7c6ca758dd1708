#!/usr/bin/env bash
# End to end: the result cache of `--cache DIR`. An audit with the cache cold, warm, or after
# one more commit gives the report an audit without it gives (timing and stats aside); a new
# tracker in that commit is found, and so are a changed translation catalog, footer status and
# executable (what the language, statement and binary readers keep per blob); a damaged cache file is ignored with a warning; a --cache
# DIR that cannot be written is exit 2, naming it. --trend and batch use the cache too.
# Env (from CTest): PACTE = the binary, PACTE_SOURCE_DIR = the source tree.
set -euo pipefail
pacte=${PACTE:?set PACTE to the pacte binary}
src=${PACTE_SOURCE_DIR:?set PACTE_SOURCE_DIR}
command -v python3 >/dev/null || { echo "skip: python3 is needed to read the JSON reports"; exit 125; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1776643200   # 2026-04-20
unset PACTE_CACHE_DIR
fail=0
check() {  # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}
commit() {  # commit MESSAGE EPOCH NAME EMAIL
  GIT_AUTHOR_DATE="@$2 +0000" GIT_COMMITTER_DATE="@$2 +0000" GIT_AUTHOR_NAME="$3" GIT_AUTHOR_EMAIL="$4" \
    GIT_COMMITTER_NAME="$3" GIT_COMMITTER_EMAIL="$4" git -C "$repo" commit -q -m "$1"
}
# same A B: the two JSON reports are equal but for their timing and stats.
same() {
  python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for r in (a, b):
    r.pop("stats", None)
    r.pop("generated_at", None)
if a != b:
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            print("differs:", k, json.dumps(a.get(k))[:300], "|", json.dumps(b.get(k))[:300])
    sys.exit(1)
PY
}
segments() { find "$1/results" -name '*.seg' | wc -l; }

repo=$work/service
mkdir -p "$repo/src" "$repo/templates"
git init -q -b main "$repo"
cp "$src/examples/trouve-ton-emploi/pacte.yml" "$repo/pacte.yml"
cp "$src/examples/trouve-ton-emploi/LICENSE" "$repo/LICENSE"
printf '# Service\n\nA public service.\n\n## Installation\n\nRun `make install`.\n' >"$repo/README.md"
printf '<!DOCTYPE html>\n<html lang="fr"><head><title>S</title></head>\n<body><img src="a.png"></body></html>\n' >"$repo/src/index.html"
printf '<!DOCTYPE html>\n<html lang="fr"><head><title>T</title></head>\n<body><a href="/"></a></body></html>\n' >"$repo/templates/page.html"
printf 'export function hello() { return "hello"; }\n' >"$repo/src/app.js"
# What the language, statement, footer and binary readers keep per blob: a gettext catalog
# (large: a warm audit must not read it again), a statement, a footer showing a status, an
# executable script and an executable ELF file.
mkdir -p "$repo/po" "$repo/docs" "$repo/scripts" "$repo/bin"
{
  printf 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
  for i in $(seq 1 4000); do printf 'msgid "Message number %d"\nmsgstr "Message numéro %d"\n\n' "$i" "$i"; done
} >"$repo/po/fr.po"
printf '# Déclaration d%saccessibilité\n\nLe service est en cours d%saudit.\n' "'" "'" >"$repo/docs/accessibilite.md"
printf '<footer class="fr-footer"><p>Accessibilité : partiellement conforme</p></footer>\n' >"$repo/templates/footer.html"
printf '#!/bin/sh\necho build\n' >"$repo/scripts/build.sh"
printf '\177ELF\002\001\001\000binary' >"$repo/bin/tool"
chmod +x "$repo/scripts/build.sh" "$repo/bin/tool"
git -C "$repo" add -A && commit "first" 1767571200 "Jeanne Martin" jeanne@example.org
printf -- '- January\n' >"$repo/CHANGELOG.md"
git -C "$repo" add -A && commit "changelog" 1770681600 "Ali Ben" ali@example.org
printf 'export function bye() { return "bye"; }\n' >>"$repo/src/app.js"
git -C "$repo" add -A && commit "bye" 1773100800 "Jeanne Martin" jeanne@example.org
cd "$work"

"$pacte" audit service --format json --output nocache.json 2>/dev/null || true
"$pacte" audit service --cache "$work/cache" --format json --output cold.json 2>/dev/null || true
check "the cold audit keeps its results in DIR/results" test "$(segments "$work/cache")" -ge 1
"$pacte" audit service --cache "$work/cache" --format json --output warm.json 2>warm.err || true
check "cold with the cache == without it" same nocache.json cold.json
check "warm with the cache == without it" same nocache.json warm.json
check "the warm audit prints no warning" test ! -s warm.err
check "the warm audit reads fewer bytes than the cold one (contents come from the cache)" python3 -c "
import json; c = json.load(open('cold.json'))['stats']; w = json.load(open('warm.json'))['stats']
assert w['bytes_scanned'] < c['bytes_scanned'], (c, w)"
check "the warm audit does not read the unchanged catalog again (its language comes from the cache)" python3 -c "
import json, os; w = json.load(open('warm.json'))
assert w['stats']['bytes_scanned'] < os.path.getsize('service/po/fr.po'), w['stats']
assert w['facts']['language_catalogs'] == [{'path': 'po/fr.po', 'source': 'gettext', 'tag': 'fr'}], w['facts']['language_catalogs']"
check "the warm audit finds the statement, the footer's status and the committed ELF file from the cache" python3 -c "
import json; f = json.load(open('warm.json'))['facts']; r = json.load(open('warm.json'))['results']
assert f['accessibility_statement'] == 'docs/accessibilite.md', f['accessibility_statement']
assert f['accessibility']['status'] == 'partial' and f['accessibility']['status_source']['path'] == 'templates/footer.html', f['accessibility']
binaries = [x for x in r if x['rule'] == 'OPEN-NO-BINARIES']
assert binaries and binaries[0]['status'] == 'fail' and 'bin/tool' in json.dumps(binaries[0]), binaries"

# One more commit: an undeclared Google Analytics tag in the page.
# The catalog now says English, the footer another status, the script became an ELF file.
sed -i 's/Language: fr/Language: en/' "$repo/po/fr.po"
printf '<footer class="fr-footer"><p>Accessibilité : non conforme</p></footer>\n' >"$repo/templates/footer.html"
printf '\177ELF\002\001\001\000script' >"$repo/scripts/build.sh"
printf '<!DOCTYPE html>\n<html lang="fr"><head><title>S</title>\n<script async src="https://www.googletagmanager.com/gtag/js?id=G-EXAMPLE123"></script>\n</head>\n<body><img src="a.png"></body></html>\n' >"$repo/src/index.html"
git -C "$repo" add -A && commit "analytics" 1776211200 "Ali Ben" ali@example.org
"$pacte" audit service --format json --output after-nocache.json 2>/dev/null || true
"$pacte" audit service --cache "$work/cache" --format json --output after.json 2>/dev/null || true
check "after one commit, with the cache == without it" same after-nocache.json after.json
check "after one commit, the changed catalog, footer and script are read again, not taken from the cache" python3 -c "
import json; r = json.load(open('after.json')); f = r['facts']
assert f['language_catalogs'] == [{'path': 'po/fr.po', 'source': 'gettext', 'tag': 'en'}], f['language_catalogs']
assert f['accessibility']['status'] == 'none', f['accessibility']
binaries = [x for x in r['results'] if x['rule'] == 'OPEN-NO-BINARIES']
assert binaries and '2 committed binary' in json.dumps(binaries[0]), binaries"
check "every audit of the same program found the same version folder (its key is stable across runs)" \
  test "$(find "$work/cache/results" -mindepth 1 -maxdepth 1 -type d | wc -l)" = 1
check "the new tracker is found with the cache, and the new commit counted" python3 -c "
import json; r = json.load(open('after.json')); before = json.load(open('warm.json'))
status = lambda rep, rule: [x['status'] for x in rep['results'] if x['rule'] == rule]
assert status(before, 'NEUT-TRACKERS-DECLARED') != ['fail'], status(before, 'NEUT-TRACKERS-DECLARED')
assert status(r, 'NEUT-TRACKERS-DECLARED') == ['fail'], status(r, 'NEUT-TRACKERS-DECLARED')
assert r['facts']['history']['commits_total'] == 4, r['facts']['history']"

# A damaged cache: every segment cut in half, then one with bytes changed inside.
for f in $(find "$work/cache/results" -name '*.seg'); do
  truncate -s $(( $(stat -c %s "$f") / 2 )) "$f"
done
"$pacte" audit service --cache "$work/cache" --format json --output damaged.json 2>damaged.err || true
check "a truncated cache file: a warning naming it" grep -q 'damaged result cache file' damaged.err
check "a truncated cache file: the report is the one without the cache" same after-nocache.json damaged.json
python3 - "$work/cache" <<'PY'
import pathlib, sys
for seg in pathlib.Path(sys.argv[1], "results").rglob("*.seg"):
    data = bytearray(seg.read_bytes())
    at = data.find(b"googletagmanager")
    if at >= 0:
        data[at:at + 6] = b"XXXXXX"
        seg.write_bytes(bytes(data))
PY
"$pacte" audit service --cache "$work/cache" --format json --output flipped.json 2>flipped.err || true
check "changed bytes in a cache file: a warning" grep -q 'damaged result cache file' flipped.err
check "changed bytes in a cache file: the report is the one without the cache" same after-nocache.json flipped.json

# --cache DIR that cannot be written: exit 2, naming it.
echo "a file" >"$work/plain-file"
set +e
"$pacte" audit service --cache "$work/plain-file/cache" --format json >/dev/null 2>unwritable.err
code=$?
set -e
check "an unwritable --cache DIR is exit 2" test "$code" = 2
check "the message names the folder" grep -q "$work/plain-file/cache" unwritable.err
if [ "$(id -u)" != 0 ]; then
  mkdir -p "$work/ro/results" && chmod 555 "$work/ro" "$work/ro/results"
  set +e
  "$pacte" audit service --cache "$work/ro" --format json >/dev/null 2>ro.err
  code=$?
  set -e
  chmod 755 "$work/ro" "$work/ro/results"
  check "a read-only --cache DIR is exit 2, naming it" bash -c "test $code = 2 && grep -q '$work/ro' ro.err"
fi

# PACTE_CACHE_DIR is the default --cache.
PACTE_CACHE_DIR="$work/env-cache" "$pacte" audit service --format json --output env.json 2>/dev/null || true
check "PACTE_CACHE_DIR: results kept there" test "$(segments "$work/env-cache")" -ge 1
check "PACTE_CACHE_DIR: the same report" same after-nocache.json env.json

# A trend with the cache, cold then warm: the trend without it.
git -C "$repo" tag v1 HEAD~2
git -C "$repo" tag v2 HEAD~1
"$pacte" audit service --trend tags --format json --output trend-nocache.json 2>/dev/null || true
"$pacte" audit service --trend tags --cache "$work/trend-cache" --format json --output trend-cold.json 2>/dev/null || true
"$pacte" audit service --trend tags --cache "$work/trend-cache" --format json --output trend-warm.json 2>/dev/null || true
check "trend: cold with the cache == without it" same trend-nocache.json trend-cold.json
check "trend: warm with the cache == without it" same trend-nocache.json trend-warm.json

# A batch whose jobs share the cache.
printf '%s\n%s\n' "$repo" "$repo" >list.txt
"$pacte" batch list.txt --out "$work/batch-out" --cache "$work/batch-cache" --jobs 2 >/dev/null 2>&1 || true
check "batch: the jobs keep their results in --cache" test "$(segments "$work/batch-cache")" -ge 1
set +e
"$pacte" batch list.txt --out "$work/batch-out2" --cache "$work/plain-file/cache" >/dev/null 2>batch-unwritable.err
code=$?
set -e
check "batch: an unwritable --cache DIR is exit 2, naming it" bash -c "test $code = 2 && grep -q '$work/plain-file/cache' batch-unwritable.err"

exit $fail
