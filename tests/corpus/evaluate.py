#!/usr/bin/env python3
"""Measures pacte's detectors on the evaluation corpus (tests/corpus/*/).

Each project of the corpus is a folder with `tree/` (the files of a small repository, as plain
text) and `expected.yml` (what a reviewer reading the project by hand finds in it). For each
project this script builds a git repository from `tree/` in a temporary folder, runs
`pacte audit --format json` on it, and compares the report with `expected.yml`, category by
category. It prints the true and false positives and negatives, precision and recall per
category and every miss and false alarm with its path:line, then compares the figures with
`thresholds.yml` and exits 1 when a category falls below its threshold.

Exit codes: 0 all categories at or above their thresholds, 1 some below (or a project could
not be audited), 2 usage error or a malformed corpus file, 125 when python3-yaml or git is
missing (the CTest test reports a skip, never a pass).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    print("skip: the Python module yaml is needed (Debian package python3-yaml)")
    sys.exit(125)

# The report's tracker categories, grouped into the corpus's three tracker families.
ADS_CATEGORIES = {"ads"}
SUPPORT_CATEGORIES = {"support-chat"}
# The rules whose evidence is a template defect (see rules/equal_access.yml).
TEMPLATE_RULES = {"EQ-IMG-ALT", "EQ-PAGE-LANG-TITLE", "EQ-FORM-LABELS", "EQ-LINK-BUTTON-NAMES",
                  "EQ-FRAME-TITLE", "EQ-ZOOM", "EQ-KEYBOARD-MOTION"}
# The categories measured, in the order the table prints them.
CATEGORIES = ["trackers", "ads", "support_widgets", "a11y_defects", "statement", "statement_status",
              "languages"]
# The keys an expected.yml may hold.
EXPECTED_KEYS = {"about", "trackers", "ads", "support_widgets", "a11y_defects", "statement", "languages"}


class CorpusError(Exception):
    """A corpus file that cannot be read as this script expects; the message names the file."""


class Tally:
    """True positives, false positives and false negatives of one category, with the details."""

    def __init__(self):
        self.tp = 0
        self.fp = []  # each: "project: what (path:line)"
        self.fn = []

    def precision(self):
        found = self.tp + len(self.fp)
        return 1.0 if found == 0 else self.tp / found

    def recall(self):
        expected = self.tp + len(self.fn)
        return 1.0 if expected == 0 else self.tp / expected


def where(item):
    """Returns "path:line" (or "path") of an expected item or an evidence entry."""
    line = item.get("line")
    return f"{item.get('path')}:{line}" if line is not None else str(item.get("path"))


def load_yaml(path):
    """Reads a YAML file, naming the file in any error."""
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        raise CorpusError(f"{path}: {e}") from e


def build_repository(tree, work):
    """Copies `tree` into `work` and commits it there (fixed author and date: reproducible)."""
    shutil.copytree(tree, work)
    env = dict(os.environ, GIT_AUTHOR_NAME="Corpus", GIT_AUTHOR_EMAIL="corpus@example.org",
               GIT_COMMITTER_NAME="Corpus", GIT_COMMITTER_EMAIL="corpus@example.org",
               GIT_AUTHOR_DATE="2026-01-15T12:00:00Z", GIT_COMMITTER_DATE="2026-01-15T12:00:00Z")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "corpus project"]):
        subprocess.run(["git", "-c", "core.autocrlf=false", *args], cwd=work, env=env, check=True,
                       stdout=subprocess.DEVNULL)


def audit(pacte, repo, out):
    """Runs pacte on `repo` and returns the JSON report, or raises with pacte's message."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")
    run = subprocess.run([pacte, "audit", repo, "--format", "json", "--output", out, "--max-matches", "10000"],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if run.returncode not in (0, 1):
        raise CorpusError(f"pacte audit {repo} exited {run.returncode}: {run.stderr.strip()}")
    with open(out, encoding="utf-8") as f:
        return json.load(f)


def family(category):
    """The corpus family of a report tracker category."""
    if category in ADS_CATEGORIES:
        return "ads"
    if category in SUPPORT_CATEGORIES:
        return "support_widgets"
    return "trackers"


def items(expected, key, part, source):
    """The list `expected[key][part]`, checked to be a list of mappings."""
    section = expected.get(key) or {}
    if not isinstance(section, dict):
        raise CorpusError(f"{source}: '{key}' must be a mapping with 'found' and 'not_found'")
    value = section.get(part) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise CorpusError(f"{source}: '{key}.{part}' must be a list of mappings")
    return value


def compare_trackers(name, expected, report, tallies, source):
    """Scores the three tracker families: a finding counts when it is shipped (not only in
    tests, documentation, comments or development dependencies)."""
    findings = report["facts"]["trackers"]
    shipped = {t["id"]: t for t in findings if not t.get("only_dev_or_test")}
    seen = {t["id"]: t for t in findings}
    covered = set()
    for key in ("trackers", "ads", "support_widgets"):
        tally = tallies[key]
        for item in items(expected, key, "found", source):
            tid = item.get("id")
            if not tid or "path" not in item:
                raise CorpusError(f"{source}: every '{key}.found' item needs 'id' and 'path'")
            covered.add(tid)
            t = shipped.get(tid)
            at = [e for e in (t or {}).get("evidence", []) if e.get("path") == item["path"]
                  and ("line" not in item or e.get("line") == item["line"])]
            if at:
                tally.tp += 1
            elif t:
                tally.fn.append(f"{name}: {tid} not at {where(item)} (found at {where(t['evidence'][0])})")
            elif tid in seen:
                tally.fn.append(f"{name}: {tid} at {where(item)} found only as {seen[tid].get('context')}"
                                f"{' (development/test only)' if seen[tid].get('only_dev_or_test') else ''}")
            else:
                tally.fn.append(f"{name}: {tid} at {where(item)} not found")
    # Every shipped finding no expected item accounts for is a false alarm, the reason given
    # when expected.yml lists it under not_found.
    reasons = {}
    for key in ("trackers", "ads", "support_widgets"):
        for item in items(expected, key, "not_found", source):
            reasons[item.get("id")] = item.get("why", "")
    for tid, t in shipped.items():
        if tid in covered:
            continue
        key = family(t.get("category", ""))
        why = f" — expected not found: {reasons[tid]}" if tid in reasons else ""
        tallies[key].fp.append(f"{name}: {tid} ({t.get('category')}) at {where(t['evidence'][0])}{why}")


def compare_defects(name, expected, report, tally, source):
    """Scores the template defects: one unit per (rule, path, line)."""
    found = set()
    for r in report["results"]:
        if r["rule"] in TEMPLATE_RULES and r["status"] == "fail":
            for e in r["evidence"]:
                if e.get("line") is not None:
                    found.add((r["rule"], e["path"], e["line"]))
    wanted = set()
    for item in items(expected, "a11y_defects", "found", source):
        if not {"rule", "path", "line"} <= item.keys():
            raise CorpusError(f"{source}: every 'a11y_defects.found' item needs 'rule', 'path' and 'line'")
        if item["rule"] not in TEMPLATE_RULES:
            raise CorpusError(f"{source}: unknown template rule '{item['rule']}'")
        wanted.add((item["rule"], item["path"], item["line"]))
    reasons = {i.get("path"): i.get("why", "") for i in items(expected, "a11y_defects", "not_found", source)}
    tally.tp += len(found & wanted)
    for rule, path, line in sorted(wanted - found):
        tally.fn.append(f"{name}: {rule} at {path}:{line} not found")
    for rule, path, line in sorted(found - wanted):
        why = f" — expected not found: {reasons[path]}" if path in reasons else ""
        tally.fp.append(f"{name}: {rule} at {path}:{line}{why}")


def compare_statement(name, expected, report, tallies, source):
    """Scores the accessibility statement (its path) and its status."""
    want = expected.get("statement")
    if want is not None and not (isinstance(want, dict) and "path" in want and "status" in want):
        raise CorpusError(f"{source}: 'statement' must be null or a mapping with 'path' and 'status'")
    got = report["facts"].get("accessibility_statement")
    got_status = (report["facts"].get("accessibility") or {}).get("status")
    tally = tallies["statement"]
    if want is None:
        if got is not None:
            tally.fp.append(f"{name}: statement {got} (status {got_status}) where there is none")
        return
    if got == want["path"]:
        tally.tp += 1
        status = tallies["statement_status"]
        if got_status == want["status"]:
            status.tp += 1
        else:
            status.fn.append(f"{name}: {got} has status {want['status']}, pacte read {got_status}")
            if got_status is not None:
                status.fp.append(f"{name}: {got} read as {got_status} (it is {want['status']})")
        return
    tally.fn.append(f"{name}: statement {want['path']} not found")
    tallies["statement_status"].fn.append(f"{name}: status {want['status']} of {want['path']} not read")
    if got is not None:
        tally.fp.append(f"{name}: statement {got} (status {got_status}) instead of {want['path']}")


def compare_languages(name, expected, report, tally, source):
    """Scores the languages offered: one unit per BCP 47 tag."""
    want = expected.get("languages") or []
    if not isinstance(want, list):
        raise CorpusError(f"{source}: 'languages' must be a list of BCP 47 tags")
    got = set(report["facts"].get("languages") or [])
    tally.tp += len(got & set(want))
    for tag in sorted(set(want) - got):
        tally.fn.append(f"{name}: language {tag} not found")
    for tag in sorted(got - set(want)):
        tally.fp.append(f"{name}: language {tag} found where there is none")


def percent(x):
    return f"{100 * x:5.1f}"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pacte", default=os.environ.get("PACTE"), help="the pacte binary (default: $PACTE)")
    parser.add_argument("--corpus", default=here, help="the corpus folder (default: this script's folder)")
    parser.add_argument("--only", action="append", default=[], help="evaluate only this project (repeatable)")
    args = parser.parse_args()
    if not args.pacte:
        print("evaluate.py: give the pacte binary with --pacte or PACTE", file=sys.stderr)
        return 2
    if shutil.which("git") is None:
        print("skip: git is needed")
        return 125

    tallies = {c: Tally() for c in CATEGORIES}
    try:
        thresholds = load_yaml(os.path.join(args.corpus, "thresholds.yml")) or {}
        projects = sorted(d for d in os.listdir(args.corpus)
                          if os.path.isfile(os.path.join(args.corpus, d, "expected.yml")))
        if args.only:
            unknown = set(args.only) - set(projects)
            if unknown:
                raise CorpusError(f"{args.corpus}: no project named {', '.join(sorted(unknown))}")
            projects = [p for p in projects if p in args.only]
        if not projects:
            raise CorpusError(f"{args.corpus}: no project (a folder with expected.yml and tree/)")
        with tempfile.TemporaryDirectory(prefix="pacte-corpus-") as tmp:
            for name in projects:
                source = os.path.join(args.corpus, name, "expected.yml")
                expected = load_yaml(source)
                if not isinstance(expected, dict):
                    raise CorpusError(f"{source}: must be a mapping")
                extra = set(expected) - EXPECTED_KEYS
                if extra:
                    raise CorpusError(f"{source}: unknown keys {', '.join(sorted(extra))}")
                tree = os.path.join(args.corpus, name, "tree")
                if not os.path.isdir(tree):
                    raise CorpusError(f"{os.path.join(args.corpus, name)}: no tree/ folder")
                repo = os.path.join(tmp, name)
                build_repository(tree, repo)
                report = audit(args.pacte, repo, os.path.join(tmp, name + ".json"))
                compare_trackers(name, expected, report, tallies, source)
                compare_defects(name, expected, report, tallies["a11y_defects"], source)
                compare_statement(name, expected, report, tallies, source)
                compare_languages(name, expected, report, tallies["languages"], source)
    except CorpusError as e:
        print(f"evaluate.py: {e}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as e:
        print(f"evaluate.py: {' '.join(e.cmd)} failed with exit code {e.returncode}", file=sys.stderr)
        return 2

    print(f"pacte corpus: {len(projects)} projects")
    print(f"{'category':<17} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>7}   threshold (p/r)")
    below = []
    for c in CATEGORIES:
        t = tallies[c]
        limit = thresholds.get(c) or {}
        min_p, min_r = float(limit.get("precision", 0)), float(limit.get("recall", 0))
        mark = ""
        # Figures are compared as printed (one decimal), so a threshold copied from the table holds.
        if round(100 * t.precision(), 1) < min_p or round(100 * t.recall(), 1) < min_r:
            below.append(c)
            mark = "  BELOW"
        print(f"{c:<17} {t.tp:>4} {len(t.fp):>4} {len(t.fn):>4} {percent(t.precision()):>10} "
              f"{percent(t.recall()):>7}   {min_p:.1f}/{min_r:.1f}{mark}")
    for c in CATEGORIES:
        t = tallies[c]
        for line in t.fn:
            print(f"miss        [{c}] {line}")
        for line in t.fp:
            print(f"false alarm [{c}] {line}")
    if below:
        print(f"FAIL: below the thresholds of tests/corpus/thresholds.yml: {', '.join(below)}")
        return 1
    print("ok: every category at or above its threshold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
