// Shared by the doctest suites: commands run with the git CLI to build fixture repositories,
// and temporary folders.
#pragma once
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
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

/// A fresh folder under the system's temporary folder, removed with everything in it (its
/// permissions given back first, for a test that took them away).
struct TempFolder {
  std::string path;
  TempFolder() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "pacte-test-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::permissions(path, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace pacte::test_shell
