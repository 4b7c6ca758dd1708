// Hostile or unlucky inputs at the engine's edge: the capped charter read, waivers of rules that
// do not exist, and a file that grows after it was listed.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "checks/base/snapshot.hpp"
#include "checks/engine/charter.hpp"
#include "fixture.hpp"

using namespace pacte;

namespace {
const std::time_t kToday = 1790000000;  // 2026-09-21

std::string error_of(const std::string& path) {
  try {
    read_charter_file(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("the --charter read stops at the cap, names the file, and refuses a folder") {
  CHECK(error_of("/dev/zero") == "/dev/zero: the charter is larger than 4 MiB, the most pacte reads; a charter is a page of YAML");
  test::TempDir dir;
  CHECK(error_of(dir.str()).find(dir.str() + ": is a folder") == 0);
  dir.write("pacte.yml", std::string(kCharterMaxBytes, '#'));
  CHECK(read_charter_file((dir.path / "pacte.yml").string()).size() == kCharterMaxBytes);
  dir.write("big.yml", std::string(kCharterMaxBytes + 1, '#'));
  CHECK(error_of((dir.path / "big.yml").string()).find("larger than 4 MiB") != std::string::npos);
}

TEST_CASE("a charter in the tree over the cap is refused as too large, not as a damaged clone") {
  MemorySnapshot snap;
  snap.add("pacte.yml", std::string(kCharterMaxBytes + 10, '#'));
  try {
    find_charter(snap, kToday);
    FAIL("a charter over the cap was accepted");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("pacte.yml: the charter is larger than 4 MiB (4194314 bytes)") == 0);
  }
}

TEST_CASE("a waiver of an unknown rule is a warning at its line, with the closest rule id") {
  std::string text = test::good_charter();
  if (text.back() != '\n') text += '\n';
  const auto waiver_line = std::count(text.begin(), text.end(), '\n') + 2;
  text += "waivers:\n  - {rule: NEUT-AD-SDKK, reason: typo, until: 2099-01-01}\n"
          "  - {rule: OPEN-LICENSE, reason: known, until: 2099-01-01}\n";
  Charter c = load_charter(text, "pacte.yml", kToday);
  const auto before = c.warnings.size();
  warn_unknown_waivers(c, {"OPEN-LICENSE", "NEUT-AD-SDK", "NEUT-TRACKERS"});
  REQUIRE(c.warnings.size() == before + 1);
  CHECK(c.warnings.back().rfind("pacte.yml:" + std::to_string(waiver_line) + ":", 0) == 0);
  CHECK(c.warnings.back().find("NEUT-AD-SDKK") != std::string::npos);
  CHECK(c.warnings.back().find("did you mean NEUT-AD-SDK?") != std::string::npos);
}

TEST_CASE("a file that grew past the size cap after it was listed is not read") {
  test::TempDir dir;
  dir.write("grows.txt", "small\n");
  DiskSnapshot snap(dir.str());
  snap.set_max_file_size(1024);
  dir.write("grows.txt", std::string(4096, 'x'));
  CHECK_FALSE(snap.read("grows.txt").has_value());
  REQUIRE(snap.unreadable().size() == 1);
  CHECK(snap.unreadable()[0].reason.find("grew larger than the size limit") != std::string::npos);
}
