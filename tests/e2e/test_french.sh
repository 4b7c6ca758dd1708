#!/usr/bin/env bash
# End to end: nothing English leaks into French output, and French output follows French
# typography. Runs every command that prints for a person with --lang fr on the bundled example
# (audit in every format, rules, explain of every rule, validate on a good and a bad charter,
# init, batch), strips what is an identifier (rule ids, paths, positions, quoted evidence, URLs,
# SPDX ids, charter keys, JSON keys, markup), and fails on any word of an English word list, on
# a plain space before : ; ? ! %, on "100%" without a non-breaking space and on a decimal point.
# Env (from CTest): PACTE = the binary, PACTE_SOURCE_DIR = the source tree.
set -euo pipefail
pacte=${PACTE:?set PACTE to the pacte binary}
src=${PACTE_SOURCE_DIR:?set PACTE_SOURCE_DIR}
command -v python3 >/dev/null || { echo "SKIP: python3 is needed to read the outputs"; exit 125; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1790000000   # 2026-09-21: the example history counts back from it
unset NO_COLOR
fail=0
check() {  # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}

bash "$src/examples/make-example-repo.sh" "$work/example" >/dev/null
cd "$work"
mkdir out

# Every command's French output, one file each (stdout and stderr apart: both are read).
for f in text json sarif junit markdown html; do
  "$pacte" audit example --lang fr --format "$f" --output "out/audit.$f" 2>"out/audit-$f.err" || true
done
"$pacte" audit example --lang fr --fail-on high >out/audit-gate.text 2>out/audit-gate.err || true
"$pacte" rules --lang fr >out/rules.text 2>&1
for id in $("$pacte" rules --format json | python3 -c "import json,sys; print(' '.join(r['id'] for r in json.load(sys.stdin)['rules']))"); do
  "$pacte" explain "$id" --lang fr >"out/explain-$id.text" 2>&1
done
"$pacte" explain NEUT-AD-SKD --lang fr >out/explain-unknown.text 2>&1 || true
"$pacte" validate example/pacte.yml --lang fr >out/validate-good.text 2>&1 || true
cat >bad.yml <<'EOF'
pacte: 1
service: {name: 3, url: "not a url"}
openness: {license: "MIT OR", contributing: ../outside.md}
neutrality: {advertising: maybe, trackers: []}
continuity:
  maintainers: []
  support_until: 2026-02-30
  maintenance: sometimes
equal_access:
  languages: [fr]
  accessibility: {status: partly}
  colour: blue
waivers:
  - {rule: CONT-BUS-FACTOR, reason: "", until: 2027-01-01}
  - {rule: NEUT-AD-SDK, reason: "Old contract", until: 2020-01-01}
EOF
"$pacte" validate bad.yml --lang fr >out/validate-bad.text 2>&1 || true
"$pacte" validate missing.yml --lang fr >out/validate-missing.text 2>&1 || true
(cd example && "$pacte" init --lang fr --output - >../out/init.yml 2>../out/init.err) || true
"$pacte" init example --lang fr >out/init-refused.err 2>&1 || true
printf '%s\n' "$work/example" "$work/nowhere" >list.txt
"$pacte" batch list.txt --lang fr --out batch --jobs 1 >out/batch.text 2>&1 || true
# index.html is the batch's page for people and is read below; summary.csv is data for programs
# (keys, numbers with a decimal point, the same whatever --lang), so it is not read as French
# prose: it must instead be the same bytes as an English batch's.
[[ -f batch/index.html ]] && cp batch/index.html out/batch-index.html
"$pacte" batch list.txt --lang en --out batch-en --jobs 1 >/dev/null 2>&1 || true

check "every command wrote French output" test "$(find out -type f -size +0 | wc -l)" -ge 20
check "the bad charter is refused with its errors in French" grep -q "erreurs dans la charte" out/validate-bad.text
check "pacte rules counts the rules in French" grep -q "règles en vigueur" out/rules.text
check "the verdict uses the catalogue's word" grep -q "conforme" out/audit.text
check "summary.csv is data: the same bytes whatever --lang" cmp -s batch/summary.csv batch-en/summary.csv

# The reader: what a person reads in each output, without identifiers, then the checks.
cat >check_french.py <<'PY'
import html, json, re, sys
from pathlib import Path

# English words that never belong in French prose (none of them is also a French word, and
# none is a value of the charter such as `none` or `other`).
ENGLISH = set("""
the and of is are not file files rule rules found failed passed pass fail skip skipped charter
high medium low critical tracker trackers license licenses with without from this that these
those must should would could will can cannot does did what where who which when why how
there here then than also into out about after before between under over per only every each
all but any some many most least more less see yes missing declared detected unknown
valid invalid expected error errors warning warnings waived waiver waivers compliant
conditional non-compliant repository repositories statement accessibility evidence remediation
severity principle principles openness neutrality continuity equal access contributors last
days months month year years fix checked defined done running audited current unchanged since
report generated results until new known total free user users link links button form
language languages translation english french should keep their they them its it be been was
were has have had to for by in at an or on as if so we you your our us no
support fixtures build builds release releases branch fork lockfile login logins
security maintainers maintainer maintained history activity because please
""".split()) - {"in", "at", "an", "or", "on", "as", "if", "so", "us", "no", "per", "total"}
# French words spelt like English ones that the list above must not catch.
ALLOWED = {"total"}
# Proper names that contain English words: names of standards and projects, kept as they are.
NAMES = ["Standard for Public Code", "Reproducible Builds", "Semantic Versioning", "Audience Network"]
# What the audited repository itself says (evidence snippets): quoted in reports, never translated.
EVIDENCE = []

def strip_identifiers(t):
    for name in NAMES + EVIDENCE:
        t = t.replace(name, " ")
    t = re.sub(r"<https?://[^>]*>", " ", t)
    t = re.sub(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?>", " ", t)               # markup named in the text
    t = re.sub(r"\b[a-z][a-z0-9+.-]*://\S+", " ", t)                 # URLs
    t = re.sub(r"`[^`\n]*`", " ", t)                                   # code spans
    t = re.sub(r"«\u00a0?[^»\n]*?\u00a0?»", " ", t)                   # quoted values
    t = re.sub(r"\"[^\"\n]*\"", " ", t)                                # quoted evidence
    t = re.sub(r"(?<![\w])'[^'\n]*'(?![\w])", " ", t)
    t = re.sub(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b", " ", t)           # rule ids
    t = re.sub(r"\S*[/\\]\S*", " ", t)                                 # paths
    t = re.sub(r"\S+\.(?:yml|yaml|md|txt|html|js|json|po|csv|svg|xml|sarif)\b\S*", " ", t)
    t = re.sub(r"\b[\w.-]+:\d+(?::\d+)?\b", " ", t)                    # file:line:col
    t = re.sub(r"\b\w+(?:[._]\w+)+\b", " ", t)                         # keys, dotted names
    t = re.sub(r"\b[\w.+]+@[\w.-]+\b", " ", t)                         # e-mail addresses
    t = re.sub(r"--[a-z][a-z-]*", " ", t)                              # options
    t = re.sub(r"\b(?:\w+-)+\d[\w.+-]*", " ", t)                       # SPDX ids (AGPL-3.0-or-later)
    t = re.sub(r"\b\w+: (?:true|false|none|\w+)\b", " ", t)           # charter key: value
    t = re.sub(r"\b[A-Z][A-Z0-9]+\b", " ", t)                          # acronyms, LICENSE, README
    return t

def texts_of_json(v, key=""):
    human = {"title", "message", "remediation", "rationale", "note", "text", "markdown", "label",
             "description", "errors", "warnings", "error"}
    if isinstance(v, dict):
        for k, x in v.items():
            if k in ("en",):  # the English half of a bilingual text
                continue
            yield from texts_of_json(x, k)
    elif isinstance(v, list):
        for x in v:
            yield from texts_of_json(x, key)
    elif isinstance(v, str) and key in human:
        yield html.unescape(v) if key == "markdown" else v

def texts_of_markup(t):
    t = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", t)
    t = re.sub(r"(?is)<(code|pre)\b.*?</\1>", " ", t)
    attrs = re.findall(r"(?i)\b(?:aria-label|title|alt|message)=\"([^\"]*)\"", t)
    t = re.sub(r"<[^>]*>", "\n", t)
    return [html.unescape(x) for x in attrs] + [html.unescape(t)]

def texts_of_yaml_draft(t):
    # A charter draft: its comments are prose; its keys and values, and the declarations left
    # commented out for the team ("# key: value", "# - item"), are identifiers.
    out = []
    for line in t.splitlines():
        body = line.lstrip()
        trailing = line.find("  # ", line.find("#") + 1)
        if body.startswith("#") and not re.match(r"#\s*(?:[\w-]+:(?:\s|$)|- )", body):
            out.append(body[1:])
        elif trailing >= 0:
            out.append(line[trailing + 4:])
    return ["\n".join(out)]

def texts(path):
    raw = path.read_text(encoding="utf-8", errors="replace")
    name = path.name
    if name.endswith((".json", ".sarif")):
        return list(texts_of_json(json.loads(raw)))
    if name.endswith((".junit", ".html")):
        return texts_of_markup(raw)
    if name.endswith(".yml"):
        return texts_of_yaml_draft(raw)
    if name.endswith(".csv"):
        return [",".join(c for c in line.split(",")[1:]) for line in raw.splitlines()[1:]]
    return [re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", raw)]

report = json.loads((Path(sys.argv[1]) / "audit.json").read_text(encoding="utf-8"))
for result in report.get("results", []):
    for ev in result.get("evidence", []):
        if ev.get("snippet"):
            EVIDENCE.append(ev["snippet"])
EVIDENCE.sort(key=len, reverse=True)
problems = []
for path in sorted(Path(sys.argv[1]).iterdir()):
    for text in texts(path):
        for n, line in enumerate(text.splitlines(), 1):
            where = f"{path.name}: {line.strip()[:160]}"
            for m in re.finditer(r" [:;?!%](?=\s|$)", line):
                if not re.search(r"\w+://|^\s*#", line):
                    problems.append(f"typography (plain space before '{m.group(0)[1]}'): {where}")
            if re.search(r"\d%", line) and "://" not in line:
                problems.append(f"typography (no non-breaking space before %): {where}")
            for m in re.finditer(r"(?<![\w.\-v])\d+\.\d+(?![\w.\-])", line):
                before = line[:m.start()]
                if re.search(r"(?:RGAA|WCAG|version|pacte|RFC|critère|critère de succès)\s*$", before, re.I):
                    continue
                problems.append(f"typography (decimal point '{m.group(0)}'): {where}")
            bare = strip_identifiers(line)
            for w in re.findall(r"[^\W\d_][\w'-]*", bare):
                if w.lower() in ENGLISH and w.lower() not in ALLOWED:
                    problems.append(f"English word '{w}': {where}")
                    break
seen = set()
for p in problems:
    if p not in seen:
        seen.add(p)
        print(p)
sys.exit(1 if problems else 0)
PY
if python3 check_french.py out >leaks.txt; then
  echo "ok   no English word and no typography error in French output"
else
  echo "FAIL English or wrong typography in French output ($(wc -l <leaks.txt) lines):"
  sed 's/^/     /' leaks.txt
  fail=1
fi

exit $fail
