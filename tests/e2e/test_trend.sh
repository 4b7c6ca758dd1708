#!/usr/bin/env bash
# End to end: pacte audit --trend over a repository whose history is built here with dated
# commits. Each release either breaks or fixes one rule; the trend must say which, when, in
# text and JSON, for tags, monthly and N points, and show unreadable revisions as errors.
# Env (from CTest): PACTE = the binary, PACTE_SOURCE_DIR = the source tree.
set -euo pipefail
pacte=${PACTE:?set PACTE to the pacte binary}
src=${PACTE_SOURCE_DIR:?set PACTE_SOURCE_DIR}
command -v python3 >/dev/null || { echo "skip: python3 is needed to read the JSON reports"; exit 125; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1776643200   # 2026-04-20: "now" for the audited revision
fail=0
check() {  # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}
commit() {  # commit MESSAGE EPOCH
  GIT_AUTHOR_DATE="@$2 +0000" GIT_COMMITTER_DATE="@$2 +0000" GIT_AUTHOR_NAME="Jeanne Martin" GIT_AUTHOR_EMAIL=jeanne@example.org \
    GIT_COMMITTER_NAME="Jeanne Martin" GIT_COMMITTER_EMAIL=jeanne@example.org git -C "$repo" commit -q -m "$1"
}

repo=$work/service
mkdir -p "$repo/src"
git init -q -b main "$repo"
# December: no charter yet (audited as such: evidence only).
printf '# Service\n\nA public service.\n\n## Installation\n\nRun `make install`.\n' >"$repo/README.md"
git -C "$repo" add -A && commit "December: the first commit" 1765756800   # 2025-12-15
git -C "$repo" tag v0.9
cp "$src/examples/trouve-ton-emploi/pacte.yml" "$repo/pacte.yml"
cp "$src/examples/trouve-ton-emploi/LICENSE" "$repo/LICENSE"
# January: an image without a text alternative (EQ-IMG-ALT fails).
printf '<!DOCTYPE html>\n<html lang="fr"><head><title>S</title></head>\n<body><img src="a.png"></body></html>\n' >"$repo/src/index.html"
git -C "$repo" add -A && commit "January release" 1767571200   # 2026-01-05
git -C "$repo" tag v1.0
# February: the image gets its alternative (EQ-IMG-ALT fixed).
printf '<!DOCTYPE html>\n<html lang="fr"><head><title>S</title></head>\n<body><img src="a.png" alt="Logo"></body></html>\n' >"$repo/src/index.html"
git -C "$repo" add -A && commit "February release" 1770681600  # 2026-02-10
git -C "$repo" tag v1.1
# March: an undeclared Google Analytics tag (NEUT-TRACKERS-DECLARED starts failing).
printf '<!DOCTYPE html>\n<html lang="fr"><head><title>S</title>\n<script async src="https://www.googletagmanager.com/gtag/js?id=G-EXAMPLE123"></script>\n</head>\n<body><img src="a.png" alt="Logo"></body></html>\n' >"$repo/src/index.html"
git -C "$repo" add -A && commit "March release" 1773100800     # 2026-03-10
git -C "$repo" tag -a v2.0 -m "v2.0"
# April: a changelog only; the audited revision, untagged.
printf -- '- April\n' >"$repo/CHANGELOG.md"
git -C "$repo" add -A && commit "April" 1776211200              # 2026-04-15
cd "$work"

# The three ways to choose revisions all land on the same five here.
for spec in tags monthly 5; do
  "$pacte" audit service --trend "$spec" --format json --output "trend-$spec.json" || true
done
"$pacte" audit service --format json --output plain.json || true

check "tags: five points, oldest first, tags named, the audited revision last" python3 -c "
import json; t = json.load(open('trend-tags.json'))['trend']
assert [p['tag'] for p in t] == ['v0.9', 'v1.0', 'v1.1', 'v2.0', None], t
assert [p['date'][:10] for p in t] == ['2025-12-15', '2026-01-05', '2026-02-10', '2026-03-10', '2026-04-15'], t
assert all(p['error'] is None and p['verdict'] != 'error' for p in t), t"
check "a revision without a charter is audited as such" python3 -c "
import json; t = json.load(open('trend-tags.json'))['trend']
assert t[0]['charter'] is None and t[0]['score'] is not None and t[1]['charter'] == 'pacte.yml', t[:2]"
check "tags: the image alternative is fixed in v1.1 and the tracker is new in v2.0" python3 -c "
import json; t = json.load(open('trend-tags.json'))['trend'][1:]
assert 'EQ-IMG-ALT' in t[0]['new_failures'], t[0]
assert 'EQ-IMG-ALT' in t[1]['fixed'] and 'EQ-IMG-ALT' not in t[1]['new_failures'], t[1]
assert 'NEUT-TRACKERS-DECLARED' in t[2]['new_failures'] and t[2]['fixed'] == [], t[2]
assert t[3]['new_failures'] == [] and t[3]['fixed'] == [], t[3]"
check "scores follow the changes: up when fixed, down with the tracker" python3 -c "
import json; t = json.load(open('trend-tags.json'))['trend'][1:]
s = [p['score'] for p in t]
assert s[1] > s[0] and s[2] < s[1], s
assert set(t[0]['principles']) == {'openness', 'neutrality', 'continuity', 'equal_access'}, t[0]"
check "the last point is the report itself, and the report is the plain audit's" python3 -c "
import json; r = json.load(open('trend-tags.json')); plain = json.load(open('plain.json'))
assert r['trend'][-1]['commit'] == r['repository']['commit'] and r['trend'][-1]['score'] == r['score'], r['trend'][-1]
assert r['score'] == plain['score'] and r['verdict'] == plain['verdict']
assert [x['status'] for x in r['results']] == [x['status'] for x in plain['results']]
assert 'trend' not in plain"
check "unchanged blobs were answered from the cache" python3 -c "
import json; c = json.load(open('trend-tags.json'))['stats']['trend_cache']
assert c['hits'] > 0 and c['misses'] > 0, c"
check "monthly: the end of December, January, February and March, then the audited revision" python3 -c "
import json; a = json.load(open('trend-monthly.json'))['trend']; b = json.load(open('trend-tags.json'))['trend']
assert [p['commit'] for p in a] == [p['commit'] for p in b], (a, b)
assert [p['score'] for p in a] == [p['score'] for p in b]
assert all(p['tag'] is None for p in a)"
check "N points: the whole first-parent line when it is that long" python3 -c "
import json; a = json.load(open('trend-5.json'))['trend']; b = json.load(open('trend-tags.json'))['trend']
assert [p['commit'] for p in a] == [p['commit'] for p in b], a"
"$pacte" audit service --trend 2 --format json --output trend-2.json || true
check "2 points: the first and last commits, changes summed across the gap" python3 -c "
import json; t = json.load(open('trend-2.json'))['trend']
assert len(t) == 2 and t[0]['date'][:10] == '2025-12-15', t
assert 'NEUT-TRACKERS-DECLARED' in t[1]['new_failures'], t[1]"

# Text and French: the table with the tag names and the changes.
"$pacte" audit service --trend tags >trend.txt || true
check "text: a trend table with the tag, the fix and the new failure" bash -c "
grep -q 'Trend over time' trend.txt && grep -q '^  2026-02-10  v1.1 .*−EQ-IMG-ALT' trend.txt &&
grep -q '^  2026-03-10  v2.0 .*+NEUT-TRACKERS-DECLARED' trend.txt && grep -q '^  2025-12-15  v0.9 .*no change' trend.txt"
"$pacte" audit service --trend tags --lang fr >trend-fr.txt || true
check "text in French" bash -c "grep -q 'Évolution dans le temps' trend-fr.txt && grep -q 'Depuis le point précédent' trend-fr.txt && grep -q 'aucun changement' trend-fr.txt"
"$pacte" audit service --trend tags --format markdown >trend.md || true
check "Markdown: a table row per point" bash -c "grep -q '^### Trend over time' trend.md && [ \$(grep -c '^| 202[56]-' trend.md) -eq 5 ]"
trend_chart() {  # trend_chart FILE WHAT: how many WHAT ('<circle', '<path') the trend chart of an HTML report has
  python3 -c "
import re, sys; html = open(sys.argv[1]).read()
chart = re.search(r'<svg class=\"trend\".*?</svg>', html, re.S)
print(chart.group(0).count(sys.argv[2]) if chart else -1)" "$1" "$2"
}
"$pacte" audit service --trend tags --format html --output trend.html || true
check "HTML: an inline SVG chart with one dot per point, no script" bash -c "[ $(trend_chart trend.html '<circle') -eq 5 ] && [ $(trend_chart trend.html '<path') -eq 1 ] && ! grep -q '<script' trend.html"
check "HTML: the table of points, in the report's language" bash -c "grep -q '<h2 id=\"h-trend\">Trend over time</h2>' trend.html && grep -q '<td><code>v1.1</code></td>' trend.html"
"$pacte" audit service --trend 2 --rev v0.9 --format html --output one.html || true
check "HTML: a trend of one revision is one dot, not a broken chart" bash -c "[ $(trend_chart one.html '<circle') -eq 1 ] && [ $(trend_chart one.html '<path') -eq 0 ]"

# A tag whose commit is missing from the object database is an error point, not a skip.
git -C service checkout -q -b side v1.0
printf 'side\n' >service/side.txt
git -C service add -A && commit "side work" 1767657600
side=$(git -C service rev-parse HEAD)
git -C service tag lost "$side"
git -C service checkout -q main
git -C service branch -q -D side
rm -f "service/.git/objects/${side:0:2}/${side:2}"
"$pacte" audit service --trend tags --format json --output lost.json || true
check "a tag whose commit is missing is an error point with the reason" python3 -c "
import json; t = json.load(open('lost.json'))['trend']
lost = [p for p in t if p['tag'] == 'lost']
assert len(lost) == 1 and lost[0]['verdict'] == 'error' and lost[0]['score'] is None and 'cannot be read' in lost[0]['error'], t"

# A shallow clone: the revisions it does not hold are an error point.
git clone -q --depth 2 "file://$work/service" shallow 2>/dev/null
"$pacte" audit shallow --trend 4 --format json --output shallow.json || true
check "shallow clone: an error point says the history is truncated" python3 -c "
import json; t = json.load(open('shallow.json'))['trend']
assert t[0]['verdict'] == 'error' and 'shallow' in t[0]['error'], t[0]
assert [p['verdict'] != 'error' for p in t[1:]] == [True, True], t"
"$pacte" audit shallow --trend monthly --format json --output shallow-monthly.json || true
check "shallow clone, monthly: the months it cannot reach are one error point, not a skip" python3 -c "
import json; t = json.load(open('shallow-monthly.json'))['trend']
assert [p['verdict'] == 'error' for p in t] == [True, False, False], t
assert t[0]['date'][:10] == '2026-02-28' and 'shallow' in t[0]['error'], t[0]"

# Options that make no sense together, and bad values: exit 2 with a clear message.
set +e
"$pacte" audit service --trend tags --worktree >/dev/null 2>err.txt; rc=$?
set -e
check "--trend with --worktree is refused (exit 2)" bash -c "[ $rc -eq 2 ] && grep -q -- '--worktree' err.txt"
set +e
"$pacte" audit service --trend weekly >/dev/null 2>err.txt; rc=$?
set -e
check "--trend weekly is refused (exit 2) and the accepted values are named" bash -c "[ $rc -eq 2 ] && grep -q 'tags, monthly or a number' err.txt"
set +e
"$pacte" audit service --trend 1000 >/dev/null 2>err.txt; rc=$?
set -e
check "--trend 1000 is refused (exit 2)" bash -c "[ $rc -eq 2 ] && grep -q 'between 2 and' err.txt"

exit $fail
