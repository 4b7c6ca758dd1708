#!/usr/bin/env bash
# Validates a SARIF file with Microsoft's SARIF Multitool, GitHub and SARIF rule sets
# (`Sarif.Multitool validate --rule-kind "Gh;Sarif"`), and fails on any error-level finding.
# Warnings and notes are printed, not fatal.
#
# Usage: bash validate_sarif.sh FILE.sarif
# The validator comes from the npm package @microsoft/sarif-multitool-linux (a self-contained
# .NET binary), installed on first use into $SARIF_MULTITOOL_DIR (default ~/.cache/pacte/sarif-multitool).
# Exit codes: 0 valid, 1 invalid, 2 usage, 125 validator unavailable (skipped).
set -euo pipefail

file=${1:-}
if [[ -z $file || ! -f $file ]]; then
  echo "usage: bash $0 FILE.sarif" >&2
  exit 2
fi
dir=${SARIF_MULTITOOL_DIR:-$HOME/.cache/pacte/sarif-multitool}
version=${SARIF_MULTITOOL_VERSION:-5.7.0}
tool=$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

if [[ ! -f $tool ]]; then
  if ! command -v npm >/dev/null; then
    echo "validate_sarif: npm not found; install nodejs and npm (Debian: apt-get install -y npm)" >&2
    exit 125
  fi
  mkdir -p "$dir"
  if ! npm install --silent --no-audit --no-fund --prefix "$dir" "@microsoft/sarif-multitool-linux@$version" >&2; then
    echo "validate_sarif: could not install @microsoft/sarif-multitool-linux from npm" >&2
    exit 125
  fi
fi
# npm no longer runs the package's postinstall (chmod u+x) by default.
[[ -x $tool ]] || chmod u+x "$tool"
# Without libicu the .NET runtime aborts; invariant globalisation needs none.
if ! ldconfig -p 2>/dev/null | grep -q libicuuc; then export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1; fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
set +e
"$tool" validate --rule-kind "Gh;Sarif" --level "Error;Warning;Note" --output "$out/validation.sarif" "$file" >"$out/console.txt" 2>&1
status=$?
set -e
grep -E ": (error|warning) " "$out/console.txt" || true
if [[ ! -f $out/validation.sarif ]]; then
  cat "$out/console.txt" >&2
  echo "validate_sarif: the validator did not run (exit $status)" >&2
  exit 1
fi
# Count error-level results and tool failures in the validator's own SARIF log.
errors=$(node -e '
  const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  let n = 0;
  for (const run of log.runs || []) {
    for (const r of run.results || []) if ((r.level || "warning") === "error") n++;
    for (const inv of run.invocations || []) {
      if (inv.executionSuccessful === false) n++;
      for (const t of inv.toolExecutionNotifications || []) if (t.level === "error") n++;
    }
  }
  console.log(n);' "$out/validation.sarif")
warnings=$(grep -cE ": warning " "$out/console.txt" || true)
notes=$(grep -cE ": note " "$out/console.txt" || true)
echo "validate_sarif: $file: $errors errors, $warnings warnings, $notes notes"
[[ $errors -eq 0 ]]
