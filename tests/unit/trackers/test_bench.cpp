// Benchmark hooks, run by tests/bench/bench_trackers.sh; skipped unless their variable is set.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "checks/trackers/detect.hpp"

using namespace pacte;

TEST_CASE("bench: dump patterns (PACTE_BENCH_PATTERNS=FILE)") {
  const char* out = std::getenv("PACTE_BENCH_PATTERNS");
  if (!out || !*out) return;
  std::ofstream f(out);
  auto patterns = content_patterns_as_ere(SignatureSet::builtin());
  for (const auto& p : patterns) f << p << '\n';
  MESSAGE(patterns.size() << " patterns written to " << out);
}

TEST_CASE("bench: scan tree (PACTE_BENCH_TREE=DIR)") {
  const char* tree = std::getenv("PACTE_BENCH_TREE");
  if (!tree || !*tree) return;
  SignatureSet set = SignatureSet::builtin();
  set.matcher();  // compiled once, outside the timing: the audit compiles it once too
  auto t0 = std::chrono::steady_clock::now();
  DiskSnapshot snap(tree);
  auto t1 = std::chrono::steady_clock::now();
  TrackerScanStats stats;
  auto dets = detect_trackers(snap, set, stats);
  auto t2 = std::chrono::steady_clock::now();
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  std::cout << "pacte-trackers: list_ms=" << ms(t0, t1) << " scan_ms=" << ms(t1, t2) << " total_ms=" << ms(t0, t2)
            << " files_scanned=" << stats.files_scanned << " bytes_scanned=" << stats.bytes_scanned
            << " files_skipped=" << stats.files_skipped_vendored << " bytes_skipped=" << stats.bytes_skipped
            << " detections=" << dets.size() << "\n";
  if (std::getenv("PACTE_BENCH_VERBOSE")) {
    for (const auto& d : dets) {
      std::cout << "  " << d.signature->id << " (" << d.signature->category << ")"
                << (d.only_dev_or_test ? " [dev/test/docs]" : "") << " hits=" << d.hits.size() << "\n";
      for (std::size_t i = 0; i < d.hits.size() && i < 3; ++i)
        std::cout << "      " << d.hits[i].context << " " << d.hits[i].kind << " " << d.hits[i].evidence.path << ":"
                  << d.hits[i].evidence.line << "  " << d.hits[i].evidence.snippet.substr(0, 110) << "\n";
    }
  }
}
