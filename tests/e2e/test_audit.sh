#!/usr/bin/env bash
# End to end: the bundled example made into a repository, audited through the pacte binary in
# every format; each output is parsed back by an independent tool.
# Env (from CTest): PACTE = the binary, PACTE_SOURCE_DIR = the source tree, PACTE_VERSION = the
# version of project() in CMakeLists.txt.
set -euo pipefail
pacte=${PACTE:?set PACTE to the pacte binary}
src=${PACTE_SOURCE_DIR:?set PACTE_SOURCE_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1790000000   # 2026-09-21: the example history counts back from it
fail=0
check() {  # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}

bash "$src/examples/make-example-repo.sh" "$work/example" >/dev/null
cd "$work"

# Text, the default: summary and the planted finding with its evidence.
"$pacte" audit example >text.out || true
check "text report names the undeclared tracker with file and line" \
  grep -q "Google Analytics (analytics) is used in src/templates/index.html:7 but not declared" text.out
check "text report has no colour when piped" bash -c "! grep -q $'\033' text.out"

# JSON: parses, and the example's figures are what its history and files say.
"$pacte" audit example --format json --output report.json
check "JSON report parses" python3 -c "import json; json.load(open('report.json'))"
check "history facts: 18 commits in 365 days, two people carry half" python3 -c "
import json; h = json.load(open('report.json'))['facts']['history']
assert h['commits_365d'] == 18 and h['contributor_absence_factor'] == 2 and h['last_tag'] == 'v2.3.0', h"
check "licence, languages and statement facts" python3 -c "
import json; f = json.load(open('report.json'))['facts']
assert f['licenses'][0]['spdx'] == 'MIT', f['licenses']
assert f['languages'] == ['en', 'fr'], f['languages']
assert f['accessibility_statement'] == 'docs/accessibilite.md'"
# The example has pages, a licence, a statement and language catalogs, each read by several
# checks (the tracker scan, templates, languages, the Git LFS check): each file is loaded
# (its blob inflated) once in the audit.
check "each file is loaded once, whatever number of checks read it" python3 -c "
import json; s = json.load(open('report.json'))['stats']
assert s['files_scanned'] > 10 and s['file_loads'] == s['files_scanned'], s"
# One thread or several: the same report, in the same order (the run's time apart).
"$pacte" audit example --format json --jobs 1 --output jobs1.json
"$pacte" audit example --format json --jobs 4 --output jobs4.json
check "--jobs 1 and --jobs 4 write the same report" python3 -c "
import json
def same(path):
    r = json.load(open(path)); r['stats'].pop('duration_ms'); r.pop('generated_at'); return r
a, b = same('jobs1.json'), same('jobs4.json')
assert a == b, [k for k in a if a[k] != b.get(k)]
assert a['results'] and a['facts']['history']"
"$pacte" audit example --jobs 0 2>jobs0.err >/dev/null && rc=0 || rc=$?
check "--jobs 0 is a usage error" bash -c "[ $rc = 2 ] && grep -q -- '--jobs' jobs0.err"
# The rules in force, from the binary itself: adding a rule must not break this test.
"$pacte" rules --format json >rules.json
check "the report has one result per rule in force" python3 -c "
import json; rules = json.load(open('rules.json'))['rules']; r = json.load(open('report.json'))
assert [x['rule'] for x in r['results']] == [x['id'] for x in rules], 'results and rules differ'
assert r['rules_hash'] == json.load(open('rules.json'))['rules_hash']"
check "the planted tracker is a failure of its rule, with its evidence" python3 -c "
import json; r = json.load(open('report.json'))
x = [x for x in r['results'] if x['rule'] == 'NEUT-TRACKERS-DECLARED'][0]
assert x['status'] == 'fail' and x['severity'] == 'high', x
assert any(e['path'] == 'src/templates/index.html' and e['line'] == 7 for e in x['evidence']), x['evidence']"
# Score and verdict recomputed from the results, following docs/report.md.
check "score, principles and verdict follow the scoring rules of docs/report.md" python3 -c "
import json; r = json.load(open('report.json'))
import math
weight = {'critical': 10, 'high': 5, 'medium': 3, 'low': 1}
round1 = lambda v: math.floor(v * 10 + 0.5) / 10
scores = {}
for p in ('openness', 'neutrality', 'continuity', 'equal_access'):
    rs = [x for x in r['results'] if x['principle'] == p]
    passed = sum(weight[x['severity']] for x in rs if x['status'] == 'pass')
    failed = sum(weight[x['severity']] for x in rs if x['status'] == 'fail')
    pr = r['principles'][p]
    for status, field in (('pass', 'passed'), ('fail', 'failed'), ('skip', 'skipped'), ('error', 'errors'), ('undeclared', 'undeclared')):
        assert pr[field] == sum(1 for x in rs if x['status'] == status), (p, field)
    if passed + failed:
        scores[p] = round1(100 * passed / (passed + failed))
        assert abs(pr['score'] - scores[p]) < 1e-6, (p, pr['score'], scores[p])
    else:
        assert pr['score'] is None, p
score = round1(sum(scores.values()) / len(scores)) if scores else 0
assert abs(r['score'] - score) < 1e-6, (r['score'], score)
critical = any(x['status'] == 'fail' and x['severity'] == 'critical' for x in r['results'])
if critical: verdict = 'non-compliant'
elif score >= 80 and len(scores) == 4 and all(v >= 60 for v in scores.values()): verdict = 'compliant'
elif score >= 50: verdict = 'conditional'
else: verdict = 'non-compliant'
assert r['verdict'] == verdict, (r['verdict'], verdict)"
check "the report says which pacte wrote it, as pacte --version does" python3 -c "
import json, subprocess, sys; r = json.load(open('report.json'))
assert r['pacte_version'] == '${PACTE_VERSION:?set PACTE_VERSION (from CMake)}', r['pacte_version']
out = subprocess.run(['$pacte', '--version'], capture_output=True, text=True).stdout.strip()
assert out == 'pacte ' + r['pacte_version'], out"

# Gates: the expected exit codes follow from the failures the report lists.
worst=$(python3 -c "
import json; r = json.load(open('report.json'))
fails = {x['severity'] for x in r['results'] if x['status'] == 'fail'}
print(next((s for s in ('critical', 'high', 'medium', 'low') if s in fails), 'none'))")
"$pacte" audit example --fail-on high -q && rc=0 || rc=$?
check "--fail-on high exits 1 (a high rule fails)" test "$rc" = 1
"$pacte" audit example --fail-on critical -q && rc=0 || rc=$?
check "--fail-on critical exits $([ "$worst" = critical ] && echo 1 || echo 0) (worst failure: $worst)" \
  test "$rc" = "$([ "$worst" = critical ] && echo 1 || echo 0)"

# Fix the finding, commit, audit again: the failure is gone and diff says it got better.
sed -i '/googletagmanager\|dataLayer\|gtag/d' example/src/templates/index.html
git -C example -c user.name=Jeanne -c user.email=jeanne@example.org commit -qam "Remove Google Analytics"
"$pacte" audit example --format json --output fixed.json
"$pacte" diff report.json fixed.json >diff.out && rc=0 || rc=$?
check "diff of an improvement exits 0 and lists the fixed finding" bash -c "[ $rc = 0 ] && grep -q NEUT-TRACKERS-DECLARED diff.out"
"$pacte" diff fixed.json report.json >/dev/null && rc=0 || rc=$?
check "diff of a regression exits 1" test "$rc" = 1
"$pacte" audit example --baseline fixed.json --fail-on high -q && rc=0 || rc=$?
check "baseline: no new failure passes the gate" test "$rc" = 0

# SARIF, JUnit, HTML, Markdown, badge.
"$pacte" audit report.json >/dev/null 2>&1 && rc=0 || rc=$?
check "a file as PATH is exit 2" test "$rc" = 2
git -C example -c user.name=Jeanne -c user.email=jeanne@example.org revert --no-edit HEAD >/dev/null
"$pacte" audit example --format sarif --output out.sarif
"$pacte" audit example --format junit --output out.xml
"$pacte" audit example --format html --output out.html --lang fr --badge badge.svg
"$pacte" audit example --format markdown --output out.md
check "SARIF parses and has the rule catalogue" python3 -c "
import json; s = json.load(open('out.sarif')); rules = json.load(open('rules.json'))['rules']
assert s['version'] == '2.1.0'
assert [x['id'] for x in s['runs'][0]['tool']['driver']['rules']] == [x['id'] for x in rules]
res = s['runs'][0]['results']; assert any(r['ruleId'] == 'NEUT-TRACKERS-DECLARED' for r in res)"
if command -v xmllint >/dev/null; then
  check "JUnit is well-formed XML" xmllint --noout out.xml
  check "HTML badge is well-formed SVG" xmllint --noout badge.svg
fi
check "HTML is self-contained (no resource loaded from the network)" bash -c "! grep -Eiq '(src=\"https?://|<link[^>]*href=\"https?://|url\\(https?://)' out.html"
check "Markdown has the summary table" grep -q "| " out.md
if [ -x "$(command -v node)" ] && [ "${PACTE_SKIP_SARIF_VALIDATOR:-0}" != 1 ]; then
  bash "$src/tests/e2e/formats/validate_sarif.sh" out.sarif >sarif.out 2>&1 && rc=0 || rc=$?
  if [ "$rc" = 125 ]; then echo "skip SARIF validator unavailable"; else
    check "SARIF passes Microsoft's validator (Gh;Sarif)" test "$rc" = 0; fi
fi
if command -v chromium >/dev/null && [ "${PACTE_SKIP_CHROMIUM:-0}" != 1 ]; then
  bash "$src/tests/e2e/formats/check_html.sh" out.html >html.out 2>&1 && rc=0 || rc=$?
  check "HTML report renders in headless Chromium" test "$rc" = 0
  [ "$rc" = 0 ] || tail -5 html.out
fi

# GitHub annotations when GITHUB_ACTIONS=true.
GITHUB_ACTIONS=true "$pacte" audit example >gha.out || true
check "GitHub annotations printed" grep -q "^::error file=src/templates/index.html,line=7" gha.out

# Plain folder with --worktree: history null, history rules skipped.
mkdir plain && cp -R "$src/examples/trouve-ton-emploi/." plain/
"$pacte" audit plain --worktree --format json --output plain.json
check "plain folder: history is null" python3 -c "
import json; r = json.load(open('plain.json')); assert r['facts']['history'] is None
assert [x['status'] for x in r['results'] if x['rule'] == 'CONT-BUS-FACTOR'] == ['skip']"

# No charter at all: rules that need a declaration are "undeclared" (left out of every score),
# the verdict is "no-charter", the evidence score still ranks the service.
mkdir nocharter
cp -R "$src/examples/trouve-ton-emploi/." nocharter/
rm -f nocharter/pacte.yml nocharter/.pacte.yml nocharter/.github/pacte.yml nocharter/publiccode.yml
git -C nocharter init -q && git -C nocharter add -A
git -C nocharter -c user.name=Jeanne -c user.email=jeanne@example.org commit -qm "Service without a charter"
"$pacte" audit nocharter --format json --output nocharter.json
check "no charter: verdict no-charter, undeclared rules out of the score, evidence score set" python3 -c "
import json; r = json.load(open('nocharter.json'))
assert r['charter']['source'] == 'none', r['charter']
assert r['verdict'] == 'no-charter', r['verdict']
und = [x for x in r['results'] if x['status'] == 'undeclared']
assert len(und) >= 5, len(und)
assert all(x['basis'] != 'evidence' for x in und), [x['rule'] for x in und if x['basis'] == 'evidence']
# Without a charter, every failure left is one the code shows.
assert all(x['basis'] == 'evidence' for x in r['results'] if x['status'] == 'fail'), [x['rule'] for x in r['results'] if x['status'] == 'fail']
assert all(x['status'] != 'pass' for x in r['results'] if x['basis'] == 'declaration'), 'a declaration rule passed without a charter'
assert sum(p['undeclared'] for p in r['principles'].values()) == len(und)
assert isinstance(r['evidence_score'], (int, float)), r['evidence_score']
rule = [x for x in r['results'] if x['rule'] == 'OPEN-LICENSE-DECLARED']
assert not rule or rule[0]['status'] == 'undeclared', rule"
check "no charter: the evidence score follows docs/report.md over evidence rules" python3 -c "
import json, math; r = json.load(open('nocharter.json'))
weight = {'critical': 10, 'high': 5, 'medium': 3, 'low': 1}
round1 = lambda v: math.floor(v * 10 + 0.5) / 10
scores = []
for p in ('openness', 'neutrality', 'continuity', 'equal_access'):
    rs = [x for x in r['results'] if x['principle'] == p and x['basis'] == 'evidence']
    passed = sum(weight[x['severity']] for x in rs if x['status'] == 'pass')
    failed = sum(weight[x['severity']] for x in rs if x['status'] == 'fail')
    if passed + failed:
        scores.append(round1(100 * passed / (passed + failed)))
        assert abs(r['principles'][p]['evidence_score'] - scores[-1]) < 1e-6, p
assert abs(r['evidence_score'] - round1(sum(scores) / len(scores))) < 1e-6, (r['evidence_score'], scores)"
"$pacte" audit nocharter >nocharter.txt || true
check "no charter, text: the verdict and the undeclared section" bash -c "grep -q 'no charter' nocharter.txt && grep -q '^Undeclared: no charter says it' nocharter.txt && grep -q 'Evidence score: ' nocharter.txt"
"$pacte" audit nocharter --lang fr >nocharter-fr.txt || true
check "no charter, French text: « sans charte » and « Non déclarées »" bash -c "grep -q 'sans charte' nocharter-fr.txt && grep -q '^Non déclarées' nocharter-fr.txt && grep -q 'Score des preuves' nocharter-fr.txt"
"$pacte" audit nocharter --format junit --output nocharter.xml
check "no charter, JUnit: undeclared rules are skipped with a message" python3 -c "
import xml.etree.ElementTree as ET; t = ET.parse('nocharter.xml')
sk = [s.get('message') for s in t.iter('skipped') if s.get('message', '').startswith('Undeclared: ')]
assert len(sk) >= 5, len(sk)"
"$pacte" audit nocharter --format sarif --output nocharter.sarif
check "no charter, SARIF: undeclared rules are listed on the run, not as results" python3 -c "
import json; s = json.load(open('nocharter.sarif'))['runs'][0]; r = json.load(open('nocharter.json'))
und = [x['rule'] for x in r['results'] if x['status'] == 'undeclared']
assert s['properties']['undeclared'] == und and s['properties']['verdict'] == 'no-charter'
assert not set(x['ruleId'] for x in s['results']) & set(und)"
"$pacte" render nocharter.json --format markdown --output nocharter.md
check "no charter, Markdown: the Undeclared column and list" bash -c "grep -q '| Undeclared |' nocharter.md && grep -q 'Undeclared: no charter says it' nocharter.md"
"$pacte" audit nocharter --fail-on high -q && rc=0 || rc=$?
check "no charter: undeclared rules do not fail --fail-on high unless the code does" test "$rc" = "$(python3 -c "
import json; r = json.load(open('nocharter.json'))
print(1 if any(x['status'] in ('fail', 'error') and x['severity'] in ('critical', 'high') for x in r['results']) else 0)")"
# The same service with an ad SDK: a critical failure the code shows makes it non-compliant.
printf '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"></script>\n' >nocharter/ads.html
git -C nocharter add -A && git -C nocharter -c user.name=Jeanne -c user.email=jeanne@example.org commit -qm "Ads"
"$pacte" audit nocharter --format json --output nocharter-ads.json
check "no charter with an ad SDK: non-compliant" python3 -c "
import json; r = json.load(open('nocharter-ads.json'))
assert r['verdict'] == 'non-compliant', r['verdict']
assert [x['status'] for x in r['results'] if x['rule'] == 'NEUT-AD-SDK'] == ['fail']"
"$pacte" audit nocharter --fail-on high 2>gate.err >/dev/null && rc=0 || rc=$?
check "gate message names the options and the ad SDK first" bash -c "[ $rc = 1 ] && grep -q '^pacte: gate failed (--fail-on high): NEUT-AD-SDK (critical)' gate.err"

exit $fail
