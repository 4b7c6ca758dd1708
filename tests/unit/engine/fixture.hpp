// Test fixtures for the engine: temporary folders, git repositories built with the git CLI,
// and a way to run the pacte command line in-process.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace pacte::test {

/// A temporary folder, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "pacte-test-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string str() const { return path.string(); }
  /// Writes `content` to `rel`, creating folders.
  void write(const std::string& rel, const std::string& content) const {
    auto p = path / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
  }
};

/// Runs a shell command; returns its exit status.
inline int sh(const std::string& cmd) {
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/// Commits everything in `dir` as `author` at `epoch` (seconds).
inline void commit_all(const TempDir& dir, const std::string& message, long epoch = 1780000000,
                       const std::string& name = "Jeanne Martin", const std::string& email = "jeanne@example.org") {
  std::string env = "GIT_AUTHOR_NAME='" + name + "' GIT_AUTHOR_EMAIL='" + email + "' GIT_COMMITTER_NAME='" + name +
                    "' GIT_COMMITTER_EMAIL='" + email + "' GIT_AUTHOR_DATE='@" + std::to_string(epoch) +
                    " +0000' GIT_COMMITTER_DATE='@" + std::to_string(epoch) + " +0000'";
  sh("cd '" + dir.str() + "' && git add -A && " + env + " git commit -q --allow-empty -m '" + message + "' >/dev/null");
}

/// Initialises a git repository in `dir`.
inline void git_init(const TempDir& dir) { sh("git init -q -b main '" + dir.str() + "'"); }

/// The result of running the CLI in-process.
struct CliRun {
  int code;
  std::string out, err;
  nlohmann::json json() const { return nlohmann::json::parse(out); }
};

inline CliRun pacte(std::vector<std::string> args) {
  args.insert(args.begin(), "pacte");
  std::ostringstream out, err;
  int code = pacte::cli::run(args, out, err);
  return {code, out.str(), err.str()};
}

/// A complete, valid charter for tests to adjust.
inline std::string good_charter() {
  return R"(pacte: 1
service:
  name: Service de test
  repository: https://example.org/team/service.git
openness:
  license: MIT
neutrality:
  advertising: false
  data_sale: false
  funding:
    - {source: Ministère, kind: public-grant, share: 100}
continuity:
  maintainers:
    - {name: Jeanne Martin, email: jeanne@example.org}
    - {name: Ali Benali, email: ali@example.org}
equal_access:
  free_of_charge: true
  languages: [fr]
)";
}

/// The MIT licence text (short enough to keep inline in tests).
inline std::string mit_text() {
  return "MIT License\n\nCopyright (c) 2026 Test\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n"
         "of this software and associated documentation files (the \"Software\"), to deal\nin the Software without restriction, "
         "including without limitation the rights\nto use, copy, modify, merge, publish, distribute, sublicense, and/or sell\n"
         "copies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following "
         "conditions:\n\nThe above copyright notice and this permission notice shall be included in all\ncopies or substantial "
         "portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, "
         "INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. "
         "IN NO EVENT SHALL THE\nAUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\nLIABILITY, WHETHER IN AN "
         "ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\nOUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER "
         "DEALINGS IN THE\nSOFTWARE.\n";
}

/// The result of `rule` in a JSON report.
inline nlohmann::json result_of(const nlohmann::json& report, const std::string& rule) {
  for (const auto& r : report["results"])
    if (r["rule"] == rule) return r;
  return nullptr;
}

}  // namespace pacte::test
