#!/usr/bin/env bash
# Benchmark of an audit of a template-heavy tree against `git grep` over the same tree.
#
# Generates (git fast-import, one commit) a tree of $FILES files (default 100,000, about 10 kB
# each on average: 1 GB) laid out like a public service's web front: server templates (Twig,
# ERB, Jinja) and HTML pages with links, forms and images, partials that hold none of the
# markup the accessibility checks read (layout blocks, text), JSX/TSX and Vue components, plain
# JavaScript modules, a few CSS and Markdown files. Then times, in the same run, the CPU
# (user + sys) of
#   pacte audit REPO --format json          (the whole audit)
#   git grep -E -f PATTERNS HEAD            (12 tracker patterns, its default threads)
# and prints both and their ratio, with how many pages pacte checked.
#
# Usage: tests/bench/bench_templates.sh [path/to/pacte]
#   env: FILES (100000), RUNS (1: the best of RUNS is kept), KEEP=1 keeps the repository,
#        BENCH_DIR (reuses a repository generated there before, with the same FILES).
# Exits 125 (skipped) without the binary, python3 or GNU time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pacte=${1:-$root/build/pacte}
[[ -x $pacte ]] || { echo "bench_templates: $pacte not found; build it first" >&2; exit 125; }
command -v python3 >/dev/null || { echo "bench_templates: python3 is needed" >&2; exit 125; }
[[ -x /usr/bin/time ]] || { echo "bench_templates: GNU time (/usr/bin/time) is needed" >&2; exit 125; }
files=${FILES:-100000}
runs=${RUNS:-1}
work=${BENCH_DIR:-$(mktemp -d /tmp/pacte-bench-templates.XXXXXX)}
repo=$work/repo-$files
trap '[[ ${KEEP:-0} == 1 || -n ${BENCH_DIR:-} ]] || rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

if [[ ! -d $repo ]]; then
  git init -q -b main "$repo"
  s=$(date +%s)
  python3 - "$files" <<'PY' | git -C "$repo" fast-import --quiet
import random, sys
files = int(sys.argv[1])
rnd = random.Random(19)
out = sys.stdout.buffer
words = ("demande dossier usager service public aide logement formulaire pièce justificative "
         "commune département date dépôt instruction décision statut agent compte profil "
         "message notification allocation montant revenu foyer").split()

def make_sentence(n):
    return " ".join(rnd.choice(words) for _ in range(n)).capitalize() + "."

# Sentences are drawn from a pool: generating 1 GB word by word would take minutes.
pool = [make_sentence(rnd.randint(8, 30)) for _ in range(4000)]

def sentence(n):
    return pool[rnd.randrange(len(pool))]

def paragraphs(target):
    parts, size = [], 0
    while size < target:
        p = pool[rnd.randrange(len(pool))]
        parts.append(p)
        size += len(p) + 16
    return parts

def page(i, target):  # a page with links, a form and images (some defects among them)
    body = []
    for k, p in enumerate(paragraphs(target)):
        if k % 9 == 0:
            body.append('<a href="/dossiers/%d/%d" class="fr-link">%s</a>' % (i, k, p[:40]))
        elif k % 13 == 0:
            body.append('<label for="champ-%d">%s</label>\n<input id="champ-%d" name="c%d" type="text">' % (k, p[:30], k, k))
        elif k % 17 == 0:
            body.append('<img src="/img/%d.png"%s>' % (k, ' alt=""' if k % 2 else ""))
        else:
            body.append("<p class=\"fr-text\">%s</p>" % p)
    return ("<!DOCTYPE html>\n<html lang=\"fr\">\n<head><meta charset=\"utf-8\"><title>Page %d</title></head>\n"
            "<body>\n<main id=\"contenu\">\n%s\n</main>\n</body>\n</html>\n" % (i, "\n".join(body)))

def partial(i, target, open_, close):  # a block of text and layout only: nothing a check reads
    body = ["<div class=\"fr-col-12\">%s %s %s</div>" % (open_, sentence(3), close) if k % 7 == 0 else
            "<p>%s</p>" % p for k, p in enumerate(paragraphs(target))]
    return "<section class=\"fr-container\">\n%s\n</section>\n" % "\n".join(body)

def script(i, target):
    lines = []
    while sum(len(l) for l in lines) < target:
        k = len(lines)
        lines.append("export function traite%d_%d(dossier) {\n  const total = dossier.montant * %d;\n"
                     "  if (total < %d && dossier.statut > 0) return total;\n  return null;\n}\n" % (i, k, k, k * 7))
    return "// module %d\n%s" % (i, "".join(lines))

def component(i, target):
    items = "\n".join('      <li key="%d"><a href="/aide/%d">%s</a></li>' % (k, k, p[:50])
                      for k, p in enumerate(paragraphs(target)))
    return ("import React from 'react';\n\nexport default function Liste%d({ aides }) {\n  return (\n"
            "    <ul className=\"fr-list\">\n%s\n    </ul>\n  );\n}\n" % (i, items))

def vue(i, target):
    items = "\n".join('    <p class="fr-text">{{ aide%d }} %s</p>' % (k, p) for k, p in enumerate(paragraphs(target)))
    return ("<template>\n  <div class=\"fr-container\">\n%s\n    <button type=\"button\" @click=\"suite\">Suivant</button>\n"
            "  </div>\n</template>\n\n<script>\nexport default { name: 'Etape%d' };\n</script>\n" % (items, i))

def text(i):
    target = int(rnd.lognormvariate(9.1, 0.6))  # median 9 kB, mean about 10 kB, a few over 50 kB
    kind = i % 20
    if kind < 4: return "templates/pages/page%d.html.twig" % i, page(i, target)
    if kind < 6: return "app/views/dossiers/show%d.html.erb" % i, page(i, target)
    if kind < 7: return "site/pages/page%d.html" % i, page(i, target)
    if kind < 10: return "templates/blocks/bloc%d.html.twig" % i, partial(i, target, "{{ bloc.titre }}", "{% endif %}")
    if kind < 11: return "app/views/shared/_bloc%d.html.erb" % i, partial(i, target, "<%= bloc.titre %>", "")
    if kind < 15: return "src/lib/mod%d/util%d.js" % (i % 97, i), script(i, target)
    if kind < 17: return "src/components/Liste%d.jsx" % i, component(i, target)
    if kind < 18: return "src/views/Etape%d.vue" % i, vue(i, target)
    if kind < 19: return "assets/css/style%d.css" % i, ".fr-bloc-%d { margin: 0 %dpx; }\n" % (i, i % 9) * (target // 32)
    return "docs/page%d.md" % i, "## Section %d\n\n%s\n" % (i, "\n\n".join(paragraphs(target)))

paths = []
for i in range(files):
    p, d = text(i)
    data = d.encode()
    out.write(b"blob\nmark :%d\ndata %d\n" % (i + 1, len(data))); out.write(data); out.write(b"\n")
    paths.append(p)
extra = {"package.json": b'{"name":"bench","dependencies":{"react":"^18.2.0","vue":"^3.4.0"}}\n',
         "README.md": b"# Bench service\n\nA generated template-heavy tree.\n"}
mark = files + 1
for p, d in extra.items():
    out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(d))); out.write(d); out.write(b"\n")
    paths.append(p); mark += 1
out.write(b"commit refs/heads/main\nmark :%d\nauthor Dev <dev@example.org> 1700000000 +0000\n"
          b"committer Dev <dev@example.org> 1700000000 +0000\ndata 5\nbench\n" % mark)
for k, p in enumerate(paths):
    out.write(b"M 100644 :%d %s\n" % (k + 1, p.encode()))
PY
  # Every blob stored whole, as the blobs of a real HEAD mostly are (git keeps the newest version
  # of a file whole and deltas older ones against it); fast-import had deltified look-alike pages
  # against each other, which would make both tools pay for delta chains.
  git -C "$repo" repack -adfq --window=0
  echo "bench_templates: generated $files files in $(( $(date +%s) - s )) s"
fi
patterns=$work/patterns.txt
printf '%s\n' 'googletagmanager\.com' 'google-analytics\.com' 'connect\.facebook\.net' 'gtag\(' 'fbq\(' '_paq\.push' \
  'adsbygoogle' 'plausible\.io' 'amplitude\.com' 'hotjar\.com' 'matomo\.js' 'sentry\.io' > "$patterns"

cpu() {  # cpu CMD...: the lowest user+sys CPU seconds over $runs runs
  local best=
  for ((r = 0; r < runs; r++)); do
    local t
    /usr/bin/time -o "$work/time.$$.txt" -f '%U %S' "$@" >/dev/null 2>&1 || true
    t=$(tail -n 1 "$work/time.$$.txt" | awk '{ printf "%.2f", $1 + $2 }')
    if [[ -z $best ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
  done
  echo "$best"
}
mb=$(git -C "$repo" ls-tree -r -l HEAD | awk '{ s += $4 } END { printf "%.0f", s / 1e6 }')
nfiles=$(git -C "$repo" ls-tree -r HEAD | wc -l)
git -C "$repo" grep -E -f "$patterns" HEAD >/dev/null || true   # warm the page cache
p=$(cpu "$pacte" audit "$repo" --format json)
g=$(cpu git -C "$repo" grep -E -f "$patterns" HEAD)
pages=$("$pacte" audit "$repo" --format json 2>/dev/null | python3 -c \
  'import json, sys; print(json.load(sys.stdin).get("facts", {}).get("accessibility_pages", {}).get("checked", "?"))' || echo "?")
echo "bench_templates: $nfiles files, $mb MB, $pages pages checked"
echo "bench_templates: pacte audit CPU       ${p} s"
echo "bench_templates: git grep -E -f CPU    ${g} s"
awk -v p="$p" -v g="$g" 'BEGIN { printf "bench_templates: ratio pacte / git grep  %.2f\n", p / (g > 0 ? g : 0.01) }'
