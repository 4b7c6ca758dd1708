#include "checks/trackers/matcher.hpp"

#include <hs/hs.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>

#include <fmt/format.h>

namespace pacte {

std::uint64_t ContentMatcher::next_id() {
  static std::atomic<std::uint64_t> last{0};
  return ++last;
}

std::string_view pattern_kind_name(PatternKind kind) {
  switch (kind) {
    case PatternKind::domain: return "domain";
    case PatternKind::snippet: return "snippet";
    case PatternKind::android_class: return "android-class";
    case PatternKind::android_manifest: return "android-manifest";
    case PatternKind::plist: return "plist";
  }
  return "domain";
}

std::string hs_expression_for(const std::string& text, bool regex) {
  if (regex) return text;
  std::string out;
  out.reserve(text.size() * 2);
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  return out;
}

namespace {

unsigned flags_for(PatternKind kind, bool regex) {
  unsigned flags = 0;
  if (kind == PatternKind::domain) flags |= HS_FLAG_CASELESS;
  // Literals know their start (end - length): only regular expressions pay for start of match.
  if (regex) flags |= HS_FLAG_SOM_LEFTMOST;
  return flags;
}

// One scratch space per thread, grown for each matcher the thread scans with. hs_alloc_scratch
// checks the database (a CRC of all its bytes) on every call: a twentieth of an audit's CPU on
// template trees when it ran once per file, so the holder remembers which matchers it fits.
struct ScratchHolder {
  hs_scratch_t* scratch = nullptr;
  std::vector<std::uint64_t> sized_for;  // ContentMatcher ids, never reused
  ~ScratchHolder() {
    if (scratch) hs_free_scratch(scratch);
  }
};

struct ScanContext {
  std::vector<ContentMatcher::Match>* out;
};

int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int, void* ctx) {
  auto* c = static_cast<ScanContext*>(ctx);
  c->out->push_back({id, static_cast<std::size_t>(from), static_cast<std::size_t>(to)});
  return 0;
}

}  // namespace

std::string check_pattern(const std::string& text, PatternKind kind, bool regex) {
  if (text.empty()) return "empty pattern";
  std::string expr = hs_expression_for(text, regex);
  hs_expr_info_t* info = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_expression_info(expr.c_str(), flags_for(kind, regex), &info, &err) != HS_SUCCESS) {
    std::string msg = err && err->message ? err->message : "does not compile";
    hs_free_compile_error(err);
    return msg;
  }
  std::string msg;
  if (info->min_width == 0) msg = "matches the empty string";
  std::free(info);
  return msg;
}

void ContentMatcher::collect_patterns(const std::vector<Signature>& sigs) {
  auto add = [&](std::uint32_t sig, PatternKind kind, bool regex, const std::vector<std::string>& list) {
    for (const auto& p : list) patterns_.push_back({sig, kind, regex, p});
  };
  for (std::uint32_t i = 0; i < sigs.size(); ++i) {
    const Signature& s = sigs[i];
    add(i, PatternKind::domain, false, s.domains);
    add(i, PatternKind::snippet, false, s.snippets);
    add(i, PatternKind::android_class, false, s.android_classes);
    add(i, PatternKind::android_manifest, false, s.android_manifest);
    add(i, PatternKind::plist, false, s.plist_keys);
    add(i, PatternKind::domain, true, s.domain_regex);
    add(i, PatternKind::snippet, true, s.snippet_regex);
    add(i, PatternKind::android_class, true, s.class_regex);
  }
}

ContentMatcher::ContentMatcher(const std::vector<Signature>& sigs, MatcherTarget target) {
  collect_patterns(sigs);
  compile(sigs, target);
}

ContentMatcher::ContentMatcher(const std::vector<Signature>& sigs, std::string_view serialized) {
  collect_patterns(sigs);
  if (patterns_.empty()) return;
  // A database serialised by another vectorscan version or for CPU features this machine lacks
  // is refused here (HS_DB_VERSION_ERROR, HS_DB_PLATFORM_ERROR, HS_INVALID): compiled instead.
  hs_database_t* db = nullptr;
  if (!serialized.empty() &&
      hs_deserialize_database(serialized.data(), serialized.size(), &db) == HS_SUCCESS) {
    db_ = db;
    loaded_from_serialized_ = true;
    return;
  }
  compile(sigs, MatcherTarget::host);
}

void ContentMatcher::compile(const std::vector<Signature>& sigs, MatcherTarget target) {
  if (patterns_.empty()) return;
  std::vector<std::string> exprs;
  std::vector<const char*> cexprs;
  std::vector<unsigned> flags, ids;
  exprs.reserve(patterns_.size());
  for (std::uint32_t i = 0; i < patterns_.size(); ++i) {
    exprs.push_back(hs_expression_for(patterns_[i].text, patterns_[i].regex));
    flags.push_back(flags_for(patterns_[i].kind, patterns_[i].regex));
    ids.push_back(i);
  }
  for (const auto& e : exprs) cexprs.push_back(e.c_str());
  // Generic tuning and no optional CPU feature (AVX2, AVX-512...): what any x86-64 machine
  // that vectorscan supports can load.
  hs_platform_info_t portable{};
  portable.tune = HS_TUNE_FAMILY_GENERIC;
  portable.cpu_features = 0;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(cexprs.data(), flags.data(), ids.data(), static_cast<unsigned>(cexprs.size()),
                       HS_MODE_BLOCK, target == MatcherTarget::any_x86_64 ? &portable : nullptr, &db_,
                       &err) != HS_SUCCESS) {
    std::string msg = err && err->message ? err->message : "unknown error";
    int at = err ? err->expression : -1;
    hs_free_compile_error(err);
    db_ = nullptr;
    if (at >= 0 && static_cast<std::size_t>(at) < patterns_.size()) {
      const PatternInfo& p = patterns_[static_cast<std::size_t>(at)];
      const Signature& s = sigs[p.signature];
      throw SignatureError(fmt::format("{}:{}: signature '{}' ({}): {} pattern '{}' does not compile: {}; fix or "
                                       "remove the pattern",
                                       s.source, s.source_line, s.id, s.name, pattern_kind_name(p.kind), p.text, msg));
    }
    throw SignatureError(fmt::format("the tracker signature database cannot be compiled: {}", msg));
  }
}

std::string ContentMatcher::serialized() const {
  if (!db_) return {};
  char* bytes = nullptr;
  std::size_t length = 0;
  if (hs_serialize_database(db_, &bytes, &length) != HS_SUCCESS)
    throw SignatureError("the tracker signature database cannot be serialised");
  std::string out(bytes, length);
  std::free(bytes);
  return out;
}

ContentMatcher::~ContentMatcher() {
  if (db_) hs_free_database(db_);
}

void ContentMatcher::scan(std::string_view data, std::vector<Match>& out) const {
  if (!db_ || data.empty()) return;
  thread_local ScratchHolder holder;
  if (std::find(holder.sized_for.begin(), holder.sized_for.end(), id_) == holder.sized_for.end()) {
    if (hs_alloc_scratch(db_, &holder.scratch) != HS_SUCCESS)
      throw std::runtime_error("vectorscan: cannot allocate scratch space");
    holder.sized_for.push_back(id_);
  }
  ScanContext ctx{&out};
  hs_scan(db_, data.data(), static_cast<unsigned>(data.size()), 0, holder.scratch, on_match, &ctx);
}

}  // namespace pacte
