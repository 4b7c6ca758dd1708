// Hand-written YAML: every string the draft writes reads back as the same string.
#include <doctest/doctest.h>

#include "checks/init/yaml_text.hpp"
#include "checks/base/yaml_json.hpp"

using namespace pacte;

namespace {

// Parses `key: <scalar>` and returns the value read back.
nlohmann::json read_back(const std::string& scalar) { return parse_yaml("key: " + scalar + "\n", "t.yml").value["key"]; }

}  // namespace

TEST_CASE("plain words stay plain") {
  CHECK(yaml_scalar("Trouve ton emploi") == "Trouve ton emploi");
  CHECK(yaml_scalar("jeanne@example.org") == "jeanne@example.org");
  CHECK(yaml_scalar("https://example.org/a.git") == "https://example.org/a.git");
  CHECK(yaml_scalar("AGPL-3.0-or-later") == "AGPL-3.0-or-later");
  CHECK(yaml_scalar("Ministère du Travail") == "Ministère du Travail");
}

TEST_CASE("strings YAML would misread are double-quoted and read back unchanged") {
  const std::vector<std::string> tricky = {
      "",          " leading", "trailing ", "key: value", "a #comment", "ends:", "- dash", "? what", "[list]", "{map}",
      "a, b",      "#hash",    "&anchor",   "*alias",     "!tag",       "|bar",  ">fold",  "'single'", "\"double\"",
      "O'Brien",   "back\\slash", "tab\there", "new\nline", "bell\x07", "true", "False", "no", "Yes", "on", "OFF",
      "null",      "~",        "1.0",       "42",         "+3",         ".5",    "-1",     "0x1F",    "1e3",
      "2026-03-01", "@handle", "`tick`",    "%pct",       "<<",         "a: b # c", "Zoé \"Zaza\" Dupont: #1",
      "line\xe2\x80\xa8sep",   "x\xc2\x85y"};
  for (const auto& s : tricky) {
    INFO("string: [" << s << "] written as " << yaml_scalar(s));
    auto v = read_back(yaml_scalar(s));
    REQUIRE(v.is_string());
    CHECK(v.get<std::string>() == s);
  }
}

TEST_CASE("invalid UTF-8 is replaced, never written raw") {
  std::string s = yaml_scalar("Ren\xe9");  // Latin-1 é
  CHECK(read_back(s).get<std::string>() == "Ren\xef\xbf\xbd");
}

TEST_CASE("flow lists quote their items") {
  CHECK(yaml_flow_list({"fr", "en"}) == "[fr, en]");
  CHECK(yaml_flow_list({"no", "a,b"}) == "[\"no\", \"a,b\"]");
  auto v = parse_yaml("k: " + yaml_flow_list({"no", "a,b", "pt-BR"}) + "\n", "t.yml").value["k"];
  CHECK(v == nlohmann::json::array({"no", "a,b", "pt-BR"}));
}

TEST_CASE("comments stay on one line, and commented-out lines are comments") {
  YamlLines y(20);
  y.line(0, "a: 1", "first\nsecond");
  y.commented(2, "b: 2", "todo");
  y.comment(0, "multi\r\nline");
  CHECK(y.text() == "a: 1                # first second\n  # b: 2            # todo\n# multi  line\n");
  auto doc = parse_yaml(y.text(), "t.yml").value;
  CHECK(doc == nlohmann::json{{"a", 1}});
}

TEST_CASE("trailing comments align by characters, not bytes") {
  YamlLines y(12);
  y.line(0, "n: é", "x");
  y.line(0, "n: e", "x");
  auto first = y.text().substr(0, y.text().find('\n'));
  auto second = y.text().substr(y.text().find('\n') + 1);
  CHECK(first.find('#') == second.find('#') + 1);  // "é" is two bytes but one column
}
