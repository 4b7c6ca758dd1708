#!/usr/bin/env bash
# The rule help pages (docs/rules/, linked from SARIF helpUri, the HTML and Markdown reports)
# are the text of the rule modules: regenerating them changes nothing. A rule changed without
# its page fails here, with the command that brings the pages up to date.
# Env: PACTE (the binary), PACTE_SOURCE_DIR. Exit 125 = skipped.
set -u
PACTE=${PACTE:-}
[ -x "$PACTE" ] || { echo "PACTE is not set to the pacte binary; skipping"; exit 125; }
src=${PACTE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d "${TMPDIR:-/tmp}/pacte-rule-docs-XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   - $1"; }
ko() { echo "FAIL - $1"; fails=$((fails + 1)); }

"$PACTE" rules --docs "$T/rules" 2>"$T/err" || ko "pacte rules --docs failed: $(head -c 300 "$T/err")"
if diff -r "$src/docs/rules" "$T/rules" > "$T/diff"; then ok "docs/rules is what 'pacte rules --docs docs/rules' writes"
else ko "docs/rules is out of date; run: pacte rules --docs docs/rules  ($(head -c 600 "$T/diff"))"; fi

# One page per rule in force, each in both languages, each listed in the index.
ids=$("$PACTE" rules --format json | grep -o '"id": "[A-Z0-9-]*"' | sed 's/.*"\([A-Z0-9-]*\)"/\1/' | sort -u)
n=0; missing=""
for id in $ids; do
  n=$((n + 1))
  page="$T/rules/$id.md"
  if ! { [ -s "$page" ] && grep -q "^# $id — " "$page" && grep -q "^## $id — " "$page" && grep -q "(${id}.md)" "$T/rules/README.md"; }; then
    missing="$missing $id"
  fi
done
if [ "$n" -gt 0 ] && [ -z "$missing" ]; then ok "each of the $n rules has its page in English and French, listed in the index"
else ko "rules without a complete page:$missing (of $n)"; fi

# A help link in a report leads to one of these pages.
git init -q "$T/repo" && echo "# S" > "$T/repo/README.md" && git -C "$T/repo" add -A &&
  git -C "$T/repo" -c user.name=a -c user.email=a@example.org commit -qm init
"$PACTE" audit "$T/repo" --format sarif --output "$T/r.sarif" 2>/dev/null
uris=$(grep -o '"helpUri": "[^"]*docs/rules/[A-Z0-9-]*\.md"' "$T/r.sarif" | sed 's/.*docs\/rules\///; s/"$//')
bad=0; count=0
for u in $uris; do count=$((count + 1)); [ -s "$T/rules/$u" ] || bad=$((bad + 1)); done
if [ "$count" -gt 0 ] && [ "$bad" -eq 0 ]; then ok "the SARIF helpUri of $count built-in rules name existing pages"
else ko "SARIF helpUri: $count links, $bad to missing pages"; fi

[ $fails -eq 0 ] && echo "all rule docs checks passed" || echo "$fails rule docs check(s) failed"
[ $fails -eq 0 ]
