#!/usr/bin/env bash
# Renders a pacte HTML report in headless Chromium and checks what a reader gets: the score,
# the verdict, the charts (inline SVG), the failures, no network request, and filters that hide
# results without JavaScript. Leaves a screenshot next to the file (FILE.png, or $SCREENSHOT).
#
# Usage: bash check_html.sh REPORT.html
# Needs Debian's `chromium` (apt-get install -y chromium). Exit: 0 ok, 1 failed, 2 usage, 125 no Chromium.
set -euo pipefail

file=${1:-}
if [[ -z $file || ! -f $file ]]; then
  echo "usage: bash $0 REPORT.html" >&2
  exit 2
fi
chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z $chromium ]]; then
  echo "check_html: chromium not found (Debian: apt-get install -y chromium)" >&2
  exit 125
fi
file=$(realpath "$file")
shot=${SCREENSHOT:-$file.png}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

browse() {  # browse OUTPUT-ARGS... URL
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-extensions --mute-audio \
    --user-data-dir="$work/profile-$RANDOM" --host-resolver-rules="MAP * ~NOTFOUND" "$@" 2>>"$work/chromium.log"
}

fail=0
check() {  # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}

# 1. The DOM as Chromium parsed it.
browse --dump-dom "file://$file" >"$work/dom.html"
dom=$work/dom.html
count() { grep -o "$1" "$dom" | wc -l; }
check "the page parsed (html lang set)" grep -qE '<html lang="(en|fr)"' "$dom"
check "score chart with its accessible title" grep -q '<title id="score-title">' "$dom"
check "verdict shown" grep -qE '<p class="verdict v-[a-z-]+">' "$dom"
check "one chart per principle (5 donuts)" test "$(count '<svg class="donut"')" -ge 5
check "activity chart, or the note saying there is no history" \
  grep -qE '<svg class="activity"|<p class="activity-none">' "$dom"
failures=$(grep -oE '<h2 id="h-results">[^<]*\(([0-9]+)\)' "$dom" | grep -oE '[0-9]+\)$' | tr -d ')')
check "failures heading with a count" test -n "$failures"
if [[ ${failures:-0} -gt 0 ]]; then
  check "one article per failure ($failures)" test "$(count '<article class="finding r ')" -eq "$failures"
  check "evidence and remediation shown" grep -q '<code class="loc">' "$dom"
fi
check "no script in the page" bash -c "! grep -q '<script' '$dom'"
check "no external resource (src=, <link>)" bash -c "! grep -qE '<(img|script|iframe|link|object|embed)[^>]* (src|href)=\"https?:' '$dom'"

# 2. Filters without JavaScript: a copy with the "fail" status unchecked must hide every failure.
#    (The probe script is only in the copy, which drops the page's no-script policy to run it.)
sed -e 's/id="fs-fail" checked="checked"/id="fs-fail"/' \
    -e 's/<meta http-equiv="Content-Security-Policy"[^>]*>//' "$file" >"$work/filtered.html"
cat >>"$work/filtered.html" <<'JS'
<script>
const shown = [...document.querySelectorAll('.r.s-fail')].filter(e => getComputedStyle(e).display !== 'none').length;
const others = [...document.querySelectorAll('.r:not(.s-fail)')].filter(e => getComputedStyle(e).display !== 'none').length;
document.body.setAttribute('data-probe', 'failures-shown=' + shown + ' others-shown=' + others);
</script>
JS
browse --dump-dom "file://$work/filtered.html" >"$work/filtered-dom.html"
probe=$(grep -oE 'data-probe="[^"]*"' "$work/filtered-dom.html" || true)
check "unchecking 'failed' hides the failures, keeps the rest ($probe)" \
  bash -c "[[ '$probe' == *'failures-shown=0 '* ]]"

# 3. A screenshot for a person to look at.
browse --screenshot="$shot" --window-size=1280,2400 --hide-scrollbars "file://$file" >/dev/null
check "screenshot written ($shot)" test -s "$shot"

if [[ $fail -ne 0 ]]; then
  echo "check_html: $file: FAILED" >&2
  exit 1
fi
echo "check_html: $file: ok"
