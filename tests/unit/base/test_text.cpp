#include <doctest/doctest.h>

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
