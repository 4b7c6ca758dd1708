// Shell completions and the manual page, generated from the command definitions.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace pacte::init_test;

TEST_CASE("completion and man are hidden from --help") {
  auto r = run_pacte({"--help"});
  CHECK(contains(r.out, "init"));
  CHECK_FALSE(contains(r.out, "completion"));
}

TEST_CASE("bash completion lists every visible command and their options and choices") {
  auto r = run_pacte({"completion", "bash"});
  REQUIRE(r.code == 0);
  for (const char* word : {"audit", "validate", "explain", "rules", "init", "--force", "--worktree", "--fail-on", "--no-audit"})
    CHECK(contains(r.out, word));
  CHECK(contains(r.out, "text json sarif junit markdown html"));  // audit --format choices
  CHECK(contains(r.out, "critical high medium low never"));
  CHECK(contains(r.out, "NEUT-ADVERTISING-DECLARED"));  // explain RULE-ID
  CHECK(contains(r.out, "complete -F _pacte pacte"));
  CHECK_FALSE(contains(r.out, "    completion)"));
}

TEST_CASE("bash accepts the script and completes with it") {
  TempDir dir;
  dir.write("pacte.bash", run_pacte({"completion", "bash"}).out);
  std::string script = dir.str() + "/pacte.bash";
  // Simulates `pacte init --la<TAB>` and `pacte audit --format j<TAB>`.
  std::string cmd = "bash -c 'source " + script +
                    " && complete -p pacte && "
                    "COMP_WORDS=(pacte init --la); COMP_CWORD=2; _pacte; echo \"${COMPREPLY[*]}\"; "
                    "COMP_WORDS=(pacte audit --format j); COMP_CWORD=3; _pacte; echo \"${COMPREPLY[*]}\"; "
                    "COMP_WORDS=(pacte in); COMP_CWORD=1; _pacte; echo \"${COMPREPLY[*]}\"'";
  std::string out = sh_out(cmd);
  CHECK(contains(out, "complete -F _pacte pacte"));
  CHECK(contains(out, "\n--lang\n"));
  CHECK(contains(out, "\njson junit\n"));
  CHECK(contains(out, "\ninit\n"));
}

TEST_CASE("zsh and fish scripts name every command") {
  auto z = run_pacte({"completion", "zsh"});
  REQUIRE(z.code == 0);
  CHECK(z.out.rfind("#compdef pacte\n", 0) == 0);
  CHECK(contains(z.out, "'init:Write a charter draft"));
  CHECK(contains(z.out, "(en fr)"));
  auto f = run_pacte({"completion", "fish"});
  REQUIRE(f.code == 0);
  CHECK(contains(f.out, "complete -c pacte -n __fish_use_subcommand -a init"));
  CHECK(contains(f.out, "-n '__fish_seen_subcommand_from init' -l force"));
  CHECK(contains(f.out, "-l output -s o -r -F"));
  if (std::system("command -v zsh >/dev/null 2>&1") == 0) {
    TempDir dir;
    dir.write("_pacte", z.out);
    sh("zsh -n " + quote(dir.str() + "/_pacte"));
  }
  if (std::system("command -v fish >/dev/null 2>&1") == 0) {
    TempDir dir;
    dir.write("pacte.fish", f.out);
    sh("fish --no-execute " + quote(dir.str() + "/pacte.fish"));
  }
}

TEST_CASE("an unknown shell is a usage error") { CHECK(run_pacte({"completion", "powershell"}).code == 2); }

TEST_CASE("the manual page has every command, its options and examples") {
  auto r = run_pacte({"man"});
  REQUIRE(r.code == 0);
  CHECK(r.out.find(".TH PACTE 1") != std::string::npos);
  for (const char* s : {".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH COMMANDS", ".SS \"pacte init\"", ".SS \"pacte audit\"",
                        "\\fB\\-\\-force\\fR", "\\fB\\-\\-output\\fR, \\fB\\-o\\fR \\fIFILE\\fR", "Examples:"})
    CHECK(contains(r.out, s));
  // No line may start with a dot or quote that roff would take for a request, except requests.
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && (line[0] == '.' || line[0] == '\''))
      CHECK_MESSAGE((line.size() > 1 && (std::isupper(static_cast<unsigned char>(line[1])) || line[1] == '\\' || line.rfind(".br", 0) == 0 ||
                                         line.rfind(".nf", 0) == 0 || line.rfind(".fi", 0) == 0)),
                    line);
  if (std::system("command -v groff >/dev/null 2>&1") == 0) {
    TempDir dir;
    dir.write("pacte.1", r.out);
    sh("groff -man -Tascii -ww -z " + quote(dir.str() + "/pacte.1") + " 2>" + quote(dir.str() + "/warnings"));
    CHECK(dir.read("warnings") == "");
  }
}
