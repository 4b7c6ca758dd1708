// A file over --max-file-size is scanned as it streams, in windows: its findings must be those
// of the same file read whole.
#include <doctest/doctest.h>

#include <string>
#include <tuple>
#include <vector>

#include "checks/trackers/detect.hpp"

using namespace pacte;

namespace {

using Found = std::tuple<std::string, std::string, int, std::string, std::string, std::string>;

// Every hit of a scan: signature, path, line, kind, context, snippet.
std::vector<Found> scan_with_limit(const MemorySnapshot& snap, std::uint64_t max_file_size, TrackerScanStats& stats) {
  static const SignatureSet set = SignatureSet::builtin();
  const_cast<MemorySnapshot&>(snap).set_max_file_size(max_file_size);
  std::vector<Found> out;
  for (const auto& d : detect_trackers(snap, set, stats, 1 << 20))
    for (const auto& h : d.hits)
      out.emplace_back(d.signature->id, h.evidence.path, h.evidence.line, h.kind, h.context, h.evidence.snippet);
  return out;
}

// About `mib` MiB of JavaScript with a tracker every 997 lines, some split over two lines.
std::string large_script(int mib) {
  std::string s = "// Generated bundle of the service's front end.\n";
  s.reserve(static_cast<std::size_t>(mib) << 20);
  for (int i = 1; s.size() < (static_cast<std::size_t>(mib) << 20); ++i) {
    if (i % 997 == 0) s += "loadScript('https://www.googletagmanager.com/gtag/js?id=G-" + std::to_string(i) + "');\n";
    else if (i % 1999 == 0) s += "tarteaucitron.job\n    .push('hotjar');\n";
    else if (i % 3001 == 0) s += "/* old: https://connect.facebook.net/en_US/fbevents.js */\n";
    else s += "const value" + std::to_string(i) + " = compute(" + std::to_string(i) + ");\n";
  }
  return s;
}

}  // namespace

TEST_CASE("a file over the size limit is scanned as it streams, with the findings of a whole read") {
  MemorySnapshot snap;
  snap.add("public/bundle.js", large_script(10));
  TrackerScanStats whole_stats, streamed_stats;
  auto whole = scan_with_limit(snap, 64ull << 20, whole_stats);
  MemorySnapshot again;
  again.add("public/bundle.js", large_script(10));
  auto streamed = scan_with_limit(again, 1ull << 20, streamed_stats);
  REQUIRE(whole.size() > 500);  // google analytics, hotjar (consent manager) and the Meta pixel in a comment
  CHECK(streamed.size() == whole.size());
  CHECK(streamed == whole);
  CHECK(streamed_stats.files_scanned == 1);
  CHECK(streamed_stats.bytes_scanned == whole_stats.bytes_scanned);
  // Read once, piece by piece: nothing of it kept, nothing reported unread.
  CHECK(again.loads() == 1);
  CHECK(again.unreadable().empty());
}

TEST_CASE("a large binary or minified file is not scanned as text, even streamed") {
  MemorySnapshot snap;
  std::string binary(3u << 20, 'a');
  binary[10] = '\0';
  binary += "https://www.googletagmanager.com/gtag/js?id=G-1\n";
  std::string minified(3u << 20, 'b');
  minified += "https://www.googletagmanager.com/gtag/js?id=G-2\n";
  snap.add("assets/data.js", binary);
  snap.add("assets/app.js", minified);
  TrackerScanStats stats;
  auto found = scan_with_limit(snap, 1ull << 20, stats);
  CHECK(found.empty());
  CHECK(stats.files_scanned == 0);
  CHECK(stats.files_skipped_vendored == 1);  // the minified one, as a whole read counts it
}
