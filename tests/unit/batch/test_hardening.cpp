// What pacte batch and pacte merge refuse: capped reads, one writer per output folder, summary
// rows that are not valid, reports that are current only under the same detection options.
#include <doctest/doctest.h>

#include <unistd.h>

#include "checks/base/input_file.hpp"
#include "checks/base/yaml_json.hpp"
#include "checks/batch/output_lock.hpp"
#include "checks/batch/runner.hpp"
#include "checks/batch/summary.hpp"
#include "tests/unit/engine/fixture.hpp"

using namespace pacte;
using test::TempDir;

namespace {

// The message of the InputError `f` throws, or "" when it throws none.
template <class F>
std::string input_error(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

nlohmann::json good_row() {
  return {{"location", "repos/a"}, {"charter", nullptr}, {"rev", nullptr}, {"report", "a-0123abcd.json"},
          {"commit", "abc"}, {"score", 85.5}, {"verdict", "compliant"},
          {"principles", {{"openness", 90}, {"neutrality", 80}, {"continuity", 85}, {"equal_access", 87}}},
          {"failures", 1}, {"critical_failures", 0}, {"gate", "pass"}, {"error", nullptr}};
}

}  // namespace

TEST_CASE("read_file_capped reads a file under its cap and refuses what is over it, or not a file") {
  TempDir dir;
  dir.write("small.txt", "hello\n");
  CHECK(read_file_capped(dir.str() + "/small.txt", 6, "the LIST file") == "hello\n");
  std::string over = input_error([&] { read_file_capped(dir.str() + "/small.txt", 5, "the LIST file"); });
  CHECK(over.find(dir.str() + "/small.txt: the LIST file is larger than the 5 bytes pacte reads") != std::string::npos);
  CHECK(input_error([] { read_file_capped("/dev/zero", 1 << 20, "the charter"); }).find("/dev/zero: cannot read the charter: not a regular file") !=
        std::string::npos);
  CHECK(input_error([&] { read_file_capped(dir.str(), 1 << 20, "the charter"); }).find("it is a folder") != std::string::npos);
  std::filesystem::create_symlink(dir.path / "small.txt", dir.path / "link.txt");
  CHECK(read_file_capped(dir.str() + "/link.txt", 100, "the file") == "hello\n");
  CHECK(input_error([&] { read_file_capped(dir.str() + "/link.txt", 100, "the report", LinkPolicy::no_follow); })
            .find("symbolic link") != std::string::npos);
  CHECK(size_in_words(16ull << 20) == "16 MiB");
}

TEST_CASE("a second lock on one output folder is refused, and the folder is free again once released") {
  TempDir dir;
  {
    batch::OutputFolderLock first(dir.str());
    try {
      batch::OutputFolderLock second(dir.str());
      FAIL("a second writer got the lock");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()).find(dir.str() + ": another pacte batch or merge is writing to this folder") == 0);
    }
  }
  CHECK_NOTHROW(batch::OutputFolderLock again(dir.str()));
}

TEST_CASE("summary rows: types, ranges, words and report names are checked") {
  CHECK_NOTHROW(batch::row_from_json(good_row()));
  auto refused = [](const char* key, const nlohmann::json& value, const std::string& says) {
    nlohmann::json r = good_row();
    r[key] = value;
    try {
      batch::row_from_json(r);
      FAIL("accepted " << key << " = " << value.dump());
    } catch (const std::runtime_error& e) {
      CHECK_MESSAGE(std::string(e.what()).find(says) != std::string::npos, e.what());
    }
  };
  refused("score", 1e308, "outside 0-100");
  refused("score", -1, "outside 0-100");
  refused("score", "high", "\"score\" is not a number");
  refused("verdict", "excellent", "\"verdict\" is 'excellent'");
  refused("gate", "maybe", "\"gate\" is 'maybe'");
  refused("evidence_score", 120, "outside 0-100");
  refused("undeclared", -1, "\"undeclared\" is not a count");
  // A batch without a gate option, and a repository without any charter.
  nlohmann::json charterless = good_row();
  charterless["gate"] = "none";
  charterless["verdict"] = "no-charter";
  charterless["evidence_score"] = 72.5;
  charterless["undeclared"] = 21;
  batch::SummaryRow row = batch::row_from_json(charterless);
  CHECK(row.gate == "none");
  CHECK(row.verdict == "no-charter");
  CHECK(row.evidence_score == doctest::Approx(72.5));
  CHECK(row.undeclared == 21);
  refused("failures", -3, "\"failures\" is not a count");
  refused("report", "../../etc/shadow", "not a plain file name");
  refused("report", "/etc/passwd.json", "not a plain file name");
  refused("report", ".hidden.json", "not a plain file name");
  refused("principles", nlohmann::json{{"openness", 101}}, "outside 0-100");

  nlohmann::json doc = batch::summary_document({batch::row_from_json(good_row())});
  CHECK(batch::rows_from_summary_json(doc).size() == 1);
  doc["pacte_batch"] = 2;
  try {
    batch::rows_from_summary_json(doc);
    FAIL("a summary of format version 2 was read");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("format version 2") != std::string::npos);
  }
}

TEST_CASE("the detection options hash changes with every option that changes what is detected") {
  TempDir dir;
  AuditOptions base;
  const std::string h = batch::detection_options_hash(base);
  CHECK(batch::detection_options_hash(base) == h);
  AuditOptions size = base;
  size.max_file_size = 8ull << 20;
  CHECK(batch::detection_options_hash(size) != h);
  AuditOptions matches = base;
  matches.evidence.max_evidence = 7;
  CHECK(batch::detection_options_hash(matches) != h);
  dir.write("sig.json", "{\"trackers\": {}}\n");
  AuditOptions sig = base;
  sig.evidence.signature_files = {dir.str() + "/sig.json"};
  std::string with_sig = batch::detection_options_hash(sig);
  CHECK(with_sig != h);
  dir.write("sig.json", "{\"trackers\": {\"1\": {}}}\n");
  CHECK(batch::detection_options_hash(sig) != with_sig);
  AuditOptions data = base;
  data.evidence.license_data_dir = dir.str();
  CHECK(batch::detection_options_hash(data) != h);
}

TEST_CASE("a report without the detection options hash, or with another one, is not current") {
  nlohmann::json report = {{"pacte_version", pacte_version()}, {"lang", "en"}, {"rules_hash", "r"},
                           {"repository", {{"commit", "c"}}}, {"charter", {{"hash", "h"}}},
                           {"results", nlohmann::json::array()},
                           {"batch", {{"charter_file", nullptr}, {"options_hash", "o"}}}};
  CHECK(batch::report_is_current(report, "c", "", "r", "o", Lang::en));
  CHECK_FALSE(batch::report_is_current(report, "c", "", "r", "other", Lang::en));
  report["batch"].erase("options_hash");
  CHECK_FALSE(batch::report_is_current(report, "c", "", "r", "o", Lang::en));
}
