// Tracker detection over a snapshot: manifests parsed, source and templates matched against
// every signature pattern in one pass per file, ads.txt read, and all evidence merged per
// signature.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "checks/base/snapshot.hpp"
#include "checks/base/text.hpp"
#include "checks/trackers/manifests.hpp"
#include "checks/trackers/signatures.hpp"

namespace pacte {

/// One piece of evidence for one signature.
struct TrackerHit {
  std::string signature_id;
  /// "dependency", "domain", "snippet", "android-class", "android-manifest", "plist", "csp",
  /// "ads.txt".
  std::string kind;
  Evidence evidence;  // path, 1-based line, snippet (the line), note (what matched)
  bool dev = false;   // a development- or test-only dependency
  /// "code", "test" (tests, fixtures), "tooling" (a monorepo package never shipped to users:
  /// see workspace_packages), "docs" (documentation, examples), "comment" (inside a
  /// comment of the file's language in code: line, block, trailing, HTML/XML or template
  /// comment). A match inside a string literal is code.
  std::string context = "code";
};

/// What one content file yields: whether it was scanned (or skipped as minified), its size, and
/// its hits. The same for every revision holding the same blob at the same path, so it is kept
/// in the result cache (BlobCache, kind "trackers").
struct ContentScan {
  bool scanned = false;
  bool minified = false;
  std::uint64_t size = 0;
  std::vector<TrackerHit> hits;
};

/// A hit and a file's scan as the result cache keeps them (CBOR through nlohmann).
void to_json(nlohmann::json& j, const TrackerHit& hit);
void from_json(const nlohmann::json& j, TrackerHit& hit);
void to_json(nlohmann::json& j, const ContentScan& scan);
void from_json(const nlohmann::json& j, ContentScan& scan);

/// Every hit of one signature, sorted by path and line.
struct TrackerDetection {
  const Signature* signature = nullptr;  // points into the SignatureSet given to detect_trackers
  std::vector<TrackerHit> hits;
  /// No hit in shipped code: every hit is a dev dependency, or in tests, tooling, docs or
  /// comments.
  /// Rules report such detections apart and do not fail on them.
  bool only_dev_or_test = false;
};

/// What the scan read and what it left out.
struct TrackerScanStats {
  std::uint64_t files_scanned = 0;           // files whose content was matched or parsed
  std::uint64_t bytes_scanned = 0;
  std::uint64_t files_skipped_vendored = 0;  // vendored, generated, minified or lock files
  std::uint64_t bytes_skipped = 0;
  std::vector<std::string> skipped_examples;  // up to 10 skipped paths or folders
  std::uint64_t manifests_parsed = 0;
  std::uint64_t dependencies = 0;
};

/// Where a file belongs, from its path alone.
enum class PathContext { code, test, docs, vendored };

/// The context of `path`: vendored or generated trees (node_modules/, vendor/, Pods/, dist/,
/// build/, *.min.js, *.map, ...), tests (test/, tests/, __tests__/, spec/, fixtures/,
/// *.test.*, *.spec.*, *_test.go, ...), documentation (docs/, examples/, *.md, *.rst; *.txt
/// only when `txt_is_docs`), else code.
PathContext classify_path(std::string_view path, bool txt_is_docs = true);

/// Scans `snap` for every signature of `set`. Deterministic: detections follow the order of
/// the set, hits are sorted by path and line. At most `max_hits_per_file` hits per signature
/// and file are kept.
std::vector<TrackerDetection> detect_trackers(const Snapshot& snap, const SignatureSet& set,
                                              TrackerScanStats& stats, int max_hits_per_file = 10);

/// Matches the content of one file (not a manifest; already decoded, see decode_source) and
/// returns its hits; `path` decides which kinds apply (classes in JVM sources and XML, manifest
/// names in XML, plist keys in .plist) and which lexer tells comments apart. Files are decoded
/// by byte-order mark (UTF-8, UTF-16LE, UTF-16BE) in detect_trackers.
std::vector<TrackerHit> scan_content(const SignatureSet& set, std::string_view path, std::string_view content);

/// The ads.txt / app-ads.txt seller lines of `content` (placeholder and comments excluded).
std::vector<TrackerHit> scan_ads_txt(std::string_view path, std::string_view content);

/// The dependencies of `deps` that a signature of `set` names, as hits.
std::vector<TrackerHit> match_dependencies(const SignatureSet& set, const std::vector<Dependency>& deps);

/// The report's `facts.trackers`: one entry per detection with name, category, vendor, evidence
/// ([{path, line, snippet, kind, context}]), plus id, self_hostable, eu, vendor_country,
/// consent_exempt_possible, context (the strongest context: code > test > tooling > docs >
/// comment)
/// and only_dev_or_test.
nlohmann::json trackers_to_json(const std::vector<TrackerDetection>& detections);

/// Every domain and snippet pattern the content pass uses, as POSIX extended regular
/// expressions (one per line), for benchmarks against `git grep -E -f`.
std::vector<std::string> content_patterns_as_ere(const SignatureSet& set);

}  // namespace pacte
