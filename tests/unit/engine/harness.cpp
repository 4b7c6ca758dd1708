#include "harness.hpp"

#include <git2.h>

#include <stdexcept>

#include "checks/engine/charter.hpp"
#include "checks/engine/rules.hpp"

namespace pacte::test {

FakeSnapshot::FakeSnapshot(std::map<std::string, std::string> files, std::set<std::string> executable,
                           std::set<std::string> unreadable)
    : contents_(std::move(files)) {
  for (const auto& [path, content] : contents_) {
    FileEntry e;
    e.path = path;
    e.size = content.size();
    e.executable = executable.count(path) > 0;
    files_.push_back(e);
  }
  for (const auto& path : unreadable) {
    contents_.erase(path);
    FileEntry e;
    e.path = path;
    files_.push_back(e);
  }
  sort_entries();
}

bool FakeSnapshot::load(const FileEntry& entry, std::string& out, std::string& error) const {
  auto it = contents_.find(entry.path);
  if (it == contents_.end()) {
    error = "object missing (test)";
    return false;
  }
  out = it->second;
  return true;
}

// Everything one evaluation needs, kept alive while the scenario lives (a RuleResult points
// at its rule and waiver).
struct Scenario::Run {
  std::unique_ptr<FakeSnapshot> snapshot;
  Charter charter;
  RuleSet rules;
  git_repository* repo = nullptr;
  std::vector<RuleResult> results;
  ~Run() {
    if (repo) git_repository_free(repo);
  }
};

Scenario::Scenario() : now_(*parse_date("2026-06-01")) { git_libgit2_init(); }
Scenario::~Scenario() {
  runs_.clear();
  git_libgit2_shutdown();
}

Scenario& Scenario::file(const std::string& path, std::string content, bool executable) {
  files_[path] = std::move(content);
  unreadable_.erase(path);
  if (executable) executable_.insert(path);
  else executable_.erase(path);
  return *this;
}

Scenario& Scenario::unreadable(const std::string& path) {
  files_.erase(path);
  unreadable_.insert(path);
  return *this;
}

Scenario& Scenario::charter(std::string yaml) { return file("pacte.yml", std::move(yaml)); }

Scenario& Scenario::history(const std::filesystem::path& repo_dir) {
  repo_dir_ = repo_dir;
  return *this;
}

Scenario& Scenario::today(const std::string& date) {
  auto t = parse_date(date);
  if (!t) throw std::invalid_argument("not a date: " + date);
  now_ = *t;
  return *this;
}

Scenario& Scenario::max_evidence(std::size_t n) {
  max_evidence_ = n;
  return *this;
}

std::string one_rule_module(const std::string& check_yaml, const std::string& when_yaml) {
  std::string text = "pacte_rules: 1\nmodule: test\nrules:\n  - id: TEST-RULE\n    principle: openness\n    severity: medium\n"
                     "    title: {en: Test rule, fr: Règle de test}\n    rationale: {en: For tests., fr: Pour les tests.}\n"
                     "    remediation: {en: Fix it., fr: Corrigez.}\n    references: [{title: Test, url: \"https://example.org\"}]\n"
                     "    check: " + check_yaml + "\n";
  if (!when_yaml.empty()) text += "    when: " + when_yaml + "\n";
  return text;
}

const RuleResult& Scenario::check(const std::string& check_yaml, const std::string& when_yaml) {
  return judge(parse_rule_module(one_rule_module(check_yaml, when_yaml), "test-rules.yml"));
}

const RuleResult& Scenario::rule_module(const std::string& module_yaml) {
  auto rules = parse_rule_module(module_yaml, "test-rules.yml");
  if (rules.size() != 1) throw std::invalid_argument("the test module must hold exactly one rule");
  return judge(std::move(rules));
}

const RuleResult& Scenario::builtin_rule(const std::string& id) {
  static const RuleSet builtin = load_rules({}, false);
  const Rule* rule = builtin.find(id);
  if (!rule) throw std::invalid_argument("no built-in rule " + id);
  return judge({*rule});
}

const RuleResult& Scenario::judge(std::vector<Rule> rules) {
  auto run = std::make_unique<Run>();
  run->snapshot = std::make_unique<FakeSnapshot>(files_, executable_, unreadable_);
  run->charter = find_charter(*run->snapshot, now_);
  run->rules.rules = std::move(rules);
  AuditContext ctx(*run->snapshot, run->charter, now_);
  ctx.options.max_evidence = max_evidence_;
  if (!repo_dir_.empty()) {
    if (git_repository_open(&run->repo, repo_dir_.c_str()) != 0) throw std::runtime_error("cannot open " + repo_dir_.string());
    git_oid head;
    if (git_reference_name_to_id(&head, run->repo, "HEAD") != 0) throw std::runtime_error(repo_dir_.string() + " has no commit");
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &head);
    ctx.repo = run->repo;
    ctx.head = hex;
    ctx.history_available = true;
    ctx.shallow = git_repository_is_shallow(run->repo) == 1;
  }
  run->results = evaluate_rules(run->rules, ctx);
  runs_.push_back(std::move(run));
  return runs_.back()->results.front();
}

}  // namespace pacte::test
