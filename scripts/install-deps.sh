#!/usr/bin/env bash
# Installs the Debian 12 packages pacte needs to build and test, when they are missing.
# Runs apt-get as root (or through sudo). Nothing is downloaded from anywhere else.
set -euo pipefail
packages=(build-essential cmake ninja-build pkg-config git
          libcli11-dev libyaml-cpp-dev libfmt-dev libgit2-dev doctest-dev nlohmann-json3-dev
          libvalijson-dev libre2-dev libvectorscan-dev libgumbo-dev)
if [ "${1:-}" = "--test" ]; then
  # The test suite also needs: clang (libFuzzer), Chromium (HTML report), Node.js (SARIF validator).
  packages+=(clang libclang-rt-14-dev libxml2-utils chromium)
  # Node.js and npm may come from another source than Debian (they do on the CI image):
  # install Debian's only when there is no npm at all.
  command -v npm >/dev/null || packages+=(nodejs npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything is installed"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
