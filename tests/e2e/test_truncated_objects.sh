#!/usr/bin/env bash
# libgit2 1.5.1 loops forever on a truncated loose object (libgit2 #7342). pacte inflates loose
# objects itself first: a truncated blob is reported unread, a truncated commit stops the audit
# with exit 2 naming the object. Never a hang.
set -euo pipefail
pacte=${PACTE:?set PACTE}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail=0
make_repo() {
  rm -rf r && git init -q r
  printf 'hello world %.0s' {1..200} > r/a.txt
  git -C r add a.txt && git -C r -c user.name=a -c user.email=a@b commit -qm x
}
truncate_object() {  # truncate_object ID BYTES
  local f=r/.git/objects/${1:0:2}/${1:2}
  chmod u+w "$f" && truncate -s "$2" "$f"
}
make_repo
truncate_object "$(git -C r rev-parse HEAD:a.txt)" 20
timeout 60 "$pacte" audit r --format json --output blob.json && rc=0 || rc=$?
if [ "$rc" = 0 ] && python3 -c "
import json; u = json.load(open('blob.json'))['stats']['unreadable']
assert u[0]['path'] == 'a.txt' and 'truncated' in u[0]['reason'], u"; then
  echo "ok   truncated blob: audit runs, file reported unread"
else echo "FAIL truncated blob (exit $rc)"; fail=1; fi
make_repo
truncate_object "$(git -C r rev-parse HEAD)" 15
timeout 60 "$pacte" audit r 2>err.txt && rc=0 || rc=$?
if [ "$rc" = 2 ] && grep -q "is truncated" err.txt; then echo "ok   truncated commit: exit 2 naming the object"
else echo "FAIL truncated commit (exit $rc)"; cat err.txt; fail=1; fi
exit $fail
