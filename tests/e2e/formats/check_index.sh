#!/usr/bin/env bash
# Drives the batch dashboard's script in headless Chromium, as a reviewer would: a search by
# name, the verdict and principle filters, a sort by score. The sample is the format tests'
# batch-index.html (rows alpha, beta, gamma, delta; beta fails neutrality; delta was not audited).
#
# Usage: bash check_index.sh batch-index.html
# Exit: 0 ok, 1 failed, 2 usage, 125 no Chromium (or PACTE_SKIP_CHROMIUM=1).
set -euo pipefail

file=${1:-}
if [[ -z $file || ! -f $file ]]; then
  echo "usage: bash $0 batch-index.html" >&2
  exit 2
fi
chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ ${PACTE_SKIP_CHROMIUM:-0} == 1 || -z $chromium ]]; then
  echo "check_index: skipped (no chromium, or PACTE_SKIP_CHROMIUM=1)" >&2
  exit 125
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$file" "$work/page.html"
cat >"$work/harness.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<iframe id="page" src="page.html" style="width:1280px;height:900px;border:0"></iframe>
<script>
document.getElementById('page').onload = function () {
  var d = this.contentDocument, out = [];
  function shown() {
    return Array.prototype.filter.call(d.querySelectorAll('#repos tbody tr'), function (r) { return !r.hidden; })
      .map(function (r) { return r.cells[0].textContent; }).join(',');
  }
  function set(id, value, event) { var e = d.getElementById(id); e.value = value; e.dispatchEvent(new Event(event)); }
  out.push('form-shown=' + !d.getElementById('filters').hidden);
  out.push('all=' + shown());
  set('f-name', 'GAM', 'input'); out.push('search=' + shown() + ' (' + d.getElementById('f-shown').textContent + ')');
  set('f-name', '', 'input');
  set('f-verdict', 'not-audited', 'change'); out.push('verdict=' + shown());
  set('f-verdict', '', 'change');
  set('f-principle', 'neutrality', 'change'); out.push('principle=' + shown());
  set('f-principle', '', 'change');
  d.querySelectorAll('#repos thead button')[1].click();
  out.push('by-score=' + shown() + ' ' + d.querySelectorAll('#repos thead th')[1].getAttribute('aria-sort'));
  document.body.setAttribute('data-probe', out.join(';'));
};
</script></body></html>
HTML
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --allow-file-access-from-files --user-data-dir="$work/profile" --host-resolver-rules="MAP * ~NOTFOUND" \
  --window-size=1280,900 --dump-dom "file://$work/harness.html" 2>/dev/null >"$work/dom.html" || true
probe=$(grep -oE 'data-probe="[^"]*"' "$work/dom.html" | sed -e 's/^data-probe="//' -e 's/"$//' || true)
echo "probe: $probe"
fail=0
expect() {  # expect DESCRIPTION FRAGMENT
  if [[ $probe == *"$2"* ]]; then echo "ok   $1"; else echo "FAIL $1 (wanted '$2')"; fail=1; fi
}
expect "the script shows the filters" "form-shown=true"
expect "every row at first, in location order" "all=alpha,beta,gamma,delta"
expect "a search by name, case-insensitive, says how many are shown" "search=gamma (1 of 4 repositories shown)"
expect "the verdict filter (not audited)" "verdict=delta;"
expect "the principle filter (neutrality failing)" "principle=beta;"
expect "a click on Score sorts by score, the unaudited row first" "by-score=delta,beta,gamma,alpha ascending"
if [[ $fail -ne 0 ]]; then
  echo "check_index: $file: FAILED" >&2
  exit 1
fi
echo "check_index: $file: ok"
