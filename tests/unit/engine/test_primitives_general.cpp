// The general primitives (files, contents, charter fields), each judged directly on a scenario.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace pacte;
using pacte::test::Scenario;

TEST_CASE("file_exists passes when a file matches a glob, and fails naming the globs otherwise") {
  Scenario s;
  s.file("README.md", "# Service\n");
  const RuleResult& found = s.check("{primitive: file_exists, paths: [README*]}");
  CHECK(found.status == Status::pass);
  REQUIRE(found.evidence.size() == 1);
  CHECK(found.evidence[0].path == "README.md");

  const RuleResult& missing = s.check("{primitive: file_exists, paths: [CONTRIBUTING*]}");
  CHECK(missing.status == Status::fail);
  CHECK(missing.message.en == "no file matches CONTRIBUTING*");
}

TEST_CASE("content_absent cannot pass when a file could not be read: it is an error") {
  Scenario s;
  s.file("app.js", "console.log('hello');\n");
  CHECK(s.check("{primitive: content_absent, paths: ['**/*.js'], pattern: 'UA-[0-9]+'}").status == Status::pass);
  s.unreadable("vendor/analytics.js");
  const RuleResult& r = s.check("{primitive: content_absent, paths: ['**/*.js'], pattern: 'UA-[0-9]+'}");
  CHECK(r.status == Status::error);
  CHECK(r.message.en.find("vendor/analytics.js") != std::string::npos);
}
