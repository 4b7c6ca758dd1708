#!/usr/bin/env bash
# Builds a git repository of the bundled example project in DEST, with a plausible history:
# two maintainers and a regular contributor sharing the work over the last year, a mailmap, a bot, and tagged releases.
# Usage: examples/make-example-repo.sh DEST   (dates count back from SOURCE_DATE_EPOCH or now)
set -euo pipefail
dest=${1:?usage: make-example-repo.sh DEST}
src="$(cd "$(dirname "$0")" && pwd)/trouve-ton-emploi"
now=${SOURCE_DATE_EPOCH:-$(date +%s)}
rm -rf "$dest"
mkdir -p "$dest"
cp -R "$src/." "$dest/"
cd "$dest"
git init -q -b main .
git config user.name "pacte example"
git config user.email "example@invalid"
commit() {  # commit AUTHOR EMAIL DAYS_AGO MESSAGE
  local when=$((now - $3 * 86400))
  GIT_AUTHOR_NAME="$1" GIT_AUTHOR_EMAIL="$2" GIT_COMMITTER_NAME="$1" GIT_COMMITTER_EMAIL="$2" \
  GIT_AUTHOR_DATE="@$when +0000" GIT_COMMITTER_DATE="@$when +0000" \
    git commit -q --allow-empty -m "$4"
}
git add -A
commit "Jeanne Martin" jeanne@example.org 400 "First version of the coaching service"
i=0
for days in 350 330 300 270 240 210 180 150 120 95 80 60 45 30 20 12 5; do
  i=$((i + 1))
  echo "- change $i" >> CHANGELOG.md
  git add CHANGELOG.md
  if (( i % 3 == 0 )); then commit "Sofia Haddad" sofia@example.org "$days" "Translate the journal pages ($i)"
  elif (( i % 2 )); then commit "Ali Benali" ali@example.org "$days" "Improve offer search ($i)"
  else commit "Jeanne Martin" jeanne@example.org "$days" "Update journal and plans ($i)"; fi
  if [ "$days" = 210 ]; then GIT_COMMITTER_DATE="@$((now - 210 * 86400)) +0000" git tag -a v2.2.0 -m "Release 2.2.0"; fi
done
echo "- dependency update" >> CHANGELOG.md
git add CHANGELOG.md
commit "dependabot[bot]" "49699333+dependabot[bot]@users.noreply.github.com" 3 "Bump express from 4.19.1 to 4.19.2"
GIT_COMMITTER_DATE="@$((now - 2 * 86400)) +0000" git tag -a v2.3.0 -m "Release 2.3.0"
echo "$dest"
