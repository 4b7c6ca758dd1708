#!/usr/bin/env bash
# End to end: tracker findings that real repositories showed pacte misjudging, as fixture
# folders audited with --worktree through the pacte binary: a commented-out Kotlin ad block, a
# UTF-16 page with AdSense, a Grails .gsp layout with Hotjar, a support chat widget.
# Env (from CTest): PACTE = the binary, PACTE_SOURCE_DIR = the source tree.
set -euo pipefail
pacte=${PACTE:?set PACTE to the pacte binary}
src=${PACTE_SOURCE_DIR:?set PACTE_SOURCE_DIR}
command -v python3 >/dev/null || { echo "skip: python3 is needed"; exit 125; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1790000000
fail=0
check() {  # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}
# status REPORT RULE: the status of RULE in the JSON report.
status() {
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print([x['status'] for x in r['results'] if x['rule']==sys.argv[2]][0])" "$1" "$2"
}
# The bundled example's charter (no advertising), declaring the trackers given as YAML flow
# items instead of its own.
charter() {  # charter DIR TRACKERS
  python3 - "$src/examples/trouve-ton-emploi/pacte.yml" "$1/pacte.yml" "$2" <<'PY'
import sys
text = open(sys.argv[1]).read()
old = "  trackers:\n    - {name: Matomo, purpose: audience, self_hosted: true, consent: exempt}\n"
assert old in text, "the example charter changed: update this test"
open(sys.argv[2], "w").write(text.replace(old, "  trackers: [" + sys.argv[3] + "]\n"))
PY
}

# 1. An Android app whose ad handler was commented out years ago, no ads dependency left.
app=$work/notes
mkdir -p "$app/app/src/main/java/org/example/notes"
cat >"$app/app/build.gradle" <<'EOF'
dependencies {
    implementation 'androidx.appcompat:appcompat:1.6.1'
}
EOF
cat >"$app/app/src/main/java/org/example/notes/AdHandler.kt" <<'EOF'
package org.example.notes

/*
import com.google.android.gms.ads.AdRequest
import com.google.android.gms.ads.AdView

class AdHandler(private val view: AdView) {
    fun show() = view.loadAd(AdRequest.Builder().build())
}
*/
EOF
cat >"$app/app/src/main/java/org/example/notes/Main.kt" <<'EOF'
package org.example.notes

class Main  // ads: com.google.android.gms.ads.MobileAds was removed
EOF
charter "$app" ""
"$pacte" audit "$app" --worktree --format json --output "$work/notes.json" || true
check "a commented-out ad block passes NEUT-AD-SDK" test "$(status "$work/notes.json" NEUT-AD-SDK)" = pass
check "the AdMob evidence has context comment" python3 -c "
import json; t = [x for x in json.load(open('$work/notes.json'))['facts']['trackers'] if x['id'] == 'google-admob']
assert t and t[0]['context'] == 'comment' and t[0]['only_dev_or_test'], t
assert {e['line'] for e in t[0]['evidence'] if e['path'].endswith('AdHandler.kt')} == {4, 5}, t"
rm "$app/pacte.yml"
"$pacte" init "$app" --worktree --no-audit --output "$work/notes-draft.yml" >/dev/null 2>&1 || true
check "pacte init drafts no advertising tracker from a comment" bash -c "
  test -s '$work/notes-draft.yml' && ! grep -q 'purpose: advertising' '$work/notes-draft.yml' &&
  ! grep -q 'advertising code detected' '$work/notes-draft.yml'"

# 2. A UTF-16 page (with BOM) that loads AdSense and Google Analytics.
site=$work/site
mkdir -p "$site/public"
python3 - "$site/public/index.html" <<'PY'
import sys
page = ('<!DOCTYPE html>\r\n<html lang="fr">\r\n<head>\r\n<meta charset="utf-16">\r\n'
        '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-0000"></script>\r\n'
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-EXEMPLE1"></script>\r\n'
        '</head>\r\n<body><p>Horaires d\u2019ouverture</p></body>\r\n</html>\r\n')
open(sys.argv[1], 'wb').write(page.encode('utf-16'))  # Python writes the BOM
PY
charter "$site" ""
"$pacte" audit "$site" --worktree --format json --output "$work/site.json" || true
check "a UTF-16 page with AdSense fails NEUT-AD-SDK" test "$(status "$work/site.json" NEUT-AD-SDK)" = fail
check "the AdSense evidence is at line 5 of the page" python3 -c "
import json; t = [x for x in json.load(open('$work/site.json'))['facts']['trackers'] if x['id'] == 'google-adsense']
assert t and t[0]['context'] == 'code' and t[0]['evidence'][0]['line'] == 5, t"

# 3. A Grails layout (.gsp) loading Hotjar, declared in the charter.
grails=$work/grails
mkdir -p "$grails/grails-app/views/layouts"
cat >"$grails/grails-app/views/layouts/main.gsp" <<'EOF'
<!doctype html>
<html>
<head>
<g:if test="${grailsApplication.config.hotjar.enabled}">
<script>
  (function(h,o,t,j,a,r){ h._hjSettings={hjid:${hotjarId},hjsv:6};
   r=o.createElement('script');r.src=t+h._hjSettings.hjid+j;
  })(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');
</script>
</g:if>
<g:layoutHead/>
</head>
</html>
EOF
charter "$grails" "{name: Hotjar, purpose: session-replay, self_hosted: false, consent: required}"
"$pacte" audit "$grails" --worktree --format json --output "$work/grails.json" || true
check "Hotjar is found in the .gsp layout" python3 -c "
import json; t = [x for x in json.load(open('$work/grails.json'))['facts']['trackers'] if x['id'] == 'hotjar']
assert t and t[0]['context'] == 'code' and t[0]['evidence'][0]['path'].endswith('main.gsp'), t"
check "the declared Hotjar is not stale (NEUT-TRACKERS-STALE passes)" test "$(status "$work/grails.json" NEUT-TRACKERS-STALE)" = pass

# 4. A support chat widget: undeclared it fails NEUT-TRACKERS-DECLARED, declared it passes.
chat=$work/chat
mkdir -p "$chat/templates"
cat >"$chat/templates/base.html.twig" <<'EOF'
<script>
  window.$crisp = []; window.CRISP_WEBSITE_ID = "{{ crisp_website_id }}";
  {% if app.user %}$crisp.push(["set", "user:email", ["{{ app.user.email }}"]]);{% endif %}
</script>
<script src="https://client.crisp.chat/l.js" async></script>
EOF
charter "$chat" ""
"$pacte" audit "$chat" --worktree --format json --output "$work/chat.json" || true
check "an undeclared chat widget fails NEUT-TRACKERS-DECLARED" test "$(status "$work/chat.json" NEUT-TRACKERS-DECLARED)" = fail
check "the widget is in category support-chat" python3 -c "
import json; t = [x for x in json.load(open('$work/chat.json'))['facts']['trackers'] if x['id'] == 'crisp']
assert t and t[0]['category'] == 'support-chat', t"
charter "$chat" "{name: Crisp, purpose: support, self_hosted: false, consent: required}"
"$pacte" validate "$chat/pacte.yml" >/dev/null 2>&1 && rc=0 || rc=$?
check "the charter accepts purpose: support" test "$rc" = 0
"$pacte" audit "$chat" --worktree --format json --output "$work/chat2.json" || true
check "a declared chat widget passes NEUT-TRACKERS-DECLARED" test "$(status "$work/chat2.json" NEUT-TRACKERS-DECLARED)" = pass

exit $fail
