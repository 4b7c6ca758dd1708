// Shared by the doctest suites that build fixture repositories with the git CLI.
#pragma once
#include <cstdio>
#include <string>

#include <doctest/doctest.h>

namespace pacte::test_shell {

/// Runs a shell command and returns its standard output; fails the test when it exits non-zero.
inline std::string sh_out(const std::string& cmd) {
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = pclose(p);
  INFO("command: " << cmd);
  REQUIRE(rc == 0);
  return out;
}

}  // namespace pacte::test_shell
