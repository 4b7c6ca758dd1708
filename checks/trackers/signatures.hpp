// Tracker and advertising signatures: what reveals that a service uses an advertising SDK, an
// audience-measurement script, a conversion pixel, a crash reporter or a data broker.
//
// A signature is a set of facts (package names per ecosystem, script domains, code snippets,
// Android class prefixes and manifest entries, Info.plist keys) about one product, with its
// vendor and category. pacte ships its own list (`rules/signatures/*.yml`) and can load more at
// run time: pacte's YAML format or the JSON export of the Exodus Privacy tracker database.
#pragma once
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pacte {

/// The categories a signature may belong to, from the most to the least serious for the Pact.
/// "support-chat": chat and support widgets, which receive what users type and often who they
/// are.
inline constexpr std::string_view kTrackerCategories[] = {
    "ads", "ad-pixel", "data-broker", "attribution", "session-replay", "analytics", "support-chat", "crash", "social"};

/// The package ecosystems a signature may name packages in.
inline constexpr std::string_view kEcosystems[] = {"npm",   "maven", "cocoapods", "swift", "pypi", "rubygems",
                                                   "composer", "go", "pub",       "nuget"};

/// True when `category` is one of kTrackerCategories.
bool is_tracker_category(std::string_view category);

/// True when `iso` (ISO 3166-1 alpha-2, upper case) is a member of the EU or the EEA.
bool is_eu_country(std::string_view iso);

/// One product that reveals tracking or advertising.
struct Signature {
  std::string id;        // kebab-case, unique in a set: "google-admob", "exodus-105"
  std::string name;      // "Google AdMob"
  std::string vendor;    // "Google"
  std::string category;  // one of kTrackerCategories
  std::string country;   // ISO 3166-1 alpha-2 of the vendor, empty when unknown
  bool self_hostable = false;            // can run on the team's own servers (Matomo, Sentry...)
  bool eu = false;                       // the vendor is established in the EU/EEA
  bool consent_exempt_possible = false;  // can be configured for the CNIL consent exemption
  std::string source;                    // file the signature came from ("rules/signatures/...")
  int source_line = 0;                   // 1-based line of the entry in `source`, 0 for JSON

  /// Package patterns per ecosystem (keys from kEcosystems). A trailing `*` matches a prefix;
  /// see package_matches() for the rules of each ecosystem.
  std::map<std::string, std::vector<std::string>> packages;

  std::vector<std::string> domains;           // host names, optionally with a path prefix
  std::vector<std::string> snippets;          // literal code snippets ("fbq(", "_paq.push")
  std::vector<std::string> android_classes;   // Java/Kotlin package prefixes
  std::vector<std::string> android_manifest;  // AndroidManifest.xml names (meta-data, permission)
  std::vector<std::string> plist_keys;        // Info.plist keys
  std::vector<std::string> files;             // special files by name ("ads.txt")
  std::vector<std::string> domain_regex;      // regular expressions over host names (+path)
  std::vector<std::string> snippet_regex;     // regular expressions over code
  std::vector<std::string> class_regex;       // regular expressions over class names
  /// Service keys of the tarteaucitron consent manager that load this product: a service
  /// enables it by name (`tarteaucitron.job.push('matomotm')`), with no package, domain or
  /// snippet of the product in its own code.
  std::vector<std::string> tarteaucitron;
  /// The tarteaucitron parameters those services read (`tarteaucitron.user.matomotmUrl`).
  std::vector<std::string> tarteaucitron_user;

  /// Number of patterns of any kind.
  std::size_t pattern_count() const;
};

/// A signature file that cannot be used. The message names the file, the line where there is
/// one, the signature and the pattern at fault, and what to do.
class SignatureError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ContentMatcher;  // the compiled multi-pattern database (detect.cpp)

/// An ordered set of signatures with unique ids.
class SignatureSet {
 public:
  SignatureSet();
  ~SignatureSet();
  SignatureSet(const SignatureSet&);
  SignatureSet& operator=(const SignatureSet&);
  SignatureSet(SignatureSet&&) noexcept;
  SignatureSet& operator=(SignatureSet&&) noexcept;

  /// pacte's own signatures, compiled into the binary (every `rules/signatures/*.yml`): loaded
  /// from the form the build stored them in (precompiled_data()), with their pattern database
  /// compiled at build time; parsed from the YAML as parse_builtin() does when the build
  /// stored none (the build tool itself). Read once per process; copy it to add to it.
  static const SignatureSet& builtin();

  /// The built-in signatures parsed and validated from their embedded YAML, as load_text
  /// reads any signature file: what the build tool (cmake/startgen.cpp) stores, and what the
  /// tests compare the stored form with. Throws SignatureError naming the file, line and column.
  static SignatureSet parse_builtin();

  /// Every field of every signature, in order, as MessagePack: the form the build stores.
  std::string to_msgpack() const;

  /// The set to_msgpack() wrote, without validating it again (it was validated when the build
  /// wrote it). `serialized_database` is ContentMatcher::serialized() of the same set, or empty;
  /// the pattern database is taken from it when this machine can load it, compiled otherwise.
  static SignatureSet from_msgpack(std::string_view bytes, std::string_view serialized_database);

  /// Adds the signatures of a file on disk: pacte's YAML format, or the Exodus Privacy JSON
  /// export (`{"trackers": {"<id>": {"name", "code_signature", "network_signature", ...}}}`),
  /// told apart by content. Throws SignatureError naming the file (and line, signature and
  /// pattern) when the file is unreadable, malformed, has an id already in the set, or has a
  /// pattern that does not compile.
  void load_file(const std::string& path);

  /// Same as load_file, from text already in memory; `name` is used in error messages.
  void load_text(std::string_view text, const std::string& name);

  const std::vector<Signature>& signatures() const { return signatures_; }

  /// The signature with `id`, or nullptr.
  const Signature* find(std::string_view id) const;

  /// The multi-pattern database over every content pattern of the set, compiled on first use.
  /// Throws SignatureError naming the signature when the database cannot be built.
  const ContentMatcher& matcher() const;

 private:
  void add(Signature sig);
  void load_yaml(std::string_view text, const std::string& name);
  void load_exodus(std::string_view text, const std::string& name);

  std::vector<Signature> signatures_;
  mutable std::shared_ptr<const ContentMatcher> matcher_;
};

/// Whether the package `name` of `ecosystem` is matched by the signature pattern `pattern`.
///   npm, rubygems, pub, composer: exact (composer case-insensitive); `prefix*` matches a prefix
///     (`@sentry/*`).
///   pypi: names normalised as in PEP 503 (case, `-`, `_`, `.`), exact or `prefix*`.
///   nuget: case-insensitive, exact or `Prefix.*`.
///   maven: `group:artifact` (artifact may end with `*`), or `group` alone for every artifact of
///     that group and of its sub-groups (`com.appsflyer` matches `com.appsflyer.sdk:x`).
///   cocoapods: the pod or one of its subspecs (`Firebase/Analytics`, `Sentry` matches
///     `Sentry/Core`).
///   go: the module path or a package below it.
///   swift: the package URL without scheme, `.git` and trailing `/`, case-insensitive; a
///     pattern ending with `/` matches every repository of an owner.
bool package_matches(std::string_view ecosystem, std::string_view pattern, std::string_view name);

/// Whether a tracker name a charter declares designates `sig`: compared on letters and digits
/// only, lower case, with the signature's name, its id and "vendor name"; equal, or one holding
/// the other when both have at least 4. The audit (declared trackers) and `pacte init
/// --update` (what to add) both ask this, so they never disagree.
bool declared_name_matches(std::string_view declared, const Signature& sig);

}  // namespace pacte
