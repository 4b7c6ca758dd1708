// The tracker content pass, timed on a folder, for tests/bench/bench_trackers.sh. Not a test:
// it is never run by CTest.
//   bench_trackers patterns FILE      writes the content patterns as POSIX ERE, one a line
//   bench_trackers scan DIR [-v]      scans DIR once, prints one "pacte-trackers:" line
//   bench_trackers scan-host DIR      the same with the pattern database compiled here, tuned
//                                     for this CPU, instead of the one the build stored (compiled
//                                     for any x86-64)
#include <chrono>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>

#include "checks/base/snapshot.hpp"
#include "checks/trackers/detect.hpp"

using namespace pacte;

namespace {

int dump_patterns(const std::string& out_path) {
  std::ofstream out(out_path);
  if (!out) {
    std::cerr << "bench_trackers: cannot write " << out_path << "\n";
    return 1;
  }
  auto patterns = content_patterns_as_ere(SignatureSet::builtin());
  for (const auto& p : patterns) out << p << '\n';
  std::cerr << patterns.size() << " patterns written to " << out_path << "\n";
  return 0;
}

int scan(const std::string& tree, bool verbose, bool host_database) {
  // The stored set read back without its database compiles one for this CPU.
  SignatureSet set = host_database ? SignatureSet::from_msgpack(SignatureSet::builtin().to_msgpack(), {})
                                   : SignatureSet::builtin();
  set.matcher();  // loaded or compiled once, outside the timing, as in an audit
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
  if (!verbose) return 0;
  for (const auto& d : dets) {
    std::cout << "  " << d.signature->id << " (" << d.signature->category << ")"
              << (d.only_dev_or_test ? " [dev/test/docs]" : "") << " hits=" << d.hits.size() << "\n";
    for (std::size_t i = 0; i < d.hits.size() && i < 3; ++i)
      std::cout << "      " << d.hits[i].context << " " << d.hits[i].kind << " " << d.hits[i].evidence.path << ":"
                << d.hits[i].evidence.line << "  " << d.hits[i].evidence.snippet.substr(0, 110) << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 3 && std::strcmp(argv[1], "patterns") == 0) return dump_patterns(argv[2]);
    if ((argc == 3 || argc == 4) && std::strcmp(argv[1], "scan") == 0)
      return scan(argv[2], argc == 4 && std::strcmp(argv[3], "-v") == 0, false);
    if (argc == 3 && std::strcmp(argv[1], "scan-host") == 0) return scan(argv[2], false, true);
  } catch (const std::exception& e) {
    std::cerr << "bench_trackers: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "usage: bench_trackers patterns FILE | bench_trackers scan DIR [-v] | bench_trackers scan-host DIR\n";
  return 2;
}
