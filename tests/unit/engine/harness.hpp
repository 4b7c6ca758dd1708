// A harness that judges one rule on a scenario held in memory: the files of the audited tree,
// the charter as YAML text and, for history rules, a git repository built by the test. Tests
// written with it read like specifications:
//
//   Scenario s;
//   s.file("README.md", "# Service\n");
//   CHECK(s.check("{primitive: file_exists, paths: [README*]}").status == Status::pass);
#pragma once
#include <ctime>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "checks/base/snapshot.hpp"
#include "checks/engine/evaluate.hpp"

namespace pacte::test {

/// The files of a test tree, held in memory: path → content. Files listed as unreadable are
/// in the tree but cannot be read, as in a partial clone whose objects are missing.
class FakeSnapshot : public Snapshot {
 public:
  FakeSnapshot(std::map<std::string, std::string> files, std::set<std::string> executable, std::set<std::string> unreadable);
  bool from_git() const override { return false; }

 protected:
  bool load(const FileEntry& entry, std::string& out, std::string& error) const override;

 private:
  std::map<std::string, std::string> contents_;
};

/// One scenario a rule is judged on. Each evaluation builds a fresh snapshot, charter and
/// audit context, so a scenario can be changed and judged again; the results it returned stay
/// valid as long as the scenario lives.
class Scenario {
 public:
  Scenario();
  ~Scenario();
  Scenario(const Scenario&) = delete;
  Scenario& operator=(const Scenario&) = delete;

  /// Adds a file to the audited tree (or replaces it).
  Scenario& file(const std::string& path, std::string content, bool executable = false);
  /// Lists a file that cannot be read (its object is missing).
  Scenario& unreadable(const std::string& path);
  /// The charter: the YAML text of pacte.yml, put in the tree and found there as an audit does.
  Scenario& charter(std::string yaml);
  /// The history: the git repository at `repo_dir` (built by the test with the git CLI, see
  /// fixture.hpp); its HEAD is the audited commit. The files still come from `file`.
  Scenario& history(const std::filesystem::path& repo_dir);
  /// The day of the audit, YYYY-MM-DD (2026-06-01 unless set).
  Scenario& today(const std::string& date);
  /// Evidence kept per rule (--max-matches; 50 unless set).
  Scenario& max_evidence(std::size_t n);

  /// Judges a rule whose check is `check_yaml`, a YAML mapping such as
  /// "{primitive: file_exists, paths: [README*]}", with the optional conditions `when_yaml`
  /// (a YAML list of checks).
  const RuleResult& check(const std::string& check_yaml, const std::string& when_yaml = "");
  /// Judges the single rule of a rule module given as YAML text.
  const RuleResult& rule_module(const std::string& module_yaml);
  /// Judges a built-in rule, by id.
  const RuleResult& builtin_rule(const std::string& id);

 private:
  struct Run;
  const RuleResult& judge(std::vector<Rule> rules);

  std::map<std::string, std::string> files_;
  std::set<std::string> executable_, unreadable_;
  std::filesystem::path repo_dir_;
  std::time_t now_;
  std::size_t max_evidence_ = 50;
  std::deque<std::unique_ptr<Run>> runs_;
};

/// A rule module holding one rule with the given check (and conditions), for tests that
/// exercise parse_rule_module directly.
std::string one_rule_module(const std::string& check_yaml, const std::string& when_yaml = "");

}  // namespace pacte::test
