#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>
#include <unistd.h>

#include <git2.h>

#include "checks/base/git.hpp"
#include "checks/base/parallel.hpp"
#include "checks/base/snapshot.hpp"

using namespace pacte;

namespace {

// A temporary folder, removed with what it holds when the test ends.
struct TempFolder {
  std::filesystem::path path;
  TempFolder() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "pacte-snapshot-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  void write(const std::string& name, const std::string& content) const {
    std::ofstream(path / name, std::ios::binary) << content;
  }
};

// A snapshot whose reads run out of memory, as a file too large for what is left would.
class OutOfMemorySnapshot : public MemorySnapshot {
 protected:
  bool load(const FileEntry&, std::string&, std::string&) const override { throw std::bad_alloc(); }
};

}  // namespace

TEST_CASE("a file that disappears between listing and reading is named as such, and the rest is read") {
  TempFolder dir;
  dir.write("README.md", "# Service\n");
  dir.write("LICENSE", "MIT License\n");
  DiskSnapshot snap(dir.path.string());
  REQUIRE(snap.find("README.md") != nullptr);
  std::filesystem::remove(dir.path / "README.md");

  CHECK_FALSE(snap.read("README.md").has_value());
  REQUIRE(snap.unreadable().size() == 1);
  CHECK(snap.unreadable()[0].path == "README.md");
  CHECK(snap.unreadable()[0].reason.find("disappeared during the audit") != std::string::npos);
  CHECK_FALSE(snap.unreadable()[0].over_size_limit);
  // The audit goes on: the other files are still read.
  CHECK(snap.read("LICENSE") == std::optional<std::string>("MIT License\n"));
}

TEST_CASE("a folder that is a git work tree is audited without what git ignores, tracked files kept") {
  TempFolder dir;
  ensure_libgit2();
  git_repository* repo = nullptr;
  REQUIRE(git_repository_init(&repo, dir.path.c_str(), 0) == 0);
  std::filesystem::create_directories(dir.path / "build/out");
  std::filesystem::create_directories(dir.path / "node_modules/ga");
  std::filesystem::create_directories(dir.path / "app/generated");
  dir.write(".gitignore", "/build/\nnode_modules/\n*.log\ngenerated/\n");
  dir.write("README.md", "# Service\n");
  dir.write("build/out/app.js", "gtag('config', 'G-1');\n");
  dir.write("node_modules/ga/index.js", "gtag('config');\n");
  dir.write("debug.log", "x\n");
  dir.write("app/generated/keep.log", "tracked although ignored\n");
  dir.write("app/generated/other.js", "not tracked\n");
  git_index* index = nullptr;
  REQUIRE(git_repository_index(&index, repo) == 0);
  CHECK(git_index_add_bypath(index, "app/generated/keep.log") == 0);
  CHECK(git_index_write(index) == 0);
  git_index_free(index);
  git_repository_free(repo);

  DiskSnapshot snap(dir.path.string());
  CHECK(snap.find("README.md") != nullptr);
  CHECK(snap.find(".gitignore") != nullptr);
  CHECK(snap.find("build/out/app.js") == nullptr);
  CHECK(snap.find("node_modules/ga/index.js") == nullptr);
  CHECK(snap.find("debug.log") == nullptr);
  CHECK(snap.find("app/generated/keep.log") != nullptr);  // tracked: git status shows it
  CHECK(snap.find("app/generated/other.js") == nullptr);

  // A sub-folder of the work tree: the patterns are the repository's, paths stay relative.
  DiskSnapshot sub((dir.path / "app").string());
  CHECK(sub.find("generated/keep.log") != nullptr);
  CHECK(sub.find("generated/other.js") == nullptr);

  // A folder git ignores as a whole, audited on purpose (a scratch copy under build/): all of
  // it is listed.
  DiskSnapshot ignored_root((dir.path / "build").string());
  CHECK(ignored_root.find("out/app.js") != nullptr);

  // The same files in a folder that is not a git work tree are all listed.
  TempFolder plain;
  std::filesystem::create_directories(plain.path / "build");
  plain.write(".gitignore", "/build/\n");
  plain.write("build/app.js", "x\n");
  CHECK(DiskSnapshot(plain.path.string()).find("build/app.js") != nullptr);
}

TEST_CASE("a file replaced by a folder after listing is not read as a file") {
  TempFolder dir;
  dir.write("notes.txt", "x\n");
  DiskSnapshot snap(dir.path.string());
  std::filesystem::remove(dir.path / "notes.txt");
  std::filesystem::create_directory(dir.path / "notes.txt");
  CHECK_FALSE(snap.read("notes.txt").has_value());
  REQUIRE(snap.unreadable().size() == 1);
  CHECK(snap.unreadable()[0].reason.find("replaced during the audit") != std::string::npos);
}

TEST_CASE("running out of memory while reading a file marks it unread instead of failing the audit") {
  OutOfMemorySnapshot snap;
  snap.add("README.md", std::string(3u << 20, 'a'));
  std::optional<std::string> content;
  CHECK_NOTHROW(content = snap.read("README.md"));
  CHECK_FALSE(content.has_value());
  REQUIRE(snap.unreadable().size() == 1);
  CHECK(snap.unreadable()[0].path == "README.md");
  CHECK(snap.unreadable()[0].reason.find("out of memory while reading it (3 MiB)") != std::string::npos);
  CHECK_FALSE(snap.unreadable()[0].over_size_limit);
}

TEST_CASE("every reader of a file shares one load of it, and a file beyond the content budget is loaded again") {
  MemorySnapshot snap;
  snap.add("LICENSE", "MIT License\n").add("index.html", "<html lang=\"fr\"></html>\n");
  const FileEntry* licence = snap.find("LICENSE");
  REQUIRE(licence != nullptr);
  auto first = snap.content(*licence);
  auto second = snap.content(*licence);
  REQUIRE(first != nullptr);
  CHECK(first == second);  // the same bytes, not a second load
  CHECK(first->bytes() == "MIT License\n");
  CHECK(snap.read(*licence) == std::optional<std::string>("MIT License\n"));
  CHECK(snap.loads() == 1);
  CHECK(snap.files_read() == 1);

  // No budget: nothing is kept, each reader loads the file again; it is still counted once.
  snap.set_content_budget(0);
  const FileEntry* page = snap.find("index.html");
  REQUIRE(page != nullptr);
  CHECK(snap.content(*page) != nullptr);
  CHECK(snap.content(*page) != nullptr);
  CHECK(snap.loads() == 3);
  CHECK(snap.files_read() == 2);
  CHECK(snap.bytes_read() == std::string("MIT License\n").size() + std::string("<html lang=\"fr\"></html>\n").size());
}

TEST_CASE("files read from several threads at once are each loaded once and counted once") {
  MemorySnapshot snap;
  std::uint64_t total = 0;
  for (int i = 0; i < 300; ++i) {
    std::string content(static_cast<std::size_t>(100 + i), static_cast<char>('a' + i % 26));
    total += content.size();
    snap.add("src/file" + std::to_string(i) + ".js", std::move(content));
  }
  snap.add("huge.bin", std::string(2000, 'x'));
  snap.set_max_file_size(1000);  // huge.bin is over the cap: unread, listed once
  const auto& files = snap.files();
  // Three readers of every file (11 and the 301 files have no common factor), in an order
  // that makes threads meet on the same files.
  std::vector<std::string> seen(files.size() * 3);
  parallel_for(seen.size(), 8, [&](std::size_t i) {
    const FileEntry& e = files[(i * 11) % files.size()];
    if (auto c = snap.content(e)) seen[i] = std::string(c->bytes());
  });
  for (std::size_t i = 0; i < seen.size(); ++i) {
    const FileEntry& e = files[(i * 11) % files.size()];
    CHECK(seen[i] == (e.path == "huge.bin" ? std::string() : *snap.read(e)));
  }
  CHECK(snap.loads() == 300);
  CHECK(snap.files_read() == 300);
  CHECK(snap.bytes_read() == total);
  REQUIRE(snap.unreadable().size() == 1);
  CHECK(snap.unreadable()[0].path == "huge.bin");
  CHECK(snap.unreadable()[0].over_size_limit);
}

TEST_CASE("parallel_for runs every index once on any number of threads, and rethrows a failure") {
  for (unsigned jobs : {1u, 2u, 7u}) {
    std::vector<int> runs(1000, 0);
    parallel_for(runs.size(), jobs, [&](std::size_t i) { runs[i] += static_cast<int>(i % 13) + 1; });
    for (std::size_t i = 0; i < runs.size(); ++i) CHECK(runs[i] == static_cast<int>(i % 13) + 1);
  }
  CHECK_THROWS_WITH_AS(parallel_for(100, 4,
                                    [](std::size_t i) {
                                      if (i == 42) throw std::runtime_error("file 42 cannot be read");
                                    }),
                       "file 42 cannot be read", std::runtime_error);
  parallel_for(0, 4, [](std::size_t) { FAIL("no index to run"); });
}

TEST_CASE("a snapshot shows each load to its observers and notes the words asked for") {
  MemorySnapshot snap;
  snap.add("a/statement.md", "# Déclaration d'ACCESSIBILITÉ\n");
  snap.add("a/readme.md", "# Service\n");
  snap.add("a/late.md", "accessibilité\n");
  const FileEntry* statement = snap.find("a/statement.md");
  const FileEntry* readme = snap.find("a/readme.md");
  const FileEntry* late = snap.find("a/late.md");
  REQUIRE(readme);
  (void)snap.content(*late);  // loaded before the word is noted: nothing is known of it
  snap.set_content_budget(0);  // nothing kept: every read loads
  snap.note_word("ccessib");
  std::vector<std::string> shown;
  snap.add_load_observer([&](const FileEntry& entry, const FileContent& content) {
    shown.push_back(entry.path + ":" + std::to_string(content.bytes().size()));
  });
  CHECK(snap.may_hold(*readme, "ccessib"));  // not loaded yet: it may
  (void)snap.content(*statement);
  (void)snap.content(*readme);
  (void)snap.content(*readme);
  CHECK(shown == std::vector<std::string>{"a/statement.md:32", "a/readme.md:10", "a/readme.md:10"});
  CHECK(snap.may_hold(*statement, "ccessib"));  // any case
  CHECK_FALSE(snap.may_hold(*readme, "ccessib"));
  CHECK(snap.may_hold(*late, "ccessib"));
  CHECK(snap.may_hold(*readme, "other"));  // a word never noted
  snap.clear_load_observers();
  (void)snap.content(*readme);
  CHECK(shown.size() == 3);
}
