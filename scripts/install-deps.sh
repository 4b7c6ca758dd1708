#!/usr/bin/env bash
# Installs what pacte needs to build (and, with --test, to test), when it is missing:
#   - Debian 12 packages, with apt-get as root (or through sudo);
#   - the npm package spdx-license-list (the SPDX licence texts, CC0), from which the build
#     derives pacte's licence fingerprints; it goes to /usr/local/lib/node_modules, where the
#     build looks for it. No licence text is ever committed to the repository.
# Nothing else is downloaded, and the build itself downloads nothing.
set -euo pipefail
packages=(build-essential cmake ninja-build pkg-config git
          libcli11-dev libyaml-cpp-dev libfmt-dev libgit2-dev doctest-dev nlohmann-json3-dev
          libvalijson-dev libre2-dev libvectorscan-dev libgumbo-dev)
# Node.js and npm may come from another source than Debian (they do on the CI image):
# install Debian's only when there is no npm at all.
command -v npm >/dev/null || packages+=(nodejs npm)
if [ "${1:-}" = "--test" ]; then
  # The test suite also needs: clang (libFuzzer), Chromium (HTML report), xmllint, python3
  # with its yaml module (the evaluation corpus, tests/corpus/evaluate.py), pre-commit (the
  # hooks in .pre-commit-hooks.yaml) and jq (the GitHub Action's steps).
  packages+=(clang libclang-rt-14-dev libxml2-utils chromium python3 python3-yaml pre-commit jq)
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

spdx_version=6.12.0
spdx_dir=/usr/local/lib/node_modules/spdx-license-list
if ! grep -qs "\"version\": \"$spdx_version\"" "$spdx_dir/package.json"; then
  echo "install-deps: installing spdx-license-list@$spdx_version (npm) into /usr/local"
  $sudo npm install -g --prefix /usr/local --silent --no-audit --no-fund "spdx-license-list@$spdx_version" >/dev/null
fi
echo "install-deps: everything is installed"
