#!/usr/bin/env bash
# Renders the format tests' sample reports and checks them with external tools: every SARIF
# with Microsoft's SARIF validator, the JUnit XML and the HTML page with xmllint, and the HTML
# page in headless Chromium (DOM, filters, screenshot), and every HTML page (reports and the
# batch dashboard) laid out at 1280 px and 390 px (check_layout.sh: no horizontal overflow, key
# elements displayed).
#
# Usage: bash check_samples.sh PATH/TO/test_formats [OUT-DIR]
# Exit: 0 ok, 1 a check failed, 125 a tool is missing (the checks that could run, ran).
set -uo pipefail

binary=${1:?usage: bash check_samples.sh PATH/TO/test_formats [OUT-DIR]}
out=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
PACTE_FORMATS_SAMPLES=$out "$binary" >/dev/null || { echo "check_samples: $binary failed" >&2; exit 1; }

status=0
note() {  # note EXIT-CODE: keep the worst (1 beats 125 beats 0)
  if [[ $1 -eq 1 ]]; then status=1; elif [[ $1 -ne 0 && $status -eq 0 ]]; then status=$1; fi
}
for f in "$out"/*.sarif; do
  bash "$here/validate_sarif.sh" "$f" | tail -n 1
  note "${PIPESTATUS[0]}"
done
if command -v xmllint >/dev/null; then
  for f in "$out"/*.xml "$out"/*.html "$out"/*.svg; do
    [[ $(basename "$f") == batch-index* ]] && continue  # HTML5 with a script, not XHTML: Chromium checks it below
    if xmllint --noout "$f"; then echo "xmllint: $f: well-formed"; else note 1; fi
  done
else
  echo "check_samples: xmllint not found (Debian: apt-get install -y libxml2-utils)" >&2
  note 125
fi
for f in "$out"/*.html; do
  case $(basename "$f") in
    batch-index*.html)
      # The batch dashboard: the verdicts, the principle bands, the table, the filters (shown by its script).
      bash "$here/check_layout.sh" "$f" '#verdicts li' '.bar' '#principle-scores' '#repos tbody tr' '#filters' \
        '#repos th[scope=row] a' | grep -E '^(FAIL|layout|check_layout)'
      note "${PIPESTATUS[0]}"
      if [[ $(basename "$f") == batch-index.html ]]; then
        bash "$here/check_index.sh" "$f" | grep -E '^(FAIL|check_index)'
        note "${PIPESTATUS[0]}"
      fi ;;
    *)
      bash "$here/check_html.sh" "$f" | tail -n 1
      note "${PIPESTATUS[0]}"
      # A repository's page at a desktop and a phone width.
      bash "$here/check_layout.sh" "$f" 'h1' '.verdict' 'svg.donut' '#h-results' '.filters' 'details.evidence' \
        | grep -E '^(FAIL|layout|check_layout)'
      note "${PIPESTATUS[0]}" ;;
  esac
done
echo "check_samples: outputs and screenshots in $out"
exit $status
