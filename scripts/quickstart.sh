#!/usr/bin/env bash
# Quick start: installs what is missing, builds pacte, and audits the bundled example project
# (made into a git repository with a plausible history under build/example).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DPACTE_TESTS=OFF >/dev/null
cmake --build build --target pacte pacte_docs   # the binary, its man page and completions
bash examples/make-example-repo.sh build/example >/dev/null
echo
./build/pacte audit build/example "$@" || true
