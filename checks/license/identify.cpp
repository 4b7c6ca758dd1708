// Licence identification: prefilter by shared trigrams, then align the text with the best
// candidates (Myers diff over trigram hashes) and judge every difference inside the body.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "checks/license/license.hpp"
#include "checks/license/license_text.hpp"

namespace pacte {
namespace {

using license_text::kGram;
using license_text::Token;

// Similarity below which a text is never identified.
constexpr double kAcceptSimilarity = 0.95;
// Candidates must contain this share of a licence's trigrams to be aligned with it.
constexpr double kMinContainment = 0.5;
constexpr std::size_t kMaxCandidates = 8;

/// One reference text: its trigram hashes in order and the bounds of its required body. The
/// hashes are those of the data compiled into pacte, or of a text loaded at run time (`owned`).
struct Reference {
  std::string id;
  bool gnu = false;     // reported with -only / -or-later
  bool notice = false;  // a licence notice ("Licensed under the Apache License..."), not a text
  bool tested = true;   // identification is tested under every variant (identifiable_licenses)
  std::uint32_t head = 0, tail = 0;
  std::span<const std::uint32_t> grams;
  std::shared_ptr<const std::vector<std::uint32_t>> owned;
  std::size_t distinct = 0;
};

/// The distinct values of `grams`, in no particular order (an open-addressing set: sorting the
/// trigrams of a long licence cost a fifth of its identification).
std::vector<std::uint32_t> distinct(std::span<const std::uint32_t> grams) {
  std::size_t size = 64;
  while (size < grams.size() * 2) size <<= 1;
  std::vector<std::uint32_t> table(size, 0);
  bool zero_seen = false;
  std::vector<std::uint32_t> out;
  out.reserve(grams.size());
  for (auto h : grams) {
    if (h == 0) {  // 0 marks an empty slot; a hash of 0 is counted apart
      if (!zero_seen) out.push_back(0);
      zero_seen = true;
      continue;
    }
    std::size_t at = ((h * 0x9E3779B1u) ^ (h >> 15)) & (size - 1);
    while (table[at] != 0 && table[at] != h) at = (at + 1) & (size - 1);
    if (table[at] == 0) {
      table[at] = h;
      out.push_back(h);
    }
  }
  return out;
}

/// All reference texts and an index from trigram hash to the references holding it: an
/// open-addressing table of distinct hashes (three words a slot: hash, first posting, count),
/// each with its slice of `postings`. The compiled-in index is built by pacte_licensegen at
/// build time and used in place; texts loaded at run time rebuild it.
struct Database {
  std::vector<Reference> refs;

  void add(Reference ref) {
    std::vector<std::uint32_t> uniq(ref.grams.begin(), ref.grams.end());
    std::sort(uniq.begin(), uniq.end());
    uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
    ref.distinct = uniq.size();
    refs.push_back(std::move(ref));
  }
  bool has(std::span<const std::uint32_t> grams) const {
    for (const auto& r : refs) {
      if (std::equal(r.grams.begin(), r.grams.end(), grams.begin(), grams.end())) return true;
    }
    return false;
  }

  /// Uses an index built elsewhere (the compiled-in data), which must outlive the database.
  void use_index(const std::uint32_t* slots, std::size_t slot_count, const std::uint32_t* postings) {
    slots_ = slots;
    mask_ = slot_count - 1;
    postings_ = postings;
  }

  /// Uses the exact matches built elsewhere (the compiled-in data, see pacte_licensegen):
  /// `count` entries {sequence hash low, high, reference, first word in `lists`}, by hash.
  void use_exact(const std::uint32_t* entries, std::size_t count, const std::uint32_t* lists) {
    exact_ = entries;
    exact_count_ = count;
    exact_lists_ = lists;
  }

  /// The reference whose trigrams are exactly `grams`, with the candidates the index would
  /// rank for them ({reference, shared distinct hashes, body bound} triples, most contained
  /// first; see pacte_licensegen), or nullopt (no such reference, or texts loaded at run time).
  struct ExactMatch {
    std::uint32_t ref = 0;
    const std::uint32_t* candidates = nullptr;
    std::size_t count = 0;
  };
  std::optional<ExactMatch> exact(std::span<const std::uint32_t> grams) const {
    if (!exact_ || grams.empty()) return std::nullopt;
    const std::uint64_t h = license_text::sequence_hash(grams);
    auto key = [&](std::size_t x) {
      return std::uint64_t{exact_[x * 4]} | (std::uint64_t{exact_[x * 4 + 1]} << 32);
    };
    std::size_t lo = 0, hi = exact_count_;
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (key(mid) < h) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (std::size_t x = lo; x < exact_count_ && key(x) == h; ++x) {
      const std::uint32_t r = exact_[x * 4 + 2];
      if (!std::equal(grams.begin(), grams.end(), refs[r].grams.begin(), refs[r].grams.end())) continue;
      const std::uint32_t* list = exact_lists_ + exact_[x * 4 + 3];
      return ExactMatch{r, list + 1, list[0]};
    }
    return std::nullopt;
  }

  /// Builds the index; call after the last add(). The exact matches of the compiled-in data
  /// do not know the texts added, and are no longer used.
  void build_index() {
    exact_ = nullptr;
    exact_count_ = 0;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  // hash, reference
    for (std::uint32_t r = 0; r < refs.size(); ++r) {
      std::vector<std::uint32_t> uniq(refs[r].grams.begin(), refs[r].grams.end());
      std::sort(uniq.begin(), uniq.end());
      uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
      for (auto h : uniq) pairs.emplace_back(h, r);
    }
    std::sort(pairs.begin(), pairs.end());
    std::size_t distinct = 0;
    for (std::size_t i = 0; i < pairs.size(); ++i) distinct += (i == 0 || pairs[i].first != pairs[i - 1].first);
    std::size_t size = 16;
    while (size < distinct * 2) size <<= 1;
    auto slots = std::make_shared<std::vector<std::uint32_t>>(size * 3, 0);
    auto postings = std::make_shared<std::vector<std::uint32_t>>();
    postings->reserve(pairs.size());
    for (std::size_t i = 0; i < pairs.size();) {
      std::size_t j = i;
      while (j < pairs.size() && pairs[j].first == pairs[i].first) ++j;
      const std::uint32_t first = static_cast<std::uint32_t>(postings->size());
      for (std::size_t k = i; k < j; ++k) postings->push_back(pairs[k].second);
      std::size_t at = mix(pairs[i].first) & (size - 1);
      while ((*slots)[at * 3 + 2]) at = (at + 1) & (size - 1);
      (*slots)[at * 3] = pairs[i].first;
      (*slots)[at * 3 + 1] = first;
      (*slots)[at * 3 + 2] = static_cast<std::uint32_t>(j - i);
      i = j;
    }
    owned_slots_ = slots;
    owned_postings_ = postings;
    use_index(slots->data(), size, postings->data());
  }

  /// Adds 1 to `counts[r]` for every reference r holding `hash`.
  void count(std::uint32_t hash, std::vector<std::uint32_t>& counts) const {
    if (!slots_) return;
    for (std::size_t at = mix(hash) & mask_; slots_[at * 3 + 2]; at = (at + 1) & mask_) {
      if (slots_[at * 3] != hash) continue;
      const std::uint32_t first = slots_[at * 3 + 1], n = slots_[at * 3 + 2];
      for (std::uint32_t k = 0; k < n; ++k) ++counts[postings_[first + k]];
      return;
    }
  }

  /// count() for every hash of `hashes` (distinct), in batches whose slots are fetched from
  /// memory ahead of use: the index is too large for the caches, and a long licence looks up
  /// thousands of trigrams.
  void count_all(std::span<const std::uint32_t> hashes, std::vector<std::uint32_t>& counts) const {
    if (!slots_) return;
    constexpr std::size_t kBatch = 16;
    for (std::size_t b = 0; b < hashes.size(); b += kBatch) {
      const std::size_t e = std::min(hashes.size(), b + kBatch);
      for (std::size_t i = b; i < e; ++i) __builtin_prefetch(slots_ + (mix(hashes[i]) & mask_) * 3);
      for (std::size_t i = b; i < e; ++i) count(hashes[i], counts);
    }
  }

 private:
  static std::size_t mix(std::uint32_t h) { return (h * 0x9E3779B1u) ^ (h >> 15); }
  const std::uint32_t* slots_ = nullptr;
  const std::uint32_t* postings_ = nullptr;
  std::size_t mask_ = 0;
  std::shared_ptr<std::vector<std::uint32_t>> owned_slots_, owned_postings_;
  const std::uint32_t* exact_ = nullptr;
  std::size_t exact_count_ = 0;
  const std::uint32_t* exact_lists_ = nullptr;
};

const std::unordered_set<std::string_view>& gnu_ids() {
  static const std::unordered_set<std::string_view> s = {
      "GPL-1.0", "GPL-2.0", "GPL-3.0", "LGPL-2.0", "LGPL-2.1", "LGPL-3.0",
      "AGPL-1.0", "AGPL-3.0", "GFDL-1.1", "GFDL-1.2", "GFDL-1.3"};
  return s;
}

}  // namespace
}  // namespace pacte

// The fingerprints and index written by pacte_licensegen at build time (cmake/licenses.cmake),
// compiled in as 4-byte aligned words.
extern "C" const std::uint32_t pacte_license_fingerprints[];
extern "C" const std::uint32_t pacte_license_fingerprints_end[];

namespace pacte {
namespace {

std::shared_ptr<Database> load_compiled() {
  auto db = std::make_shared<Database>();
  const std::uint32_t* w = pacte_license_fingerprints;
  const std::uint32_t* end = pacte_license_fingerprints_end;
  auto need = [&](std::size_t n) {
    if (static_cast<std::size_t>(end - w) < n)
      throw std::runtime_error("the compiled-in licence fingerprints are truncated: rebuild pacte");
  };
  need(2);
  if (std::memcmp(w, "PLF3", 4) != 0)
    throw std::runtime_error("the compiled-in licence fingerprints have an unknown format: rebuild pacte");
  const std::uint32_t count = w[1];
  w += 2;
  db->refs.reserve(count);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;  // first hash, count
  spans.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    need(1);
    const std::uint32_t len = w[0];
    const std::size_t id_words = (len + 3) / 4;
    need(1 + id_words + 6);
    Reference ref;
    ref.id.assign(reinterpret_cast<const char*>(w + 1), len);
    w += 1 + id_words;
    ref.gnu = (w[0] & 1) != 0;
    ref.notice = (w[0] & 2) != 0;
    ref.tested = (w[0] & 4) != 0;
    ref.head = w[1];
    ref.tail = w[2];
    ref.distinct = w[3];
    spans.emplace_back(w[5], w[4]);
    w += 6;
    db->refs.push_back(std::move(ref));
  }
  need(1);
  const std::uint32_t hashes = w[0];
  need(1 + std::size_t{hashes});
  for (std::uint32_t i = 0; i < count; ++i) {
    const auto [first, n] = spans[i];
    if (std::size_t{first} + n > hashes) throw std::runtime_error("the compiled-in licence fingerprints are damaged: rebuild pacte");
    db->refs[i].grams = std::span<const std::uint32_t>(w + 1 + first, n);
  }
  w += 1 + std::size_t{hashes};
  need(1);
  const std::uint32_t slots = w[0];
  need(1 + std::size_t{slots} * 3 + 1);
  const std::uint32_t* slot_words = w + 1;
  w += 1 + std::size_t{slots} * 3;
  const std::uint32_t postings = w[0];
  need(1 + std::size_t{postings});
  if (slots == 0 || (slots & (slots - 1)) != 0)
    throw std::runtime_error("the compiled-in licence index is damaged: rebuild pacte");
  db->use_index(slot_words, slots, w + 1);
  w += 1 + std::size_t{postings};
  need(1);
  const std::uint32_t exact = w[0];
  need(1 + std::size_t{exact} * 4 + 1);
  const std::uint32_t* exact_words = w + 1;
  w += 1 + std::size_t{exact} * 4;
  const std::uint32_t list_words = w[0];
  need(1 + std::size_t{list_words});
  // Every entry's candidate list must lie within the lists and name known references.
  for (std::uint32_t x = 0; x < exact; ++x) {
    const std::uint32_t ref = exact_words[x * 4 + 2], first = exact_words[x * 4 + 3];
    bool ok = ref < count && first < list_words && std::size_t{first} + 1 + std::size_t{w[1 + first]} * 3 <= list_words;
    for (std::uint32_t c = 0; ok && c < w[1 + first]; ++c) ok = w[1 + first + 1 + c * 3] < count;
    if (!ok) throw std::runtime_error("the compiled-in licence index is damaged: rebuild pacte");
  }
  db->use_exact(exact_words, exact, w + 1);
  return db;
}

std::mutex& db_mutex() {
  static std::mutex m;
  return m;
}
std::shared_ptr<Database>& db_slot() {
  static std::shared_ptr<Database> db;
  return db;
}
std::shared_ptr<const Database> database() {
  std::lock_guard lock(db_mutex());
  if (!db_slot()) db_slot() = load_compiled();
  return db_slot();
}

/// Longest common subsequence of `a` and `b` (Myers' O(ND) diff) as matched index pairs, or
/// nullopt when more than `max_d` insertions and deletions would be needed.
std::optional<std::vector<std::pair<int, int>>> diff(const std::uint32_t* a, int n,
                                                     const std::uint32_t* b, int m, int max_d) {
  const int offset = max_d + 1;
  std::vector<int> v(static_cast<std::size_t>(2 * offset + 1), 0);
  // trace holds, for each step d, V before the step for k in [-d, d], one step after another
  // (step d starts at d * d): one buffer, not one allocation per step.
  std::vector<int> trace;
  int found_d = -1;
  for (int d = 0; d <= max_d; ++d) {
    trace.insert(trace.end(), v.begin() + (offset - d), v.begin() + (offset + d + 1));
    for (int k = -d; k <= d; k += 2) {
      int x;
      if (k == -d || (k != d && v[static_cast<std::size_t>(offset + k - 1)] <
                                    v[static_cast<std::size_t>(offset + k + 1)])) {
        x = v[static_cast<std::size_t>(offset + k + 1)];
      } else {
        x = v[static_cast<std::size_t>(offset + k - 1)] + 1;
      }
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) {
        ++x;
        ++y;
      }
      v[static_cast<std::size_t>(offset + k)] = x;
      if (x >= n && y >= m) {
        found_d = d;
        break;
      }
    }
    if (found_d >= 0) break;
  }
  if (found_d < 0) return std::nullopt;
  // Walk back through the saved frontiers; trace[d] holds V before step d, for k in [-d, d].
  std::vector<std::pair<int, int>> matches;
  matches.reserve(static_cast<std::size_t>(std::min(n, m)));
  int x = n, y = m;
  for (int d = found_d; d > 0; --d) {
    const int* prev = trace.data() + static_cast<std::size_t>(d) * static_cast<std::size_t>(d);  // V after step d-1, k in [-d, d]
    auto V = [&](int k) { return prev[k + d]; };
    int k = x - y;
    int prev_k = (k == -d || (k != d && V(k - 1) < V(k + 1))) ? k + 1 : k - 1;
    int prev_x = V(prev_k);
    int prev_y = prev_x - prev_k;
    int start_x = prev_k == k + 1 ? prev_x : prev_x + 1;  // after the edit
    int start_y = start_x - k;
    while (x > start_x && y > start_y) {
      --x;
      --y;
      matches.emplace_back(x, y);
    }
    x = prev_x;
    y = prev_y;
  }
  while (x > 0 && y > 0) {
    --x;
    --y;
    matches.emplace_back(x, y);
  }
  std::reverse(matches.begin(), matches.end());
  return matches;
}

/// A difference inside the licence body.
struct Change {
  int added_words = 0;
  int removed_words = 0;
  std::size_t input_begin = 0, input_end = 0;  // input tokens, for quoting
  bool substantial = false;
};

/// How one text compares with one reference.
struct Alignment {
  const Reference* ref = nullptr;
  bool aligned = false;
  bool accepted = false;
  bool contained = false;  // the licence is all there, whatever surrounds it
  double confidence = 0;
  std::size_t matched = 0;           // matched trigrams in the required body
  std::size_t first_token = 0;       // first input token of the licence region
  std::size_t end_token = 0;         // input token just past the region
  bool trailing_added = false;       // text after a licence without appendix
  std::size_t trailing_token = 0;    // first token of that text
  bool title_missing = false, appendix_missing = false;
  std::vector<Change> changes;       // substantial ones and minor ones
  int minor = 0;
  int substantial = 0;
  std::string extra_note;            // e.g. "followed by the text of GPL-3.0-only"
  std::size_t between_words = 0;     // words between the title and the body
  int numerals = 0;                  // moved section numbers
};

bool debugging() {
  static const bool on = std::getenv("PACTE_LICENSE_DEBUG") != nullptr;
  return on;
}

std::string quote(std::string_view text, std::span<const Token> toks, std::size_t b,
                  std::size_t e, std::size_t max_words = 10);

void debug_hunk(const Reference& ref, int ha, int ea, std::string_view text,
                std::span<const Token> toks, std::size_t b, std::size_t e) {
  if (!debugging()) return;
  std::fprintf(stderr, "[%s] ref %d..%d (head %u tail %u) input words %zu..%zu \"%s\"\n",
               ref.id.c_str(), ha, ea, ref.head, ref.tail, b, e, quote(text, toks, b, e, 30).c_str());
}

std::string quote(std::string_view text, std::span<const Token> toks, std::size_t b,
                  std::size_t e, std::size_t max_words) {
  if (b >= e || b >= toks.size()) return {};
  e = std::min(e, toks.size());
  std::size_t last = std::min(e, b + max_words) - 1;
  std::string s(text.substr(toks[b].begin, toks[last].end - toks[b].begin));
  for (auto& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  std::string out;
  for (char c : s) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  if (e - b > max_words) out += "...";
  return out;
}

/// How many of the trigrams that end `expected` the input holds after all in the bytes
/// [gap_begin, gap_end) between two of its words, `before` and `after` (up to two words each
/// side), which the normalisation dropped as a copyright statement: a statement joined with the
/// licence's next line by a reflowed paragraph ("Copyright (C) 1995 Jane Doe Vancouver,
/// Canada" where the licence keeps "Vancouver, Canada" on a line of its own) swallows words of
/// the licence. The swallowed words must be the last ones of the statement, in order, with
/// nothing else after them: a text that lacks them still lacks them. 0 when none are there.
std::size_t swallowed_by_copyright(std::string_view text, std::size_t gap_begin, std::size_t gap_end,
                                   std::span<const Token> before, std::span<const Token> after,
                                   std::span<const std::uint32_t> expected) {
  if (gap_end <= gap_begin || expected.empty()) return 0;
  const auto words = license_text::tokenize_keeping_copyright(text.substr(gap_begin, gap_end - gap_begin));
  // Only the last words can be the ones missing: a suffix longer than `expected` is not tried.
  const std::size_t first = words.size() > expected.size() ? words.size() - expected.size() : 0;
  for (std::size_t s = first; s < words.size(); ++s) {
    std::vector<Token> joined(before.begin(), before.end());
    joined.insert(joined.end(), words.begin() + static_cast<std::ptrdiff_t>(s), words.end());
    joined.insert(joined.end(), after.begin(), after.end());
    const auto grams = license_text::fingerprint(joined);
    if (grams.empty() || grams.size() > expected.size()) continue;
    if (std::equal(grams.begin(), grams.end(), expected.end() - static_cast<std::ptrdiff_t>(grams.size())))
      return grams.size();
  }
  return 0;
}

Alignment align(std::string_view text, std::span<const std::uint32_t> q, std::size_t q_distinct,
                std::span<const Token> toks, const Reference& ref, std::size_t containing) {
  Alignment al;
  al.ref = &ref;
  const auto& r = ref.grams;
  const int m = static_cast<int>(r.size());
  const int k = static_cast<int>(q.size());
  // Estimated similarity, used when the texts cannot be aligned.
  al.confidence = 2.0 * static_cast<double>(containing) / static_cast<double>(ref.distinct + q_distinct);
  if (m == 0 || k == 0) return al;

  // Window: the part of a long input where the reference's trigrams are densest.
  int ws = 0, we = k;
  const int width = m + m / 4 + 64;
  if (k > width + 64) {
    std::unordered_set<std::uint32_t> in_ref(r.begin(), r.end());
    std::vector<int> hits(static_cast<std::size_t>(k) + 1, 0);
    for (int i = 0; i < k; ++i) hits[static_cast<std::size_t>(i) + 1] = hits[static_cast<std::size_t>(i)] + (in_ref.count(q[static_cast<std::size_t>(i)]) ? 1 : 0);
    int best = 0, best_hits = -1;
    for (int s = 0; s + width <= k; ++s) {
      int h = hits[static_cast<std::size_t>(s + width)] - hits[static_cast<std::size_t>(s)];
      if (h > best_hits) {
        best_hits = h;
        best = s;
      }
    }
    ws = std::max(0, best - 32);
    we = std::min(k, best + width + 32);
  }
  const int max_d = std::min(2500, (m + (we - ws)) / 3 + 64);
  auto matches = diff(r.data(), m, q.data() + ws, we - ws, max_d);
  if (!matches || matches->empty()) return al;
  al.aligned = true;
  for (auto& [a, b] : *matches) b += ws;
  // A short run of matches followed by a long insertion at the very start is the note above
  // the licence quoting it ("...the GNU General Public License as published by..."), not the
  // licence's title: leave it to the note.
  while (true) {
    std::size_t run = 1;
    while (run < matches->size() && (*matches)[run].first == (*matches)[run - 1].first + 1 &&
           (*matches)[run].second == (*matches)[run - 1].second + 1)
      ++run;
    if (run >= 8 || run >= matches->size()) break;
    const int gap = (*matches)[run].second - (*matches)[run - 1].second - 1;
    if (gap < 4 || gap < 2 * static_cast<int>(run)) break;
    matches->erase(matches->begin(), matches->begin() + static_cast<std::ptrdiff_t>(run));
  }
  // The licence's first words quoted by that note were matched there, not where the licence
  // starts: the trigrams just before the first match that are the reference's own start it
  // ("Eclipse Public License 2.0" in the note, then the licence's "Eclipse Public License - v 2.0").
  {
    std::vector<std::pair<int, int>> before;
    for (int a = matches->front().first - 1, b = matches->front().second - 1;
         a >= 0 && b >= ws && r[static_cast<std::size_t>(a)] == q[static_cast<std::size_t>(b)]; --a, --b)
      before.emplace_back(a, b);
    matches->insert(matches->begin(), before.rbegin(), before.rend());
  }

  const int g = static_cast<int>(kGram);
  const int head = static_cast<int>(ref.head), tail = static_cast<int>(ref.tail);
  const bool has_appendix = tail < m;
  std::size_t inserted_body = 0;
  for (auto& [a, b] : *matches) {
    if (a >= head && a < tail) ++al.matched;
  }

  // Leading part: a note above the licence is tolerated, a missing title too.
  const auto [a0, b0] = matches->front();
  al.first_token = static_cast<std::size_t>(b0);
  if (a0 > 0) al.title_missing = true;
  if (a0 > head) {
    Change c;
    c.removed_words = a0 - head;
    c.input_begin = c.input_end = static_cast<std::size_t>(b0);
    c.substantial = c.removed_words >= 2 || license_text::sensitive(r[static_cast<std::size_t>(head)]);
    // The body's first words may be in the input after all, swallowed by a copyright statement
    // joined with them (they must then reach back to the header: nothing else is missing).
    const std::size_t b = static_cast<std::size_t>(b0);
    const std::size_t gap_begin = b > 0 ? toks[b - 1].end : 0;
    const std::size_t found = b + 1 < toks.size()
                                  ? swallowed_by_copyright(text, gap_begin, toks[b].begin, {}, toks.subspan(b, 2),
                                                           r.subspan(0, static_cast<std::size_t>(a0)))
                                  : 0;
    if (found == 0 || static_cast<int>(found) < a0 - head) {
      al.changes.push_back(c);
    } else {
      al.matched += static_cast<std::size_t>(std::min(a0, tail) - head);
    }
  }

  // Middle: group hunks separated by fewer than kGram matched trigrams.
  std::size_t i = 0;
  const std::size_t nm = matches->size();
  while (i + 1 < nm) {
    auto [pa, pb] = (*matches)[i];
    auto [na, nb] = (*matches)[i + 1];
    if (na == pa + 1 && nb == pb + 1) {
      ++i;
      continue;
    }
    // A hunk starts after match i; extend it over short runs of matches.
    const int ha = pa + 1, hb = pb + 1;
    std::size_t j = i + 1;
    while (true) {
      // run of consecutive matches starting at j
      std::size_t run_end = j;
      while (run_end + 1 < nm && (*matches)[run_end + 1].first == (*matches)[run_end].first + 1 &&
             (*matches)[run_end + 1].second == (*matches)[run_end].second + 1)
        ++run_end;
      const std::size_t run = run_end - j + 1;
      if (run >= kGram || run_end + 1 >= nm) break;
      j = run_end + 1;
    }
    const int ea = (*matches)[j].first, eb = (*matches)[j].second;  // first match after hunk
    const int del = ea - ha, ins = eb - hb;
    i = j;
    Change c;
    c.removed_words = std::max(0, del - (g - 1));
    c.added_words = std::max(0, ins - (g - 1));
    c.input_begin = static_cast<std::size_t>(hb + (g - 1));
    c.input_end = std::min(toks.size(), c.input_begin + static_cast<std::size_t>(c.added_words));
    debug_hunk(ref, ha, ea, text, toks, c.input_begin, c.input_end);
    // Only the trigrams around a changed boundary differ: nothing to judge.
    if (c.added_words == 0 && c.removed_words == 0) continue;
    // Words the input lacks only because a copyright statement swallowed them are there.
    if (ins == g - 1 && ha < tail && static_cast<std::size_t>(eb) + 1 < toks.size() &&
        swallowed_by_copyright(text, toks[static_cast<std::size_t>(hb) + 1].end, toks[static_cast<std::size_t>(eb)].begin,
                               toks.subspan(static_cast<std::size_t>(hb), 2), toks.subspan(static_cast<std::size_t>(eb), 2),
                               r.subspan(static_cast<std::size_t>(ha), static_cast<std::size_t>(del))) ==
            static_cast<std::size_t>(del)) {
      al.matched += static_cast<std::size_t>(std::max(0, std::min(ea, tail) - std::max(ha, head)));
      continue;
    }
    bool added_sensitive = false, added_numeral = true;
    for (std::size_t t = c.input_begin; t < c.input_end; ++t) {
      added_sensitive |= license_text::is_sensitive(toks[t].word);
      added_numeral &= license_text::is_numeral(toks[t].word);
    }
    bool removed_sensitive = false, removed_numeral = true;
    for (int t = ha + 1; t <= ha + c.removed_words && t < m; ++t) {
      removed_sensitive |= license_text::sensitive(r[static_cast<std::size_t>(t)]);
      removed_numeral &= license_text::numeral(r[static_cast<std::size_t>(t)]);
    }
    if (ha >= tail) continue;  // inside the optional appendix: anything goes
    if (ea <= head) {
      // Inside or just after the optional title: omissions are fine, and so is a short
      // addition such as the continuation of a copyright line; a clause is not.
      if (c.added_words == 0) continue;
      if (c.added_words <= 12 && !added_sensitive) {
        al.between_words += static_cast<std::size_t>(c.added_words);
        continue;
      }
      c.substantial = true;
    } else if (added_numeral && removed_numeral && !ref.notice) {
      // A moved section number or list numeral ("see Article\n5.3.4." reflowed).
      ++al.numerals;
      continue;
    } else {
      c.substantial = c.added_words >= 2 || c.removed_words >= 2 || added_sensitive || removed_sensitive;
      inserted_body += static_cast<std::size_t>(ins);
    }
    al.changes.push_back(c);
  }

  // Trailing part: a missing appendix is tolerated; text after a licence without one is not.
  const auto [al_a, al_b] = matches->back();
  al.end_token = static_cast<std::size_t>(al_b) + kGram;
  if (al_a + 1 < m) al.appendix_missing = has_appendix;
  const int missing_end = tail - (al_a + 1);
  if (missing_end > 0) {
    Change c;
    c.removed_words = missing_end;
    c.input_begin = c.input_end = al.end_token;
    c.substantial = missing_end >= 2;
    al.changes.push_back(c);
  }
  if (!has_appendix && al.end_token + 1 < toks.size()) {
    al.trailing_added = true;
    al.trailing_token = al.end_token;
  }

  for (const auto& c : al.changes) (c.substantial ? al.substantial : al.minor) += 1;
  const double req = static_cast<double>(tail - head);
  al.confidence = req <= 0 ? 0
                           : 2.0 * static_cast<double>(al.matched) /
                                 (req + static_cast<double>(al.matched) + static_cast<double>(inserted_body));
  const int minor_allowed = 2 + (tail - head) / 1000;
  if (al.numerals > 3 + (tail - head) / 300) al.substantial += 1;
  al.contained = al.substantial == 0 && al.minor <= (ref.notice ? 1 : minor_allowed) &&
                 al.confidence >= kAcceptSimilarity;
  al.accepted = al.contained && !al.trailing_added;
  return al;
}

bool says_or_later(std::span<const Token> toks, std::size_t b, std::size_t e) {
  for (std::size_t i = b; i + 1 < e && i + 1 < toks.size(); ++i) {
    if (toks[i].word == "or" && toks[i + 1].word == "later") return true;
    if (i + 2 < e && toks[i].word == "any" && toks[i + 1].word == "later" &&
        toks[i + 2].word == "version")
      return true;
  }
  return false;
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

LicenseMatch identify(std::string_view text, const Database& db, int depth);

LicenseMatch identify_tokens(std::string_view text, std::span<const Token> toks,
                             const Database& db, int depth) {
  LicenseMatch out;
  const auto q = license_text::fingerprint(toks);
  if (q.empty()) {
    out.note = "no licence text";
    return out;
  }
  const std::vector<std::uint32_t> uniq = distinct(q);
  std::vector<std::uint32_t> counts(db.refs.size(), 0);
  db.count_all(uniq, counts);
  std::vector<std::pair<double, std::uint32_t>> ranked;
  for (std::uint32_t r = 0; r < db.refs.size(); ++r) {
    if (!counts[r] || db.refs[r].notice) continue;
    ranked.emplace_back(static_cast<double>(counts[r]) / static_cast<double>(db.refs[r].distinct), r);
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (ranked.empty()) {
    out.note = "no known licence text";
    return out;
  }

  std::vector<Alignment> done;
  double accepted_containment = -1;
  std::size_t accepted_first_token = 0;
  for (std::size_t c = 0; c < ranked.size() && c < kMaxCandidates; ++c) {
    const auto [containment, r] = ranked[c];
    if (containment < (c == 0 ? 0.3 : kMinContainment)) break;
    // Once a licence is accepted, look further only for one as complete that could start
    // earlier in the file (an LGPL text followed by the GPL it refers to).
    if (accepted_containment >= 0 && containment < accepted_containment - 0.02 &&
        !(accepted_first_token > 20 && containment >= 0.8))
      break;
    Alignment al = align(text, q, uniq.size(), toks, db.refs[r], counts[r]);
    if (!al.accepted && al.trailing_added && al.substantial == 0 && depth == 0) {
      // Text after the licence may be a second licence (LGPL-3.0 followed by the GPL).
      std::string_view rest = text.substr(toks[al.trailing_token].begin);
      LicenseMatch second = identify(rest, db, depth + 1);
      if (second.spdx) {
        al.trailing_added = false;
        const double req = static_cast<double>(al.ref->tail - al.ref->head);
        al.confidence = 2.0 * static_cast<double>(al.matched) / (req + static_cast<double>(al.matched));
        al.accepted = al.confidence >= kAcceptSimilarity &&
                      al.minor <= 2 + static_cast<int>(al.ref->tail - al.ref->head) / 1000;
        if (al.accepted) al.end_token = toks.size() + 1;  // the rest is not a note
        if (al.accepted) al.extra_note = fmt::format("followed by the text of {}", *second.spdx);
      }
    }
    if (al.accepted && accepted_containment < 0) {
      accepted_containment = containment;
      accepted_first_token = al.first_token;
    }
    if (debugging())
      std::fprintf(stderr, "[%s] containment %.3f confidence %.3f accepted %d substantial %d minor %d\n",
                   al.ref->id.c_str(), containment, al.confidence, al.accepted, al.substantial, al.minor);
    done.push_back(std::move(al));
  }

  const Alignment* best = nullptr;
  for (const auto& al : done) {
    if (!al.accepted) continue;
    if (!best || al.first_token < best->first_token ||
        (al.first_token == best->first_token && al.matched > best->matched))
      best = &al;
  }
  if (best) {
    const Reference& ref = *best->ref;
    std::string id = ref.id;
    if (ref.gnu) {
      bool later = says_or_later(toks, 0, best->first_token) ||
                   says_or_later(toks, best->end_token, toks.size());
      id += later ? "-or-later" : "-only";
    }
    out.spdx = id;
    out.closest = id;
    out.confidence = std::min(1.0, best->confidence);
    std::vector<std::string> notes;
    if (!best->extra_note.empty()) notes.push_back(best->extra_note);
    if (best->first_token > 0)
      notes.push_back(fmt::format("{} before the licence text", plural(static_cast<int>(best->first_token), "word", "words")));
    if (best->end_token < toks.size())
      notes.push_back(fmt::format("{} after the licence text", plural(static_cast<int>(toks.size() - best->end_token), "word", "words")));
    if (best->between_words > 0)
      notes.push_back(fmt::format("{} between the title and the licence text", plural(static_cast<int>(best->between_words), "word", "words")));
    if (best->minor > 0) notes.push_back(fmt::format("{} of one word", plural(best->minor, "small difference", "small differences")));
    std::string joined;
    for (const auto& n : notes) joined += (joined.empty() ? "" : "; ") + n;
    out.note = joined;
    return out;
  }

  // Nothing accepted: report the closest candidate and what differs.
  const Alignment* closest = nullptr;
  for (const auto& al : done) {
    if (!closest || al.confidence > closest->confidence) closest = &al;
  }
  if (!closest || closest->confidence < 0.2) {
    out.note = "no known licence text is close";
    if (closest) {
      out.confidence = closest->confidence;
    }
    return out;
  }
  const Reference& ref = *closest->ref;
  out.closest = ref.gnu ? ref.id + "-only" : ref.id;
  out.confidence = std::min(1.0, closest->confidence);
  if (!closest->aligned) {
    out.note = fmt::format("text differs from {} throughout ({:.0f}% similar)", out.closest,
                           out.confidence * 100);
    out.difference = "the whole text";
    return out;
  }
  int added = 0, removed = 0, changed = 0;
  std::string example;
  for (const auto& c : closest->changes) {
    if (!c.substantial && closest->minor <= 2) continue;
    if (c.added_words && c.removed_words) {
      ++changed;
    } else if (c.added_words) {
      ++added;
    } else {
      ++removed;
    }
    if (example.empty() && c.added_words) {
      out.difference = quote(text, toks, c.input_begin, c.input_begin + static_cast<std::size_t>(c.added_words));
      example = fmt::format(" (\"{}\")", out.difference);
    }
    if (out.difference.empty() && c.removed_words) {
      const std::size_t at = std::min(c.input_begin, toks.size());
      out.difference = fmt::format("{} missing after \"{}\"",
                                   plural(c.removed_words, "word", "words"),
                                   quote(text, toks, at >= 8 ? at - 8 : 0, at, 8));
    }
  }
  std::vector<std::string> parts;
  if (added) parts.push_back(plural(added, "added passage", "added passages"));
  if (removed) parts.push_back(plural(removed, "removed passage", "removed passages"));
  if (changed) parts.push_back(plural(changed, "changed passage", "changed passages"));
  if (closest->trailing_added) {
    parts.push_back(fmt::format("{} added after the licence text",
                                plural(static_cast<int>(toks.size() - closest->trailing_token), "word", "words")));
    if (example.empty()) {
      out.difference = quote(text, toks, closest->trailing_token, toks.size());
      example = fmt::format(" (\"{}\")", out.difference);
    }
  }
  std::string joined;
  for (const auto& p : parts) joined += (joined.empty() ? "" : ", ") + p;
  if (joined.empty()) joined = fmt::format("{:.0f}% similar", out.confidence * 100);
  if (out.difference.empty()) out.difference = joined;
  out.note = fmt::format("text differs from {}: {}{}", out.closest, joined, example);
  return out;
}

LicenseMatch identify(std::string_view text, const Database& db, int depth) {
  return identify_tokens(text, license_text::tokenize(text), db, depth);
}

// ---- Files holding one or several licences: regions, the text around them, grants. ----

/// True when `exact`, the alignment of a text with the reference whose trigrams are exactly
/// its own (found first, whole, identical: similarity 1), is chosen whatever the siblings
/// ranked after it would align to, so that they need not be aligned. The callers keep the
/// first alignment of the greatest similarity (no sibling can exceed 1), and among the
/// licences found whole the most complete one, a sibling replacing it only when it matches
/// more than 2% more trigrams of its required body: `ranked[c].bound`, the trigrams of that
/// body found anywhere in the text, bounds what any alignment of it can match. When one
/// sibling could, all are aligned, as for any other text.
template <typename Candidate>
bool outranks_siblings(const Alignment& exact, const Database::ExactMatch& match,
                       const std::vector<Candidate>& ranked, double found) {
  if (exact.ref == nullptr || exact.ref->notice || !exact.contained || exact.confidence < 1.0) return false;
  if (ranked.empty() || ranked.front().ref != match.ref) return false;
  const std::uint64_t matched = exact.matched;
  for (std::size_t c = 1; c < ranked.size() && c < kMaxCandidates; ++c) {
    if (ranked[c].containment < kMinContainment || ranked[c].containment < found - 0.02) break;
    // A sibling replaces it when 50 * (matched' - matched) > matched'; with a margin for the
    // rounding of the callers' floating-point test.
    if (49 * std::uint64_t{ranked[c].bound} + 1 >= 50 * matched) return false;
  }
  return true;
}

/// Aligned candidates for `toks` (a slice of the file's tokens), most contained first.
std::vector<Alignment> candidates(std::string_view text, std::span<const Token> toks,
                                  std::span<const std::uint32_t> grams, const Database& db) {
  std::vector<Alignment> done;
  if (toks.size() < kGram) return done;
  const std::span<const std::uint32_t> q = grams.first(toks.size() - kGram + 1);
  if (q.empty()) return done;
  // Ranked candidates: {containment, reference, shared distinct trigrams, body bound}. A text
  // whose trigrams are exactly a reference's (an unmodified licence) has them precomputed,
  // the same as the index gives; any other text looks its trigrams up in the index.
  struct Candidate {
    double containment = 0;
    std::uint32_t ref = 0, shared = 0, bound = 0;
  };
  std::vector<Candidate> ranked;
  std::size_t q_distinct = 0;
  const auto exact = db.exact(q);
  if (exact) {
    q_distinct = db.refs[exact->ref].distinct;
    for (std::size_t c = 0; c < exact->count; ++c) {
      const std::uint32_t r = exact->candidates[c * 3], shared = exact->candidates[c * 3 + 1];
      ranked.push_back({static_cast<double>(shared) / static_cast<double>(db.refs[r].distinct), r, shared,
                        exact->candidates[c * 3 + 2]});
    }
  } else {
    const std::vector<std::uint32_t> uniq = distinct(q);
    q_distinct = uniq.size();
    std::vector<std::uint32_t> counts(db.refs.size(), 0);
    db.count_all(uniq, counts);
    for (std::uint32_t r = 0; r < db.refs.size(); ++r) {
      if (counts[r]) ranked.push_back({static_cast<double>(counts[r]) / static_cast<double>(db.refs[r].distinct), r, counts[r], 0});
    }
    // Most contained first; among equals the longest text (the whole licence before its notice).
    std::sort(ranked.begin(), ranked.end(), [&](const Candidate& a, const Candidate& b) {
      if (a.containment != b.containment) return a.containment > b.containment;
      return db.refs[a.ref].distinct > db.refs[b.ref].distinct;
    });
  }
  double found = -1;  // containment of the first candidate found whole and nearly exact
  std::size_t found_matched = 0;  // the trigrams of its body it matched
  for (std::size_t c = 0; c < ranked.size() && c < kMaxCandidates; ++c) {
    const Candidate& cand = ranked[c];
    if (cand.containment < kMinContainment) break;
    // Once a licence is found nearly exact, only its near-equals (siblings that differ by a few
    // words, a notice it holds, another licence as complete) can compete with it, and a longer
    // sibling that holds 2% more of the text's trigrams than it matched (Latex2e followed by
    // the sentence of Latex2e-translated-notice, whose first words a copyright statement
    // swallowed: less contained, yet the more complete licence).
    if (found >= 0 && cand.containment < found - 0.02) {
      if (exact || 50 * std::uint64_t{cand.shared} <= 51 * std::uint64_t{found_matched}) continue;
    }
    done.push_back(align(text, q, q_distinct, toks, db.refs[cand.ref], cand.shared));
    if (debugging())
      std::fprintf(stderr, "[%s] candidate containment %.3f confidence %.3f contained %d substantial %d minor %d\n",
                   done.back().ref->id.c_str(), cand.containment, done.back().confidence, done.back().contained,
                   done.back().substantial, done.back().minor);
    if (found < 0 && done.back().contained && done.back().confidence >= 0.99) {
      found = cand.containment;
      found_matched = done.back().matched;
    }
    if (exact && c == 0 && found >= 0 && outranks_siblings(done.front(), *exact, ranked, found)) break;
  }
  return done;
}

/// A licence text or notice found whole in the file, as a token range.
struct Region {
  Alignment al;
  std::size_t begin = 0, end = 0;
};

/// Finds the licences contained in tokens [b, e), in file order: the most complete one, then
/// recursively the ones before and after it.
void find_regions(std::string_view text, std::span<const Token> toks, std::span<const std::uint32_t> grams,
                  std::size_t b, std::size_t e, const Database& db, std::vector<Region>& out) {
  if (e <= b || e - b < 12 || out.size() >= 16) return;
  auto cands = candidates(text, toks.subspan(b, e - b), grams.subspan(b), db);
  const Alignment* best = nullptr;
  // The most complete licence; between near-equals (sibling texts that differ by a few words),
  // the more similar one.
  for (const auto& al : cands) {
    if (!al.contained) continue;
    if (!best) {
      best = &al;
      continue;
    }
    const double big = static_cast<double>(std::max(al.matched, best->matched));
    const double gap = std::abs(static_cast<double>(al.matched) - static_cast<double>(best->matched));
    if (gap <= 0.02 * big ? al.confidence > best->confidence : al.matched > best->matched) best = &al;
  }
  if (!best) return;
  Region r{*best, b + best->first_token, std::min(e, b + best->end_token)};
  find_regions(text, toks, grams, b, r.begin, db, out);
  out.push_back(r);
  find_regions(text, toks, grams, r.end, e, db, out);
}

/// The paragraphs of tokens [b, e) as token ranges.
std::vector<std::pair<std::size_t, std::size_t>> paragraphs(std::span<const Token> toks, std::size_t b, std::size_t e) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = b; i < e;) {
    std::size_t j = i;
    while (j < e && toks[j].paragraph == toks[i].paragraph) ++j;
    out.emplace_back(i, j);
    i = j;
  }
  return out;
}

bool word_at(std::span<const Token> toks, std::size_t i, std::size_t e, std::string_view w) {
  return i < e && toks[i].word == w;
}

/// True when words [b, e) read as a licence term (a restriction, a permission, an obligation)
/// rather than a note about the licence: "Commercial use is prohibited", "You may not...".
bool reads_as_term(std::span<const Token> toks, std::size_t b, std::size_t e) {
  static const std::unordered_set<std::string_view> words = {
      "prohibited", "forbidden", "commercial", "noncommercial", "evil", "hereby", "shall", "must",
      "permission", "granted", "licensee", "licensor", "restricted", "revoked", "royalty"};
  static const std::vector<std::pair<std::string_view, std::string_view>> pairs = {
      {"may", "not"}, {"may", "only"}, {"only", "be"}, {"not", "be"}, {"not", "apply"},
      {"cannot", "be"}, {"do", "not"}, {"not", "use"}, {"not", "allowed"}, {"not", "permitted"}};
  for (std::size_t i = b; i < e; ++i) {
    if (words.count(toks[i].word)) return true;
    for (const auto& [x, y] : pairs) {
      if (toks[i].word == x && word_at(toks, i + 1, e, y)) return true;
    }
  }
  return false;
}

/// True when the title words [b, e) name the licence `ref` (its SPDX name, id and generic
/// words: "The MIT License (MIT)"), false for another name ("Acme Public Licence").
bool names_licence(std::span<const Token> toks, std::size_t b, std::size_t e, const Reference& ref) {
  static const std::unordered_set<std::string_view> generic = {
      "the", "license", "licenses", "licensed", "version", "text", "of", "full", "terms", "and",
      "conditions", "copyright", "notice", "agreement", "spdx", "identifier", "for", "software",
      "open", "source", "or", "new", "revised", "simplified", "clause", "only", "later", "ver",
      "permission"};
  std::unordered_set<std::string> allowed;
  std::string id_words = ref.id;
  for (auto& c : id_words) {
    if (c == '-' || c == '.' || c == '_') c = ' ';
  }
  std::string name = id_words;
  if (const LicenseInfo* info = license_info(ref.id)) name += " " + info->name;
  if (ref.gnu) name += " gnu general lesser library affero free documentation public";
  for (const auto& t : license_text::tokenize(name)) allowed.insert(t.word);
  for (std::size_t i = b; i < e; ++i) {
    const auto& w = toks[i].word;
    if (!generic.count(w) && !allowed.count(w) && !license_text::is_numeral(w)) return false;
  }
  return true;
}

bool mentions_licence(std::span<const Token> toks, std::size_t b, std::size_t e) {
  for (std::size_t i = b; i < e; ++i) {
    if (toks[i].word == "license" || toks[i].word == "licensed" || toks[i].word == "licenses") return true;
  }
  return false;
}

/// True when words [b, e) introduce third-party material ("Third-party components", "bundled
/// dependencies").
bool introduces_third_party(std::span<const Token> toks, std::size_t b, std::size_t e) {
  static const std::unordered_set<std::string_view> words = {
      "vendor", "vendored", "bundled", "dependencies", "dependency", "components", "bundles", "thirdparty",
      "incorporates", "incorporated"};
  for (std::size_t i = b; i < e; ++i) {
    if (words.count(toks[i].word)) return true;
    if (toks[i].word == "third" && (word_at(toks, i + 1, e, "party") || word_at(toks, i + 1, e, "parties"))) return true;
  }
  return false;
}

/// What a file says about later versions of a GNU licence.
struct Grant {
  bool later = false;
  std::string evidence;  // the quoted words that decided, or empty
};

/// Reads "-only" or "-or-later" from words [b, e): "or (at your option) any later version" or
/// "version 2 or later" grant later versions; "only valid version", "version 2 only" and
/// "-only" ids do not, and a later version "at the discretion of" someone is not a grant.
void read_grant(std::string_view text, std::span<const Token> toks, std::size_t b, std::size_t e, Grant& only,
                Grant& later) {
  auto discretion = [&](std::size_t i) {
    for (std::size_t k = i; k < e && k < i + 6; ++k) {
      if (toks[k].word == "discretion") return true;
    }
    return false;
  };
  for (std::size_t i = b; i < e; ++i) {
    const auto& w = toks[i].word;
    if (only.evidence.empty()) {
      if (w == "only" && word_at(toks, i + 1, e, "valid") && word_at(toks, i + 2, e, "version")) {
        only.evidence = quote(text, toks, i, std::min(e, i + 8), 8);
      } else if (w == "only" && i > b && (license_text::is_numeral(toks[i - 1].word) || toks[i - 1].word == "v2" || toks[i - 1].word == "v3")) {
        only.evidence = quote(text, toks, i >= b + 4 ? i - 4 : b, i + 1, 8);
      }
    }
    if (later.evidence.empty() && !discretion(i)) {
      if (w == "any" && word_at(toks, i + 1, e, "later") && word_at(toks, i + 2, e, "version")) {
        bool option = false;
        for (std::size_t k = i >= b + 10 ? i - 10 : b; k < i; ++k) option |= toks[k].word == "option" || toks[k].word == "either";
        if (option) later.evidence = quote(text, toks, i >= b + 10 ? i - 10 : b, i + 3, 16);
      } else if (w == "or" && word_at(toks, i + 1, e, "later") && i > b &&
                 license_text::is_numeral(toks[i - 1].word)) {
        later.evidence = quote(text, toks, i >= b + 3 ? i - 3 : b, i + 2, 8);
      }
    }
  }
  later.later = !later.evidence.empty();
}

/// SPDX exceptions recognised by a phrase of their text (normalised words).
const std::vector<std::pair<std::string_view, std::string_view>>& exception_phrases() {
  static const std::vector<std::pair<std::string_view, std::string_view>> p = {
      {"llvm exceptions to the apache 2 0 license", "LLVM-exception"},
      {"this library give you permission to link this library with independent modules to produce an executable",
       "Classpath-exception-2.0"},
      {"gcc runtime library exception", "GCC-exception-3.1"},
      {"autoconf configure script exception", "Autoconf-exception-3.0"},
      {"part or all of the bison parser skeleton", "Bison-exception-2.2"},
      {"program or library that is built using gnu libtool", "Libtool-exception"},
      {"does not cover user programs that use kernel services by normal system calls", "Linux-syscall-note"},
      {"openjdk assembly exception", "OpenJDK-assembly-exception-1.0"},
      {"universal foss exception version 1 0", "Universal-FOSS-exception-1.0"},
      {"qt lgpl exception version 1 1", "Qt-LGPL-exception-1.1"},
      {"if you create document which uses this font", "Font-exception-2.0"},
      {"wxwindows library licence", "WxWindows-exception-3.1"},
  };
  return p;
}

/// The exception whose phrase appears in words [b, e), or empty.
std::string find_exception(std::span<const Token> toks, std::size_t b, std::size_t e) {
  std::string joined;
  for (std::size_t i = b; i < e; ++i) joined += toks[i].word + " ";
  for (const auto& [phrase, id] : exception_phrases()) {
    if (joined.find(phrase) != std::string::npos) return std::string(id);
  }
  return {};
}

/// The 1-based line of byte `offset` in `text`.
int line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n'));
}

/// One section of a licence file while it is being judged.
struct Judged {
  Region region;
  std::size_t lead_b = 0, lead_e = 0;    // text before it (after the previous section)
  std::size_t trail_b = 0, trail_e = 0;  // text after it (before the next section)
  bool notice = false;                   // a notice only
  std::string added;                     // the first passage that reads as a licence term
  std::size_t added_words = 0;
  std::string where;                     // "before" or "after" the licence text
  std::string renamed;                   // a title naming another licence
  std::string exception;
  bool third_party = false;
  std::size_t notice_b = 0, notice_e = 0;  // a notice merged into the text, read for the grant
  bool is_modified = false;                // resembles a licence but differs in substance
  LicenseMatch modified;                   // what differs, then
};

std::string reported_id(const Reference& ref, const Grant& only, const Grant& later, std::string* evidence) {
  if (!ref.gnu) return ref.id;
  if (!only.evidence.empty()) {
    *evidence = only.evidence;
    return ref.id + "-only";
  }
  if (later.later) {
    *evidence = later.evidence;
    return ref.id + "-or-later";
  }
  return ref.id + "-only";
}

/// The SPDX-License-Identifier lines of `text`: the expression of the first one, or empty.
std::string identifier_line(std::string_view text) {
  static const std::string_view key = "spdx-license-identifier:";
  std::string lower(text.substr(0, std::min<std::size_t>(text.size(), 1 << 16)));
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto at = lower.find(key);
  if (at == std::string::npos) return {};
  std::size_t b = at + key.size(), e = text.find('\n', b);
  std::string expr(text.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
  for (std::string_view closer : {"*/", "-->", "#}", "\r"}) {
    auto p = expr.find(closer);
    if (p != std::string::npos) expr.erase(p);
  }
  while (!expr.empty() && expr.back() == ' ') expr.pop_back();
  while (!expr.empty() && expr.front() == ' ') expr.erase(0, 1);
  return expr;
}

LicenseMatch identify_file(std::string_view text, const Database& db) {
  const auto toks = license_text::tokenize(text);
  const auto grams = license_text::fingerprint(toks);
  std::vector<Region> regions;
  find_regions(text, toks, grams, 0, toks.size(), db, regions);
  if (regions.empty()) {
    // An identifier line alone ("SPDX-License-Identifier: MPL-2.0").
    const std::string expr = identifier_line(text);
    if (!expr.empty() && toks.size() <= 40) {
      LicenseMatch out;
      std::string error;
      auto parsed = parse_spdx_expression(expr, &error);
      out.kind = "identifier";
      if (!parsed) {
        out.note = fmt::format("SPDX-License-Identifier line: {}", error);
        return out;
      }
      if (parsed->ids.size() == 1) out.spdx = parsed->ids.front();
      out.closest = parsed->normalized;
      out.confidence = 1;
      auto with = parsed->normalized.find(" WITH ");
      if (with != std::string::npos) {
        out.exception = parsed->normalized.substr(with + 6);
        auto sp = out.exception.find_first_of(" )");
        if (sp != std::string::npos) out.exception.erase(sp);
      }
      out.note = fmt::format("SPDX-License-Identifier line: {}", parsed->normalized);
      return out;
    }
    return identify_tokens(text, toks, db, 1);
  }

  // Each section with the text around it; a notice next to the text of the same licence is
  // one section (the notice says which versions apply).
  std::vector<Judged> sections;
  for (const auto& r : regions) {
    if (!sections.empty()) {
      Judged& prev = sections.back();
      const bool same = prev.region.al.ref->id == r.al.ref->id;
      if (same && (prev.region.al.ref->notice != r.al.ref->notice) && r.begin >= prev.region.end &&
          !reads_as_term(toks, prev.region.end, r.begin)) {
        const Region& notice = prev.region.al.ref->notice ? prev.region : r;
        prev.notice_b = notice.begin;
        prev.notice_e = notice.end;
        Region merged = prev.region.al.ref->notice ? r : prev.region;
        merged.begin = prev.region.begin;
        merged.end = r.end;
        prev.region = merged;
        prev.notice = false;
        continue;
      }
    }
    Judged j;
    j.region = r;
    if (r.al.ref->notice) {
      j.notice_b = r.begin;
      j.notice_e = r.end;
    }
    j.notice = r.al.ref->notice;
    sections.push_back(j);
  }
  // A long passage between the licences found that resembles a licence is a modified one: a
  // section of its own, not identified (a third-party text with a clause added).
  {
    std::vector<Judged> modified;
    for (std::size_t i = 0; i <= sections.size(); ++i) {
      const std::size_t gb = i == 0 ? 0 : sections[i - 1].region.end;
      const std::size_t ge = i < sections.size() ? sections[i].region.begin : toks.size();
      if (ge <= gb || ge - gb < 40) continue;
      std::size_t start = gb;
      for (const auto& [pb, pe] : paragraphs(toks, gb, ge)) {
        if (pe - pb >= 15) break;
        start = pe;
      }
      if (ge <= start || ge - start < 30) continue;
      std::vector<Token> sub(toks.begin() + static_cast<std::ptrdiff_t>(start), toks.begin() + static_cast<std::ptrdiff_t>(ge));
      const Alignment* near = nullptr;
      auto cands = candidates(text, sub, std::span<const std::uint32_t>(grams).subspan(start), db);
      for (const auto& al : cands) {
        if (!al.ref->notice && al.aligned && al.confidence >= 0.6 && (!near || al.confidence > near->confidence)) near = &al;
      }
      if (!near) continue;
      Judged j;
      j.region = Region{*near, start, ge};
      j.modified = identify_tokens(text, sub, db, 1);
      if (j.modified.spdx || j.modified.closest.empty()) continue;
      j.is_modified = true;
      modified.push_back(std::move(j));
    }
    for (auto& j : modified) sections.push_back(std::move(j));
    std::sort(sections.begin(), sections.end(), [](const Judged& a, const Judged& b) { return a.region.begin < b.region.begin; });
  }
  for (std::size_t i = 0; i < sections.size(); ++i) {
    sections[i].lead_b = i == 0 ? 0 : sections[i - 1].region.end;
    sections[i].lead_e = sections[i].region.begin;
    sections[i].trail_b = sections[i].region.end;
    sections[i].trail_e = i + 1 < sections.size() ? sections[i + 1].region.begin : toks.size();
  }
  // Judge the text between sections, once per gap.
  bool third = false;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    Judged& s = sections[i];
    const Reference& ref = *s.region.al.ref;
    if (introduces_third_party(toks, s.lead_b, s.lead_e)) third = true;
    s.third_party = third;
    auto paras = paragraphs(toks, s.lead_b, s.lead_e);
    // The title: the words just before the licence in its paragraph, or a short paragraph
    // just above it that names a licence.
    // A notice names its subject before it ("Exemple is free software..."): no title there.
    const bool starts_with_notice = s.notice_e > s.notice_b && s.notice_b == s.region.begin;
    if (!paras.empty() && !starts_with_notice && !s.is_modified) {
      auto [tb, te] = paras.back();
      const bool same_paragraph = s.region.begin < toks.size() && toks[s.region.begin].paragraph == toks[tb].paragraph;
      // A file name introducing the text ("g_fmt.c:", "src/dtoa.c") labels it; it names no licence.
      const std::size_t label_b = toks[tb].begin, label_e = text.find('\n', label_b);
      std::string_view label = text.substr(label_b, label_e == std::string_view::npos ? std::string_view::npos : label_e - label_b);
      while (!label.empty() && (label.back() == '\r' || label.back() == ' ' || label.back() == ':')) label.remove_suffix(1);
      const bool file_label = label.find(' ') == std::string_view::npos && label.find('.') != std::string_view::npos;
      if (te - tb <= 12 && (same_paragraph || mentions_licence(toks, tb, te)) && !names_licence(toks, tb, te, ref) &&
          !introduces_third_party(toks, tb, te) && !file_label) {
        s.renamed = quote(text, toks, tb, te, 12);
      }
      if (te - tb <= 12 && !s.renamed.empty()) paras.pop_back();
      // A heading further up that names another licence ("ACME PUBLIC LICENSE" above the
      // copyright lines) renames it too.
      for (std::size_t p = 0; p + 1 < paras.size() && s.renamed.empty(); ++p) {
        const auto [pb, pe] = paras[p];
        if (pe - pb <= 6 && mentions_licence(toks, pb, pe) && !names_licence(toks, pb, pe, ref) &&
            !introduces_third_party(toks, pb, pe))
          s.renamed = quote(text, toks, pb, pe, 12);
      }
    }
    // The exception text that follows a licence is part of it.
    s.exception = find_exception(toks, s.trail_b, s.trail_e);
    for (const auto& [pb, pe] : paras) {
      if (!s.added.empty()) break;
      if (i > 0 && !sections[i - 1].exception.empty()) break;
      // A short paragraph that only names this licence ("COPYRIGHT AND PERMISSION NOTICE"
      // above curl's text) is its title, not a term added to it.
      if (pe - pb <= 12 && names_licence(toks, pb, pe, ref)) continue;
      if (reads_as_term(toks, pb, pe)) {
        // Right after the previous licence: it was added to that one.
        Judged& owner = (i > 0 && pb == paras.front().first && !sections[i - 1].region.al.ref->notice) ? sections[i - 1] : s;
        if (owner.added.empty()) {
          owner.added = quote(text, toks, pb, pe, 12);
          owner.added_words = pe - pb;
          owner.where = &owner == &s ? "before" : "after";
        }
      }
    }
    if (i + 1 == sections.size() && s.exception.empty()) {
      for (const auto& [pb, pe] : paragraphs(toks, s.trail_b, s.trail_e)) {
        if (s.added.empty() && reads_as_term(toks, pb, pe)) {
          s.added = quote(text, toks, pb, pe, 12);
          s.added_words = pe - pb;
          s.where = "after";
        }
      }
    }
  }

  LicenseMatch out;
  std::vector<LicenseSection> reported;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const Judged& s = sections[i];
    const Alignment& al = s.region.al;
    const Reference& ref = *al.ref;
    Grant only, later;
    read_grant(text, toks, s.lead_b, s.lead_e, only, later);
    read_grant(text, toks, s.notice_b, s.notice_e, only, later);
    if (i + 1 == sections.size()) read_grant(text, toks, s.trail_b, s.trail_e, only, later);
    LicenseSection sec;
    std::string grant;
    const std::string id = reported_id(ref, only, later, &grant);
    sec.kind = s.notice ? "notice" : "text";
    sec.exception = s.exception;
    sec.third_party = s.third_party;
    sec.first_line = line_of(text, toks[s.region.begin].begin);
    sec.last_line = line_of(text, toks[std::max(s.region.begin, std::min(s.region.end, toks.size()) - 1)].end);
    sec.closest = id;
    const double req = static_cast<double>(ref.tail - ref.head);
    std::string note;
    if (s.is_modified) {
      sec.closest = s.modified.closest;
      sec.confidence = s.modified.confidence;
      sec.difference = s.modified.difference;
      note = s.modified.note;
    } else if (!s.renamed.empty()) {
      sec.difference = s.renamed;
      note = fmt::format("text differs from {}: its title names another licence (\"{}\")", id, s.renamed);
      sec.confidence = std::min(1.0, al.confidence) * 0.99;
    } else if (!s.added.empty()) {
      sec.difference = s.added;
      sec.confidence = req <= 0 ? 0
                                : 2.0 * static_cast<double>(al.matched) /
                                      (req + static_cast<double>(al.matched) + static_cast<double>(s.added_words));
      note = fmt::format("text differs from {}: {} added {} the licence text (\"{}\")", id,
                         plural(static_cast<int>(s.added_words), "word", "words"), s.where, s.added);
    } else {
      sec.spdx = id;
      sec.confidence = std::min(1.0, al.confidence);
      std::vector<std::string> notes;
      if (s.region.begin > s.lead_b)
        notes.push_back(fmt::format("{} before the licence text", plural(static_cast<int>(s.region.begin - s.lead_b), "word", "words")));
      if (s.trail_e > s.trail_b && i + 1 == sections.size())
        notes.push_back(fmt::format("{} after the licence text", plural(static_cast<int>(s.trail_e - s.trail_b), "word", "words")));
      if (al.minor > 0) notes.push_back(fmt::format("{} of one word", plural(al.minor, "small difference", "small differences")));
      for (const auto& n : notes) note += (note.empty() ? "" : "; ") + n;
    }
    if (i == 0 || reported.empty()) {
      out.grant = grant;
    }
    reported.push_back(sec);
    if (sections.size() == 1) out.note = note;
  }
  // The project's licence: the first section that is not third-party.
  const LicenseSection* own = nullptr;
  std::size_t own_index = 0;
  for (std::size_t i = 0; i < reported.size(); ++i) {
    if (!reported[i].third_party) {
      own = &reported[i];
      own_index = i;
      break;
    }
  }
  if (!own) {
    out.note = "third-party licences only";
    out.closest = reported.front().closest;
    out.kind = reported.front().kind;
  } else {
    out.spdx = own->spdx;
    out.closest = own->closest;
    out.confidence = own->confidence;
    out.kind = own->kind;
    out.exception = own->exception;
    out.difference = own->difference;
    if (!own->spdx && sections.size() > 1)
      out.note = fmt::format("section {} (lines {}-{}) differs from {}", own_index + 1, own->first_line, own->last_line, own->closest);
    // The project's terms are all its own sections: one of them modified (the GPL that an LGPL
    // file carries, edited) means the file is not the original licence.
    for (std::size_t i = 0; i < reported.size() && out.spdx; ++i) {
      if (reported[i].third_party || reported[i].spdx) continue;
      out.spdx.reset();
      out.difference = reported[i].difference;
      out.note = fmt::format("section {} (lines {}-{}) differs from {}", i + 1, reported[i].first_line,
                             reported[i].last_line, reported[i].closest);
    }
    // The grant evidence of the project's own section.
    Grant only, later;
    const Judged& s = sections[own_index];
    read_grant(text, toks, s.lead_b, s.lead_e, only, later);
    read_grant(text, toks, s.notice_b, s.notice_e, only, later);
    if (own_index + 1 == sections.size()) read_grant(text, toks, s.trail_b, s.trail_e, only, later);
    out.grant.clear();
    reported_id(*s.region.al.ref, only, later, &out.grant);
  }
  if (reported.size() > 1) {
    out.sections = std::move(reported);
    if (out.note.empty()) {
      std::string list;
      for (const auto& sec : out.sections)
        list += (list.empty() ? "" : ", ") + fmt::format("{} (lines {}-{}{})", sec.spdx.value_or("not " + sec.closest), sec.first_line,
                                                         sec.last_line, sec.third_party ? ", third-party" : "");
      out.note = fmt::format("{} sections: {}", out.sections.size(), list);
      // The LGPL is often shipped with the GPL it refers to.
      if (out.sections.size() == 2 && out.sections[1].spdx && !out.sections[1].third_party &&
          out.spdx && out.spdx->starts_with("LGPL-") && out.sections[1].spdx->starts_with("GPL-"))
        out.note = fmt::format("followed by the text of {}; {}", *out.sections[1].spdx, out.note);
    }
  }
  return out;
}

std::string read_whole(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read the licence text", p.string()));
  std::ostringstream s;
  s << in.rdbuf();
  if (!in && !in.eof()) throw std::runtime_error(fmt::format("{}: cannot read the licence text", p.string()));
  return s.str();
}

Reference make_reference(std::string id, std::string_view text) {
  Reference ref;
  for (std::string_view suffix : {"-only", "-or-later"}) {
    if (id.size() > suffix.size() && id.ends_with(suffix) &&
        gnu_ids().count(std::string_view(id).substr(0, id.size() - suffix.size()))) {
      id.erase(id.size() - suffix.size());
    }
  }
  ref.gnu = gnu_ids().count(id) > 0;
  ref.id = std::move(id);
  auto toks = license_text::tokenize(text);
  auto grams = std::make_shared<const std::vector<std::uint32_t>>(license_text::fingerprint(toks));
  ref.grams = *grams;
  ref.owned = std::move(grams);
  license_text::optional_parts(toks, ref.head, ref.tail);
  return ref;
}

}  // namespace

LicenseMatch identify_license_text(std::string_view text) {
  auto db = database();
  return identify_file(text, *db);
}

std::vector<std::string> identifiable_licenses() {
  auto db = database();
  std::vector<std::string> ids;
  for (const auto& r : db->refs) {
    if (!r.notice && r.tested) ids.push_back(r.id);
  }
  return ids;
}

std::vector<std::string> known_licenses() {
  auto db = database();
  std::vector<std::string> ids;
  for (const auto& r : db->refs) {
    if (!r.notice && std::find(ids.begin(), ids.end(), r.id) == ids.end()) ids.push_back(r.id);
  }
  return ids;
}

void load_license_data_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::string>> texts;  // id, text
  std::error_code ec;
  const fs::path text_dir = fs::path(dir) / "text";
  const fs::path json_dir = fs::path(dir) / "json" / "details";
  if (fs::is_directory(text_dir, ec)) {
    for (const auto& e : fs::directory_iterator(text_dir)) {
      if (!e.is_regular_file() || e.path().extension() != ".txt") continue;
      std::string id = e.path().stem().string();
      if (id.ends_with("+") || id.starts_with("deprecated_")) continue;
      texts.emplace_back(id, read_whole(e.path()));
    }
  } else if (fs::is_directory(json_dir, ec)) {
    for (const auto& e : fs::directory_iterator(json_dir)) {
      if (!e.is_regular_file() || e.path().extension() != ".json") continue;
      nlohmann::json j;
      try {
        j = nlohmann::json::parse(read_whole(e.path()));
      } catch (const nlohmann::json::exception& ex) {
        throw std::runtime_error(fmt::format("{}: not valid JSON ({})", e.path().string(), ex.what()));
      }
      if (!j.is_object() || !j.contains("licenseId") || !j["licenseId"].is_string() ||
          !j.contains("licenseText") || !j["licenseText"].is_string())
        throw std::runtime_error(fmt::format(
            "{}: expected an SPDX licence details object with string \"licenseId\" and "
            "\"licenseText\"",
            e.path().string()));
      std::string id = j["licenseId"].get<std::string>();
      if (id.ends_with("+") || j.value("isDeprecatedLicenseId", false)) continue;
      texts.emplace_back(id, j["licenseText"].get<std::string>());
    }
  } else {
    throw std::runtime_error(fmt::format(
        "{}: not an SPDX license-list-data folder (it has neither text/ nor json/details/)", dir));
  }
  std::sort(texts.begin(), texts.end());
  auto current = database();
  auto next = std::make_shared<Database>(*current);
  for (auto& [id, text] : texts) {
    Reference ref = make_reference(id, text);
    if (ref.grams.size() < 4 || next->has(ref.grams)) continue;
    next->add(std::move(ref));
  }
  next->build_index();
  std::lock_guard lock(db_mutex());
  db_slot() = std::move(next);
}

}  // namespace pacte

namespace pacte::license_text {

std::vector<std::pair<std::string, std::vector<std::uint32_t>>> reference_fingerprints() {
  auto db = database();
  std::vector<std::pair<std::string, std::vector<std::uint32_t>>> out;
  for (const auto& r : db->refs) {
    if (!r.notice) out.emplace_back(r.id, std::vector<std::uint32_t>(r.grams.begin(), r.grams.end()));
  }
  return out;
}

}  // namespace pacte::license_text
