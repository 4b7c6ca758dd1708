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

class ContentMatcher {
 public:
  /// Compiles every content pattern of `sigs`. Throws SignatureError naming the signature, its
  /// file and the pattern when the database cannot be built.
  explicit ContentMatcher(const std::vector<Signature>& sigs);
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

 private:
  std::vector<PatternInfo> patterns_;
  hs_database* db_ = nullptr;
};

}  // namespace pacte
