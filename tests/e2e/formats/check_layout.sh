#!/usr/bin/env bash
# Lays a pacte HTML page out in headless Chromium at a desktop width (1280 px) and a phone
# width (390 px) and checks what a reader of each gets: no horizontal overflow of the page, and
# the key elements present and displayed. Prints the page's height at each width (the length a
# reader scrolls), and leaves a screenshot of each (FILE.1280.png, FILE.390.png).
#
# How it measures: Chromium's window cannot be narrower than 500 px, so the page is loaded in
# an <iframe> of the width under test (a real viewport: its media queries apply), inside a
# harness page that reads, once the page has loaded, the page's document.documentElement
# scrollWidth against the iframe's innerWidth, and looks the selectors up in the page. The
# harness writes its findings into its own DOM, which --dump-dom prints. No pixel comparison.
#
# Usage: bash check_layout.sh PAGE.html SELECTOR...   (each SELECTOR must match a displayed element)
# Needs Debian's `chromium`. Exit: 0 ok, 1 failed, 2 usage, 125 no Chromium (or PACTE_SKIP_CHROMIUM=1).
set -euo pipefail

file=${1:-}
if [[ -z $file || ! -f $file ]]; then
  echo "usage: bash $0 PAGE.html SELECTOR..." >&2
  exit 2
fi
shift
chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ ${PACTE_SKIP_CHROMIUM:-0} == 1 ]]; then
  echo "check_layout: skipped (PACTE_SKIP_CHROMIUM=1)" >&2
  exit 125
fi
if [[ -z $chromium ]]; then
  echo "check_layout: chromium not found (Debian: apt-get install -y chromium)" >&2
  exit 125
fi
file=$(realpath "$file")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$file" "$work/page.html"

browse() {  # browse OUTPUT-ARGS... URL
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-extensions --mute-audio \
    --allow-file-access-from-files --user-data-dir="$work/profile-$RANDOM" --host-resolver-rules="MAP * ~NOTFOUND" \
    "$@" 2>>"$work/chromium.log"
}

fail=0
check() {  # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}

selectors=$(printf '%s\n' "$@" | python3 -c 'import json,sys; print(json.dumps([l for l in sys.stdin.read().splitlines() if l]))')
for width in 1280 390; do
  cat >"$work/harness-$width.html" <<HTML
<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="page" src="page.html" style="width:${width}px;height:900px;border:0;display:block"></iframe>
<script>
document.getElementById('page').onload = function () {
  var d = this.contentDocument, w = this.contentWindow.innerWidth, sw = d.documentElement.scrollWidth;
  var missing = ${selectors}.filter(function (s) {
    return !Array.prototype.some.call(d.querySelectorAll(s), function (e) { return e.getClientRects().length > 0; });
  });
  var wide = Array.prototype.filter.call(d.querySelectorAll('.table-wrap'), function (e) { return e.scrollWidth > e.clientWidth + 1; });
  // The innermost elements that reach past the right edge, to say what overflows.
  // (Those inside a box that scrolls or clips sideways do not widen the page.)
  var win = this.contentWindow;
  function clipped(e) {
    for (var a = e.parentElement; a && a !== d.body; a = a.parentElement)
      if (/(auto|scroll|hidden)/.test(win.getComputedStyle(a).overflowX)) return true;
    return false;
  }
  var past = Array.prototype.filter.call(d.body.querySelectorAll('*'), function (e) {
    return e.getBoundingClientRect().right > w + 1 && !clipped(e) &&
      !Array.prototype.some.call(e.children, function (c) { return c.getBoundingClientRect().right > w + 1; });
  }).slice(0, 4).map(function (e) { return e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? '.' + e.className.split(' ')[0] : ''); });
  document.body.setAttribute('data-probe', 'width=' + w + ' scroll-width=' + sw + ' height=' + d.documentElement.scrollHeight +
    ' scrolling-tables=' + wide.length + ' past-the-edge=' + (past.join(',') || 'none') + ' missing=' + missing.join('|'));
};
</script></body></html>
HTML
  browse --window-size=1280,900 --dump-dom "file://$work/harness-$width.html" >"$work/dom-$width.html"
  probe=$(grep -oE 'data-probe="[^"]*"' "$work/dom-$width.html" | sed -e 's/^data-probe="//' -e 's/"$//' || true)
  echo "layout $width px: $probe"
  w=$(sed -nE 's/^width=([0-9]+) .*/\1/p' <<<"$probe")
  sw=$(sed -nE 's/.* scroll-width=([0-9]+) .*/\1/p' <<<"$probe")
  check "$width px: the page loaded in the harness" test -n "$probe"
  check "$width px: no horizontal overflow (scrollWidth ${sw:-?} <= ${w:-?})" test -n "$sw" -a "${sw:-1}" -le "${w:-0}"
  check "$width px: no table scrolls sideways" grep -q 'scrolling-tables=0 ' <<<"$probe"
  check "$width px: key elements displayed (missing: ${probe##*missing=})" test -z "${probe##*missing=}"
  # A screenshot for a person to look at: the page alone at that width.
  shot="${file%.html}.$width.png"
  cat >"$work/shot-$width.html" <<HTML
<!DOCTYPE html><html><body style="margin:0"><iframe src="page.html" style="width:${width}px;height:2400px;border:0"></iframe></body></html>
HTML
  browse --screenshot="$shot" --window-size="$(( width < 500 ? 500 : width ))",2400 --hide-scrollbars "file://$work/shot-$width.html" >/dev/null || true
done

if [[ $fail -ne 0 ]]; then
  echo "check_layout: $file: FAILED" >&2
  exit 1
fi
echo "check_layout: $file: ok"
