#include <doctest/doctest.h>

#include <regex>

#include "checks/base/snapshot.hpp"
#include "checks/base/text.hpp"

using namespace pacte;

TEST_CASE("line_at counts lines from 1") {
  CHECK(line_at("a\nb\nc", 0) == 1);
  CHECK(line_at("a\nb\nc", 2) == 2);
  CHECK(line_at("a\nb\nc", 4) == 3);
}

TEST_CASE("line_snippet returns the trimmed line of a match") {
  std::string s = "first\n   gtag('config', 'G-1');  \nlast";
  CHECK(line_snippet(s, s.find("gtag")) == "gtag('config', 'G-1');");
  CHECK(line_snippet(s, 0) == "first");
}

TEST_CASE("line_snippet centres long minified lines and keeps UTF-8 valid") {
  std::string s(5000, 'x');
  s.replace(2500, 4, "fbq(");
  std::string snip = line_snippet(s, 2500, 100);
  CHECK(snip.size() <= 100);
  CHECK(snip.find("fbq(") != std::string::npos);
  std::string accents;
  for (int i = 0; i < 300; ++i) accents += "\xC3\xA9";
  CHECK(to_valid_utf8(line_snippet(accents, 301, 101)) == line_snippet(accents, 301, 101));
}

TEST_CASE("to_valid_utf8 replaces invalid bytes") {
  CHECK(to_valid_utf8("ok\xFFok") == "ok\xEF\xBF\xBDok");
  CHECK(to_valid_utf8("Accessibilit\xC3\xA9") == "Accessibilit\xC3\xA9");
}

TEST_CASE("glob_match handles *, ** and alternatives") {
  CHECK(glob_match("LICENSE*", "LICENSE.md"));
  CHECK_FALSE(glob_match("LICENSE*", "docs/LICENSE"));
  CHECK(glob_match("**/LICENSE*", "docs/LICENSE"));
  CHECK(glob_match("**/LICENSE*", "LICENSE"));
  CHECK(glob_match("*.{yml,yaml}", "a.yaml"));
  CHECK(glob_match(".github/workflows/*.yml", ".github/workflows/ci.yml"));
  CHECK(glob_match("readme*", "README.md", true));
  CHECK_FALSE(glob_match("readme*", "README.md"));
}

TEST_CASE("a compiled Glob matches exactly as glob_match's definition, over many patterns and paths") {
  // The reference: each alternative as a regular expression ("**/" any whole segments, "**"
  // anything, "*" and "?" within a segment).
  auto reference = [](const std::string& alt, const std::string& path, bool icase) {
    std::string re;
    for (std::size_t i = 0; i < alt.size(); ++i) {
      if (alt.compare(i, 3, "**/") == 0) {
        re += "(?:.*/)?";
        i += 2;
      } else if (alt.compare(i, 2, "**") == 0) {
        re += ".*";
        ++i;
      } else if (alt[i] == '*') {
        re += "[^/]*";
      } else if (alt[i] == '?') {
        re += "[^/]";
      } else {
        re += std::string("\\x") + "0123456789abcdef"[(alt[i] >> 4) & 15] + "0123456789abcdef"[alt[i] & 15];
      }
    }
    auto flags = icase ? std::regex::ECMAScript | std::regex::icase : std::regex::ECMAScript;
    return std::regex_match(path, std::regex(re, flags));
  };
  const std::vector<std::pair<std::string, std::vector<std::string>>> patterns = {
      {"LICENSE*", {"LICENSE*"}},          {"**/LICENSE*", {"**/LICENSE*"}},   {"a*a", {"a*a"}},
      {"**", {"**"}},                      {"*", {"*"}},                       {"", {""}},
      {"docs/**/*.md", {"docs/**/*.md"}},  {"*.{yml,yaml}", {"*.yml", "*.yaml"}}, {"?b*", {"?b*"}},
      {"src/*/x?.js", {"src/*/x?.js"}},    {"README", {"README"}},            {"**/a/**/b", {"**/a/**/b"}},
      {"{a,b}/{c,d}", {"a/c", "a/d", "b/c", "b/d"}}};
  const std::vector<std::string> paths = {"", "a", "aa", "aba", "LICENSE", "LICENSE.md", "license.md", "docs/LICENSE",
                                          "docs/a.md", "docs/x/y/a.md", "docsa.md", "x.yml", "x.yaml", "d/x.yml",
                                          "ab", "abc", "bb", "src/m/x1.js", "src/m/n/x1.js", "README", "readme",
                                          "a/b", "x/a/y/b", "a/c", "b/d", "c/a"};
  for (bool icase : {false, true})
    for (const auto& entry : patterns) {
      const std::string& pattern = entry.first;  // not a structured binding: CAPTURE reads it from a lambda
      const std::vector<std::string>& alternatives = entry.second;
      Glob glob(pattern, icase);
      for (const auto& path : paths) {
        bool expected = false;
        for (const auto& alt : alternatives) expected = expected || reference(alt, path, icase);
        CAPTURE(pattern);
        CAPTURE(path);
        CAPTURE(icase);
        CHECK(glob.match(path) == expected);
        CHECK(glob_match(pattern, path, icase) == expected);
      }
    }
  CHECK_FALSE(Glob("{a,b").match("a"));  // an unclosed group matches nothing
}

TEST_CASE("MemorySnapshot lists sorted files and enforces the size cap") {
  MemorySnapshot snap;
  snap.add("b.txt", "bbb").add("a.txt", "aa").add_symlink("link", "../../etc/passwd");
  REQUIRE(snap.files().size() == 3);
  CHECK(snap.files()[0].path == "a.txt");
  CHECK(snap.read("a.txt").value() == "aa");
  CHECK_FALSE(snap.read("link").has_value());
  snap.set_max_file_size(2);
  CHECK_FALSE(snap.read("b.txt").has_value());
  REQUIRE(snap.unreadable().size() == 1);
  CHECK(snap.unreadable()[0].path == "b.txt");
}

TEST_CASE("a snapshot stops reading once the audit's time limit has passed") {
  MemorySnapshot snap;
  snap.add("a.txt", "aa");
  snap.set_deadline(Deadline::after(3600));
  CHECK(snap.read("a.txt").value() == "aa");
  snap.set_deadline(Deadline(Deadline::Clock::now() - std::chrono::seconds(1), 30));
  try {
    (void)snap.read("a.txt");
    FAIL("read past the time limit");
  } catch (const TimeLimitExceeded& e) {
    CHECK(e.seconds == 30);
  }
  CHECK(Deadline::after(0).limited() == false);
  CHECK_NOTHROW(Deadline{}.check());
}

#include "checks/base/url.hpp"

TEST_CASE("redact_credentials hides the user information of every URL, and nothing else") {
  using pacte::redact_credentials;
  CHECK(redact_credentials("https://user:s3cret@git.example.org/team/service.git") == "https://***@git.example.org/team/service.git");
  CHECK(redact_credentials("https://ghp_token@github.com/a/b") == "https://***@github.com/a/b");
  CHECK(redact_credentials("https://git.example.org/team/service.git") == "https://git.example.org/team/service.git");
  CHECK(redact_credentials("git@github.com:team/service.git") == "git@github.com:team/service.git");
  CHECK(redact_credentials("ssh://git@host:22/x.git") == "ssh://***@host:22/x.git");
  CHECK(redact_credentials("failed to fetch 'https://a:b@h/x': 401; retry https://c@h2") ==
        "failed to fetch 'https://***@h/x': 401; retry https://***@h2");
  // An '@' after the host (in the path or the query) is not user information.
  CHECK(redact_credentials("https://h.example/u/@name?x=a@b") == "https://h.example/u/@name?x=a@b");
  CHECK(redact_credentials("") == "");
}

TEST_CASE("glob_match takes linear time whatever the pattern") {
  using pacte::glob_match;
  std::string many_stars;
  for (int i = 0; i < 40; ++i) many_stars += "*a";
  many_stars += "*b";
  std::string path(4000, 'a');
  // A backtracking matcher takes longer than the universe's age on this pair.
  CHECK_FALSE(glob_match(many_stars, path));
  CHECK(glob_match(many_stars, path + "b"));
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "**/a";
  std::string segs;
  for (int i = 0; i < 200; ++i) segs += "a/";
  CHECK_FALSE(glob_match(deep + "/b", segs + "c"));
  // Brace groups expand to at most 256 alternatives; a pattern past that matches nothing.
  std::string braces;
  for (int i = 0; i < 12; ++i) braces += "{a,b}";
  CHECK_FALSE(glob_match(braces, "aaaaaaaaaaaa"));
  CHECK(glob_match("{a,b}{a,b}{a,b}", "bab"));
}

TEST_CASE("glob_match: * stays in a segment, ** crosses them, **/ is whole segments") {
  using pacte::glob_match;
  CHECK(glob_match("src/*.js", "src/app.js"));
  CHECK_FALSE(glob_match("src/*.js", "src/lib/app.js"));
  CHECK(glob_match("src/**/*.js", "src/app.js"));
  CHECK(glob_match("src/**/*.js", "src/a/b/app.js"));
  CHECK_FALSE(glob_match("**/x", "ax"));
  CHECK(glob_match("**/x", "a/b/x"));
  CHECK(glob_match("**", "a/b/c"));
  CHECK(glob_match("a?c", "abc"));
  CHECK_FALSE(glob_match("a?c", "a/c"));
  CHECK(glob_match("*.{yml,yaml}", "pacte.yaml"));
  CHECK(glob_match("LICENSE*", "license.md", true));
  CHECK_FALSE(glob_match("LICENSE*", "license.md", false));
  CHECK_FALSE(glob_match("{a,b", "a"));
}

TEST_CASE("byte searches: find_bytes, find_ascii_folded and LiteralSet find what find would") {
  const std::string text = "<html><head><style>@page { size: A4 }</style></head><body>Accessibilité</body>";
  CHECK(find_bytes(text, "@page") == text.find("@page"));
  CHECK(find_bytes(text, "@media") == std::string_view::npos);
  CHECK(find_bytes(text, "") == 0);
  CHECK(find_ascii_folded(text, "accessib") == text.find("Accessib"));
  CHECK(find_ascii_folded(text, "ACCESSIB") == std::string_view::npos);  // the word is lower-case
  CHECK(find_ascii_folded("short", "longer word") == std::string_view::npos);

  const LiteralSet pdf({"@page", "wkhtmltopdf", "PDFKit"});
  CHECK(pdf.found_in(text));
  CHECK(pdf.found_in("render with PDFKit"));       // at the end
  CHECK(pdf.found_in("wkhtmltopdf --quiet"));      // at the start
  CHECK_FALSE(pdf.found_in("@pag"));               // cut short
  CHECK_FALSE(pdf.found_in("pdfkit"));             // case matters
  CHECK_FALSE(pdf.found_in(""));
  CHECK_THROWS_AS(LiteralSet({"x"}), std::invalid_argument);
}
