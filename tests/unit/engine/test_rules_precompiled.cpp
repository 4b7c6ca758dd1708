// The built-in rule modules are stored by the build (cmake/startgen.cpp): what a run loads must
// be what parsing and validating the YAML gives, so that a stale stored form cannot pass.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>

#include "checks/base/embedded.hpp"
#include "checks/engine/rules.hpp"

using namespace pacte;

namespace {

void check_same(const Text& a, const Text& b) {
  CHECK(a.en == b.en);
  CHECK(a.fr == b.fr);
}

void check_same(const CheckSpec& a, const CheckSpec& b) {
  CHECK(a.primitive == b.primitive);
  CHECK(a.params == b.params);
}

}  // namespace

TEST_CASE("the stored built-in rules are those parsed from rules/*.yml") {
  REQUIRE_MESSAGE(!precompiled_data().rules.empty(), "this build stored no rules");
  const RuleSet stored = load_rules({}, false);
  const std::vector<Rule> parsed = parse_builtin_rules();
  REQUIRE(stored.rules.size() == parsed.size());
  CHECK(parsed.size() >= 12);
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    const Rule& a = stored.rules[i];
    const Rule& b = parsed[i];
    INFO("rule " << b.id << " at " << b.module_path << ":" << b.pos.line);
    CHECK(a.id == b.id);
    CHECK(a.principle == b.principle);
    CHECK(a.severity == b.severity);
    check_same(a.title, b.title);
    check_same(a.rationale, b.rationale);
    check_same(a.remediation, b.remediation);
    REQUIRE(a.references.size() == b.references.size());
    for (std::size_t k = 0; k < b.references.size(); ++k) {
      check_same(a.references[k].title, b.references[k].title);
      CHECK(a.references[k].url == b.references[k].url);
    }
    check_same(a.check, b.check);
    REQUIRE(a.when.size() == b.when.size());
    for (std::size_t k = 0; k < b.when.size(); ++k) check_same(a.when[k], b.when[k]);
    check_same(a.pass_message, b.pass_message);
    check_same(a.fail_message, b.fail_message);
    CHECK(a.module_path == b.module_path);
    CHECK(a.pos.line == b.pos.line);
    CHECK(a.pos.col == b.pos.col);
    CHECK(a.builtin);
  }
}

TEST_CASE("user modules still come after the stored built-in ones, and a repeated id is still an error") {
  const RuleSet builtin = load_rules({}, false);
  REQUIRE(!builtin.rules.empty());
  const std::string path = "pacte-test-precompiled-rules.yml";
  {
    std::ofstream out(path);
    out << "pacte_rules: 1\nmodule: local\nrules:\n"
        << "  - id: " << builtin.rules.front().id << "\n"
        << "    principle: neutrality\n    severity: high\n"
        << "    title: {en: \"T\", fr: \"T\"}\n    rationale: {en: \"R.\", fr: \"R.\"}\n"
        << "    remediation: {en: \"Do.\", fr: \"Faites.\"}\n"
        << "    check: {primitive: file_exists, paths: [README.md]}\n";
  }
  std::string error;
  try {
    load_rules({path}, false);
  } catch (const InputError& e) {
    error = e.what();
  }
  std::remove(path.c_str());
  CHECK(error.find(path + ":4:") == 0);
  CHECK(error.find("is already defined in " + builtin.rules.front().module_path + ":") != std::string::npos);
}

TEST_CASE("a rule's check parameters of every JSON type come back from the stored form as they were") {
  Rule r;
  r.id = "local-types";
  r.principle = "openness";
  r.severity = Severity::low;
  r.title = {"Title", "Titre"};
  r.references.push_back({{"Law", ""}, "https://example.org/law"});
  r.check = {"file_exists", nlohmann::json::parse(R"({"paths": ["README.md", "docs/*.md"], "min": 2, "neg": -3,
      "ratio": 0.25, "on": true, "none": null, "nested": {"deep": [[], {}, [1, [2, {"x": "y"}]]]}, "empty": {}})")};
  r.when.push_back({"file_exists", nlohmann::json::object()});
  r.when.push_back({"charter_field", nlohmann::json::parse(R"({"field": "a.b", "equals": [false]})")});
  r.module_path = "local.yml";
  r.pos = {12, 5};
  const std::vector<Rule> back = rules_from_msgpack(rules_to_msgpack({r, r}));
  REQUIRE(back.size() == 2);
  for (const Rule& b : back) {
    CHECK(b.id == "local-types");
    CHECK(b.severity == Severity::low);
    check_same(b.title, r.title);
    REQUIRE(b.references.size() == 1);
    check_same(b.references[0].title, r.references[0].title);
    CHECK(b.references[0].url == "https://example.org/law");
    check_same(b.check, r.check);
    REQUIRE(b.when.size() == 2);
    check_same(b.when[0], r.when[0]);
    check_same(b.when[1], r.when[1]);
    CHECK(b.module_path == "local.yml");
    CHECK(b.pos.line == 12);
    CHECK(b.pos.col == 5);
    CHECK_FALSE(b.builtin);
  }
  // Cut short, or a rule missing a field: refused with a message, not half read.
  const std::string bytes = rules_to_msgpack({r});
  CHECK_THROWS_WITH_AS(rules_from_msgpack(bytes.substr(0, bytes.size() - 3)),
                       doctest::Contains("the built-in rule modules: the stored form cannot be read"),
                       std::runtime_error);
  nlohmann::json all = nlohmann::json::from_msgpack(bytes);
  all[0].erase("col");
  const std::vector<std::uint8_t> missing = nlohmann::json::to_msgpack(all);
  CHECK_THROWS_WITH_AS(rules_from_msgpack(std::string(missing.begin(), missing.end())),
                       doctest::Contains("a rule without every field"), std::runtime_error);
}
