// Links to the evidence: the forge of a repository URL, and the address of a file and line at
// a commit on it. A wrong link sends a reviewer to the wrong file; none is better than a guess.
#include <doctest/doctest.h>

#include "checks/base/url.hpp"

using namespace pacte;

TEST_CASE("a forge is recognised from every way a remote or a charter writes its URL") {
  Forge gh = forge_of("https://github.com/betagouv/service.git");
  CHECK(gh.kind == "github");
  CHECK(gh.web_url == "https://github.com/betagouv/service");
  CHECK(forge_of("git@github.com:betagouv/service.git").web_url == "https://github.com/betagouv/service");
  CHECK(forge_of("ssh://git@gitlab.com:2222/group/sub/service.git").web_url == "https://gitlab.com/group/sub/service");
  CHECK(forge_of("https://oauth2:glpat-secret@gitlab.example.gouv.fr/dnum/service/").web_url ==
        "https://gitlab.example.gouv.fr/dnum/service");
  CHECK(forge_of("https://framagit.org/team/service").kind == "gitlab");
  CHECK(forge_of("https://codeberg.org/team/service").kind == "gitea");
  CHECK(forge_of("https://forgejo.ville.example.fr/team/service").kind == "gitea");
  CHECK(forge_of("https://bitbucket.org/team/service").kind == "bitbucket");
}

TEST_CASE("no forge is guessed for what is not a known forge's repository") {
  CHECK(forge_of("").kind.empty());
  CHECK(forge_of("/srv/mirrors/service.git").kind.empty());
  CHECK(forge_of("file:///srv/mirrors/service.git").kind.empty());
  CHECK(forge_of("https://git.example.org/team/service").kind.empty());  // unknown host: no link
  CHECK(forge_of("https://github.com/betagouv").kind.empty());           // an owner, not a repository
  CHECK(forge_of("https://github.com/a/b\"onmouseover=x").kind.empty()); // nothing to escape in a link
  CHECK(forge_of("https://github.com/a/../../etc").kind.empty());
}

TEST_CASE("a file and line at a commit, in each forge's address scheme") {
  const std::string c = "0123456789abcdef0123456789abcdef01234567";
  CHECK(forge_file_url(forge_of("https://github.com/o/r"), c, "web/index.html", 12) ==
        "https://github.com/o/r/blob/" + c + "/web/index.html#L12");
  CHECK(forge_file_url(forge_of("https://gitlab.com/g/r"), c, "app/views/a.haml", 3) ==
        "https://gitlab.com/g/r/-/blob/" + c + "/app/views/a.haml#L3");
  CHECK(forge_file_url(forge_of("https://codeberg.org/o/r"), c, "LICENSE", 0) == "https://codeberg.org/o/r/src/commit/" + c + "/LICENSE");
  CHECK(forge_file_url(forge_of("https://bitbucket.org/o/r"), c, "a.js", 7) == "https://bitbucket.org/o/r/src/" + c + "/a.js#lines-7");
  // Spaces, accents and '#' in a path are percent-encoded.
  CHECK(forge_file_url(forge_of("https://github.com/o/r"), c, "docs/déclaration #1.md", 0) ==
        "https://github.com/o/r/blob/" + c + "/docs/d%C3%A9claration%20%231.md");
  CHECK(forge_file_url(forge_of("https://github.com/o/r"), "", "a.js", 1).empty());
  CHECK(forge_file_url(Forge{}, c, "a.js", 1).empty());
}

TEST_CASE("credentials are stripped from a URL kept for a report") {
  CHECK(strip_credentials("https://user:token@gitlab.com/g/r.git") == "https://gitlab.com/g/r.git");
  CHECK(strip_credentials("git@github.com:o/r.git") == "git@github.com:o/r.git");
  CHECK(strip_credentials("/srv/r.git") == "/srv/r.git");
}
