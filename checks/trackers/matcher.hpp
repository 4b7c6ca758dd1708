// The multi-pattern database behind the content pass: every domain, snippet, class, manifest
// and plist pattern of a SignatureSet compiled once into one vectorscan block-mode database.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checks/trackers/signatures.hpp"

struct hs_database;

namespace pacte {

enum class PatternKind : std::uint8_t { domain, snippet, android_class, android_manifest, plist };

/// The report name of a kind: "domain", "snippet", "android-class", "android-manifest", "plist".
std::string_view pattern_kind_name(PatternKind kind);

/// One compiled pattern.
struct PatternInfo {
  std::uint32_t signature = 0;  // index in the signature vector
  PatternKind kind = PatternKind::domain;
  bool regex = false;           // false: a literal whose start is end - text.size()
  std::string text;             // the literal or the regular expression as given
};

/// The vectorscan expression for `text` (literals are escaped byte by byte).
std::string hs_expression_for(const std::string& text, bool regex);

/// Checks that the pattern compiles; returns the engine's message, or empty when it does.
std::string check_pattern(const std::string& text, PatternKind kind, bool regex);

/// The machines a compiled database is meant for.
enum class MatcherTarget : std::uint8_t {
  host,         // tuned for the CPU that compiles it (a database built at run time)
  any_x86_64,   // generic tuning and no CPU feature beyond the baseline: a database built once,
                // at build time, that every machine able to run the binary can load
};

class ContentMatcher {
 public:
  /// Compiles every content pattern of `sigs` for `target`. Throws SignatureError naming the
  /// signature, its file and the pattern when the database cannot be built.
  explicit ContentMatcher(const std::vector<Signature>& sigs, MatcherTarget target = MatcherTarget::host);

  /// The database of `sigs` from `serialized` (what serialized() returned for the same
  /// signatures, at build time). When the bytes cannot be loaded on this machine (another
  /// vectorscan version, a CPU without the features they need, damaged bytes), compiles the
  /// patterns instead, as the constructor above does: the result is the same, only slower to get.
  ContentMatcher(const std::vector<Signature>& sigs, std::string_view serialized);
  ~ContentMatcher();
  ContentMatcher(const ContentMatcher&) = delete;
  ContentMatcher& operator=(const ContentMatcher&) = delete;

  struct Match {
    std::uint32_t pattern;
    std::size_t from, to;  // byte offsets, [from, to)
  };
  /// Every match of every pattern in `data`, in the order the engine reports them. Safe to call
  /// from several threads at once (one scratch space per thread).
  void scan(std::string_view data, std::vector<Match>& out) const;

  const std::vector<PatternInfo>& patterns() const { return patterns_; }
  bool empty() const { return patterns_.empty(); }

  /// The compiled database as bytes (hs_serialize_database), empty when there is no pattern.
  std::string serialized() const;

  /// True when the database was loaded from serialized bytes, false when it was compiled here.
  bool loaded_from_serialized() const { return loaded_from_serialized_; }

 private:
  void collect_patterns(const std::vector<Signature>& sigs);
  void compile(const std::vector<Signature>& sigs, MatcherTarget target);

  static std::uint64_t next_id();

  std::vector<PatternInfo> patterns_;
  hs_database* db_ = nullptr;
  std::uint64_t id_ = next_id();  // tells a thread's scratch space which databases it fits
  bool loaded_from_serialized_ = false;
};

}  // namespace pacte
