#!/usr/bin/env bash
# Installs test data from the npm registry into DIR (default build/test-data): the SPDX licence
# texts (spdx-license-list) for the licence corpus, and the SARIF validator. Reused when present.
set -euo pipefail
dir=${1:-build/test-data}
mkdir -p "$dir"
want=(spdx-license-list@6 @microsoft/sarif-multitool-linux)
have=1
[ -d "$dir/node_modules/spdx-license-list" ] || have=0
[ -d "$dir/node_modules/@microsoft/sarif-multitool-linux" ] || have=0
if [ $have = 0 ]; then
  echo "test-data: npm install ${want[*]} into $dir"
  [ -f "$dir/package.json" ] || echo "{\"private\": true}" > "$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "${want[@]}" >/dev/null
fi
