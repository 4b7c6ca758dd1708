// The built-in signatures are stored by the build (cmake/startgen.cpp) with their pattern
// database: what a run loads must be what parsing the YAML gives, and a database this machine
// cannot load must be compiled instead.
#include <doctest/doctest.h>

#include <algorithm>

#include "checks/base/embedded.hpp"
#include "checks/trackers/matcher.hpp"
#include "checks/trackers/signatures.hpp"

#include <nlohmann/json.hpp>

using namespace pacte;

namespace {

// Every match of the set's patterns in `text`, as "pattern text@from-to", sorted.
std::vector<std::string> matches_of(const ContentMatcher& m, std::string_view text) {
  std::vector<ContentMatcher::Match> found;
  m.scan(text, found);
  std::vector<std::string> out;
  for (const auto& x : found) out.push_back(m.patterns()[x.pattern].text + "@" + std::to_string(x.from) + "-" + std::to_string(x.to));
  std::sort(out.begin(), out.end());
  return out;
}

const char* kPage =
    "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-1\"></script>\n"
    "<script>gtag('config', 'G-1'); fbq('init', '1'); _paq.push(['trackPageView']);</script>\n"
    "import com.google.android.gms.ads.MobileAds\n";

}  // namespace

TEST_CASE("the stored built-in signatures are those parsed from rules/signatures/*.yml") {
  REQUIRE_MESSAGE(!precompiled_data().signatures.empty(), "this build stored no signatures");
  const SignatureSet stored = SignatureSet::builtin();
  const SignatureSet parsed = SignatureSet::parse_builtin();
  REQUIRE(stored.signatures().size() == parsed.signatures().size());
  CHECK(stored.signatures().size() >= 150);
  for (std::size_t i = 0; i < parsed.signatures().size(); ++i) {
    const Signature& a = stored.signatures()[i];
    const Signature& b = parsed.signatures()[i];
    INFO("signature " << b.id << " from " << b.source << ":" << b.source_line);
    CHECK(a.id == b.id);
    CHECK(a.name == b.name);
    CHECK(a.vendor == b.vendor);
    CHECK(a.category == b.category);
    CHECK(a.country == b.country);
    CHECK(a.eu == b.eu);
    CHECK(a.self_hostable == b.self_hostable);
    CHECK(a.consent_exempt_possible == b.consent_exempt_possible);
    CHECK(a.source == b.source);
    CHECK(a.source_line == b.source_line);
    CHECK(a.packages == b.packages);
    CHECK(a.domains == b.domains);
    CHECK(a.snippets == b.snippets);
    CHECK(a.android_classes == b.android_classes);
    CHECK(a.android_manifest == b.android_manifest);
    CHECK(a.plist_keys == b.plist_keys);
    CHECK(a.files == b.files);
    CHECK(a.domain_regex == b.domain_regex);
    CHECK(a.snippet_regex == b.snippet_regex);
    CHECK(a.class_regex == b.class_regex);
    CHECK(a.tarteaucitron == b.tarteaucitron);
    CHECK(a.tarteaucitron_user == b.tarteaucitron_user);
  }
  // Whatever the stored form holds, it holds the same for both.
  CHECK(stored.to_msgpack() == parsed.to_msgpack());
  // The stored database has the patterns of the parsed set, in the same order, and finds the
  // same matches as a database compiled here from the YAML.
  const ContentMatcher& stored_db = stored.matcher();
  const ContentMatcher& parsed_db = parsed.matcher();
  REQUIRE(stored_db.patterns().size() == parsed_db.patterns().size());
  for (std::size_t i = 0; i < parsed_db.patterns().size(); ++i) CHECK(stored_db.patterns()[i].text == parsed_db.patterns()[i].text);
  CHECK(stored_db.loaded_from_serialized());
  const auto expected = matches_of(parsed_db, kPage);
  CHECK(expected.size() >= 4);
  CHECK(matches_of(stored_db, kPage) == expected);
}

TEST_CASE("a pattern database this machine cannot load is compiled instead, with the same matches") {
  const SignatureSet parsed = SignatureSet::parse_builtin();
  const ContentMatcher portable(parsed.signatures(), MatcherTarget::any_x86_64);
  const std::string bytes = portable.serialized();
  REQUIRE(bytes.size() > 64);
  const auto expected = matches_of(portable, kPage);
  REQUIRE(!expected.empty());

  const ContentMatcher loaded(parsed.signatures(), bytes);
  CHECK(loaded.loaded_from_serialized());
  CHECK(matches_of(loaded, kPage) == expected);

  std::string damaged = bytes;
  damaged[0] = static_cast<char>(damaged[0] ^ 0x5a);  // the magic number: refused as invalid
  const ContentMatcher from_damaged(parsed.signatures(), damaged);
  CHECK_FALSE(from_damaged.loaded_from_serialized());
  CHECK(matches_of(from_damaged, kPage) == expected);

  const ContentMatcher from_truncated(parsed.signatures(), std::string_view(bytes).substr(0, bytes.size() / 2));
  CHECK_FALSE(from_truncated.loaded_from_serialized());
  CHECK(matches_of(from_truncated, kPage) == expected);

  const ContentMatcher from_nothing(parsed.signatures(), std::string_view());
  CHECK_FALSE(from_nothing.loaded_from_serialized());
  CHECK(matches_of(from_nothing, kPage) == expected);
}

TEST_CASE("a set read back from its stored form keeps every field") {
  SignatureSet set;
  set.load_text(R"(signatures:
  - id: local-pixel
    name: Local Pixel
    vendor: Local Vendor
    category: ad-pixel
    vendor_country: FR
    self_hostable: true
    consent_exempt_possible: true
    npm: ["local-pixel", "@local/*"]
    domains: [pixel.local.example]
    snippets: ["lpx("]
    domain_regex: ["px[0-9]+\\.local\\.example"]
    tarteaucitron: [localpixel]
    tarteaucitron_user: [localpixelId]
)",
                "custom.yml");
  const SignatureSet back = SignatureSet::from_msgpack(set.to_msgpack(), std::string_view());
  REQUIRE(back.signatures().size() == 1);
  const Signature& s = back.signatures()[0];
  CHECK(s.id == "local-pixel");
  CHECK(s.vendor == "Local Vendor");
  CHECK(s.country == "FR");
  CHECK(s.eu);
  CHECK(s.self_hostable);
  CHECK(s.consent_exempt_possible);
  CHECK(s.source == "custom.yml");
  CHECK(s.source_line == 2);
  CHECK(s.packages.at("npm") == std::vector<std::string>{"local-pixel", "@local/*"});
  CHECK(s.domain_regex == std::vector<std::string>{"px[0-9]+\\.local\\.example"});
  CHECK(s.tarteaucitron == std::vector<std::string>{"localpixel"});
  CHECK(s.tarteaucitron_user == std::vector<std::string>{"localpixelId"});
  CHECK(matches_of(back.matcher(), "x px42.local.example lpx(").size() == 2);
}

TEST_CASE("a stored form that is not the one this pacte reads is refused with a message, never half read") {
  const std::string good = SignatureSet::builtin().to_msgpack();
  auto refusal = [](const std::string& bytes) {
    try {
      SignatureSet::from_msgpack(bytes, std::string_view());
    } catch (const SignatureError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  auto stored_with = [&](auto change) {
    nlohmann::json all = nlohmann::json::from_msgpack(good);
    change(all[0]);
    const std::vector<std::uint8_t> bytes = nlohmann::json::to_msgpack(all);
    return std::string(bytes.begin(), bytes.end());
  };
  // Cut short, as a damaged build folder could leave it.
  std::string cut = refusal(good.substr(0, good.size() / 2));
  CHECK(cut.find("the built-in tracker signatures: the stored form cannot be read") == 0);
  CHECK(cut.find("rebuild pacte") != std::string::npos);
  CHECK(refusal("") != "accepted");
  // A field missing, unknown, or of another type: written by another version of the build.
  CHECK(refusal(stored_with([](nlohmann::json& s) { s.erase("eu"); })).find("a signature without every field") !=
        std::string::npos);
  CHECK(refusal(stored_with([](nlohmann::json& s) {
          s["ad_network"] = true;
        })).find("unknown or repeated field 'ad_network'") != std::string::npos);
  CHECK(refusal(stored_with([](nlohmann::json& s) { s["domains"] = "one.example"; })) != "accepted");
  CHECK(refusal(stored_with([](nlohmann::json& s) { s["source_line"] = "7"; })) != "accepted");
  CHECK(refusal(stored_with([](nlohmann::json& s) { s["packages"]["npm"] = {{"x", 1}}; })) != "accepted");
  // And the untouched form is read whole.
  CHECK(SignatureSet::from_msgpack(good, std::string_view()).signatures().size() ==
        SignatureSet::builtin().signatures().size());
}
