// The version key of the result cache (`--cache DIR`): the same for the same program and
// options, so that a later audit finds what an earlier one kept, and another whenever what a
// kept value was derived from may differ (the --signatures files, --max-file-size), so that a
// stale value is never found. The program is named by its build-id.
#include <doctest/doctest.h>

#include <stdlib.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>

#include "checks/engine/audit.hpp"
#include "tests/unit/shell.hpp"

using namespace pacte;
using pacte::test_shell::TempFolder;
namespace fs = std::filesystem;

namespace {

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

TEST_CASE("the build is named by its build-id: the linker writes one") {
  const std::string id = program_build_id();
  REQUIRE_FALSE(id.empty());
  CHECK(id.size() >= 16);
  for (char c : id) CHECK(std::isxdigit(static_cast<unsigned char>(c)));
  CHECK(program_build_id() == id);
}

TEST_CASE("the version key is stable for the same options, and changes with the signatures and the size limit") {
  TempFolder tmp;
  const std::string signatures = tmp.path + "/signatures.yml";
  write(signatures, "trackers:\n  - id: example\n    patterns: ['example\\.org/tag\\.js']\n");
  AuditOptions options;
  const std::string bare = result_cache_key(options);
  REQUIRE_FALSE(bare.empty());
  CHECK(result_cache_key(options) == bare);

  options.evidence.signature_files = {signatures};
  const std::string with_signatures = result_cache_key(options);
  CHECK(with_signatures != bare);
  CHECK(result_cache_key(options) == with_signatures);

  // The same file, another content: another key (a value found with the old signatures would
  // be stale).
  write(signatures, "trackers:\n  - id: example\n    patterns: ['example\\.org/other\\.js']\n");
  CHECK(result_cache_key(options) != with_signatures);

  AuditOptions larger;
  larger.max_file_size = options.max_file_size * 2;
  CHECK(result_cache_key(larger) != bare);
}
