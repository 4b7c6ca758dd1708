#!/usr/bin/env bash
# End to end: `pacte init` on repositories generated here with the git CLI (with and without
# publiccode.yml, with trackers, with several contributors, a bot and a .mailmap), then
# `pacte validate` on the draft, the refusal to overwrite, --output -, and the suggestions.
# Environment (from CTest): PACTE = the binary, PACTE_SOURCE_DIR = the source tree.
set -uo pipefail
PACTE=${PACTE:?set PACTE to the pacte binary}
if ! command -v git >/dev/null; then echo "skipped: git is not installed"; exit 125; fi
if [ ! -f /usr/share/common-licenses/Apache-2.0 ]; then echo "skipped: /usr/share/common-licenses/Apache-2.0 missing"; exit 125; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pacte-e2e-init-XXXXXX")
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$work"
now=$(date +%s)
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect_in() {  # expect_in FILE TEXT
  grep -qF -- "$2" "$1" || fail "$1 lacks: $2"
}
expect_not_in() {
  ! grep -qF -- "$2" "$1" || fail "$1 should not contain: $2"
}
commit() {  # commit DIR NAME EMAIL DAYS_AGO MESSAGE
  local when=$((now - $4 * 86400))
  (cd "$1" && git add -A && GIT_AUTHOR_NAME="$2" GIT_AUTHOR_EMAIL="$3" GIT_COMMITTER_NAME="$2" GIT_COMMITTER_EMAIL="$3" \
    GIT_AUTHOR_DATE="@$when +0000" GIT_COMMITTER_DATE="@$when +0000" git commit -q --allow-empty -m "$5")
}

# A service with an Apache licence, Amplitude in package.json, Google Analytics in a page,
# translation catalogs, two people (one under two addresses merged by .mailmap) and a bot.
make_service() {  # make_service DIR
  local d=$1
  mkdir -p "$d/src" "$d/locales"
  git init -q -b main "$d"
  cp /usr/share/common-licenses/Apache-2.0 "$d/LICENSE"
  cat > "$d/package.json" <<'JSON'
{"name": "service", "version": "1.0.0", "dependencies": {"@amplitude/analytics-browser": "^2.3.0", "express": "^4.19.2"}}
JSON
  cat > "$d/src/index.html" <<'HTML'
<!DOCTYPE html>
<html lang="fr">
<head>
  <title>Service</title>
  <script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>
  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('config', 'G-ABC123');</script>
</head>
<body><main><h1>Service</h1></main></body>
</html>
HTML
  echo '{"hello": "Bonjour"}' > "$d/locales/fr.json"
  echo '{"hello": "Hello"}' > "$d/locales/en.json"
  echo 'Ali Benali <ali@example.org> <ali.perso@example.net>' > "$d/.mailmap"
  commit "$d" "Jeanne Martin" jeanne@example.org 300 "first"
  for i in 1 2 3 4 5; do echo "j$i" >> "$d/CHANGELOG.md"; commit "$d" "Jeanne Martin" jeanne@example.org $((200 - i)) "j$i"; done
  for i in 1 2; do
    echo "a$i" >> "$d/CHANGELOG.md"; commit "$d" "Ali Benali" ali@example.org $((100 - i)) "a$i"
    echo "p$i" >> "$d/CHANGELOG.md"; commit "$d" "ali" ali.perso@example.net $((90 - i)) "p$i"
  done
  for i in 1 2 3 4 5 6 7 8; do
    echo "b$i" >> "$d/CHANGELOG.md"; commit "$d" "dependabot[bot]" "49699333+dependabot[bot]@users.noreply.github.com" $((40 - i)) "bump $i"
  done
}

echo "== init on a repository with trackers and several contributors"
svc="$work/service"
make_service "$svc"
"$PACTE" init "$svc" > "$work/init.out" 2> "$work/init.err" || fail "init exited $?: $(cat "$work/init.err")"
draft="$svc/pacte.yml"
[ -f "$draft" ] || fail "no pacte.yml written"
"$PACTE" validate "$draft" > /dev/null 2> "$work/validate.err" || fail "the draft does not validate: $(cat "$work/validate.err")"
expect_in "$draft" "license: Apache-2.0"
expect_in "$draft" "- name: Jeanne Martin"
expect_in "$draft" "email: jeanne@example.org"
expect_in "$draft" "- name: Ali Benali"
expect_in "$draft" "4 commits in the last 12 months"
expect_not_in "$draft" "dependabot"
expect_not_in "$draft" "ali.perso@example.net"
expect_in "$draft" "languages: [en, fr]"
expect_in "$draft" "- name: Google Analytics"
expect_in "$draft" "# analytics (Google), found in src/index.html:5"
expect_in "$draft" "- name: Amplitude"
expect_in "$draft" "advertising: true"
expect_in "$draft" "TODO (placeholder)"
expect_in "$draft" "# data_sale: false"
expect_in "$work/init.out" "Score with this draft:"
for n in 1 2 3; do expect_in "$work/init.out" "  $n. +"; done
expect_not_in "$work/init.out" "  4. +"
expect_in "$work/init.out" " points  "

echo "== init refuses to overwrite (exit 2) unless --force"
cp "$draft" "$work/kept.yml"
"$PACTE" init "$svc" > /dev/null 2> "$work/refuse.err"; rc=$?
[ "$rc" = 2 ] || fail "init over an existing pacte.yml exited $rc, expected 2"
expect_in "$work/refuse.err" "--force"
cmp -s "$draft" "$work/kept.yml" || fail "the existing charter was modified"
mv "$draft" "$svc/.pacte.yml"
"$PACTE" init "$svc" --no-audit > /dev/null 2>&1; rc=$?
[ "$rc" = 2 ] || fail "init over an existing .pacte.yml exited $rc, expected 2"
rm "$svc/.pacte.yml"
mkdir -p "$svc/.github" && echo "pacte: 1" > "$svc/.github/pacte.yml"
"$PACTE" init "$svc" --no-audit > /dev/null 2>&1; rc=$?
[ "$rc" = 2 ] || fail "init over an existing .github/pacte.yml exited $rc, expected 2"
"$PACTE" init "$svc" --no-audit --force > /dev/null 2>&1 || fail "init --force failed"
[ -f "$draft" ] || fail "init --force wrote no pacte.yml"
rm -rf "$svc/.github"

echo "== --output - prints the draft and writes nothing"
"$PACTE" init "$svc" --output - > "$work/printed.yml" 2> "$work/printed.err" || fail "init --output - failed"
head -1 "$work/printed.yml" | grep -q "^# pacte charter (format 1)" || fail "--output - did not print the draft first"
expect_in "$work/printed.yml" "license: Apache-2.0"
expect_not_in "$work/printed.yml" "Score with this draft"
expect_in "$work/printed.err" "Score with this draft"
"$PACTE" validate "$work/printed.yml" > /dev/null 2>&1 || fail "the printed draft does not validate"

echo "== init with publiccode.yml"
pc="$work/with-publiccode"
make_service "$pc"
cat > "$pc/publiccode.yml" <<'YAML'
publiccodeYmlVersion: "0.4"
name: "Rendez-vous: mairie #1"
url: https://git.example.org/rdv.git
landingURL: https://rdv.example.org
legal:
  license: Apache-2.0
  mainCopyrightOwner: Ville d'Exemple
maintenance:
  type: contract
  contacts:
    - {name: Prestataire SAS, email: support@presta.example}
localisation:
  availableLanguages: [fr, de]
description:
  fr:
    shortDescription: Prendre rendez-vous en mairie
YAML
commit "$pc" "Jeanne Martin" jeanne@example.org 5 "publiccode"
"$PACTE" init "$pc" --lang fr > "$work/pc.out" 2>&1 || fail "init with publiccode.yml failed: $(cat "$work/pc.out")"
"$PACTE" validate "$pc/pacte.yml" > /dev/null 2>&1 || fail "the publiccode draft does not validate"
expect_in "$pc/pacte.yml" 'name: "Rendez-vous: mairie #1"'
expect_in "$pc/pacte.yml" "url: https://rdv.example.org"
expect_in "$pc/pacte.yml" "operator: Ville d'Exemple"
expect_in "$pc/pacte.yml" "maintenance: contract"
expect_in "$pc/pacte.yml" "- name: Prestataire SAS"
expect_in "$pc/pacte.yml" "description: Prendre rendez-vous en mairie"
expect_in "$pc/pacte.yml" "languages: [fr, de, en]"
expect_in "$pc/pacte.yml" "TODO (valeur d'attente)"
expect_in "$work/pc.out" "Score avec ce brouillon"

echo "== init on a plain folder and on a bare repository"
plain="$work/plain"
mkdir -p "$plain" && cp /usr/share/common-licenses/Apache-2.0 "$plain/LICENSE"
"$PACTE" init "$plain" > "$work/plain.out" 2>&1 || fail "init on a plain folder failed: $(cat "$work/plain.out")"
"$PACTE" validate "$plain/pacte.yml" > /dev/null 2>&1 || fail "the plain-folder draft does not validate"
expect_in "$plain/pacte.yml" "- name: TODO"
git clone -q --bare "$svc" "$work/mirror.git"
"$PACTE" init "$work/mirror.git" > /dev/null 2> "$work/bare.err"; rc=$?
[ "$rc" = 2 ] || fail "init on a bare repository without --output exited $rc, expected 2"
expect_in "$work/bare.err" "--output"
"$PACTE" init "$work/mirror.git" --output "$work/mirror.yml" > "$work/bare.out" 2>&1 || fail "init on a bare repository with --output failed"
"$PACTE" validate "$work/mirror.yml" > /dev/null 2>&1 || fail "the bare-repository draft does not validate"
expect_in "$work/mirror.yml" "- name: Jeanne Martin"

echo "== completions and manual page"
"$PACTE" completion bash > "$work/pacte.bash" || fail "completion bash failed"
bash -c "source '$work/pacte.bash' && complete -p pacte" > "$work/complete.out" 2>&1 || fail "bash rejects the completion script"
expect_in "$work/complete.out" "complete -F _pacte pacte"
"$PACTE" man > "$work/pacte.1" || fail "man failed"
if command -v groff > /dev/null; then
  groff -man -Tascii -ww "$work/pacte.1" > "$work/pacte.txt" 2> "$work/groff.err" || fail "groff failed"
  [ -s "$work/groff.err" ] && fail "groff warnings: $(cat "$work/groff.err")"
  expect_in "$work/pacte.txt" "pacte init"
fi

if [ "$failures" -gt 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "all init checks passed"
