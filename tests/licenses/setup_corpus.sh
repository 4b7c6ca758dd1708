#!/usr/bin/env bash
# Installs the npm package spdx-license-list (full texts of the SPDX licences, CC0) into a
# folder outside the repository and prints the variable the licence tests read:
#   eval "$(bash tests/licenses/setup_corpus.sh build/license-corpus)"
#   ./build/tests/test_license
# Without PACTE_LICENSE_CORPUS the tests still run on Debian's /usr/share/common-licenses and
# say which part they skipped.
set -euo pipefail
dest=${1:-build/license-corpus}
mkdir -p "$dest"
npm install --silent --no-audit --no-fund --prefix "$dest" spdx-license-list@6.12.0 >&2
dir=$(cd "$dest/node_modules/spdx-license-list" && pwd)
test -f "$dir/spdx-full.json" || { echo "setup_corpus.sh: $dir/spdx-full.json missing" >&2; exit 1; }
echo "export PACTE_LICENSE_CORPUS=$dir"
