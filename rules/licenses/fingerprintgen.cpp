// Build-time tool: writes the licence reference data pacte compiles in (fingerprints.dat) from
// the texts of the npm package spdx-license-list and Debian's common-licenses. It uses the same
// tokeniser as identification (checks/license/normalize.cpp), so the two cannot drift, and it
// builds the trigram index here so that an audit only maps it.
//
// Usage: pacte_licensegen OUT.dat SPDX_LICENSE_LIST_DIR [DEBIAN_COMMON_LICENSES_DIR]
//
// Layout (little-endian u32 words, 4-byte aligned): "PLF3", reference count R, then R records
// {id length, id bytes padded to 4, flags (1 GNU, 2 notice, 4 tested), head, tail, distinct, n,
// first hash}; the hashes: count H, then every reference's n hashes one after another (loading
// reads the records only, a few pages, not the hashes in between); then the index: slot count
// S (a power of two), S slots {hash, first posting, posting count}, posting count P, P reference
// numbers; then the exact matches: count X, X entries {sequence hash low word, high word,
// reference, first word of its candidates}, by sequence hash; then the candidates: word count
// C, then for each entry its count c and c triples {reference, shared distinct hashes, bound}.
//
// The exact matches let a text whose trigrams are exactly those of a reference (an unmodified
// licence, however it is wrapped or its copyright line filled in) skip the index: its
// candidates are those the index would rank first (the references holding at least half
// their distinct trigrams in it, most contained first, at most 8), with the trigrams they share
// with it, and the bound: how many trigrams of the candidate's required body are found in the
// text at all (no alignment can match more). A reference whose ranking has a tie in its first
// places (two candidates the index could rank either way) has no entry.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checks/license/license_text.hpp"

namespace {

namespace lt = pacte::license_text;

// GNU licences: stored once per version (from the "-only" text) and reported -only/-or-later.
const std::set<std::string> kGnu = {"GPL-1.0", "GPL-2.0", "GPL-3.0", "LGPL-2.0", "LGPL-2.1", "LGPL-3.0",
                                    "AGPL-1.0", "AGPL-3.0", "GFDL-1.1", "GFDL-1.2", "GFDL-1.3"};
// Debian files stored as extra variants (their wording differs from the SPDX text beyond the
// optional parts). LGPL-3.0: the SPDX text appends the GPL, Debian's is the LGPL alone.
// GPL-3.0 and LGPL-2.1: Debian's are the FSF's files, which most projects copy (a few words
// differ from the SPDX text): stored, they are identified as exact matches, without the index.
const std::map<std::string, std::string> kDebian = {{"LGPL-3", "LGPL-3.0"}, {"MPL-1.1", "MPL-1.1"},
                                                    {"GFDL-1.2", "GFDL-1.2"}, {"GFDL-1.3", "GFDL-1.3"},
                                                    {"GPL-2", "GPL-2.0"}, {"GPL-1", "GPL-1.0"},
                                                    {"GPL-3", "GPL-3.0"}, {"LGPL-2.1", "LGPL-2.1"}};
const std::set<std::string> kNpmSkip = {"LGPL-3.0"};
// Licences whose identification is tested under every variant the SPDX matching guidelines
// allow (tests/unit/license: copyright filled in, reflowed, Markdown, rewrapped, a note above):
// the texts that have no free-form part besides the copyright line. Every other SPDX text is
// identified too, with less tolerance for reflowing around its free-form parts.
const std::set<std::string> kTested = {
    "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "MPL-2.0", "GPL-2.0", "GPL-3.0",
    "LGPL-2.1", "LGPL-3.0", "AGPL-3.0", "EUPL-1.2", "EPL-2.0", "CECILL-2.1", "CECILL-B",
    "CECILL-C", "CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "Unlicense", "etalab-2.0", "ODbL-1.0",
    "Zlib", "0BSD", "MIT-0", "X11", "MPL-1.1", "MPL-1.0", "BSL-1.0", "Artistic-2.0",
    "Artistic-1.0-Perl", "WTFPL", "CC-BY-3.0", "CC-BY-SA-3.0", "CC-BY-NC-4.0", "CC-BY-ND-4.0",
    "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-4.0", "PDDL-1.0", "ODC-By-1.0", "BSD-3-Clause-Clear",
    "BSD-4-Clause", "BSD-2-Clause-Patent", "EUPL-1.1", "EPL-1.0", "LGPL-2.0", "GPL-1.0",
    "CECILL-2.0", "CECILL-1.1", "Apache-1.1", "PostgreSQL", "NCSA", "UPL-1.0",
    "MS-PL", "MS-RL", "OFL-1.1", "GFDL-1.2", "GFDL-1.3", "LPPL-1.3c", "ECL-2.0", "OSL-3.0",
    "AFL-3.0", "CDDL-1.0", "CDDL-1.1", "BlueOak-1.0.0", "CDLA-Permissive-2.0", "OGL-UK-3.0",
    "Vim", "W3C", "ZPL-2.1", "APSL-2.0", "GFDL-1.1"};

struct Ref {
  std::string id;
  std::uint32_t flags = 0, head = 0, tail = 0;
  std::vector<std::uint32_t> grams;
};

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return {};
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::size_t find_phrase(const std::vector<lt::Token>& t, const std::vector<std::string>& p, std::size_t from) {
  for (std::size_t i = from; i + p.size() <= t.size(); ++i) {
    bool ok = true;
    for (std::size_t k = 0; k < p.size() && ok; ++k) ok = t[i + k].word == p[k];
    if (ok) return i;
  }
  return std::string::npos;
}

// The standard notice a licence tells projects to put in their files ("Licensed under the
// Apache License...", the GNU "... is free software ... any later version" paragraph), as a
// reference of its own: from `first` to the end of `last`, searched after `after`.
bool notice_of(const std::vector<lt::Token>& toks, const std::vector<std::string>& after,
               const std::vector<std::string>& first, const std::vector<std::string>& last, Ref& out) {
  std::size_t from = after.empty() ? 0 : find_phrase(toks, after, 0);
  if (from == std::string::npos) return false;
  std::size_t b = find_phrase(toks, first, from);
  if (b == std::string::npos) return false;
  std::size_t e = find_phrase(toks, last, b);
  if (e == std::string::npos || e - b > 200) return false;
  std::vector<lt::Token> part(toks.begin() + static_cast<std::ptrdiff_t>(b),
                              toks.begin() + static_cast<std::ptrdiff_t>(e + last.size()));
  out.grams = lt::fingerprint(part);
  out.head = 0;
  out.tail = static_cast<std::uint32_t>(out.grams.size());
  out.flags |= 2;
  return !out.grams.empty();
}

void put(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

std::size_t mix(std::uint32_t h) { return (h * 0x9E3779B1u) ^ (h >> 15); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: pacte_licensegen OUT.dat SPDX_LICENSE_LIST_DIR [DEBIAN_DIR]\n");
    return 2;
  }
  const std::filesystem::path spdx = argv[2];
  const std::filesystem::path debian = argc > 3 ? argv[3] : "/usr/share/common-licenses";
  const std::string json_text = slurp(spdx / "spdx-full.json");
  if (json_text.empty()) {
    std::fprintf(stderr, "pacte_licensegen: %s/spdx-full.json is missing or empty\n", spdx.c_str());
    return 1;
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception& e) {
    std::fprintf(stderr, "pacte_licensegen: %s/spdx-full.json: %s\n", spdx.c_str(), e.what());
    return 1;
  }

  std::vector<Ref> refs;
  std::set<std::vector<std::uint32_t>> seen;
  auto add = [&](Ref r) {
    if (r.grams.size() < 4 || !seen.insert(r.grams).second) return;
    refs.push_back(std::move(r));
  };
  auto add_text = [&](const std::string& id, const std::string& text) {
    Ref r;
    r.id = id;
    r.flags = (kGnu.count(id) ? 1 : 0) | (kTested.count(id) ? 4 : 0);
    auto toks = lt::tokenize(text);
    r.grams = lt::fingerprint(toks);
    lt::optional_parts(toks, r.head, r.tail);
    add(r);
    // Notices.
    Ref n;
    n.id = id;
    n.flags = r.flags & 1;
    bool found = false;
    if (id == "Apache-2.0") {
      found = notice_of(toks, {"end", "of", "terms", "and", "conditions"}, {"licensed", "under", "the", "apache"},
                        {"limitations", "under", "the", "license"}, n);
    } else if (id == "MPL-2.0") {
      found = notice_of(toks, {}, {"this", "source", "code", "form", "is", "subject"}, {"mozilla", "org", "mpl", "2", "0"}, n);
    } else if (r.flags & 1) {
      found = notice_of(toks, {"end", "of", "terms", "and", "conditions"}, {"is", "free", "software"},
                        {"any", "later", "version"}, n);
    }
    if (found) add(n);
  };

  // npm ids in a stable order; GNU licences from their -only text; no deprecated "+" or
  // "-with-...-exception" ids (exceptions are reported on their own).
  std::vector<std::string> ids;
  for (auto it = j.begin(); it != j.end(); ++it) ids.push_back(it.key());
  std::sort(ids.begin(), ids.end());
  for (const auto& key : ids) {
    const auto& v = j[key];
    if (!v.is_object() || !v.contains("licenseText") || !v["licenseText"].is_string()) continue;
    std::string id = key;
    if (id.ends_with("+") || id.find("-with-") != std::string::npos || id.ends_with("-or-later")) continue;
    // The GFDL with or without invariant sections is one text: the notice tells them apart.
    if (id.find("-invariants") != std::string::npos) continue;
    if (kGnu.count(id)) continue;  // the deprecated bare id: same text as -only
    if (id.ends_with("-only")) {
      std::string base = id.substr(0, id.size() - 5);
      if (kGnu.count(base)) id = base;
    }
    if (kNpmSkip.count(id)) continue;
    add_text(id, v["licenseText"].get<std::string>());
  }
  for (const auto& [file, id] : kDebian) {
    std::string text = slurp(debian / file);
    if (!text.empty()) add_text(id, text);
  }

  // The index: every distinct hash, with the references holding it.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  std::vector<std::uint32_t> distinct(refs.size());
  for (std::uint32_t r = 0; r < refs.size(); ++r) {
    std::vector<std::uint32_t> uniq = refs[r].grams;
    std::sort(uniq.begin(), uniq.end());
    uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
    distinct[r] = static_cast<std::uint32_t>(uniq.size());
    for (auto h : uniq) pairs.emplace_back(h, r);
  }
  std::sort(pairs.begin(), pairs.end());
  std::size_t nhash = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) nhash += (i == 0 || pairs[i].first != pairs[i - 1].first);
  std::size_t size = 16;
  while (size < nhash * 2) size <<= 1;
  struct Slot {
    std::uint32_t hash = 0, first = 0, count = 0;
  };
  std::vector<Slot> slots(size);
  std::vector<std::uint32_t> postings;
  postings.reserve(pairs.size());
  for (std::size_t i = 0; i < pairs.size();) {
    std::size_t k = i;
    while (k < pairs.size() && pairs[k].first == pairs[i].first) ++k;
    Slot s{pairs[i].first, static_cast<std::uint32_t>(postings.size()), static_cast<std::uint32_t>(k - i)};
    for (std::size_t p = i; p < k; ++p) postings.push_back(pairs[p].second);
    std::size_t at = mix(s.hash) & (size - 1);
    while (slots[at].count) at = (at + 1) & (size - 1);
    slots[at] = s;
    i = k;
  }

  // The exact matches: for every reference E, the ranking identification would compute for a
  // text whose trigrams are E's (identify.cpp, candidates()).
  constexpr double kMinContainment = 0.5;  // as in identify.cpp
  constexpr std::size_t kMaxCandidates = 8;
  struct Exact {
    std::uint64_t hash = 0;
    std::uint32_t ref = 0, first = 0;
  };
  std::vector<Exact> exact;
  std::vector<std::uint32_t> lists;
  std::size_t tied = 0;
  {
    std::vector<std::uint32_t> shared(refs.size(), 0);
    std::vector<std::uint32_t> holders;
    for (std::uint32_t e = 0; e < refs.size(); ++e) {
      std::fill(shared.begin(), shared.end(), 0);
      std::vector<std::uint32_t> uniq = refs[e].grams;
      std::sort(uniq.begin(), uniq.end());
      uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
      for (auto h : uniq) {
        auto it = std::lower_bound(pairs.begin(), pairs.end(), std::make_pair(h, std::uint32_t{0}));
        for (; it != pairs.end() && it->first == h; ++it) ++shared[it->second];
      }
      std::vector<std::pair<double, std::uint32_t>> ranked;
      for (std::uint32_t r = 0; r < refs.size(); ++r) {
        if (!shared[r]) continue;
        const double containment = static_cast<double>(shared[r]) / static_cast<double>(distinct[r]);
        if (containment >= kMinContainment) ranked.emplace_back(containment, r);
      }
      std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first > b.first;
        return distinct[a.second] > distinct[b.second];
      });
      bool tie = ranked.empty() || ranked.front().second != e;
      for (std::size_t i = 0; i + 1 < ranked.size() && i < kMaxCandidates; ++i)
        tie |= ranked[i].first == ranked[i + 1].first && distinct[ranked[i].second] == distinct[ranked[i + 1].second];
      if (tie) {
        ++tied;
        continue;
      }
      if (ranked.size() > kMaxCandidates) ranked.resize(kMaxCandidates);
      exact.push_back({lt::sequence_hash(refs[e].grams), e, static_cast<std::uint32_t>(lists.size())});
      lists.push_back(static_cast<std::uint32_t>(ranked.size()));
      for (const auto& [containment, r] : ranked) {
        std::uint32_t bound = 0;
        for (std::uint32_t a = refs[r].head; a < refs[r].tail && a < refs[r].grams.size(); ++a)
          bound += std::binary_search(uniq.begin(), uniq.end(), refs[r].grams[a]) ? 1 : 0;
        lists.push_back(r);
        lists.push_back(shared[r]);
        lists.push_back(bound);
      }
    }
    std::sort(exact.begin(), exact.end(), [](const Exact& a, const Exact& b) { return a.hash < b.hash; });
  }

  std::string out = "PLF3";
  put(out, static_cast<std::uint32_t>(refs.size()));
  std::uint32_t first_hash = 0;
  for (std::size_t r = 0; r < refs.size(); ++r) {
    const Ref& ref = refs[r];
    put(out, static_cast<std::uint32_t>(ref.id.size()));
    std::string id = ref.id;
    while (id.size() % 4) id += '\0';
    out += id;
    put(out, ref.flags);
    put(out, ref.head);
    put(out, ref.tail);
    put(out, distinct[r]);
    put(out, static_cast<std::uint32_t>(ref.grams.size()));
    put(out, first_hash);
    first_hash += static_cast<std::uint32_t>(ref.grams.size());
  }
  put(out, first_hash);
  for (const auto& ref : refs) {
    for (auto h : ref.grams) put(out, h);
  }
  put(out, static_cast<std::uint32_t>(size));
  for (const auto& s : slots) {
    put(out, s.hash);
    put(out, s.first);
    put(out, s.count);
  }
  put(out, static_cast<std::uint32_t>(postings.size()));
  for (auto p : postings) put(out, p);
  put(out, static_cast<std::uint32_t>(exact.size()));
  for (const auto& x : exact) {
    put(out, static_cast<std::uint32_t>(x.hash & 0xFFFFFFFFu));
    put(out, static_cast<std::uint32_t>(x.hash >> 32));
    put(out, x.ref);
    put(out, x.first);
  }
  put(out, static_cast<std::uint32_t>(lists.size()));
  for (auto w : lists) put(out, w);

  const std::string tmp = std::string(argv[1]) + ".tmp";
  {
    std::ofstream o(tmp, std::ios::binary);
    o << out;
    if (!o) {
      std::fprintf(stderr, "pacte_licensegen: cannot write %s\n", tmp.c_str());
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), argv[1]) != 0) return 1;
  std::printf("pacte_licensegen: %zu reference texts and notices, %zu exact matches (%zu with a tied ranking), %zu bytes\n",
              refs.size(), exact.size(), tied, out.size());
  return 0;
}
