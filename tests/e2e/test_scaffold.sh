#!/usr/bin/env bash
# End to end: `pacte scaffold` writes the accessibility statement, SECURITY.md and
# CONTRIBUTING.md into a repository generated here; after each, the audit passes the rule the
# file is for; an existing file is never overwritten without --force. Then `pacte init
# --update` adds a tracker found in the code to an existing charter, keeping every other byte
# (comments, key order) as it was, and --dry-run writes nothing.
# Environment (from CTest): PACTE = the binary.
set -uo pipefail
PACTE=${PACTE:?set PACTE to the pacte binary}
if ! command -v git >/dev/null; then echo "skipped: git is not installed"; exit 125; fi
if ! command -v python3 >/dev/null; then echo "skipped: python3 is needed to read the JSON report"; exit 125; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pacte-e2e-scaffold-XXXXXX")
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect_in() { grep -qF -- "$2" "$1" || fail "$1 lacks: $2"; }

# rule_status REPO RULE: the status of RULE in a JSON audit of REPO's files on disk.
rule_status() {
  "$PACTE" audit "$1" --worktree --format json 2>/dev/null |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(next((x["status"] for x in r["results"] if x["rule"]==sys.argv[1]), "absent"))' "$2"
}

repo=$work/service
mkdir -p "$repo/src"
git init -q -b main "$repo"
cat > "$repo/pacte.yml" <<'YAML'
# Charter of the demo service: keep this comment.
pacte: 1
service:
  name: Démarches Démo        # the public name
  operator: Ville d'Exemple
  contacts:
    - {name: Mission numérique, email: numerique@ville-exemple.fr}
openness:
  license: MIT
neutrality:
  advertising: false          # no advertising, ever
  trackers: []                # nothing measured yet
continuity:
  maintainers:
    - {name: Ana Dev, email: ana@ville-exemple.fr}
equal_access:
  languages: [fr]
  accessibility:
    status: partial
    audit_date: 2026-03-01
YAML
echo '<html lang="fr"><head><title>Démo</title></head><body>Bonjour</body></html>' > "$repo/src/index.html"
(cd "$repo" && git add -A && git -c user.name="Ana Dev" -c user.email=ana@ville-exemple.fr commit -qm "First version")

for r in EQ-A11Y-STATEMENT CONT-SECURITY-CONTACT OPEN-CONTRIBUTING; do
  [ "$(rule_status "$repo" $r)" = fail ] || fail "$r should fail before scaffolding (the test would prove nothing)"
done

# The statement (French by default), declared in the charter: both statement rules pass.
"$PACTE" scaffold statement "$repo" > "$work/out.txt" 2>&1 || fail "scaffold statement exited $?"
statement=$repo/docs/accessibilite.md
[ -f "$statement" ] || fail "scaffold statement did not write docs/accessibilite.md"
expect_in "$statement" "partiellement conforme"
expect_in "$statement" "Ville d'Exemple"
expect_in "$statement" "numerique@ville-exemple.fr"
expect_in "$statement" "Libre réponse 71120, 75342 Paris CEDEX"
expect_in "$statement" "[À compléter"
expect_in "$work/out.txt" "statement: docs/accessibilite.md"
sed -i 's|^    status: partial|    statement: docs/accessibilite.md\n    status: partial|' "$repo/pacte.yml"
[ "$(rule_status "$repo" EQ-A11Y-STATEMENT)" = pass ] || fail "EQ-A11Y-STATEMENT does not pass after scaffold statement"
[ "$(rule_status "$repo" EQ-A11Y-STATUS-MATCH)" = pass ] || fail "EQ-A11Y-STATUS-MATCH does not pass after scaffold statement"

# SECURITY.md and CONTRIBUTING.md (in English).
"$PACTE" scaffold security "$repo" --lang en > /dev/null 2>&1 || fail "scaffold security exited $?"
expect_in "$repo/SECURITY.md" "ana@ville-exemple.fr"
[ "$(rule_status "$repo" CONT-SECURITY-CONTACT)" = pass ] || fail "CONT-SECURITY-CONTACT does not pass after scaffold security"
"$PACTE" scaffold contributing "$repo" --lang en > /dev/null 2>&1 || fail "scaffold contributing exited $?"
expect_in "$repo/CONTRIBUTING.md" "[To fill in:"
[ "$(rule_status "$repo" OPEN-CONTRIBUTING)" = pass ] || fail "OPEN-CONTRIBUTING does not pass after scaffold contributing"

# An existing file is never overwritten without --force: exit 2, the file named, unchanged.
echo "our own guide" > "$repo/CONTRIBUTING.md"
"$PACTE" scaffold contributing "$repo" > "$work/out.txt" 2> "$work/err.txt"
rc=$?
[ $rc -eq 2 ] || fail "scaffold over an existing file exited $rc, not 2"
expect_in "$work/err.txt" "CONTRIBUTING.md"
[ "$(cat "$repo/CONTRIBUTING.md")" = "our own guide" ] || fail "scaffold overwrote CONTRIBUTING.md without --force"
"$PACTE" scaffold contributing "$repo" --force > /dev/null 2>&1 || fail "scaffold --force exited $?"
expect_in "$repo/CONTRIBUTING.md" "Démarches Démo"

# init --update: Google Analytics appears in the code.
echo '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>' >> "$repo/src/index.html"
(cd "$repo" && git add -A && git -c user.name="Ana Dev" -c user.email=ana@ville-exemple.fr commit -qm "Measure the audience")
cp "$repo/pacte.yml" "$work/before.yml"
"$PACTE" init --update --dry-run "$repo" > "$work/dry.txt" 2>&1 || fail "init --update --dry-run exited $?"
cmp -s "$repo/pacte.yml" "$work/before.yml" || fail "init --update --dry-run changed the charter"
expect_in "$work/dry.txt" "+    - {name: Google Analytics"
expect_in "$work/dry.txt" "-  trackers: []"
"$PACTE" init --update "$repo" > "$work/update.txt" 2>&1 || fail "init --update exited $?"
expect_in "$work/update.txt" "neutrality.trackers"
expect_in "$repo/pacte.yml" "- {name: Google Analytics, purpose: audience, self_hosted: false}  # added by pacte init --update"
expect_in "$repo/pacte.yml" "found in src/index.html:"
# Every line but the trackers' is kept byte for byte, in order.
diff <(grep -v -e '^  trackers:' -e 'Google Analytics' "$repo/pacte.yml") <(grep -v '^  trackers:' "$work/before.yml") > /dev/null ||
  fail "init --update changed lines other than the trackers': $(diff "$work/before.yml" "$repo/pacte.yml")"
expect_in "$repo/pacte.yml" "  trackers:                # nothing measured yet"
"$PACTE" validate "$repo/pacte.yml" > /dev/null 2>&1 || fail "the updated charter does not validate"
[ "$(rule_status "$repo" NEUT-TRACKERS-DECLARED)" = pass ] || fail "NEUT-TRACKERS-DECLARED does not pass after init --update"
# A second run has nothing to add.
"$PACTE" init --update "$repo" > "$work/again.txt" 2>&1 || fail "a second init --update exited $?"
expect_in "$work/again.txt" "Nothing to add"

# A charter that does not parse: exit 2 with file:line:col, nothing written.
printf 'pacte: 1\nservice: [unclosed\n' > "$repo/pacte.yml"
"$PACTE" init --update "$repo" > /dev/null 2> "$work/err.txt"
rc=$?
[ $rc -eq 2 ] || fail "init --update on a broken charter exited $rc, not 2"
grep -qE 'pacte\.yml:[0-9]+:[0-9]+' "$work/err.txt" || fail "the error does not give file:line:col: $(cat "$work/err.txt")"

if [ $failures -gt 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "scaffold and init --update: all passed"
