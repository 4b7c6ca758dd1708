#!/usr/bin/env bash
# End to end: the charter's policy (policy: in pacte.yml) through the pacte binary, on fixture
# repositories built here: path waivers, a disabled rule, a re-grade, the gate's defaults and
# the command line over them, the red lines refused, and the warnings.
# Env (from CTest): PACTE = the binary.
set -euo pipefail
pacte=${PACTE:?set PACTE to the pacte binary}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1790000000   # 2026-09-21
export GIT_AUTHOR_NAME=Test GIT_AUTHOR_EMAIL=test@example.org GIT_COMMITTER_NAME=Test GIT_COMMITTER_EMAIL=test@example.org
fail=0
check() {  # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}

charter_head='pacte: 1
service:
  name: Service de test
openness:
  license: MIT
neutrality:
  advertising: false
  data_sale: false
continuity:
  maintainers:
    - {name: Jeanne Martin, email: jeanne@example.org}
equal_access:
  free_of_charge: true
  languages: [fr]
'
page='<!DOCTYPE html><html lang="fr"><head><title>S</title></head><body><img src="a.png"></body></html>'

# make_repo DIR POLICY [PAGE...]: a repository whose charter ends with POLICY, one page per PAGE.
make_repo() {
  local dir=$1 policy=$2
  shift 2
  mkdir -p "$dir"
  git -C "$dir" init -q
  printf '%s%s' "$charter_head" "$policy" >"$dir/pacte.yml"
  printf 'MIT License\n\nCopyright (c) 2026 Test\n' >"$dir/LICENSE"
  printf '# Service\n' >"$dir/README.md"
  for p in "$@"; do
    mkdir -p "$dir/$(dirname "$p")"
    printf '%s\n' "$page" >"$dir/$p"
  done
  git -C "$dir" add -A
  git -C "$dir" commit -q -m first
}

result() {  # result REPORT RULE FIELD: the field of a rule's result, or "absent"
  python3 -c "
import json, sys
r = [x for x in json.load(open('$1'))['results'] if x['rule'] == '$2']
print(json.dumps(r[0].get('$3')) if r else 'absent')"
}

cd "$work"

# A path waiver covering every finding: the rule is waived, the waiver shown.
make_repo all 'policy:
  waivers:
    - {rule: EQ-IMG-ALT, paths: ["legacy/**"], reason: PDF render templates, until: 2027-06-30}
' legacy/a.html legacy/sub/b.html
"$pacte" audit all --format json --output all.json 2>all.err
check "a path waiver covering every finding waives the rule" test "$(result all.json EQ-IMG-ALT status)" = '"waived"'
check "the waived result shows the waiver's reason and paths" python3 -c "
import json; r = [x for x in json.load(open('all.json'))['results'] if x['rule'] == 'EQ-IMG-ALT'][0]
assert r['waiver'] == {'reason': 'PDF render templates', 'until': '2027-06-30', 'paths': ['legacy/**']}, r['waiver']
assert r['findings_waived'] == 2, r"
check "the report's policy object counts the findings waived" python3 -c "
import json; p = json.load(open('all.json'))['policy']
assert p['waivers'][0]['findings_waived'] == 2 and p['waivers'][0]['where'] == 'pacte.yml:17:7', p"

# A path waiver covering some: the rule still fails with the rest, and says how many were waived.
make_repo some 'policy:
  waivers:
    - {rule: EQ-IMG-ALT, paths: ["legacy/**"], reason: PDF render templates, until: 2027-06-30}
' legacy/a.html app/home.html
"$pacte" audit some --format json --output some.json 2>/dev/null
check "a path waiver covering some findings leaves the rule failing with the rest" python3 -c "
import json; r = [x for x in json.load(open('some.json'))['results'] if x['rule'] == 'EQ-IMG-ALT'][0]
assert r['status'] == 'fail' and [e['path'] for e in r['evidence']] == ['app/home.html'], r
assert r['findings_waived'] == 1 and '1 of these findings waived by the charter' in r['message'], r"
"$pacte" audit some >some.txt 2>/dev/null || true
check "the text report has a 'Policy applied' section naming the waiver" \
  grep -q "EQ-IMG-ALT: 1 finding(s) waived (legacy/\*\*) until 2027-06-30: PDF render templates" some.txt
"$pacte" audit some --lang fr >some.fr.txt 2>/dev/null || true
check "... in French too" grep -q "Politique appliquée" some.fr.txt

# A fingerprint waiver: the finding's fingerprint, from the report, waives that one finding.
fp=$(python3 -c "
import json; r = [x for x in json.load(open('some.json'))['results'] if x['rule'] == 'EQ-IMG-ALT'][0]
print(r['evidence'][0]['fingerprint'][:10])")
make_repo byfp "policy:
  waivers:
    - {rule: EQ-IMG-ALT, paths: [\"legacy/**\"], reason: PDF render templates, until: 2027-06-30}
    - {rule: EQ-IMG-ALT, finding: $fp, reason: decorative image, until: 2027-06-30}
" legacy/a.html app/home.html
"$pacte" audit byfp --format json --output byfp.json 2>/dev/null
check "a fingerprint waiver removes its finding (the rule is then waived)" test "$(result byfp.json EQ-IMG-ALT status)" = '"waived"'

# A disabled rule and a re-grade: absent from JSON results and SARIF; the re-grade's severity and
# SARIF level follow; every format says what the policy did.
make_repo rules 'policy:
  rules:
    - {rule: CONT-RELEASES, disable: true, reason: "continuous deployment, no tags"}
    - {rule: EQ-IMG-ALT, severity: low, reason: an internal back-office}
' app/home.html
"$pacte" audit rules --format json,sarif,html,markdown --output-dir rules-out 2>/dev/null || true
check "a disabled rule has no result" test "$(result rules-out/pacte-report.json CONT-RELEASES status)" = absent
check "a re-graded rule carries its new severity" test "$(result rules-out/pacte-report.json EQ-IMG-ALT severity)" = '"low"'
check "the policy object says what was disabled and re-graded, and why" python3 -c "
import json; p = json.load(open('rules-out/pacte-report.json'))['policy']
assert p['disabled'][0]['rule'] == 'CONT-RELEASES' and p['disabled'][0]['reason'] == 'continuous deployment, no tags', p
assert p['regraded'][0] == {'rule': 'EQ-IMG-ALT', 'from': 'high', 'to': 'low', 'reason': 'an internal back-office', 'where': 'pacte.yml:18:7'}, p"
check "SARIF: the disabled rule is absent, the re-graded one is a note" python3 -c "
import json; run = json.load(open('rules-out/pacte-report.sarif'))['runs'][0]
ids = [r['id'] for r in run['tool']['driver']['rules']]
assert 'CONT-RELEASES' not in ids, ids
alt = [r for r in run['results'] if r['ruleId'] == 'EQ-IMG-ALT']
assert alt and all(r['level'] == 'note' for r in alt), alt"
check "HTML has a Policy applied section" grep -q '<section id="policy">' rules-out/pacte-report.html
check "Markdown has a Policy applied section" grep -q "CONT-RELEASES disabled by the charter: continuous deployment, no tags" rules-out/pacte-report.md

# The gate: the policy's defaults, then the command line in their place.
make_repo gate 'policy:
  gate: {fail_on: high}
' app/home.html
set +e
"$pacte" audit gate -q; gate_policy=$?
"$pacte" audit gate -q --fail-on never; gate_cli=$?
"$pacte" audit gate -q --fail-on critical; gate_cli2=$?
set -e
check "the policy's gate (fail_on: high) fails on EQ-IMG-ALT (exit 1)" test "$gate_policy" = 1
check "--fail-on never on the command line wins over the policy (exit 0)" test "$gate_cli" = 0
check "--fail-on critical on the command line wins over the policy (exit 0)" test "$gate_cli2" = 0
make_repo under 'policy:
  gate: {fail_under: 99}
'
set +e
"$pacte" audit under -q; under_policy=$?
"$pacte" audit under -q --fail-under 1; under_cli=$?
set -e
check "the policy's fail_under gates the exit code" test "$under_policy" = 1
check "--fail-under on the command line wins over the policy" test "$under_cli" = 0

# pacte batch: each repository is held to its own policy.gate unless the option is given.
make_repo plain '' app/home.html
printf '%s\n' "$work/gate" "$work/plain" >repos.txt
set +e
"$pacte" batch repos.txt --out batch-own >/dev/null 2>&1; batch_own=$?
"$pacte" batch repos.txt --out batch-cli --fail-on never >/dev/null 2>&1; batch_cli=$?
set -e
gate_of() {  # gate_of SUMMARY REPOSITORY: the gate column of its row
  python3 -c "
import json, sys
rows = json.load(open('$1'))
rows = rows.get('rows', rows.get('repositories', rows)) if isinstance(rows, dict) else rows
print([r.get('gate') for r in rows if r.get('location', r.get('repository', '')).endswith('/$2')][0])"
}
check "batch without options: the repository with policy.gate fails it, the other has no gate (exit 1)" \
  test "$batch_own $(gate_of batch-own/summary.json gate) $(gate_of batch-own/summary.json plain)" = "1 fail none"
check "batch --fail-on never: the option applies to every repository, none is gated (exit 0)" \
  test "$batch_cli $(gate_of batch-cli/summary.json gate)" = "0 none"

# The red lines: a critical rule disabled or re-graded is refused, exit 2 at file:line:col.
make_repo red 'policy:
  rules:
    - {rule: NEUT-AD-SDK, disable: true, reason: the sponsor asks}
'
set +e
"$pacte" audit red >red.out 2>red.err; red_code=$?
"$pacte" validate red/pacte.yml >/dev/null 2>red.validate; red_validate=$?
set -e
check "disabling a critical rule: exit 2, nothing audited" test "$red_code" = 2
check "... naming file:line:col" grep -q "^pacte.yml:17:27: NEUT-AD-SDK is a critical rule (a red line of the Pact): it cannot be disabled" red.err
check "pacte validate refuses it too (exit 2)" test "$red_validate" = 2
check "... at file:line:col" grep -q "red/pacte.yml:17:27: NEUT-AD-SDK is a critical rule" red.validate

# Warnings: an unknown rule id (did you mean), a waiver that matched nothing.
make_repo warn 'policy:
  waivers:
    - {rule: EQ-IMG-ALT, paths: ["docs/**"], reason: documentation pages, until: 2027-06-30}
  rules:
    - {rule: CONT-RELEASE, disable: true, reason: typo}
' app/home.html
"$pacte" audit warn >/dev/null 2>warn.err || true
check "an unknown rule id in policy.rules is a warning with the closest id" \
  grep -q "warning: pacte.yml:19:7: policy.rules names rule CONT-RELEASE, which no rule in force has: it changes nothing; did you mean CONT-RELEASES?" warn.err
check "a waiver that matched nothing is a warning" \
  grep -q "warning: pacte.yml:17:7: the waiver of EQ-IMG-ALT matched nothing in this audit" warn.err
set +e
"$pacte" validate --strict warn/pacte.yml >/dev/null 2>warn.strict; strict_code=$?
set -e
check "validate --strict makes the unknown id an error (exit 2)" test "$strict_code" = 2
check "... naming it" grep -q "did you mean CONT-RELEASES" warn.strict

exit $fail
