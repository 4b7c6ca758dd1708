// Fixtures for the init tests: temporary folders, repositories built with the git CLI (isolated
// from the user's git configuration), and the pacte command line run in-process.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "tests/unit/shell.hpp"

namespace pacte::init_test {

/// The audit clock of every init test: 2026-06-30T12:00:00Z (SOURCE_DATE_EPOCH).
constexpr long kNow = 1782820800;
constexpr long kDay = 86400;

/// Fixes the clock and isolates git from the user's configuration, once per process.
inline void environment() {
  static bool done = [] {
    setenv("SOURCE_DATE_EPOCH", std::to_string(kNow).c_str(), 1);
    setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
    return true;
  }();
  (void)done;
}

inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Runs a shell command; fails the test when it exits non-zero.
inline void sh(const std::string& cmd) {
  int rc = std::system(("set -e; " + cmd + " >/dev/null").c_str());
  INFO("command: " << cmd);
  REQUIRE(rc == 0);
}

using test_shell::sh_out;

/// A temporary folder, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    environment();
    std::string tmpl = (std::filesystem::temp_directory_path() / "pacte-init-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string str() const { return path.string(); }
  /// Writes `content` to `rel`, creating folders.
  void write(const std::string& rel, const std::string& content) const {
    auto p = path / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(path / rel, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  bool exists(const std::string& rel) const { return std::filesystem::exists(path / rel); }
};

/// A git repository under construction.
struct Repo : TempDir {
  Repo() { sh("git init -q -b main " + quote(str())); }
  /// Commits everything as `name <email>`, `days_ago` days before kNow.
  void commit(const std::string& message, const std::string& name = "Jeanne Martin",
              const std::string& email = "jeanne@example.org", int days_ago = 10) const {
    std::string when = "@" + std::to_string(kNow - days_ago * kDay) + " +0000";
    sh("cd " + quote(str()) + " && git add -A && GIT_AUTHOR_NAME=" + quote(name) + " GIT_AUTHOR_EMAIL=" + quote(email) +
       " GIT_COMMITTER_NAME=" + quote(name) + " GIT_COMMITTER_EMAIL=" + quote(email) + " GIT_AUTHOR_DATE=" + quote(when) +
       " GIT_COMMITTER_DATE=" + quote(when) + " git commit -q --allow-empty -m " + quote(message));
  }
};

/// Output of the command line run in-process.
struct CliRun {
  int code = -1;
  std::string out, err;
};

inline CliRun run_pacte(std::vector<std::string> args) {
  environment();
  args.insert(args.begin(), "pacte");
  std::ostringstream out, err;
  CliRun r;
  r.code = cli::run(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

inline std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace pacte::init_test
