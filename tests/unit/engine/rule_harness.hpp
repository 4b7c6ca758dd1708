// What the tests of the built-in rules share on top of the Scenario harness (harness.hpp):
// the register of rule ids that have a test, which the coverage test holds against the
// built-in rules, and small helpers to check evidence and to build histories.
#pragma once
#include <ctime>
#include <set>
#include <string>

#include "checks/engine/evaluate.hpp"
#include "fixture.hpp"
#include "harness.hpp"

namespace pacte::test {

/// The day every rule test is judged on: the Scenario's default, 2026-06-01T00:00:00Z.
constexpr std::time_t kToday = 1780272000;

/// Seconds in a day, for dates relative to kToday.
constexpr std::time_t kDay = 86400;

/// Whether `r` has evidence at `path` (and at `line`, unless it is -1).
inline bool has_evidence(const RuleResult& r, const std::string& path, int line = -1) {
  for (const auto& e : r.evidence)
    if (e.path == path && (line < 0 || e.line == line)) return true;
  return false;
}

/// The 1-based line of the first occurrence of `needle` in `text` (0 when absent): the line a
/// reviewer opens to check the evidence.
inline int line_of(const std::string& text, const std::string& needle) {
  auto pos = text.find(needle);
  if (pos == std::string::npos) return 0;
  int line = 1;
  for (std::size_t i = 0; i < pos; ++i)
    if (text[i] == '\n') ++line;
  return line;
}

/// Whether `s` contains `part`.
inline bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// `text` with the first occurrence of `from` replaced by `to`; throws when `from` is absent,
/// so that a test cannot silently judge the unchanged text.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto pos = text.find(from);
  if (pos == std::string::npos) throw std::invalid_argument("the text does not contain: " + from);
  return text.replace(pos, from.size(), to);
}

/// Someone who commits to a test repository.
struct Author {
  std::string name, email;
};

/// Commits a change to `dir` as `who`, `days_ago` days before kToday.
inline void commit_days_ago(const TempDir& dir, const Author& who, int days_ago, const std::string& message = "Maintenance") {
  static int n = 0;
  dir.write("CHANGELOG.md", "- " + message + " " + std::to_string(++n) + "\n");
  commit_all(dir, message, static_cast<long>(kToday - days_ago * kDay), who.name, who.email);
}

/// Tags HEAD of `dir` as `name` (an annotated tag) `days_ago` days before kToday.
inline void tag_days_ago(const TempDir& dir, const std::string& name, int days_ago) {
  sh("cd '" + dir.str() + "' && GIT_COMMITTER_NAME='Jeanne Martin' GIT_COMMITTER_EMAIL='jeanne@example.org' GIT_COMMITTER_DATE='@" +
     std::to_string(kToday - days_ago * kDay) + " +0000' git tag -a -m 'Release " + name + "' '" + name + "'");
}

/// The rule ids that have a test (see PACTE_RULE_TEST).
inline std::set<std::string>& tested_rule_ids() {
  static std::set<std::string> ids;
  return ids;
}

/// Registers `id` as tested; used by PACTE_RULE_TEST at static initialisation.
inline bool register_rule_test(const char* id) {
  tested_rule_ids().insert(id);
  return true;
}

}  // namespace pacte::test

#define PACTE_RULE_TEST_CAT2(a, b) a##b
#define PACTE_RULE_TEST_CAT(a, b) PACTE_RULE_TEST_CAT2(a, b)

/// A test case of the built-in rule `id`, named "<id>: <what>", registered as covering it.
#define PACTE_RULE_TEST(id, what)                                                                 \
  [[maybe_unused]] static const bool PACTE_RULE_TEST_CAT(pacte_rule_test_, __LINE__) =            \
      ::pacte::test::register_rule_test(id);                                                       \
  TEST_CASE(id ": " what)
