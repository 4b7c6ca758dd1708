#!/usr/bin/env bash
# Benchmark of the tracker content pass against `git grep -E -f PATTERNS` over the same tree with
# the same patterns.
#
#   tests/bench/bench_trackers.sh [BUILD_DIR] [FILES] [KB_PER_FILE]
#
# Generates FILES files (default 5000) of about KB_PER_FILE kB (default 20: ~100 MB) of JS,
# Kotlin and HTML with a few planted trackers in a git repository, dumps the patterns the scanner
# uses (as POSIX ERE) and times both, warm cache. Also times pacte's scan with a pattern database
# compiled for this CPU against the one the build stores (compiled for any x86-64).
# BENCH_GREP=0 skips git grep (minutes). Needs python3 and git; exits 125 (skipped) without them
# or without the test binary.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$here/build-trackers}" && pwd)
files=${2:-5000}
kb=${3:-20}
bin=$build/tests/bench_trackers
[[ -x $bin ]] || { echo "no $bin: build the bench_trackers target first" >&2; exit 125; }
command -v python3 >/dev/null && command -v git >/dev/null || { echo "python3 and git are needed" >&2; exit 125; }

work=$(mktemp -d)
if [[ -n ${BENCH_KEEP:-} ]]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
tree=$work/tree
mkdir -p "$tree"

python3 - "$tree" "$files" "$kb" <<'PY'
import os, random, sys
root, n, kb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(42)
words = ("user session request response value index count total result handler service config item list "
         "page form field label button render update create delete fetch submit validate format parse").split()
def ident():
    return rnd.choice(words) + rnd.choice(words).capitalize()
js = [lambda: f"  const {ident()} = await {ident()}({rnd.randint(0, 999)}, '{rnd.choice(words)}');",
      lambda: f"  if ({ident()}.length > {rnd.randint(1, 99)}) {{ return {ident()}; }}",
      lambda: f"  // {rnd.choice(words)} the {rnd.choice(words)} before {rnd.choice(words)}",
      lambda: f"  export function {ident()}({ident()}, {ident()}) {{ return {ident()} + 1; }}",
      lambda: f"  fetch('/api/{rnd.choice(words)}/{rnd.randint(1, 9999)}').then(r => r.json());"]
kt = [lambda: f"    val {ident()} = {ident()}.{ident()}({rnd.randint(0, 99)})",
      lambda: f"    fun {ident()}(x: Int): Int = x * {rnd.randint(2, 9)}",
      lambda: f"    import org.example.{rnd.choice(words)}.{ident().capitalize()}",
      lambda: f"    // {rnd.choice(words)} {rnd.choice(words)} {rnd.choice(words)}"]
html = [lambda: f"  <div class=\"{rnd.choice(words)}\"><a href=\"/{rnd.choice(words)}\">{rnd.choice(words)}</a></div>",
        lambda: f"  <p>{' '.join(rnd.choice(words) for _ in range(12))}</p>",
        lambda: f"  <img src=\"/static/{rnd.choice(words)}.png\" alt=\"{rnd.choice(words)}\">"]
# File i is JS when i % 3 == 0, Kotlin when 1, HTML when 2.
planted = {6: "  gtag('config', 'G-ABCDEF1234');",
           77: "<script async src=\"https://www.googletagmanager.com/gtm.js?id=GTM-ABC1234\"></script>",
           778: "    import com.google.android.gms.ads.MobileAds",
           1776: "  fbq('init', '1234567890');",
           3777: "  const dsn = 'https://abc@o1.ingest.sentry.io/2';"}
for i in range(n):
    kind = i % 3
    d = os.path.join(root, ["web/src", "app/src/main/java/org/example", "templates"][kind], f"m{i // 100:03d}")
    os.makedirs(d, exist_ok=True)
    gen, ext = [(js, "js"), (kt, "kt"), (html, "html")][kind]
    lines, size = [], 0
    while size < kb * 1024:
        line = rnd.choice(gen)()
        lines.append(line)
        size += len(line) + 1
    if i in planted:
        lines.insert(len(lines) // 2, planted[i])
    with open(os.path.join(d, f"f{i:05d}.{ext}"), "w") as f:
        f.write("\n".join(lines) + "\n")
PY

git -C "$tree" init -q
git -C "$tree" -c user.name=bench -c user.email=bench@example.org add -A
git -C "$tree" -c user.name=bench -c user.email=bench@example.org commit -qm tree
patterns=$work/patterns.txt
"$bin" patterns "$patterns" 2>/dev/null
bytes=$(du -sb --exclude=.git "$tree" | cut -f1)
echo "tree: $files files, $((bytes / 1048576)) MB; patterns: $(wc -l <"$patterns")"

cat "$tree"/*/*/* >/dev/null 2>&1 || true
find "$tree" -type f -not -path '*/.git/*' -exec cat {} + >/dev/null

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
best_of() {  # best of $RUNS runs, in ms
  local best=999999999 t0 t1
  for _ in $(seq "$RUNS"); do
    t0=$(now_ms); "$@" >/dev/null 2>&1 || true; t1=$(now_ms)
    (( t1 - t0 < best )) && best=$((t1 - t0))
  done
  echo "$best"
}
cd "$tree"
# git grep with hundreds of ERE alternatives takes minutes: one run each unless asked.
RUNS=${BENCH_GREP_RUNS:-1}
if [[ ${BENCH_GREP:-1} != 0 ]]; then
  t0=$(now_ms); matches=$(git grep -I -n -E -f "$patterns" | wc -l); t1=$(now_ms)
  grep_ms=$((t1 - t0))
fi
if [[ ${BENCH_SINGLE_THREAD:-0} == 1 ]]; then
  grep1_ms=$(best_of git grep --threads 1 -I -n -E -f "$patterns")
else
  grep1_ms=
fi
pacte_ms=999999999
for _ in 1 2 3; do
  out=$("$bin" scan "$tree" | grep '^pacte-trackers:')
  ms=$(sed -E 's/.* total_ms=([0-9]+).*/\1/' <<<"$out")
  (( ms < pacte_ms )) && pacte_ms=$ms && line=$out
done
echo "$line"
host_ms=999999999
for _ in 1 2 3; do
  ms=$("$bin" scan-host "$tree" | sed -nE 's/^pacte-trackers:.* total_ms=([0-9]+).*/\1/p')
  (( ms < host_ms )) && host_ms=$ms
done
echo "pacte tracker scan (1 thread), database stored for any x86-64: ${pacte_ms} ms"
echo "pacte tracker scan (1 thread), database compiled for this CPU: ${host_ms} ms"
[[ ${BENCH_GREP:-1} == 0 ]] && exit 0
echo "git grep -E -f (default threads): ${grep_ms} ms, ${matches} matching lines"
[[ -n $grep1_ms ]] && echo "git grep -E -f (--threads 1):     ${grep1_ms} ms"
echo "pacte tracker scan (1 thread):    ${pacte_ms} ms"
awk -v g="$grep_ms" -v p="$pacte_ms" 'BEGIN { printf "ratio git-grep/pacte: %.1fx (git grep with its default threads)\n", g / p }'
[[ -n $grep1_ms ]] && awk -v g="$grep1_ms" -v p="$pacte_ms" 'BEGIN { printf "ratio git-grep/pacte: %.1fx (both 1 thread)\n", g / p }'
exit 0
